"""What every part of the meeting screen shares: the engine, the views, the clock's redraw, what is selected."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.widgets import ContentSwitcher, Static

from l10tui.domain.text import safe_text
from l10tui.meeting import IDS, MeetingRun, mmss

from ...refresh import update_if_changed
from ...widgets.agenda import AgendaSidebar
from ...widgets.issue_panel import IssuePanel
from ...widgets.row_table import RowTable
from ...widgets.scorecard_grid import ScorecardGrid
from ...widgets.segment_timer import SegmentTimer, clock_text
from .. import meeting_views as views
from ..base import USER_ERRORS, L10Screen
from ..meeting_conclude import ConcludeView
from ..meeting_views import IdsView, ScorecardView, SegmentView

TICK_S = 0.25


class MeetingBase(L10Screen):
    """The meeting screen's common ground; the segment parts (segue.py ... conclude.py) extend it with their keys."""

    run: MeetingRun | None = None
    _shown: int | None = None
    _last_tick_error = ""
    _clock_shown: tuple[object, ...] | None = None  # what the clock showed at its last repaint (_show_clock)
    _checkpoint_waited = False  # the last look repainted the clock and left the checkpoint to this one

    # the segment views, in agenda order: index i of the meeting is VIEWS[i]
    VIEWS: ClassVar[tuple[type[SegmentView], ...]] = (
        views.SegueView,
        views.ScorecardView,
        views.RocksView,
        views.HeadlinesView,
        views.TodosView,
        views.IdsView,
        ConcludeView,
    )

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

    def clock_tick(self) -> None:
        """The screen's timer (``TICK_S``): the checkpoints, and the clock repainted once its second changed."""
        self.tick(sampled=True)

    def tick(self, *, sampled: bool = False) -> None:
        """Hand the engine its checkpoint and show the clock (``sampled``: only if the timer's second changed)."""
        run = self.run
        if run is None:
            return
        run.note_focus(self.selected_row())  # the room view highlights it (written throttled by tick)
        painted = self._show_clock(run, sampled=sampled)
        if sampled and painted and not self._checkpoint_waited:
            # One job per look: the checkpoint waits for the next look, a quarter second, so a key pressed now does
            # not wait behind both the clock's paint and a write of the store (issue 12). Never twice running.
            self._checkpoint_waited = True
            return
        self._checkpoint_waited = False
        # A change queued behind another l10's lock: the heartbeat waits its turn. Another l10 writing: the
        # checkpoint goes with the store watch's next re-read, in the worker (refresh.py).
        if not self.l10.writer.busy and not self.l10.store_watch.checkpoint(run.tick, self._tick_done):
            self._tick_now(run)

    def _tick_now(self, run: MeetingRun) -> None:
        writer = self.l10.writer
        try:
            ran, _ = writer.run(run.tick, (), {}, self._tick_done)
        except USER_ERRORS as exc:
            self._tick_done(None, exc)
        else:
            if ran:  # the writer calls ``done`` only for a queued change: a tick that ran now is done here
                self._tick_done(None, None)

    def _show_clock(self, run: MeetingRun, *, sampled: bool = False) -> bool:
        """The timer, the agenda and the bar as the engine has them now (each repainted only if it changed).

        ``sampled`` (the timer's ticks): nothing is repainted until the big timer's second changes. The agenda's
        total, the bar's total and the issue's timer count the same seconds from other starting points, so each
        turned over at its own fraction of a second and the screen was painted twice a second (the whole region
        between the bar and the timer each time, issue 12); now every count is read at the timer's turn and the
        screen is painted once a second. Each count still goes up by one second per second. True: repainted."""
        seg = run.meeting.segments[run.current]
        remaining = run.remaining()
        shown = (run.current, clock_text(remaining), run.paused, run.finished, run.issue, run.projection_text())
        if sampled and shown == self._clock_shown:
            return False
        self._clock_shown = shown
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
        return True

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

    def act(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Run an engine change, show a refusal as one line, and redraw the current segment."""
        result = self.attempt(fn, *args, **kwargs)
        self.reload()
        return result

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
