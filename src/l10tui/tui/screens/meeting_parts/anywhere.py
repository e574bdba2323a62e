"""The keys of every segment: a new issue, to-do or headline, and dropping the selected row to the issues list."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from ...status import possessive
from ...widgets.dialogs import HeadlineDialog, NewHeadline, NewIssue, NewIssueDialog, NewTodoDialog, TodoSpec
from .base import MeetingBase


class AnywhereKeys(MeetingBase):
    """i / t / h anywhere; d where the segment's view names what it drops."""

    SEGMENT_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "new_issue", "Issue"),
        Binding("t", "new_todo", "To-do"),
        Binding("h", "headline", "Headline"),
        Binding("d", "drop", "Drop to issues"),
    ]

    def action_new_issue(self) -> None:
        if self.run is None:
            return
        # In the meeting someone always raises it: "(nobody)" weakened the who-raises-about-whom numbers.
        self.app.push_screen(NewIssueDialog(self._teams(), self._people(), require_by=True), self._issue_made)

    def _issue_made(self, result: NewIssue | None) -> None:
        if result is not None and self.run is not None:
            issue = self.act(self.run.add_issue, result.title, result.team, result.raised_by, result.details)
            if issue is not None:
                self.notify(f"{issue.id} added to {possessive(self.run.team_name(issue.team))} issues", timeout=3)

    def action_new_todo(self) -> None:
        if self.run is None:
            return
        self.app.push_screen(NewTodoDialog(self._people(), self.run.today), self._todo_made)

    def _todo_made(self, result: TodoSpec | None) -> None:
        if result is not None and self.run is not None:
            todo = self.act(self.run.add_todo, result.title, result.owner, result.due)
            if todo is not None:
                self.notify(f"{todo.id} for {self.run.name_of(todo.owner)}, due {todo.due:%d %b}", timeout=3)

    def action_headline(self) -> None:
        if self.run is None:
            return
        self.app.push_screen(HeadlineDialog(self._people()), self._headline_made)

    def _headline_made(self, result: NewHeadline | None) -> None:
        if result is not None and self.run is not None:
            self.act(self.run.add_headline, result.kind, result.text, result.by)

    def action_drop(self) -> None:
        run = self.run
        kind = None if run is None else self.VIEWS[run.current].DROP
        if run is None or kind is None:
            return
        item = self.selected_row()
        if item is None:
            self.notify("Nothing selected to drop", severity="warning", timeout=3)
            return
        issue = self.act(run.drop_to_issues, kind, item)
        if issue is not None:
            self.notify(f"Dropped to {possessive(run.team_name(issue.team))} issues as {issue.id}", timeout=3)
