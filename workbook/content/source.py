"""YAML text -> plain data, and a map of where every part of it is written.

PyYAML's safe loader only. libyaml (when present) scans and parses; composing,
the walk over the nodes and constructing stay in Python, so the limits below are
checked while reading, before anything large is built:
- nesting deeper than MAX_DEPTH;
- more than MAX_NODES values, counted as if every `*alias` were expanded (a
  "billion laughs" file is refused after a few thousand steps of counting);
- tags other than plain text, numbers, true/false, null, lists and mappings.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from workbook.content.problem import shown

MAX_DEPTH = 40
MAX_NODES = 20_000

PathTuple = tuple[str | int, ...]

_TOO_DEEP = f"this is nested more than {MAX_DEPTH} levels deep; an exercise never needs that"


def field_name(path: Iterable[str | int]) -> str | None:
    """("steps", 2, "max") -> "steps[2].max"; the empty path -> None."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or None


class SourceMap:
    """Where each part of one file is written: a path tuple -> its 1-based line.

    A field's line is the line of its key (for `steps: [...]` that is the `steps:`
    line); a list item's line is where the item starts. Everything brought in by a
    `*alias` (or `<<: *alias`) is placed at the alias: that is where it became part
    of this step, and the same anchor may be used in several places.
    """

    def __init__(self) -> None:
        self.lines: dict[PathTuple, int] = {}
        self.scalars: dict[PathTuple, ScalarNode] = {}

    def line(self, path: Iterable[str | int]) -> int | None:
        """The line of `path`, or of the nearest enclosing part that has one."""
        key = tuple(path)
        while True:
            if key in self.lines:
                return self.lines[key]
            if not key:
                return None
            key = key[:-1]

    def raw(self, path: PathTuple) -> str | None:
        """The text of a plain scalar exactly as written (`Yes` stays "Yes", not True)."""
        node = self.scalars.get(path)
        return node.value if node is not None else None


class YamlStop(Exception):
    """A problem that ends reading the file at once."""

    def __init__(self, line: int | None, message: str, path: PathTuple = ()) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.path = path


def _line(node_or_mark: Any) -> int:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return mark.line + 1


class _Guards:
    """Depth and size limits while composing, and a note of where each `*alias` is written
    (so a field that comes from an alias is reported at the alias)."""

    def _init_guards(self) -> None:
        self._depth = 0
        self._composed = 0
        self.alias_lines: dict[tuple[int, Any], int] = {}

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        self._composed += 1
        if self._composed > MAX_NODES:
            raise YamlStop(_line(event), f"this file holds more than {MAX_NODES:,} values; "
                        "an exercise never needs that many")
        if isinstance(event, yaml.AliasEvent):
            self.alias_lines[_child_key(parent, index)] = _line(event)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlStop(_line(event), _TOO_DEEP)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict:
        # `3:`, `yes:` or `~:` is still a field name, as written: msgspec would only say
        # "Expected `str` - at `key`", and the line would be lost. The pair list is replaced,
        # not the key node, which an anchor may share with a value elsewhere.
        self.flatten_mapping(node)  # brings in `<<:` fields first, so theirs are seen too
        node.value = [(_as_text(key), value) for key, value in node.value]
        return super().construct_mapping(node, deep)

    def fetch_flow_collection_start(self, TokenClass: type) -> None:
        # Only the pure-Python scanner calls this. It looks ahead up to 1,024 characters
        # of `[[[[`, which costs far more than refusing at the forty-first.
        if self.flow_level >= MAX_DEPTH:
            raise YamlStop(self.get_mark().line + 1, _TOO_DEEP)
        super().fetch_flow_collection_start(TokenClass)


class PythonLoader(_Guards, yaml.SafeLoader):
    """PyYAML's own safe loader, with the guards."""

    BYTE_POSITIONS = False  # ReaderError.position counts characters

    def __init__(self, text: str) -> None:
        yaml.SafeLoader.__init__(self, text)
        self._init_guards()


PythonLoader.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)

if yaml.__with_libyaml__:
    from yaml.cyaml import CParser

    class LibyamlLoader(_Guards, Composer, CParser, SafeConstructor, Resolver):
        """libyaml scans and parses (the same events as PyYAML's own parser, many times
        faster); composing and constructing stay in Python, with the guards above."""

        BYTE_POSITIONS = True  # ReaderError.position counts UTF-8 bytes

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self._init_guards()

    LibyamlLoader.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)
    LOADERS: tuple[type, ...] = (LibyamlLoader, PythonLoader)
else:  # PyYAML built without libyaml
    LOADERS = (PythonLoader,)

# Dates stay text in both (no field is a date). read_yaml uses the first; tests try each.
_Loader = LOADERS[0]


def _child_key(parent: Node | None, index: Any) -> tuple[int, Any]:
    return (id(parent), index if isinstance(index, int) or index is None else ("key", id(index)))


_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}
_MERGE_TAG = _STD + "merge"
_SURROGATE = re.compile("[\ud800-\udfff]")
_WORD_TAGS = {_STD + name for name in ("int", "float", "bool", "null")}


def _as_text(key: Node) -> Node:
    if isinstance(key, ScalarNode) and key.tag in _WORD_TAGS:
        return ScalarNode(_STD + "str", key.value, key.start_mark, key.end_mark, key.style)
    return key


def _show_tag(tag: str) -> str:
    return shown("!!" + tag[len(_STD):] if tag.startswith(_STD) else tag, 60)


class _Walker:
    """Walks the composed nodes as if every alias were expanded, without building anything.

    Counting stops at MAX_NODES and MAX_DEPTH, so a "billion laughs" file is refused
    after a few thousand steps instead of being expanded.
    """

    def __init__(self, loader: _Guards, source: SourceMap) -> None:
        self.alias_lines = loader.alias_lines
        self.source = source
        self.count = 0
        self.duplicates: list[tuple[int, PathTuple, str]] = []
        self.merging: set[int] = set()  # the mappings whose `<<:` is being followed

    def walk(self, node: Node, path: PathTuple, depth: int, alias: tuple[int, PathTuple] | None) -> None:
        """`alias` is the outermost `*alias` this node was reached through: problems point there."""
        self.count += 1
        line, where = alias or (_line(node), path)
        if self.count > MAX_NODES:
            raise YamlStop(line, f"this expands to more than {MAX_NODES:,} values (through & anchors and "
                           "* aliases); an exercise never needs that many", where)
        if depth > MAX_DEPTH:
            raise YamlStop(line, _TOO_DEEP, where)
        if node.tag not in _ALLOWED_TAGS:
            raise YamlStop(_line(node), f"the tag {_show_tag(node.tag)} is not allowed here; an exercise file "
                           "holds only text, numbers, true/false, lists and `key: value` fields", path)
        if isinstance(node, ScalarNode):
            # libyaml refuses "\ud800"; PyYAML's own parser keeps half a character, which
            # later breaks printing and saving ("surrogates not allowed").
            if node.style == '"' and _SURROGATE.search(node.value):
                raise YamlStop(_line(node), "this text holds an escape such as \\ud800 that is only half of a "
                               "character; write the character itself", path)
            self.source.scalars.setdefault(path, node)
        elif isinstance(node, SequenceNode):
            for index, child in enumerate(node.value):
                child_path = path + (index,)
                child_alias = self.alias_lines.get(_child_key(node, index))
                inner = alias or _alias(child_alias, child_path)
                self.source.lines.setdefault(child_path, inner[0] if inner else _line(child))
                self.walk(child, child_path, depth + 1, inner)
        elif isinstance(node, MappingNode):
            self._pairs(node, path, depth, alias, explicit=True)

    def _pairs(
        self, node: MappingNode, path: PathTuple, depth: int, alias: tuple[int, PathTuple] | None, explicit: bool
    ) -> None:
        seen: set[str] = set()
        merges: list[tuple[Node, tuple[int, PathTuple] | None]] = []
        for key, value in node.value:
            self.count += 1
            if key.tag == _MERGE_TAG:
                merges.append((value, alias or _alias(self.alias_lines.get(_child_key(node, key)), path)))
                continue
            if not isinstance(key, ScalarNode) or key.tag not in _ALLOWED_TAGS:
                raise YamlStop(_line(key), "a field name must be a plain word such as `prompt`", path)
            name = key.value
            child_path = path + (name,)
            if explicit and name in seen:
                self.duplicates.append((_line(key), child_path, shown(name)))
            seen.add(name)
            child_alias = self.alias_lines.get(_child_key(node, key))
            inner = alias or _alias(child_alias, child_path)
            # setdefault: a field written out beats one brought in by `<<:`, as in YAML.
            self.source.lines.setdefault(child_path, alias[0] if alias else _line(key))
            self.walk(value, child_path, depth + 1, inner)
        for merged, merged_alias in merges:
            parts = merged.value if isinstance(merged, SequenceNode) else [merged]
            for index, part in enumerate(parts):
                if not isinstance(part, MappingNode):
                    raise YamlStop(_line(part), "`<<:` can only bring in `key: value` fields", path)
                part_alias = merged_alias
                if part_alias is None and isinstance(merged, SequenceNode):
                    part_alias = _alias(self.alias_lines.get(_child_key(merged, index)), path)
                # `base: &a {<<: *a}` would bring itself in forever: Python's recursion limit
                # came first, and the problem had no line.
                if id(part) in self.merging or part is node:
                    line = part_alias[0] if part_alias else _line(merged)
                    raise YamlStop(line, "this `<<:` brings in the fields it is part of (through its own "
                                   "& anchor); remove it", path)
                self.merging.add(id(node))
                try:
                    self._pairs(part, path, depth, part_alias, explicit=False)
                finally:
                    self.merging.discard(id(node))


def _alias(line: int | None, path: PathTuple) -> tuple[int, PathTuple] | None:
    return (line, path) if line is not None else None


# YAML 1.1 also ends a line at NEL, U+2028 and U+2029; editors and `grep -n` do not. Text
# pasted from a web page may hold U+2028, and every line after it was reported one too far.
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")
_YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_EDITOR_BREAKS = re.compile("\r\n?|\n")


def read_yaml(text: str, source: SourceMap) -> tuple[Any, int] | None:
    """(data, line of the top level) for one YAML document, filling in `source`; None if
    the text holds no document. A file that cannot be read raises YamlStop.

    Lines are counted as an editor counts them (see _ODD_BREAKS), and never run past the
    last line: PyYAML places "end of stream" and an empty last value on the line after it."""
    odd = _ODD_BREAKS.search(text) is not None
    to_editor = _editor_lines(text) if odd else (lambda line: line)
    last = max(1, len(_EDITOR_BREAKS.findall(text)) + (not text.endswith(("\n", "\r"))))

    def fix(line: int | None) -> int | None:
        return None if line is None else min(to_editor(line), last)

    try:
        document = _read_yaml(text, source)
    except YamlStop as stop:
        stop.line = fix(stop.line)
        raise
    if odd:
        source.lines = {where: to_editor(line) for where, line in source.lines.items()}
    return (document[0], fix(document[1])) if document else None


def _editor_lines(text: str) -> Callable[[int | None], int | None]:
    """A YAML line number (which counts every YAML line break) -> the line an editor shows."""
    real_before = [0]  # real_before[k]: how many of the first k YAML breaks an editor sees too
    for match in _YAML_BREAKS.finditer(text):
        real_before.append(real_before[-1] + (match.group() not in ("\x85", "\u2028", "\u2029")))

    def to_editor(line: int | None) -> int | None:
        if line is None:
            return None
        return real_before[min(line - 1, len(real_before) - 1)] + 1

    return to_editor


def _read_yaml(text: str, source: SourceMap) -> tuple[Any, int] | None:
    loader_class = _Loader
    loader = None
    try:
        loader = loader_class(text)
        loader.get_event()  # the start of the stream
        if loader.check_event(yaml.StreamEndEvent):
            return None
        root = loader.compose_document()
        if not loader.check_event(yaml.StreamEndEvent):
            second = _line(loader.peek_event())
            raise YamlStop(second, "a second YAML document starts here (---); "
                           "put each exercise in a file of its own")
        source.lines[()] = _line(root)
        walker = _Walker(loader, source)
        walker.walk(root, (), 1, None)
        if walker.duplicates:
            line, where, name = walker.duplicates[0]
            raise YamlStop(line, f"`{name}` is given twice in the same place; keep one", where)
        try:
            return loader.construct_document(root), _line(root)
        except (ValueError, KeyError, TypeError, OverflowError):
            # Only an explicit tag gets here (`!!int abc`, `!!bool maybe`): find the value.
            raise _unreadable_scalar(loader, source) from None
    except yaml.reader.ReaderError as error:
        line = _reader_line(text, error.position, loader_class)
        raise YamlStop(line, f"this file contains a control character ({_character(error.character)}) "
                       "that YAML does not allow; remove it") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise YamlStop(mark.line + 1 if mark else None, _yaml_message(error)) from None
    except yaml.YAMLError as error:
        raise YamlStop(None, f"the YAML cannot be read: {str(error).splitlines()[0]}") from None
    except RecursionError:
        raise YamlStop(None, _TOO_DEEP) from None
    finally:
        if loader is not None:
            loader.dispose()


def _unreadable_scalar(loader: SafeConstructor, source: SourceMap) -> YamlStop:
    for where, node in source.scalars.items():
        try:
            loader.yaml_constructors[node.tag](loader, node)
        except (ValueError, KeyError, TypeError, OverflowError):
            if not node.style and loader.resolve(ScalarNode, node.value, (True, False)) == node.tag:
                # No tag was written: Python refuses to read a whole number of more than
                # 4,300 digits. Saying "leave out the tag" (and quoting all of it) helps nobody.
                return YamlStop(_line(node), f"this number has {len(node.value):,} digits; "
                                "nothing here needs a number that big", where)
            return YamlStop(_line(node), f"'{shown(node.value)}' cannot be read as {_show_tag(node.tag)}; "
                            "leave out the tag", where)
    return YamlStop(None, "a value in this file cannot be read; check any !!tags")


def _reader_line(text: str, position: int, loader_class: type) -> int:
    """The YAML line (as the parser counts them; read_yaml turns it into the editor's line)."""
    if loader_class.BYTE_POSITIONS:
        text = text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "replace")
    else:
        text = text[:position]
    return len(_YAML_BREAKS.findall(text)) + 1


def _character(character: str | int) -> str:
    code = ord(character) if isinstance(character, str) else character
    return f"U+{code:04X}"


_YAML_HINTS = (
    ("mapping values are not allowed", "text that holds ': ' needs quotes around it"),
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("tab character", "indent with spaces, not tabs"),
    ("cannot start any token", "a tab used to indent, or text starting with @ or `; indent with spaces and put "
     "such text in quotes"),
    ("could not find expected ':'", "a line may be missing its ':' or be indented differently from its neighbours"),
    ("found undefined alias", "every *name needs an &name written before it"),
    ("did not find expected key", "a line is indented differently from its neighbours"),
    ("did not find expected '-' indicator", "a line is indented differently from the list items around it"),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
)


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or error.context or "this is not valid YAML"
    if problem == "second occurrence" and error.context:  # a duplicate &anchor
        problem = error.context.replace("; first occurrence", "")
    problem = shown(problem, 200)  # PyYAML quotes the file: `found undefined alias '<100,000 characters>'`
    message = f"the YAML cannot be read here: {problem}"
    for needle, hint in _YAML_HINTS:
        if needle in str(error.problem or "") or needle in str(error.context or ""):
            return f"{message} ({hint})"
    return message
