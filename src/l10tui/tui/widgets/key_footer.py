"""``KeyFooter``: Textual's footer, wrapped between keys onto more lines when a screen's keys do not fit on one.

At 120 columns the footer was cut mid-word ("a Sal▏^p palette"): the meeting's Rocks segment binds 229 columns of
keys, the issues board 209. From ``WRAP_FROM`` columns on, a footer that does not fit takes as many lines as it needs,
breaking only between two keys, so every key and its words are read whole. When the keys fit on one line it is the
stock footer, unchanged. Below ``WRAP_FROM`` (80x24) rows are scarce: it stays one line, and the meeting's segments
show their keys on a compact key line of their own.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

WRAP_FROM = 100  # columns


class KeyFooter(Footer):
    DEFAULT_CSS = """
    KeyFooter.-rows { layout: vertical; }
    KeyFooter.-rows > HorizontalGroup.footer-row { height: 1; width: 1fr; }
    KeyFooter.-rows FooterKey.-command-palette { dock: none; border-left: none; padding-right: 0; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._packed_for = 0  # the width the keys were laid out for

    def _keys(self) -> list[tuple[Any, bool, str, str]]:
        """(binding, enabled, tooltip, classes) in the stock footer's order, the command palette's key last."""
        active = self.screen.active_bindings
        keys = [(b, enabled, tip, "") for (_, b, enabled, tip) in active.values() if b.show]
        seen: set[str] = set()
        unique = []
        for key in keys:  # one entry per action, as the stock footer shows it
            if key[0].action not in seen:
                seen.add(key[0].action)
                unique.append(key)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = active.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _node, b, enabled, _tip = palette
                unique.append((b, enabled, b.tooltip or b.description, "-command-palette"))
        return unique

    def _width_of(self, binding: Any) -> int:
        """Cells a key takes in the footer: `` key `` then ``description ``."""
        return cell_len(self.app.get_key_display(binding)) + cell_len(binding.description) + 3

    @staticmethod
    def pack(sizes: list[int], width: int) -> list[list[int]]:
        """Indexes of the keys on each line: greedy, a line break only between two keys."""
        rows: list[list[int]] = [[]]
        used = 0
        for index, size in enumerate(sizes):
            if rows[-1] and used + size > width:
                rows.append([])
                used = 0
            rows[-1].append(index)
            used += size
        return rows

    def compose(self) -> ComposeResult:
        width = self.app.size.width
        self._packed_for = width
        if not self._bindings_ready:
            return
        keys = self._keys()
        sizes = [self._width_of(b) + (2 if classes else 0) for b, _e, _t, classes in keys]
        if width < WRAP_FROM or sum(sizes) <= width:
            self.remove_class("-rows")
            self.styles.height = None
            yield from super().compose()
            return
        rows = self.pack(sizes, width)
        self.add_class("-rows")
        self.styles.height = len(rows)
        for row in rows:
            with HorizontalGroup(classes="footer-row"):
                for index in row:
                    binding, enabled, tooltip, classes = keys[index]
                    yield FooterKey(
                        binding.key,
                        self.app.get_key_display(binding),
                        binding.description,
                        binding.action,
                        disabled=not enabled,
                        tooltip=tooltip,
                        classes=classes,
                    ).data_bind(compact=Footer.compact)

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready and self.app.size.width != self._packed_for:
            self.call_after_refresh(self.recompose)
