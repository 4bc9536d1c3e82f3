"""The key hints along the bottom of every screen.

Textual's Footer builds its keys again each time the bindings are updated (a screen push
updates them several times), and each key it builds adds and then removes its compact
class, which restyles it twice. On a busy machine that was most of what opening a screen
cost. This footer builds its keys only when what it shows has changed, and its keys start
out in the style they keep. It looks and works the same: same CSS, same clicks.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[tuple[Binding, bool, str], ...]
FIRST = {"help": 0, "crisis": 1, "grounding": 2}  # actions shown before all others, in this order


class Key(FooterKey):
    """One key hint, never compact (ours never is), so mounting it restyles nothing."""

    compact = reactive(False)


class KeyFooter(Footer):
    """The footer every workbook screen uses."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: Shown | None = None

    def _wanted(self, screen: Screen) -> Shown:
        shown = [
            (binding, enabled, tooltip)
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        ]
        # Help and crisis help first, so they are the last to be cut off on a narrow terminal.
        return tuple(sorted(shown, key=lambda item: FIRST.get(item[0].action, len(FIRST))))

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        app = self.app
        self._shown = self._wanted(self.screen)
        seen_actions: set[str] = set()
        palette = app.COMMAND_PALETTE_BINDING if self.show_command_palette and app.ENABLE_COMMAND_PALETTE else None
        for binding, enabled, tooltip in self._shown:
            if binding.action in seen_actions:  # one hint per action, the first key bound to it
                continue
            seen_actions.add(binding.action)
            yield Key(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            )
        if palette is not None and palette in self.screen.active_bindings:
            _node, binding, enabled, tooltip = self.screen.active_bindings[palette]
            yield Key(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=binding.tooltip or binding.description,
            )

    def bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            wanted = self._wanted(screen)
            if wanted == self._shown:
                return  # the same keys as shown, or as already on their way: nothing to build
            self._shown = wanted
        super().bindings_changed(screen)
