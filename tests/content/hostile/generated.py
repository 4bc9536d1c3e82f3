"""Hostile exercise files that are too big, binary or fragile to keep in the repository
(an editor or a git setting would "fix" a BOM, a NUL or a lone CR). Written under a tmp
folder by the tests; each comes with the problems the loader must report, in the same
(line, field, words) shape as the `# expect:` lines of the committed files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HEAD = "id: {id}\ntitle: Sample\ncategory: grounding\nsummary: A sample exercise.\nminutes: 5\nsteps:\n"
OK_STEP = "  - {id: ok, type: text, prompt: Hi}\n"
BAD_STEP = "  - {id: bad, type: scale, prompt: Hi, max: ten}\n"
WHOLE_NUMBER = "should be a whole number, not the text 'ten'"

Expected = tuple[tuple[int, str, str], ...]


@dataclass(frozen=True)
class Generated:
    name: str  # the file name, suffix included
    data: bytes
    expect: Expected

    def write(self, folder: Path) -> Path:
        path = folder / self.name
        path.write_bytes(self.data)
        return path


def head(ident: str) -> str:
    return HEAD.format(id=ident)


def _text(name: str, text: str, *expect: tuple[int, str, str]) -> Generated:
    return Generated(f"{name}.yaml", text.encode("utf-8"), expect)


def billion_laughs() -> str:
    """The classic: nine levels of ten aliases each, a billion strings if expanded."""
    lines = ['lol0: &lol0 "lol"']
    for level in range(1, 10):
        refs = ", ".join([f"*lol{level - 1}"] * 10)
        lines.append(f"lol{level}: &lol{level} [{refs}]")
    return "\n".join(lines) + "\n"


def exercise_files() -> list[Generated]:
    under_a_megabyte = 9_900  # comment lines of 100 bytes
    return [
        Generated("empty.yaml", b"", ((1, "-", "the file is empty"),)),
        Generated("only-whitespace.yaml", b"  \n\t\n   \n", ((1, "-", "the file is empty"),)),
        Generated("only-a-bom.yaml", b"\xef\xbb\xbf", ((1, "-", "the file is empty"),)),
        Generated("bom-then-a-broken-step.yaml", b"\xef\xbb\xbf" + (head("bom") + BAD_STEP).encode(),
                  ((7, "steps[0].max", WHOLE_NUMBER),)),
        Generated("utf-16-with-bom.yaml", (head("utf16") + OK_STEP).encode("utf-16"),
                  ((1, "-", "this is not UTF-8 text (byte 0xff); save the file as UTF-8"),)),
        Generated("latin-1-accent.yaml",
                  head("latin").replace("A sample", "Un café").encode("latin-1") + OK_STEP.encode(),
                  ((4, "-", "this is not UTF-8 text (byte 0xe9)"),)),
        Generated("stray-continuation-byte.yaml",
                  (head("stray") + OK_STEP).encode() + b"  - {id: b, type: text, prompt: \x80}\n",
                  ((8, "-", "this is not UTF-8 text (byte 0x80)"),)),
        _text("nul-byte", head("nul") + OK_STEP + "  - {id: b, type: text, prompt: a\x00b}\n",
              (8, "-", "a control character (U+0000) that YAML does not allow")),
        _text("terminal-escape-sequence", head("esc") + OK_STEP + "  - {id: b, type: text, prompt: \x1b[31mred}\n",
              (8, "-", "a control character (U+001B)")),
        _text("bell-character", head("bell") + OK_STEP + "  - {id: b, type: text, prompt: ding\x07}\n",
              (8, "-", "a control character (U+0007)")),
        _text("line-separator-before-error", head("ls") + "  - {id: a, type: text, prompt: one\u2028two}\n" + BAD_STEP,
              (8, "steps[1].max", WHOLE_NUMBER)),
        _text("next-line-character-before-error",
              head("nel") + "  - {id: a, type: text, prompt: one\x85two}\n" + BAD_STEP,
              (8, "steps[1].max", WHOLE_NUMBER)),
        # After U+2029 YAML sees `more` as a line of its own (an editor does not): a key
        # without its `:`, found where the next line starts.
        _text("paragraph-separator-in-a-comment", head("ps") + "# note\u2029more\n" + BAD_STEP,
              (8, "-", "could not find expected ':'")),
        _text("windows-line-endings", (head("crlf") + OK_STEP + BAD_STEP).replace("\n", "\r\n"),
              (8, "steps[1].max", WHOLE_NUMBER)),
        _text("old-mac-line-endings", (head("cr") + OK_STEP + BAD_STEP).replace("\n", "\r"),
              (8, "steps[1].max", WHOLE_NUMBER)),
        _text("bad-unicode-escape", head("surrogate") + '  - {id: a, type: text, prompt: "\\ud800"}\n',
              (7, "-", "found invalid Unicode character escape code")),
        _text("over-a-megabyte", head("huge") + OK_STEP + ("#" + "x" * 98 + "\n") * 10_100,
              (1, "-", "this file is larger than 1 MB")),
        _text("almost-a-megabyte-then-an-error",
              head("near") + OK_STEP + ("#" + "x" * 98 + "\n") * under_a_megabyte + BAD_STEP,
              (8 + under_a_megabyte, "steps[1].max", WHOLE_NUMBER)),
        _text("one-line-of-900-kb", head("wide") + "  - {id: a, type: text, prompt: '" + "x" * 900_000 + "'}\n",
              (7, "steps[0].prompt", "is too long: at most 2,000 characters")),
        _text("help-of-20001-characters",
              head("long-help") + "  - id: a\n    type: text\n    prompt: Hi\n    help: " + "h" * 20_001 + "\n",
              (10, "steps[0].help", "is too long: at most 20,000 characters")),
        _text("number-of-900000-digits", head("digits").replace("minutes: 5", "minutes: " + "9" * 900_000) + OK_STEP,
              (5, "minutes", "this number has 900,000 digits")),
        _text("key-of-100000-characters",  # `? key` has no 1,024-character limit
              head("long-key") + OK_STEP + "  - id: b\n    type: text\n    prompt: Hi\n    ? " + "k" * 100_000
              + "\n    : 1\n",
              (11, ("steps[1]." + "k" * 100_000)[:119] + "…", "`" + "k" * 37 + "…` is not a field of a text step")),
        _text("type-of-100000-characters", head("long-type") + "  - {id: a, prompt: Hi, type: " + "t" * 100_000 + "}\n",
              (7, "steps[0].type", "'" + "t" * 37 + "…' is not a step type")),
        _text("tag-of-100000-characters",
              head("long-tag") + "  - !" + "t" * 100_000 + " {id: a, type: text, prompt: Hi}\n",
              (7, "steps[0]", "the tag !" + "t" * 56 + "… is not allowed here")),
        _text("undefined-alias-of-100000-characters", head("long-alias") + "  - *" + "a" * 100_000 + "\n",
              (7, "-", "found undefined alias")),
        _text("billion-laughs", billion_laughs() + head("lol") + OK_STEP,
              (6, "lol5[0]", "this expands to more than 20,000 values (through & anchors and * aliases)")),
        _text("alias-fan-out-in-steps", "big: &big [" + ", ".join(["x"] * 500) + "]\n" + head("fan")
              + "".join(f"  - {{id: s{i}, type: checklist, prompt: Hi, items: *big}}\n" for i in range(60)),
              (46, "steps[38].items", "this expands to more than 20,000 values")),
        _text("10000-anchors",
              head("anchors") + "".join(f"  - &a{i} {{id: s{i}, type: text, prompt: Hi}}\n" for i in range(10_000)),
              (2862, "-", "this file holds more than 20,000 values")),
        _text("201-steps",
              head("many-steps") + "".join(f"  - {{id: s{i}, type: text, prompt: Hi}}\n" for i in range(201)),
              (6, "steps", "has room for at most 200")),
        _text("brackets-100000-deep",
              head("deep") + "  - {id: a, type: text, prompt: Hi, help: " + "[" * 100_000 + "\n",
              (7, "-", "nested more than 40 levels deep")),
        _text("indent-500-deep", head("deep-indent") + "".join("  " * i + "- \n" for i in range(1, 500)),
              (46, "-", "nested more than 40 levels deep")),
        Generated("file-name-with-a-\nnewline.yaml", (head("nl-name") + BAD_STEP).encode(),
                  ((7, "steps[0].max", WHOLE_NUMBER),)),
        Generated("file-name-\u202eright-to-left.yaml", (head("rlo-name") + BAD_STEP).encode(),
                  ((7, "steps[0].max", WHOLE_NUMBER),)),
    ]
