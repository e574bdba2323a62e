"""The live Level 10 meeting: the facilitator drives the agenda with single keys; the room reads a big timer.

Everything the screen changes goes through :class:`~l10tui.meeting.MeetingRun`, which writes the store at once, so
closing the terminal or killing the process loses nothing and ``l10 meet`` resumes where it stood.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import DescendantBlur, DescendantFocus, Resize
from textual.widget import Widget
from textual.widgets import ContentSwitcher, DataTable, Input, Static

from l10tui.meeting import CONCLUDE, IDS, MeetingRun, OffSlot, OffSlotChoice, mmss

from ..safe import plain
from ..widgets.agenda import AgendaSidebar
from ..widgets.big_digits import BigDigits, render_big, rows_for
from ..widgets.dialogs import (
    ChoiceDialog,
    ConfirmDialog,
)
from ..widgets.key_footer import KeyFooter as Footer
from ..widgets.scorecard_data import load_scorecard
from ..widgets.segment_timer import SegmentTimer
from .base import USER_ERRORS
from .meeting_conclude import ConcludeView
from .meeting_parts.anywhere import AnywhereKeys
from .meeting_parts.base import TICK_S, MeetingBase
from .meeting_parts.conclude import ConcludeKeys, SummaryScreen
from .meeting_parts.ids import IdsKeys
from .meeting_parts.rocks import RockKeys
from .meeting_parts.scorecard import ScorecardKeys
from .meeting_parts.segue import SegueKeys
from .meeting_parts.todos import TodoKeys
from .meeting_views import (
    NARROW,
    HeadlinesView,
    IdsView,
    RocksView,
    ScorecardView,
    SegueView,
    TodosView,
)

__all__ = ["TICK_S", "MeetingBase", "MeetingScreen", "SummaryScreen"]
# the actions that only some segments offer: each view's ACTIONS says which are live while it shows
SEGMENT_ACTIONS = frozenset(a for v in MeetingBase.VIEWS for a in v.ACTIONS)


class MeetingScreen(SegueKeys, ScorecardKeys, RockKeys, TodoKeys, IdsKeys, ConcludeKeys, AnywhereKeys):
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
        *AnywhereKeys.SEGMENT_BINDINGS,
        *SegueKeys.SEGMENT_BINDINGS,
        *RockKeys.SEGMENT_BINDINGS,
        *TodoKeys.SEGMENT_BINDINGS,
        *IdsKeys.SEGMENT_BINDINGS,
        *ConcludeKeys.SEGMENT_BINDINGS,
        Binding("q", "leave", "Leave (resumable)"),
        # once nothing can be resumed (finished, never opened, or gone from the store) q says only "Leave"
        Binding("q", "leave_now", "Leave"),
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
        self.gone = False  # the meeting is no longer in the store (q then says "Leave", not "resumable")

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
        self.set_interval(TICK_S, self.clock_tick)

    def _ask_off_slot(self) -> None:
        """Far from its slot: ask once whether this is this week's meeting moved to now, or an extra one."""

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

    def refresh_data(self) -> None:
        """Another process changed the store (``l10 issue add``, ``l10 rate``, ``l10 vote``): show it."""
        if self.run is not None:
            try:  # a read of the copy in memory (refresh.py re-read it): never queued behind another l10's lock
                self.run.sync_seats()
            except USER_ERRORS as exc:
                self.notify(self.explain(exc), title="Not read", severity="error", timeout=8)
            if self._meeting_gone() != self.gone:  # a backup restored, or another l10 removed it
                self.gone = not self.gone
                self.refresh_bindings()
        self.reload()

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

    # -- bindings ------------------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        run = self.run
        if action == "go_back" and isinstance(self.focused, Input):
            return True  # escape leaves the note field
        if action in ("go_back", "app.quit"):
            return super().check_action(action, parameters)
        if action in ("leave", "leave_now"):
            resumable = run is not None and not run.finished and not self.gone
            return resumable == (action == "leave")
        if run is None or run.finished:
            return False
        if action in SEGMENT_ACTIONS:
            return action in self.VIEWS[run.current].ACTIONS
        if action == "next_segment":
            return run.current < len(run.meeting.segments) - 1
        if action == "prev_segment":
            return run.current > 0
        return True

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

    # -- leaving -------------------------------------------------------------------------------------------------

    def before_quit(self) -> bool:
        """The app asks before quitting: True means the screen took over (it asks, and quits if told to)."""
        if self.run is None or self.run.finished:
            return False
        self.action_leave()
        return True

    def action_leave_now(self) -> None:
        """q once nothing can be resumed: as :meth:`action_leave` (it asks first only while there is a meeting)."""
        self.action_leave()

    def action_leave(self, quit_app: bool = True) -> None:
        """Leave before the end: asks, saves the timers, and quits (or goes back to the screen below)."""
        run = self.run
        if run is None or run.finished:
            self._go(quit_app, None)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.attempt_then(run.checkpoint, then=lambda _r, err: self._go(quit_app, self.leave_message(err)))

        self.app.push_screen(ConfirmDialog(self.leave_question(), yes="Leave", no="Stay"), answer)

    def leave_question(self) -> str:
        """What the leave dialog asks: what leaving will do, as :meth:`leave_message` will then say it was done."""
        assert self.run is not None
        where = "without finishing" if self.run.current == CONCLUDE else "before Conclude"
        if self._meeting_gone():
            return (
                f"Leave the meeting {where}? Meeting {self.run.meeting.id} is no longer in the store (a backup was "
                "restored, or another l10 changed it): nothing more of it can be saved, and `l10 meet` will start "
                "a new meeting."
            )
        return f"Leave the meeting {where}? It stays in progress and `l10 meet` resumes it."

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
