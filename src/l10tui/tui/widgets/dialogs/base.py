"""The base of every dialog: a titled box of fields with Save/Cancel, errors on one line, keys kept until a field has
the focus, and the box fitted to the terminal's height."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from l10tui.domain.dates import DateError
from l10tui.domain.rules import InputError

from ... import key_burst
from ...safe import plain, plain_lines

R = TypeVar("R")

# Dialogs sit at the bottom right and leave the screen beneath undimmed: the room keeps the top bar, the timer and
# (on a wide terminal) the agenda in view while solving or rating. The title (the issue being solved) stays above
# the fields, which scroll on their own.
DIALOG_CSS = """
{cls} { align: right bottom; background: transparent; }
{cls} > #dialog-box {
    width: 90%; max-width: 80; height: auto; max-height: 75%;
    border: thick $primary; background: $surface; padding: 0 1;
}
{cls} #dialog-fields { height: auto; max-height: 100%; }
{cls} #dialog-title { text-style: bold; padding: 0 0 1 0; height: auto; }
{cls} .field-label { padding: 0; color: $text-muted; }
{cls} #dialog-error { color: $error; height: auto; }
{cls} #dialog-buttons { height: auto; align-horizontal: right; padding-top: 1; }
{cls} #dialog-buttons Button { margin-left: 1; }
{cls} .solve-row { height: auto; }
{cls} .solve-row Input { width: 2fr; }
{cls} .solve-row Select { width: 1fr; }
{cls} .solve-row Input:last-child { width: 16; }
"""


FIELD_KEYS = {"enter": "submit", "backspace": "delete_left"}  # an Input's keys that are bindings, not typing


def _hand_to(field: Input, key: events.Key) -> None:
    """Give ``field`` a key that was kept for it, behind the ones given before: a letter types; an enter (on to the
    next field) or a backspace runs as the field's own binding would (a key posted to a field reaches no binding)."""
    if key.key in FIELD_KEYS:
        field.call_later(field.run_action, FIELD_KEYS[key.key])
    else:
        field.post_message(events.Key(key.key, key.character))


class Dialog(ModalScreen[R], Generic[R]):
    """Base: a titled box of fields with Save/Cancel; subclasses fill ``fields()`` and ``result()``."""

    TITLE_TEXT: ClassVar[str] = ""
    SAVE_LABEL: ClassVar[str] = "Save"
    AUTO_FOCUS = "Input, Select, OptionList, Button"  # the first field, not the scrolling box around them
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "save", "Save", id="dialog.save"),
    ]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.DEFAULT_CSS = DIALOG_CSS.replace("{cls}", cls.__name__)

    def __init__(self, title: str = "") -> None:
        super().__init__()
        self.title_text = title or self.TITLE_TEXT

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog-box"):
            yield Static(plain(self.title_text), id="dialog-title")
            with VerticalScroll(id="dialog-fields"):
                yield from self.fields()
            yield Static("", id="dialog-error")
            with Horizontal(id="dialog-buttons"):
                yield Button("Cancel", id="dialog-cancel")
                yield Button(self.SAVE_LABEL, id="dialog-save", variant="primary")

    def fields(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self._fit(self.app.size.height)

    _early: list[events.Key] | None = None

    def on_key(self, event: events.Key) -> None:
        """Keys that arrive before any field has the focus (a burst from tmux, a loaded machine) are kept, and
        handed to the first field once it has it, instead of being lost."""
        if self.focused is None and (event.is_printable or event.key in ("backspace", "enter")):
            event.stop()
            event.prevent_default()
            if self._early is None:
                self._early = []
            self._early.append(event)
        elif isinstance(self.focused, Input) and (
            event.is_printable or (event.key in FIELD_KEYS and key_burst.sent_to(event) is self)
        ):
            # sent here while nothing had the focus, handled after the first field got it: it types there
            event.stop()
            event.prevent_default()
            _hand_to(self.focused, event)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        early, self._early = self._early, None
        if early and isinstance(event.widget, Input):
            for key in early:
                _hand_to(event.widget, key)

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.height)

    def _fit(self, height: int) -> None:
        """The fields scroll inside what is left of the box, so the title and the buttons are always in view."""
        found = self.query("#dialog-fields")
        if not found:
            return
        box = max(8, height * 3 // 4)
        title = self.query_one("#dialog-title")
        title_rows = max(2, title.region.height or 2)
        found.first().styles.max_height = max(3, box - 2 - title_rows - 1 - 4)

    def result(self) -> R:
        raise NotImplementedError

    def error(self, text: str) -> None:
        self.query_one("#dialog-error", Static).update(plain_lines(text))

    _fault: str | None = None

    def fault(self, widget_id: str, message: str) -> InputError:
        """The error to raise from ``result()`` for a field: saving then leaves the focus on that field (enter had
        moved it on, so the correction landed in the next box)."""
        self._fault = widget_id
        return InputError(message)

    def action_cancel(self) -> None:
        self.dismiss(None)

    _save_waits = 0

    def action_save(self) -> None:
        if any(s.expanded for s in self.query(Select)) and self._save_waits < 20:
            # enter then ctrl+s in one burst: the pick in the open drop-down is still on its way to its Select
            self._save_waits += 1
            self.call_after_refresh(self.action_save)
            return
        self._save_waits = 0
        self._fault = None
        try:
            value = self.result()
        except (InputError, DateError) as exc:
            self.error(str(exc))
            if self._fault is not None:
                self.query_one(f"#{self._fault}").focus()
            return
        self.dismiss(value)

    @on(Button.Pressed, "#dialog-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#dialog-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """``enter`` moves to the next box, and saves from the last one."""
        event.stop()
        inputs = list(self.query(Input))
        if inputs and event.input is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()

    def text(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def choice(self, widget_id: str) -> Any:
        value = self.query_one(f"#{widget_id}", Select).value
        return None if value is Select.NULL else value


def options(pairs: Sequence[tuple[str, str]]) -> list[tuple[Text, str]]:
    """(label, value) choices whose labels are names from the store: shown literally, never as markup."""
    return [(plain(label), value) for label, value in pairs]


def field_label(text: str) -> Label:
    """The muted line above a field."""
    return Label(text, classes="field-label")
