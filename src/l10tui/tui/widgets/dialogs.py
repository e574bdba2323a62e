"""Modal dialogs of the live meeting, reusable anywhere (each is a ``ModalScreen`` returning a result or ``None``).

Push one and get the result in a callback::

    self.app.push_screen(NewIssueDialog(teams=[("Sales", "TM-1")], people=[("Ann", "P-1")]), self.on_issue)

=====================  ===============================================================  ===========================
dialog                 constructor                                                      dismisses with
=====================  ===============================================================  ===========================
NewIssueDialog         teams, people, team=, raised_by=, title=                         NewIssue | None
NewTodoDialog          people, today, owner=, title=                                     TodoSpec | None
HeadlineDialog         people, by=                                                      NewHeadline | None
ConfirmDialog          question, yes="Yes", no="No"                                     bool
TextDialog             title, label, value="", placeholder=""                           str | None
RatingDialog           person name, score=None, comment=""                              (int, str) | None
SolveDialog            issue title, people, today, owner=                               Solution | None
ChoiceDialog           title, choices [(label, value)]                                  str | None
=====================  ===============================================================  ===========================

``ctrl+s`` or ``enter`` in the last box saves, ``escape`` cancels. Text is checked with ``domain.rules`` and dates
are read with ``domain.dates.parse_date`` relative to the ``today`` given; a problem is shown inside the dialog on
one line (``#dialog-error``) and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from l10tui.domain.dates import DateError, default_todo_due, parse_date
from l10tui.domain.models import HeadlineKind
from l10tui.domain.rules import RATING_GOAL, InputError, clean_text
from l10tui.domain.text import safe_text

from .. import key_burst
from ..safe import plain, plain_lines

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


@dataclass(frozen=True)
class NewIssue:
    title: str
    team: str
    raised_by: str | None
    details: str = ""


@dataclass(frozen=True)
class TodoSpec:
    title: str
    owner: str
    due: date


@dataclass(frozen=True)
class NewHeadline:
    kind: HeadlineKind
    text: str
    by: str


@dataclass(frozen=True)
class Solution:
    text: str
    todos: list[TodoSpec] = field(default_factory=list)


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
            # sent here while nothing had the focus, handled after the first field got it: it goes there
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


def _label(text: str) -> Label:
    return Label(text, classes="field-label")


class NewIssueDialog(Dialog[NewIssue | None]):
    """A new issue: title, the team whose list it goes on, the person raising it."""

    TITLE_TEXT = "New issue"

    def __init__(
        self,
        teams: Sequence[tuple[str, str]],
        people: Sequence[tuple[str, str]],
        *,
        team: str | None = None,
        raised_by: str | None = None,
        title: str = "",
        require_by: bool = False,
    ) -> None:
        super().__init__()
        self.require_by = require_by
        self.teams = options(teams)
        self.people = options(people)
        self.team = team or (self.teams[0][1] if self.teams else None)
        self.raised_by = raised_by
        self.initial_title = title

    def fields(self) -> ComposeResult:
        yield _label("Title")
        yield Input(safe_text(self.initial_title), id="issue-title", placeholder="what is the issue, in a few words")
        yield _label("Team (whose list)")
        yield Select(self.teams, value=self.team or Select.NULL, allow_blank=False, id="issue-team")
        yield _label("Raised by")
        yield Select(
            self.people,
            value=self.raised_by or Select.NULL,
            allow_blank=True,
            id="issue-by",
            prompt="(choose)" if self.require_by else "(nobody)",
        )

    def result(self) -> NewIssue | None:
        try:
            title = clean_text(self.text("issue-title"), "issue title")
        except InputError as exc:
            raise self.fault("issue-title", f"Title: {exc}") from exc
        team = self.choice("issue-team")
        if team is None:
            raise self.fault("issue-team", "Team: choose the team whose list the issue goes on")
        by = self.choice("issue-by")
        if by is None and self.require_by:
            raise self.fault("issue-by", "Raised by: who raises it? (the who-raises-about-whom numbers count it)")
        return NewIssue(title=title, team=str(team), raised_by=by)


class NewTodoDialog(Dialog[TodoSpec | None]):
    """A new to-do: title, owner, due (typed like ``+7d``, ``friday``, ``4 Dec``; default a week from today)."""

    TITLE_TEXT = "New to-do"

    def __init__(
        self, people: Sequence[tuple[str, str]], today: date, *, owner: str | None = None, title: str = ""
    ) -> None:
        super().__init__()
        self.people = options(people)
        self.today = today
        self.owner = owner
        self.initial_title = title

    def fields(self) -> ComposeResult:
        yield _label("To-do")
        yield Input(safe_text(self.initial_title), id="todo-title", placeholder="a 7-day action with one owner")
        yield _label("Owner")
        yield Select(self.people, value=self.owner or Select.NULL, allow_blank=True, id="todo-owner", prompt="(choose)")
        yield _label("Due")
        yield Input(default_todo_due(self.today).isoformat(), id="todo-due", placeholder="+7d, friday, 4 Dec")

    def result(self) -> TodoSpec | None:
        title = clean_text(self.text("todo-title"), "to-do title")
        owner = self.choice("todo-owner")
        if owner is None:
            raise InputError("a to-do needs an owner")
        due_text = self.text("todo-due").strip()
        due = parse_date(due_text, self.today) if due_text else default_todo_due(self.today)
        return TodoSpec(title=title, owner=str(owner), due=due)


class HeadlineDialog(Dialog[NewHeadline | None]):
    """A customer or employee headline: one sentence, no discussion."""

    TITLE_TEXT = "Headline"
    AUTO_FOCUS = "#hl-text"  # type at once; the kind (customer) is rarely changed and space would open its list

    def __init__(self, people: Sequence[tuple[str, str]], *, by: str | None = None) -> None:
        super().__init__()
        self.people = options(people)
        self.by = by

    def fields(self) -> ComposeResult:
        yield _label("Kind")
        yield Select(
            [("Customer", "customer"), ("Employee", "employee")], value="customer", allow_blank=False, id="hl-kind"
        )
        yield _label("Headline")
        yield Input(id="hl-text", placeholder="one sentence")
        yield _label("By")
        yield Select(self.people, value=self.by or Select.NULL, allow_blank=True, id="hl-by", prompt="(choose)")

    def result(self) -> NewHeadline | None:
        text = clean_text(self.text("hl-text"), "headline")
        by = self.choice("hl-by")
        if by is None:
            raise InputError("who brings the headline?")
        kind = self.choice("hl-kind")
        return NewHeadline(kind="employee" if kind == "employee" else "customer", text=text, by=str(by))


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


class TextDialog(Dialog[str | None]):
    """One line of text (a cascading message, notes...); ``allow_empty`` lets it be cleared."""

    def __init__(
        self, title: str, label: str, *, value: str = "", placeholder: str = "", allow_empty: bool = False
    ) -> None:
        super().__init__(title)
        self.label, self.value, self.placeholder, self.allow_empty = label, value, placeholder, allow_empty

    def fields(self) -> ComposeResult:
        yield _label(self.label)
        yield Input(safe_text(self.value), id="text-value", placeholder=self.placeholder)

    def result(self) -> str | None:
        raw = self.text("text-value")
        if self.allow_empty and not raw.strip():
            return ""
        return clean_text(raw, self.label.lower(), max_len=1000)


class RatingDialog(Dialog[tuple[int, str] | None]):
    """A 1-10 rating; under 8 it asks "what would have made it a 10?" and needs an answer."""

    def __init__(self, person: str, *, score: int | None = None, comment: str = "") -> None:
        super().__init__(f"Rating from {person}")
        self.score, self.comment = score, comment

    def fields(self) -> ComposeResult:
        yield _label("Rating 1-10")
        yield Input(
            "" if self.score is None else str(self.score), id="rating-score", placeholder="1-10", type="integer"
        )
        yield _label(f"Under {RATING_GOAL:g}: what would have made it a 10?")
        yield Input(safe_text(self.comment), id="rating-comment", placeholder="required under 8")

    def result(self) -> tuple[int, str] | None:
        raw = self.text("rating-score").strip()
        if not raw.isdigit() or not 1 <= int(raw) <= 10:
            raise self.fault("rating-score", "Rating: a whole number from 1 to 10")
        score = int(raw)
        comment = self.text("rating-comment").strip()
        if score < RATING_GOAL and not comment:
            raise self.fault("rating-comment", "What would have made it a 10: needed for a rating under 8")
        return score, clean_text(comment, "comment", max_len=1000) if comment else ""

    @on(Input.Submitted, "#rating-score")
    def _score_entered(self, event: Input.Submitted) -> None:
        event.stop()
        raw = event.value.strip()
        if not raw.isdigit() or not 1 <= int(raw) <= 10:
            self.action_save()  # says what is wrong and keeps the focus on the rating
        elif int(raw) >= RATING_GOAL:
            self.action_save()
        else:
            self.query_one("#rating-comment", Input).focus()


class SolveDialog(Dialog[Solution | None]):
    """Solve an issue: the solution restated in one line, and up to three to-dos it produces (owner, due)."""

    SAVE_LABEL = "Solved"
    ROWS = 3

    def __init__(
        self, issue_title: str, people: Sequence[tuple[str, str]], today: date, *, owner: str | None = None
    ) -> None:
        super().__init__(f"Solve: {issue_title}")
        self.people = options(people)
        self.today = today
        self.owner = owner

    def fields(self) -> ComposeResult:
        yield _label("Solution (restate it before moving on)")
        yield Input(id="solve-text", placeholder="what we decided")
        for n in range(1, self.ROWS + 1):
            yield _label(f"To-do {n} (optional): title, owner, due")
            with Horizontal(classes="solve-row"):
                yield Input(id=f"solve-todo-{n}", placeholder="to-do title")
                yield Select(
                    self.people,
                    value=self.owner or Select.NULL,
                    allow_blank=True,
                    id=f"solve-owner-{n}",
                    prompt="owner",
                )
                yield Input(default_todo_due(self.today).isoformat(), id=f"solve-due-{n}", placeholder="+7d")

    def result(self) -> Solution | None:
        try:
            text = clean_text(self.text("solve-text"), "solution", max_len=4000)
        except InputError as exc:
            raise self.fault("solve-text", f"Solution: {exc}") from exc
        todos = []
        for n in range(1, self.ROWS + 1):
            title = self.text(f"solve-todo-{n}").strip()
            if not title:
                continue
            owner = self.choice(f"solve-owner-{n}")
            if owner is None:
                raise self.fault(f"solve-owner-{n}", f"To-do {n} ({title}): choose its owner")
            due_text = self.text(f"solve-due-{n}").strip()
            try:
                due = parse_date(due_text, self.today) if due_text else default_todo_due(self.today)
            except DateError as exc:
                raise self.fault(f"solve-due-{n}", f"To-do {n} ({title}), due: {exc}") from exc
            todos.append(TodoSpec(clean_text(title, f"to-do {n}"), str(owner), due))
        return Solution(text=text, todos=todos)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()


class ChoiceDialog(Dialog[str | None]):
    """Pick one of a list (e.g. the issue to merge into); ``enter`` picks."""

    def __init__(self, title: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__(title)
        self.choices = list(choices)

    def fields(self) -> ComposeResult:
        yield OptionList(*[Option(plain(label), id=value) for label, value in self.choices], id="choice-list")

    def result(self) -> str | None:
        ol = self.query_one(OptionList)
        if ol.highlighted is None:
            raise InputError("choose one")
        opt = ol.get_option_at_index(ol.highlighted)
        return opt.id

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
