"""Solving an issue in IDS: the solution in one line and the to-dos it produces."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select

from l10tui.domain.dates import DateError, default_todo_due, parse_date
from l10tui.domain.rules import InputError, clean_text

from .base import Dialog, field_label, options
from .results import Solution, TodoSpec


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
        yield field_label("Solution (restate it before moving on)")
        yield Input(id="solve-text", placeholder="what we decided")
        for n in range(1, self.ROWS + 1):
            yield field_label(f"To-do {n} (optional): title, owner, due")
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
