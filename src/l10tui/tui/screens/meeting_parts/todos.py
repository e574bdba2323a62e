"""To-do list: each due to-do done (y) or not done (u); the twice-not-done offer."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from ...widgets.dialogs import ConfirmDialog
from ...widgets.row_table import RowTable
from .base import MeetingBase


class TodoKeys(MeetingBase):
    """y / u report the to-do under the cursor and move on to the next."""

    SEGMENT_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "review(True)", "Done"),
        Binding("u", "review(False)", "Not done"),
    ]

    def action_review(self, done: bool) -> None:
        run = self.run
        todo_id = self.selected_row()
        if run is None or todo_id is None:
            return
        self.act(run.review_todo, todo_id, done)
        table = self.view(run.current).main_table()
        if isinstance(table, RowTable) and table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1, animate=False)  # on to the next to-do, as people report
        if not done:
            self._offer_not_done_twice(todo_id)

    def _offer_not_done_twice(self, todo_id: str) -> None:
        """A to-do just found not done for the second meeting running: offer to move it to the issues list."""
        run = self.run
        if run is None:
            return
        todo = next((t for t in run.not_done_twice() if t.id == todo_id), None)
        if todo is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                issue = self.act(run.drop_to_issues, "todo", todo.id)
                if issue is not None:
                    self.notify(f"{todo.title!r} is now issue {issue.id}", timeout=3)
            else:
                self.act(run.dismiss_offer, todo.id)

        self.app.push_screen(
            ConfirmDialog(
                f"{todo.title!r} ({run.name_of(todo.owner)}) is not done two meetings running. "
                "Move it to the issues list?",
                yes="To issues",
                no="Keep",
            ),
            answer,
        )
