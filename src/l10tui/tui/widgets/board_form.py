"""A small form dialog for the between-meetings screens (edit an issue, define a measurable, add a person...).

``FormDialog(title, fields)`` is a modal screen that returns ``{key: text}`` on ``ctrl+s`` / enter, or ``None`` on
escape. A field with ``choices`` is a Select (its value is the choice's value); any other is a one-line Input.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from l10tui.domain.text import safe_text

from ..keymap import with_ids
from ..safe import plain, plain_lines


@dataclass
class FormField:
    key: str
    label: str
    value: str = ""
    choices: Sequence[tuple[str, str]] | None = None  # (label, value)
    placeholder: str = ""
    allow_blank: bool = False
    hint: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def refilled(fields: Sequence[FormField], values: dict[str, str]) -> list[FormField]:
    """The same fields holding what was typed (to show a refused form again without losing anything)."""
    return [dataclasses.replace(f, value=values.get(f.key, f.value)) for f in fields]


class FormDialog(ModalScreen[dict[str, str] | None]):
    """A titled form; ``ctrl+s`` (or enter in a text box) saves, ``escape`` cancels."""

    DEFAULT_CSS = """
    FormDialog { align: center middle; background: $background 60%; }
    FormDialog > #form-box {
        width: 90%; max-width: 84; height: auto; max-height: 95%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    FormDialog #form-title { text-style: bold; margin-bottom: 1; }
    FormDialog .form-label { margin-top: 0; color: $text-muted; }
    FormDialog .form-hint { color: $text-muted; }
    FormDialog #form-fields { height: auto; max-height: 30; }
    FormDialog #form-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    FormDialog #form-buttons Button { margin-left: 1; }
    """

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = with_ids(
        "form",
        [
            Binding("escape", "cancel", "Cancel"),
            Binding("ctrl+s", "submit", "Save"),
        ],
    )

    def __init__(self, title: str, fields: Sequence[FormField], *, submit_label: str = "Save", note: str = "") -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.submit_label = submit_label
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(plain(self.form_title), id="form-title")
            if self.note:
                yield Static(plain_lines(self.note), classes="form-hint", id="form-note")
            with VerticalScroll(id="form-fields"):
                for f in self.fields:
                    yield Label(plain(f.label), classes="form-label")
                    if f.choices is not None:
                        values = [v for _, v in f.choices]
                        initial: str | object = f.value if f.value in values else Select.NULL
                        if initial is Select.NULL and not f.allow_blank and values:
                            initial = values[0]
                        yield Select(
                            [(plain(label), value) for label, value in f.choices],
                            value=initial,
                            allow_blank=f.allow_blank or not values,
                            id=f"f-{f.key}",
                            compact=True,
                        )
                    else:
                        yield Input(value=safe_text(f.value), placeholder=f.placeholder, id=f"f-{f.key}", compact=True)
                    if f.hint:
                        yield Static(plain_lines(f.hint), classes="form-hint")
            with Horizontal(id="form-buttons"):
                yield Button("Cancel (esc)", id="form-cancel")
                yield Button(f"{self.submit_label} (ctrl+s)", id="form-save", variant="primary")

    def on_mount(self) -> None:
        if self.fields:
            self.query_one(f"#f-{self.fields[0].key}").focus()

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for f in self.fields:
            if f.choices is not None:
                value = self.query_one(f"#f-{f.key}", Select).value
                out[f.key] = "" if value is Select.NULL else str(value)
            else:
                out[f.key] = self.query_one(f"#f-{f.key}", Input).value
        return out

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.action_submit()
        else:
            self.action_cancel()

    def action_submit(self) -> None:
        self.dismiss(self.values())

    def action_cancel(self) -> None:
        self.dismiss(None)
