"""The forms that make a record: a new issue, a new to-do, a headline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.app import ComposeResult
from textual.widgets import Input, Select

from l10tui.domain.dates import default_todo_due, parse_date
from l10tui.domain.rules import InputError, clean_text
from l10tui.domain.text import safe_text

from .base import Dialog, field_label, options
from .results import NewHeadline, NewIssue, TodoSpec


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
        yield field_label("Title")
        yield Input(safe_text(self.initial_title), id="issue-title", placeholder="what is the issue, in a few words")
        yield field_label("Team (whose list)")
        yield Select(self.teams, value=self.team or Select.NULL, allow_blank=False, id="issue-team")
        yield field_label("Raised by")
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
        yield field_label("To-do")
        yield Input(safe_text(self.initial_title), id="todo-title", placeholder="a 7-day action with one owner")
        yield field_label("Owner")
        yield Select(self.people, value=self.owner or Select.NULL, allow_blank=True, id="todo-owner", prompt="(choose)")
        yield field_label("Due")
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
        yield field_label("Kind")
        yield Select(
            [("Customer", "customer"), ("Employee", "employee")], value="customer", allow_blank=False, id="hl-kind"
        )
        yield field_label("Headline")
        yield Input(id="hl-text", placeholder="one sentence")
        yield field_label("By")
        yield Select(self.people, value=self.by or Select.NULL, allow_blank=True, id="hl-by", prompt="(choose)")

    def result(self) -> NewHeadline | None:
        text = clean_text(self.text("hl-text"), "headline")
        by = self.choice("hl-by")
        if by is None:
            raise InputError("who brings the headline?")
        kind = self.choice("hl-kind")
        return NewHeadline(kind="employee" if kind == "employee" else "customer", text=text, by=str(by))
