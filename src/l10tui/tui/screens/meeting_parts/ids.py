"""IDS: the top three, the issue discussed with its notes, and solve / drop / long-term / merge."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input

from l10tui.meeting import IDS, NewTodo

from ...widgets.dialogs import ChoiceDialog, ConfirmDialog, Solution, SolveDialog
from ...widgets.issue_panel import IssuePanel
from ..meeting_views import IdsView
from .base import MeetingBase


class IdsKeys(MeetingBase):
    """1 2 3 pick, enter opens, s x l m end it; tab goes round the panel and the two note fields."""

    SEGMENT_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick(1)", "Top #1"),
        Binding("2", "pick(2)", "Top #2"),
        Binding("3", "pick(3)", "Top #3"),
        Binding("s", "solve", "Solved"),
        Binding("x", "drop_issue", "Drop issue"),
        Binding("l", "long_term", "Long-term"),
        Binding("m", "merge", "Merge"),
    ]

    # -- writing mode --------------------------------------------------------------------------------------------

    def _writing_order(self) -> list[Widget]:
        """Where tab goes in IDS while an issue is discussed: its team panel, Identify, Discuss, and round again."""
        run = self.run
        if run is None or run.current != IDS or run.issue is None:
            return []
        ids = self.view(IDS)
        assert isinstance(ids, IdsView)
        panel = next((p for p in ids.panels() if any(i.id == run.issue for i in p.issues)), None)
        order: list[Widget] = [] if panel is None else [panel.table]
        order += [ids.query_one("#ids-identify", Input), ids.query_one("#ids-discuss", Input)]
        return order

    def _round(self, step: int) -> Widget | None:
        """The next (step 1) or previous (-1) place of the writing order, focused; None outside it."""
        order = self._writing_order()
        if self.focused not in order:
            return None
        target = order[(order.index(self.focused) + step) % len(order)]
        self.set_focus(target)
        return target

    def focus_next(self, selector: str | type[Any] = "*") -> Widget | None:
        target = self._round(1)
        return target if target is not None else super().focus_next(selector)

    def focus_previous(self, selector: str | type[Any] = "*") -> Widget | None:
        target = self._round(-1)
        return target if target is not None else super().focus_previous(selector)

    # -- IDS -----------------------------------------------------------------------------------------------------

    def action_pick(self, slot: int) -> None:
        """1 / 2 / 3 put the issue under the cursor in that slot; the same key on the issue in it empties it."""
        issue = self.selected_issue()
        if self.run is None or issue is None:
            return
        if self.run.slot_of(issue) == slot:
            self.act(self.run.unpick, slot)
            self.notify(f"#{slot} emptied", timeout=2)
        else:
            self.act(self.run.pick, slot, issue)

    @on(IssuePanel.Opened)
    def _open_issue(self, event: IssuePanel.Opened) -> None:
        event.stop()
        run = self.run
        if run is None:
            return
        if run.current != IDS:
            return
        self.act(run.start_issue, event.issue_id)

    def _notes(self, event: Input.Submitted, key: str) -> None:
        event.stop()
        run = self.run
        if run is not None and run.issue is not None:
            self.act(run.set_notes, run.issue, **{key: event.value})

    @on(Input.Blurred, "#ids-identify, #ids-discuss")
    def _notes_left(self, event: Input.Blurred) -> None:
        run = self.run
        key = "identify" if event.input.id == "ids-identify" else "discuss"
        if (
            run is not None
            and not run.finished
            and run.issue is not None
            and event.value.strip() != run.notes(run.issue)[key]
        ):
            self.act(run.set_notes, run.issue, **{key: event.value})

    @on(Input.Submitted, "#ids-identify")
    def _identify(self, event: Input.Submitted) -> None:
        self._notes(event, "identify")
        self.view(IDS).query_one("#ids-discuss", Input).focus()

    @on(Input.Submitted, "#ids-discuss")
    def _discuss(self, event: Input.Submitted) -> None:
        self._notes(event, "discuss")
        self._focus_current_panel()

    def action_solve(self) -> None:
        run = self.run
        issue_id = self.target_issue()
        if run is None or issue_id is None:
            return
        issue = run.store.issues.find(issue_id)
        if issue is None:
            return
        self.app.push_screen(SolveDialog(issue.title, self._people(), run.today), lambda s: self._solved(issue_id, s))

    def _solved(self, issue_id: str, solution: Solution | None) -> None:
        if solution is None or self.run is None:
            return
        todos = [NewTodo(t.title, t.owner, t.due) for t in solution.todos]
        if self.act(self.run.solve, issue_id, solution.text, todos) is not None:
            self.notify(f"{issue_id} solved, {len(todos)} to-do(s)", timeout=3)

    def action_drop_issue(self) -> None:
        run = self.run
        issue_id = self.target_issue()
        if run is None or issue_id is None:
            return

        def answer(yes: bool | None) -> None:
            if yes and self.act(run.drop_issue, issue_id) is not None:
                self.notify(f"{issue_id} dropped (history keeps it)", timeout=3)

        found = run.store.issues.find(issue_id)
        title = f" {found.title!r}" if found is not None else ""
        self.app.push_screen(
            ConfirmDialog(f"Drop {issue_id}{title}? (history keeps it as dropped)", yes="Drop"), answer
        )

    def action_long_term(self) -> None:
        issue_id = self.target_issue()
        if self.run is not None and issue_id is not None and self.act(self.run.long_term, issue_id) is not None:
            self.notify(f"{issue_id} moved to the long-term list", timeout=3)

    def action_merge(self) -> None:
        run = self.run
        issue_id = self.target_issue()
        if run is None or issue_id is None:
            return
        choices = [
            (f"{i.id} {i.title} ({team.name})", i.id)
            for team, issues in run.panels()
            for i in issues
            if i.id != issue_id
        ]
        if not choices:
            self.notify("No other open issue to merge into", severity="warning")
            return
        self.app.push_screen(
            ChoiceDialog(f"Merge {issue_id} into…", choices),
            lambda into: self.act(run.merge, issue_id, into) if into else None,
        )
