from __future__ import annotations

from datetime import date

from l10tui.domain.dates import default_todo_due
from l10tui.domain.models import Todo, TodoReview
from l10tui.domain.rules import clean_text

from .repo import Repo


class Todos(Repo[Todo]):
    table_name = "todos"
    model = Todo
    noun = "to-do"

    def add(
        self,
        title: str,
        *,
        owner: str,
        today: date,
        due: date | None = None,
        meeting: str | None = None,
        source_issue: str | None = None,
        team: str | None = None,
        by: str = "",
    ) -> Todo:
        title = clean_text(title, "to-do title")
        return self._new(
            title=title,
            owner=owner,
            due=due or default_todo_due(today),
            created_in_meeting=meeting,
            source_issue=source_issue,
            team=team,
            created_by=by,
        )

    def set_done(self, todo_id: str, done: bool = True) -> Todo:
        with self.store.transaction():
            todo = self.get(todo_id)
            self.store.name_change(f"{'done' if done else 'reopened'} {todo.id}")
            todo.status = "done" if done else "open"
            todo.done_at = self.store.clock.now() if done else None
            return self.save(todo)

    def edit(
        self, todo_id: str, *, title: str | None = None, owner: str | None = None, due: date | None = None
    ) -> Todo:
        """Reword, reassign (``owner``: a person's id) or move the due date of a to-do."""
        with self.store.transaction():
            todo = self.get(todo_id)
            what = [w for w, v in (("reworded", title), ("reassigned", owner), ("moved", due)) if v is not None]
            self.store.name_change(f"{' and '.join(what) or 'edited'} {todo.id}")
            if title is not None:
                todo.title = clean_text(title, "to-do title")
            if owner is not None:
                todo.owner = owner
            if due is not None:
                todo.due = due
            return self.save(todo)

    def review(self, todo_id: str, meeting: str, done: bool) -> Todo:
        """Record how the to-do stood in ``meeting`` (one entry per meeting; ticking again replaces it)."""
        with self.store.transaction():
            todo = self.get(todo_id)
            todo.reviews = [r for r in todo.reviews if r.meeting != meeting]
            todo.reviews.append(TodoReview(meeting=meeting, done=done))
            todo.status = "done" if done else "open"
            todo.done_at = (todo.done_at or self.store.clock.now()) if done else None
            return self.save(todo)

    def open(self, owner: str | None = None) -> list[Todo]:
        return self.matching(status="open") if owner is None else self.matching(status="open", owner=owner)
