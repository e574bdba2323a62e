"""A yes/no question."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from ...safe import plain
from .base import Dialog


class ConfirmDialog(Dialog[bool]):
    """A yes/no question; ``y`` / ``n`` answer too. Dismisses with True or False (escape = False)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "yes", "Yes", id="confirm.yes"),
        Binding("n", "no", "No", id="confirm.no"),
        Binding("escape", "no", "No", show=False, id="confirm.escape"),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(question)
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog-box"):
            yield Static(plain(self.title_text), id="dialog-title")
            with Horizontal(id="dialog-buttons"):
                yield Button(f"{self.no} (n)", id="dialog-cancel")
                yield Button(f"{self.yes} (y)", id="dialog-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#dialog-save", Button).focus()

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)

    def action_save(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
