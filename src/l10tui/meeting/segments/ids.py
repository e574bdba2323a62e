"""IDS: the segment's actions on the meeting engine."""

from __future__ import annotations

from collections.abc import Sequence

from l10tui.domain.models import (
    Issue,
)
from l10tui.domain.rules import (
    clean_text,
)
from l10tui.store.errors import Conflict
from l10tui.store.solve import TodoToMake, solve_with_todos

from ..agenda import AgendaReads
from ..types import MeetingError, NewTodo


class IdsActions(AgendaReads):
    """IDS: the top 3 picked, one issue discussed at a time on its own timer, then solved, dropped, parked or merged."""

    def pick(self, slot: int, issue_id: str) -> None:
        """Put an open issue in top-3 slot 1, 2 or 3 (an issue holds one slot at a time)."""
        self._check_open()
        if slot not in (1, 2, 3):
            raise MeetingError("the top 3 has slots 1, 2 and 3")
        issue = self.store.issues.get(issue_id)
        if issue.status != "open":
            raise MeetingError(f"{issue.id} is {issue.status}")
        with self._change():
            self.top3 = [None if x == issue.id else x for x in self.top3]
            self.top3[slot - 1] = issue.id

    def unpick(self, slot: int) -> None:
        """Empty top-3 slot 1, 2 or 3 (a pick made by mistake)."""
        self._check_open()
        if slot not in (1, 2, 3):
            raise MeetingError("the top 3 has slots 1, 2 and 3")
        with self._change():
            self.top3[slot - 1] = None

    def slot_of(self, issue_id: str) -> int | None:
        return self.top3.index(issue_id) + 1 if issue_id in self.top3 else None

    def start_issue(self, issue_id: str) -> Issue:
        """Start IDS on an issue: its own timer runs while the meeting is in IDS and not paused."""
        self._check_open()
        issue = self.store.issues.get(issue_id)
        if issue.status != "open":
            raise MeetingError(f"{issue.id} is {issue.status}")
        with self._change():
            issue = self.store.issues.get(issue_id)  # again, under the lock: saving the copy above could undo a change
            self._flush()
            self.issue = issue.id
            self._issue_acc.setdefault(issue.id, 0.0)
            if self.meeting.id not in issue.meetings:
                issue.meetings.append(self.meeting.id)
                self.store.issues.save(issue)
        return issue

    def close_current_issue(self) -> None:
        with self._change():
            self._flush()
            self.issue = None

    def set_notes(self, issue_id: str, *, identify: str | None = None, discuss: str | None = None) -> None:
        self._check_open()
        cur = self.notes(issue_id)
        if identify is not None:
            cur["identify"] = clean_text(identify, "notes", max_len=4000, multiline=True) if identify.strip() else ""
        if discuss is not None:
            cur["discuss"] = clean_text(discuss, "notes", max_len=4000, multiline=True) if discuss.strip() else ""
        with self._change():
            self._notes[issue_id] = cur
            self._issue_acc.setdefault(issue_id, 0.0)

    def _ended(self, issue_id: str, outcome: str) -> None:
        self._flush()
        self._outcomes[issue_id] = outcome
        self._issue_acc.setdefault(issue_id, 0.0)
        if self.issue == issue_id:
            self.issue = None
        self.top3 = [None if x == issue_id else x for x in self.top3]

    def _record_discussed(self, issue: Issue) -> None:
        if self.meeting.id not in issue.meetings:
            issue.meetings.append(self.meeting.id)

    def solve(self, issue_id: str, solution: str, todos: Sequence[NewTodo] = ()) -> Issue:
        """Solved: the solution text and the to-dos it produces (linked both ways)."""
        self._check_open()
        specs = [TodoToMake(t.title, t.owner, t.due) for t in todos]
        for spec in specs:
            self.store.people.get(spec.owner)
            clean_text(spec.title, "to-do title")
        with self._change():
            current = self.store.issues.get(issue_id)
            if current.status != "open":
                raise Conflict(f"{current.id} is already {current.status}")
            issue, made = solve_with_todos(  # the same rule as the issues board (store/solve.py)
                self.store, issue_id, solution, specs, today=self.today, meeting=self.meeting.id
            )
            self.meeting.todos_created.extend(t.id for t in made)
            self._ended(issue_id, "solved")
        return issue

    def drop_issue(self, issue_id: str, reason: str = "") -> Issue:
        self._check_open()
        with self._change():
            issue = self.store.issues.get(issue_id)
            self._record_discussed(issue)
            self.store.issues.save(issue)
            issue = self.store.issues.drop(issue_id, reason or "dropped in the meeting")
            self._ended(issue_id, "dropped")
        return issue

    def long_term(self, issue_id: str) -> Issue:
        self._check_open()
        with self._change():
            issue = self.store.issues.to_long_term(issue_id)
            self._ended(issue_id, "long-term")
        return issue

    def merge(self, issue_id: str, into_id: str) -> Issue:
        self._check_open()
        with self._change():
            into = self.store.issues.get(into_id)
            issue = self.store.issues.merge(issue_id, into.id)
            self._ended(issue_id, f"merged into {into.id}")
        return issue
