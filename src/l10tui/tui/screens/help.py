"""``?``: the keys of the current screen and the one-paragraph rule of what it is for."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..keymap import with_ids
from ..keys import screen_keys


def _key_label(screen: Screen[object], key: str) -> str:
    return screen.app.get_key_display(Binding(key, ""))


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = with_ids(
        "help",
        [
            Binding("escape,question_mark,q", "dismiss", "Close help"),
        ],
    )

    def __init__(self, target: Screen[object]) -> None:
        super().__init__()
        self.target = target
        self.rows: list[tuple[str, str]] = []  # (key, what it does), as shown

    def compose(self) -> ComposeResult:
        title = getattr(self.target, "TITLE_TEXT", "") or type(self.target).__name__.removesuffix("Screen")
        rule = getattr(self.target, "RULE", "")
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()
        seen: set[tuple[str, str]] = set()
        for key, active in screen_keys(self.target):
            b = active.binding
            if not b.description or (b.action, b.description) in seen or b.action.endswith("command_palette"):
                continue  # the palette gets its own line below
            seen.add((b.action, b.description))
            self.rows.append((b.key_display or _key_label(self.target, key), b.description))
        self.rows.append(("ctrl+p", "Command palette: every action by name"))
        for row in self.rows:
            keys.add_row(*row)
        with VerticalScroll(id="help-box"):
            yield Static(Text(f"Help: {title}", style="bold"), id="help-title")
            extra = getattr(self.target, "help_extra", None)  # a segment's own help (Conclude: what a 10 means)
            more = extra() if callable(extra) else None
            if more:
                yield Static(more, id="help-extra")
            if rule:
                yield Static(rule, id="help-rule")
            yield Static(keys, id="help-keys")
            yield Static("escape closes this help", id="help-close")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
