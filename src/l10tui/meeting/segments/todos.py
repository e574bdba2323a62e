"""To-do list: the segment's actions on the meeting engine."""

from __future__ import annotations

from datetime import date

from l10tui.domain.models import (
    Todo,
)
from l10tui.domain.todo_life import (
    check_reviewable,
)

from ..agenda import AgendaReads
from ..types import NewTodo, as_meeting_error


class TodoActions(AgendaReads):
    """To-do list: each due to-do reviewed done / not done; new to-dos; the twice-not-done offer declined."""

    def review_todo(self, todo_id: str, done: bool) -> Todo:
        self._check_open()
        todo = self.store.todos.get(todo_id)
        with as_meeting_error():
            check_reviewable(todo, self.meeting.id, any(t.id == todo.id for t in self.todos_to_review()))
        with self._change():
            todo = self.store.todos.review(todo.id, self.meeting.id, done)
            self._reviewed(todo.id)
        return todo

    def add_todo(self, title: str, owner: str, due: date | None = None, *, source_issue: str | None = None) -> Todo:
        self._check_open()
        self.store.people.get(owner)
        with self._change():
            todo = self._new_todo(NewTodo(title, owner, due), source_issue)
        return todo

    def _new_todo(self, spec: NewTodo, source_issue: str | None) -> Todo:
        team = self._team_of_person(spec.owner) or self.meeting.teams[0]
        todo = self.store.todos.add(
            spec.title,
            owner=spec.owner,
            today=self.today,
            due=spec.due,
            meeting=self.meeting.id,
            source_issue=source_issue,
            team=team,
        )
        self.meeting.todos_created.append(todo.id)
        return todo

    def dismiss_offer(self, todo_id: str) -> None:
        """The room chose not to send a twice-not-done to-do to the issues list."""
        with self._change():
            if todo_id not in self._offered:
                self._offered.append(todo_id)
