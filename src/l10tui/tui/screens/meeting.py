"""The live Level 10 meeting: the facilitator drives the agenda with single keys; the room reads a big timer.

Everything the screen changes goes through :class:`~l10tui.meeting.MeetingRun`, which writes the store at once, so
closing the terminal or killing the process loses nothing and ``l10 meet`` resumes where it stood.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import DescendantBlur, DescendantFocus, Resize
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, DataTable, Input, Static

from l10tui.domain.models import SourceKind
from l10tui.domain.text import safe_lines, safe_text
from l10tui.meeting import CONCLUDE, IDS, MeetingRun, NewTodo, OffSlot, OffSlotChoice, Summary, mmss

from ..refresh import update_if_changed
from ..safe import plain, plain_lines
from ..status import muted, possessive
from ..widgets.agenda import AgendaSidebar
from ..widgets.big_digits import BigDigits, render_big, rows_for
from ..widgets.dialogs import (
    ChoiceDialog,
    ConfirmDialog,
    HeadlineDialog,
    NewHeadline,
    NewIssue,
    NewIssueDialog,
    NewTodoDialog,
    RatingDialog,
    Solution,
    SolveDialog,
    TextDialog,
    TodoSpec,
)
from ..widgets.issue_panel import IssuePanel
from ..widgets.key_footer import KeyFooter as Footer
from ..widgets.record_line import rubric_text
from ..widgets.row_table import RowTable
from ..widgets.scorecard_grid import ScorecardGrid, load_scorecard
from ..widgets.segment_timer import SegmentTimer
from .base import USER_ERRORS, L10Screen
from .meeting_views import (
    NARROW,
    ConcludeView,
    HeadlinesView,
    IdsView,
    RocksView,
    ScorecardView,
    SegmentView,
    SegueView,
    TodosView,
)

TICK_S = 0.25
SEGMENT_ONLY: dict[str, tuple[int, ...]] = {
    "toggle_present": (0, CONCLUDE),
    "rock": (2,),
    "review": (4,),
    "pick": (IDS,),
    "solve": (IDS,),
    "drop_issue": (IDS,),
    "long_term": (IDS,),
    "merge": (IDS,),
    "rate": (CONCLUDE,),
    "cascade": (CONCLUDE,),
    "finish": (CONCLUDE,),
}
DROP_KIND: dict[int, SourceKind] = {1: "measurable", 2: "rock", 3: "headline", 4: "todo"}


class SummaryScreen(ModalScreen[None]):
    """The finished meeting's summary; any of enter / escape / q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,escape,q", "close", "Close", id="summary.close")]
    DEFAULT_CSS = """
    SummaryScreen { align: center middle; background: $background 60%; }
    SummaryScreen > #summary-box { width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: thick $success; background: $surface; padding: 1 2; }
    """

    def __init__(self, summary: Summary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary-box"):
            yield Static(Text("Meeting finished", style="bold"))
            yield Static(plain_lines("\n".join(self.summary.lines)), id="summary-text")
            yield Static(Text("enter closes", style=muted(self.app)))

    def action_close(self) -> None:
        self.dismiss(None)


class MeetingScreen(L10Screen):
    """The seven segments of the Level 10, one at a time, with the timer, the agenda and every key in the footer."""

    TITLE_TEXT = "Live meeting"
    RULE = (
        "Same agenda every week: Segue 5, Scorecard 5, Rocks 5, Headlines 5, To-dos 5, IDS 60, Conclude 5 minutes. "
        "Start on time, end on time. Scorecard, rocks and headlines are reported, not discussed: anything that needs "
        "talk is dropped to the issues list (d). In IDS pick the top three (1 2 3), then Identify, Discuss, Solve "
        "each in order (enter, then s). Conclude: recap the to-dos, agree cascading messages, everyone rates 1-10; "
        "under 8 says what would have made it a 10. Every change is saved at once; quitting keeps the meeting and "
        "`l10 meet` resumes it. f5 toggles the projector theme."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,right", "next_segment", "Next", key_display="n/→"),
        Binding("p,left", "prev_segment", "Previous", key_display="p/←"),
        Binding("space", "pause", "Pause/resume"),
        Binding("i", "new_issue", "Issue"),
        Binding("t", "new_todo", "To-do"),
        Binding("h", "headline", "Headline"),
        Binding("d", "drop", "Drop to issues"),
        Binding("a", "toggle_present", "Present/absent"),
        Binding("o", "rock('on')", "On track"),
        Binding("f", "rock('off')", "Off track"),
        Binding("y", "rock('done')", "Done (quarter end)"),
        Binding("u", "rock('not-done')", "Not done (quarter end)"),
        Binding("y", "review(True)", "Done"),
        Binding("u", "review(False)", "Not done"),
        Binding("1", "pick(1)", "Top #1"),
        Binding("2", "pick(2)", "Top #2"),
        Binding("3", "pick(3)", "Top #3"),
        Binding("s", "solve", "Solved"),
        Binding("x", "drop_issue", "Drop issue"),
        Binding("l", "long_term", "Long-term"),
        Binding("m", "merge", "Merge"),
        Binding("r", "rate", "Rate"),
        Binding("c", "cascade", "Cascading message"),
        Binding("f", "finish", "Finish meeting"),
        Binding("q", "leave", "Leave (resumable)"),
    ]

    def __init__(
        self, team: str | None = None, tz: tzinfo | None = None, off_slot: OffSlotChoice | None = None, **_: Any
    ) -> None:
        super().__init__()
        self.team = team
        self.tz = tz
        self.off_slot = off_slot
        self.off_slot_question = ""
        self.run: MeetingRun | None = None
        self.problem = ""
        self._shown: int | None = None
        self._last_tick_error = ""

    # -- building ----------------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        try:
            self.run = MeetingRun.open(self.db, self.l10.clock, self.team, tz=self.tz, off_slot=self.off_slot)
        except OffSlot as exc:
            self.off_slot_question = exc.question
            self.problem = exc.question
        except USER_ERRORS as exc:
            self.problem = str(exc)
        run = self.run
        if run is None:
            yield Static(plain(f"Cannot open the meeting: {self.problem}"), id="meeting-problem")
            yield Footer()
            return
        yield Static("", id="meeting-bar")
        with Horizontal(id="meeting-main"):
            with Vertical(id="meeting-side"):
                yield SegmentTimer(id="timer")
                yield AgendaSidebar(id="agenda")
            with ContentSwitcher(id="segments", initial=f"seg-{run.current}"):
                yield SegueView(id="seg-0")
                yield ScorecardView(
                    load_scorecard(self.db, run.measurables(), run.reported_week, label=run.reported_week_label),
                    id="seg-1",
                )
                yield RocksView(id="seg-2")
                yield HeadlinesView(id="seg-3")
                yield TodosView(id="seg-4")
                yield IdsView(id="seg-5")
                yield ConcludeView(id="seg-6")
        yield Footer()

    def on_mount(self) -> None:
        if self.run is None and self.off_slot_question:
            self._ask_off_slot()
            return
        if self.run is None:
            self.notify(self.problem, title="Meeting", severity="error", timeout=15)
            return
        if self.run.gap is not None and self.run.gap.wall_s > 1:
            g = self.run.gap
            how = "paused: the gap was long" if g.paused else f"{mmss(g.counted_s)} counted for {self.run.segment_name}"
            self.notify(f"Resumed the meeting after {mmss(g.wall_s)} away ({how})", timeout=8)
        self._apply_width(self.app.size.width)
        self.show_segment()
        self.set_interval(TICK_S, self.tick)

    def _ask_off_slot(self) -> None:
        """Far from its slot: ask once whether this is this week's meeting moved to now, or an extra one."""
        from ..widgets.dialogs import ChoiceDialog

        choices = [
            ("Moved: this week's meeting, held now (late start counted from now)", "moved"),
            ("Extra: a meeting besides the weekly one (no late start)", "extra"),
        ]

        def chosen(choice: str | None) -> None:
            if choice in ("moved", "extra"):
                self.l10.switch_to("meeting", team=self.team, tz=self.tz, off_slot=choice)
            elif len(self.app.screen_stack) > 2:
                self.app.pop_screen()
            else:
                self.l10.switch_to("home")

        self.app.push_screen(ChoiceDialog(self.off_slot_question, choices), chosen)

    def on_resize(self, event: Resize) -> None:
        self._apply_width(event.size.width, event.size.height)
        if self.run is not None and self._shown == IDS:
            ids = self.view(IDS)
            assert isinstance(ids, IdsView)
            if ids.load(self.run):
                # The panels were rebuilt: the focus must not fall into the notes boxes (n would type there).
                self.set_focus(None)
                self._focus_main(IDS)

    def _apply_width(self, width: int, height: int | None = None) -> None:
        self.set_class(width < NARROW, "-narrow")
        if self.run is None:
            return
        rows = rows_for(width, self.app.size.height if height is None else height)
        timer = self.query_one(SegmentTimer)
        timer.set_rows(rows)
        self.query_one("#conclude-average-digits", BigDigits).rows = rows
        # Beside the segment (wide terminals) the sidebar is as wide as the digits need.
        side = self.query_one("#meeting-side")
        need = len(render_big("00:00", rows)[0]) + 3  # padding and the border on the right
        side.styles.width = None if width < NARROW or need <= 34 else need

    def view(self, index: int) -> SegmentView:
        return self.query_one(f"#seg-{index}", SegmentView)

    def show_segment(self) -> None:
        """Show the current segment's view with fresh data, focus its table, refresh the keys in the footer."""
        run = self.run
        if run is None:
            return
        switcher = self.query_one("#segments", ContentSwitcher)
        switcher.current = f"seg-{run.current}"
        view = self.view(run.current)
        view.load(run)
        if self._shown != run.current:
            self._shown = run.current
            # Never leave the focus on a hidden widget: keys typed fast would go to the old segment's table.
            self.set_focus(None)
            self._focus_main(run.current)
        self.refresh_bindings()
        self.tick()

    def _focus_main(self, index: int, tries: int = 5) -> None:
        """Focus the segment's main table (after a refresh: the IDS panels may have just been mounted)."""
        if self.run is None or self.run.current != index:
            return
        target = self.view(index).main_table()
        if target is not None and target.is_mounted and target.focusable:
            target.focus()
        elif tries > 0:
            self.call_after_refresh(self._focus_main, index, tries - 1)

    def reload(self) -> None:
        if self.run is not None:
            self.view(self.run.current).load(self.run)
            self.tick()

    def refresh_data(self) -> None:
        """Another process changed the store (``l10 issue add``, ``l10 rate``, ``l10 vote``): show it."""
        if self.run is not None:
            try:  # a read of the copy in memory (refresh.py re-read it): never queued behind another l10's lock
                self.run.sync_seats()
            except USER_ERRORS as exc:
                self.notify(self.explain(exc), title="Not read", severity="error", timeout=8)
        self.reload()

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

    def focus_next(self, selector: str | type[Any] = "*") -> Widget | None:
        order = self._writing_order()
        if self.focused in order:
            target = order[(order.index(self.focused) + 1) % len(order)]
            self.set_focus(target)
            return target
        return super().focus_next(selector)

    def focus_previous(self, selector: str | type[Any] = "*") -> Widget | None:
        order = self._writing_order()
        if self.focused in order:
            target = order[(order.index(self.focused) - 1) % len(order)]
            self.set_focus(target)
            return target
        return super().focus_previous(selector)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """A note field has the focus: letters type there (Input takes them before any meeting key), and the field
        and its label are marked so the room and the facilitator see where the words go."""
        self._mark_writing(event.widget, True)

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        self._mark_writing(event.widget, False)

    def _mark_writing(self, widget: Widget, writing: bool) -> None:
        if not isinstance(widget, Input):
            return
        widget.set_class(writing, "-writing")
        if widget.parent is not None and isinstance(widget.parent, Widget):
            widget.parent.set_class(writing, "-writing")
        self.refresh_bindings()

    def _leave_field(self) -> None:
        """escape in a note field: leave it (what was typed is kept) and go back to the segment's table."""
        run = self.run
        if run is not None and run.current == IDS and run.issue is not None:
            self._focus_current_panel()
        elif run is not None:
            self.set_focus(None)
            self._focus_main(run.current)

    # -- the clock -----------------------------------------------------------------------------------------------

    def tick(self) -> None:
        run = self.run
        if run is None:
            return
        run.note_focus(self.selected_row())  # the room view highlights it (written throttled by tick)
        writer = self.l10.writer
        # a change queued behind another l10's lock: the heartbeat waits its turn; another l10 writing: see refresh.py
        if not writer.busy and self.l10.store_watch.may_checkpoint():
            try:
                ran, _ = writer.run(run.tick, (), {}, self._tick_done)
            except USER_ERRORS as exc:
                self._tick_done(None, exc)
            else:
                if ran:  # the writer calls ``done`` only for a queued change: a tick that ran now is done here
                    self._tick_done(None, None)
        seg = run.meeting.segments[run.current]
        remaining = run.remaining()
        caption = f"{seg.name} · {int(seg.planned_s // 60)} min"
        if remaining < 0:
            caption += f" · ✗ over by {mmss(-remaining)}"
        if run.paused:
            caption += " · ⏸ PAUSED"
        timer = self.query_one(SegmentTimer)
        timer.show(remaining, caption, paused=run.paused)
        timer.set_projected_end(run.projection_text())  # beside the big digits, for the back row
        self.query_one(AgendaSidebar).show(run.segments(), run.total_elapsed, run.planned_total)
        update_if_changed(self.query_one("#meeting-bar", Static), self._bar_text(run))  # refresh.py
        if run.current == IDS:
            ids = self.view(IDS)
            assert isinstance(ids, IdsView)
            ids.tick(run)

    def _tick_done(self, _result: object, error: BaseException | None) -> None:
        run = self.run
        if error is None and run is not None and run.take_seat_news():  # attendees' votes or ratings came in
            self.view(run.current).load(run)
        if error is not None and str(error) != self._last_tick_error:  # say it once, not four times a second
            self._last_tick_error = str(error)
            self.notify(self.explain(error), title="Checkpoint not saved", severity="error", timeout=8)

    def _meeting_gone(self) -> bool:
        run = self.run
        if run is None:
            return False
        try:
            return self.db.meetings.find(run.meeting.id) is None
        except USER_ERRORS:
            return False

    def explain(self, error: BaseException) -> str:
        if self.run is not None and self._meeting_gone():
            return (
                f"meeting {self.run.meeting.id} is no longer in the store (a backup was restored, or another l10 "
                "changed it): this change was not saved; leave with q"
            )
        return str(error)

    def after_background_write(self) -> None:
        """A change that waited for another l10's lock is done: show where the meeting stands now."""
        self.show_segment()

    def leave_message(self, error: BaseException | None) -> str:
        """What leaving says: kept, kept but the last changes lost, or gone from the store."""
        assert self.run is not None
        mid = self.run.meeting.id
        if self._meeting_gone():
            return (
                f"Meeting {mid} is no longer in the store (a backup was restored, or another l10 changed it); "
                "nothing more of it could be saved. `l10 meet` starts a new meeting."
            )
        if error is not None:
            return (
                f"Meeting {mid} is still in progress, but its last changes were NOT saved ({error}); "
                "`l10 meet` resumes it from its last saved checkpoint."
            )
        return f"Meeting {mid} kept in progress; `l10 meet` resumes it."

    def _bar_text(self, run: MeetingRun) -> Text:
        names = safe_text(" + ".join(t.name for t in run.teams))
        text = Text(f" {names} L10 ", style="bold reverse")
        text.append(f"  {run.current + 1}/{len(run.meeting.segments)} {safe_text(run.segment_name)}", style="bold")
        text.append(f"   total {mmss(run.total_elapsed)} of {mmss(run.planned_total)}")
        text.append(f"   {run.projection_text()}")
        late = run.late_s
        if late is not None and late >= 60:
            text.append(f"   started {int(late // 60)} min late")
        if run.paused:
            text.append("   ⏸ PAUSED", style="bold reverse")
        if run.finished:
            text.append("   ✓ FINISHED", style="bold")
        return text

    # -- bindings ------------------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        run = self.run
        if action == "go_back" and isinstance(self.focused, Input):
            return True  # escape leaves the note field
        if action in ("go_back", "app.quit"):
            return super().check_action(action, parameters)
        if run is None:
            return action in ("leave",)
        if run.finished and action not in ("leave",):
            return False
        if action in SEGMENT_ONLY:
            return run.current in SEGMENT_ONLY[action]
        if action == "drop":
            return run.current in DROP_KIND
        if action == "next_segment":
            return run.current < len(run.meeting.segments) - 1
        if action == "prev_segment":
            return run.current > 0
        return True

    def act(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Run an engine change, show a refusal as one line, and redraw the current segment."""
        result = self.attempt(fn, *args, **kwargs)
        self.reload()
        return result

    def action_next_segment(self) -> None:
        if self.run is not None and self.attempt(self.run.next_segment):
            self.show_segment()

    def action_prev_segment(self) -> None:
        if self.run is not None and self.attempt(self.run.prev_segment):
            self.show_segment()

    def action_pause(self) -> None:
        if self.run is not None:
            self.attempt(self.run.toggle_pause)
            self.refresh_bindings()
            self.tick()

    # -- who and what is selected --------------------------------------------------------------------------------

    def _people(self) -> list[tuple[str, str]]:
        return [(p.name, p.id) for p in self.run.people()] if self.run else []

    def _teams(self) -> list[tuple[str, str]]:
        return [(t.name, t.id) for t in self.run.teams] if self.run else []

    def selected_row(self) -> str | None:
        """The record id under the cursor of the current segment's table."""
        if self.run is None:
            return None
        view = self.view(self.run.current)
        if self.run.current == IDS:
            return self.selected_issue()
        if isinstance(view, ScorecardView):
            return view.query_one(ScorecardGrid).selected_id
        table = view.main_table()
        return table.selected_key if isinstance(table, RowTable) else None

    def selected_issue(self) -> str | None:
        """The issue under the cursor of the focused team panel (or of the first panel with issues)."""
        focused = self.focused
        node = focused
        while node is not None:
            if isinstance(node, IssuePanel):
                return node.selected_id
            node = node.parent  # type: ignore[assignment]
        ids = self.view(IDS)
        assert isinstance(ids, IdsView)
        for panel in ids.panels():
            if panel.selected_id:
                return panel.selected_id
        return None

    def target_issue(self) -> str | None:
        """What s / x / l / m act on: the issue being discussed, else the one under the cursor."""
        if self.run is not None and self.run.issue is not None:
            return self.run.issue
        return self.selected_issue()

    # -- anywhere: issue, to-do, headline, drop ------------------------------------------------------------------

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
        if run is None or run.current not in DROP_KIND:
            return
        item = self.selected_row()
        if item is None:
            self.notify("Nothing selected to drop", severity="warning", timeout=3)
            return
        issue = self.act(run.drop_to_issues, DROP_KIND[run.current], item)
        if issue is not None:
            self.notify(f"Dropped to {possessive(run.team_name(issue.team))} issues as {issue.id}", timeout=3)

    # -- segue ---------------------------------------------------------------------------------------------------

    def action_toggle_present(self) -> None:
        run = self.run
        person = self.selected_row()
        if run is not None and person is not None:
            self.act(run.set_attendance, person, not run.present(person))

    @on(Input.Submitted, "#segue-notes")
    def _segue_notes(self, event: Input.Submitted) -> None:
        event.stop()
        if self.run is not None:
            self.act(self.run.set_segue_notes, event.value)
            self.view(0).query_one("#attendance", RowTable).focus()

    @on(Input.Blurred, "#segue-notes")
    def _segue_notes_left(self, event: Input.Blurred) -> None:
        """Leaving the notes box (tab, a dialog) keeps what was typed, as enter does."""
        run = self.run
        if run is not None and not run.finished and event.value.strip() != run.meeting.segue_notes:
            self.act(run.set_segue_notes, event.value)

    # -- scorecard -----------------------------------------------------------------------------------------------

    @on(ScorecardGrid.ScoreSubmitted)
    def _score(self, event: ScorecardGrid.ScoreSubmitted) -> None:
        event.stop()
        if self.run is not None:
            self.act(self.run.set_score, event.measurable, event.value)

    @on(ScorecardGrid.NoteSubmitted)
    def _note(self, event: ScorecardGrid.NoteSubmitted) -> None:
        event.stop()
        if self.run is not None:
            self.act(self.run.set_note, event.measurable, event.note)

    # -- rocks and to-dos ----------------------------------------------------------------------------------------

    def action_rock(self, status: str) -> None:
        rock = self.selected_row()
        if self.run is not None and rock is not None:
            self.act(self.run.set_rock, rock, status)

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

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        run = self.run
        if run is None or event.row_key.value is None:
            return
        key = str(event.row_key.value)
        if event.data_table.id == "attendance":
            self.act(run.set_attendance, key, not run.present(key))
        elif event.data_table.id == "rocks":
            rock = run.store.rocks.find(key)
            self.act(run.set_rock, key, "off" if rock is not None and rock.status == "on" else "on")
        elif event.data_table.id == "todos":
            todo = run.store.todos.find(key)
            self.action_review(not (todo is not None and run.review_of(todo) is True))
        elif event.data_table.id == "ratings":
            self.action_rate()

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

    def _focus_current_panel(self) -> None:
        """Back to the team panel of the issue being discussed, so s / x / l / m are keys again."""
        run = self.run
        ids = self.view(IDS)
        assert isinstance(ids, IdsView)
        for panel in ids.panels():
            if run is not None and run.issue is not None and any(i.id == run.issue for i in panel.issues):
                panel.table.focus()
                return
        target = ids.main_table()
        if target is not None:
            target.focus()

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

    # -- conclude ------------------------------------------------------------------------------------------------

    def help_extra(self) -> Text | None:
        """``?`` at Conclude also says what a 10 means (widgets/record_line.py)."""
        return rubric_text() if self.run is not None and self.run.current == CONCLUDE else None

    def action_rate(self) -> None:
        run = self.run
        person = self.selected_row()
        if run is None or person is None:
            return
        if not run.present(person):
            self.notify(f"{run.name_of(person)} is marked absent (a toggles)", severity="warning", timeout=3)
            return
        current = run.rating(person)

        def rated(result: tuple[int, str] | None) -> None:
            if result is not None:
                self.act(run.rate, person, result[0], result[1])
                table = self.view(CONCLUDE).query_one("#ratings", RowTable)
                # on to the next person present (the absent cannot rate: the cursor stopping there halted the round)
                start = table.cursor_row
                for row in range(start + 1, table.row_count):
                    table.move_cursor(row=row, animate=False)
                    key = table.selected_key
                    if key is not None and run.present(key):
                        break
                else:
                    table.move_cursor(row=start, animate=False)

        self.app.push_screen(
            RatingDialog(
                run.name_of(person),
                score=current.score if current else None,
                comment=current.comment if current else "",
            ),
            rated,
        )

    def action_cascade(self) -> None:
        run = self.run
        if run is None:
            return
        self.app.push_screen(
            TextDialog("Cascading message", "Message", placeholder="what must be told to whom"),
            lambda text: self.act(run.add_message, text) if text else None,
        )

    def action_finish(self) -> None:
        run = self.run
        if run is None:
            return
        missing = run.missing_ratings()
        question = "Finish the meeting? It is saved as finished and a backup is made."
        if missing:
            question = f"{len(missing)} attendee(s) have not rated yet. Finish anyway?"

        def finished(summary: Summary | None, error: BaseException | None) -> None:
            # now, or later when the writer queued it (another l10 writing): the summary shows either way
            self.reload()
            if summary is not None and error is None:
                self.refresh_bindings()
                self.app.push_screen(SummaryScreen(summary), lambda _: self._after_finish(summary))

        def answer(yes: bool | None) -> None:
            if yes:
                self.attempt_then(run.finish, then=finished)

        self.app.push_screen(ConfirmDialog(question, yes="Finish"), answer)

    def _after_finish(self, summary: Summary) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
            sync = getattr(self.app, "sync_in_background", None)  # when this laptop turned it on (l10 sync auto on)
            if callable(sync):
                sync()
        else:
            self.app.exit(message=safe_lines("\n".join(summary.lines)))

    # -- leaving -------------------------------------------------------------------------------------------------

    def before_quit(self) -> bool:
        """The app asks before quitting: True means the screen took over (it asks, and quits if told to)."""
        if self.run is None or self.run.finished:
            return False
        self.action_leave()
        return True

    def action_leave(self, quit_app: bool = True) -> None:
        """Leave before the end: asks, saves the timers, and quits (or goes back to the screen below)."""
        run = self.run
        if run is None or run.finished:
            self._go(quit_app, None)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.attempt_then(run.checkpoint, then=lambda _r, err: self._go(quit_app, self.leave_message(err)))

        where = "without finishing" if run.current == CONCLUDE else "before Conclude"
        self.app.push_screen(
            ConfirmDialog(
                f"Leave the meeting {where}? It stays in progress and `l10 meet` resumes it.",
                yes="Leave",
                no="Stay",
            ),
            answer,
        )

    def _go(self, quit_app: bool, message: str | None) -> None:
        if quit_app or len(self.app.screen_stack) <= 2:
            self.app.exit(message=message)
        else:
            self.app.pop_screen()

    def action_go_back(self) -> None:
        """escape: out of a note field; else (when the meeting was opened from another screen) leave, asking first."""
        if isinstance(self.focused, Input):
            self._leave_field()
            return
        self.action_leave(quit_app=False)

    def on_unmount(self) -> None:
        if self.run is not None and not self.run.finished:
            try:
                self.l10.writer.run(self.run.checkpoint, (), {}, lambda _r, _e: None)
            except USER_ERRORS:
                pass  # the store or another window refused; the last good checkpoint stands
