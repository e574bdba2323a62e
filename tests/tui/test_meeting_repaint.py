"""What the meeting redraws, and how much of the screen it lays out for it (issue 12: the key-to-repaint time of the
meeting while another l10 imports 6,400 scores, ``bench/run.py --import-only``).

No timed asserts: the tests count what the event loop does (screen layouts, table rebuilds) with a fake clock.

Fails on the code before: every second the bar, the big timer and the agenda each asked for a layout of the whole
screen (``Static.update`` and ``BigDigits.value`` always do), and every re-read of a store another l10 changed
rebuilt (and so rendered whole again) the scorecard's table, also when none of its numbers had changed.
"""

from __future__ import annotations

import itertools
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from tests.meeting.small_store import build_small
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

import l10tui.tui.app as app_module
from l10tui.domain.clock import FakeClock
from l10tui.meeting import mmss
from l10tui.store import open_store
from l10tui.tui.app import L10App
from l10tui.tui.refresh import update_in_place
from l10tui.tui.screens.meeting import MeetingScreen
from l10tui.tui.widgets.agenda import AgendaSidebar
from l10tui.tui.widgets.big_digits import BigDigits
from l10tui.tui.widgets.scorecard_grid import ScorecardGrid


def count_layouts(monkeypatch: pytest.MonkeyPatch, app: App[Any]) -> list[int]:
    """One entry per layout of the current screen (Textual arranges the whole screen each time)."""
    screen = app.screen
    layouts: list[int] = []
    real = screen._refresh_layout

    def counted(*args: Any, **kwargs: Any) -> None:
        layouts.append(1)
        real(*args, **kwargs)

    monkeypatch.setattr(screen, "_refresh_layout", counted)
    return layouts


def meeting_clock() -> FakeClock:
    """09:01 on Monday 2026-11-23, the small store's slot (a fixed day: no test depends on today)."""
    return FakeClock(wall=datetime(2026, 11, 23, 9, 1, tzinfo=UTC), mono=5000.0)


async def meeting(tmp_path: Path, clock: FakeClock) -> tuple[L10App, Any]:
    path = tmp_path / "l10.json"
    small = build_small(open_store(path, clock), clock.today())
    app = L10App(db=open_store(path, clock), clock=clock, start="meeting", start_kwargs={"tz": UTC})
    return app, small


async def test_a_second_of_the_meeting_repaints_the_clock_without_laying_the_screen_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = meeting_clock()
    app, _small = await meeting(tmp_path, clock)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        await pilot.press("n")  # the scorecard, its table on screen
        await pilot.pause()
        digits = screen.query_one("#timer-digits", BigDigits)
        bar = screen.query_one("#meeting-bar", Static)
        agenda = screen.query_one(AgendaSidebar)
        before = (digits.value, str(bar.render()), str(agenda.render()))
        layouts = count_layouts(monkeypatch, app)
        for _ in range(3):
            clock.advance(1.0)  # each second: new digits, a new total in the bar and in the agenda
            screen.tick()
            await pilot.pause()
        after = (digits.value, str(bar.render()), str(agenda.render()))
        assert all(b != a for b, a in zip(before, after, strict=True)), (before, after)
        assert digits.value == "04:57"
        assert mmss(screen.run.total_elapsed) in str(bar.render())
        assert layouts == []  # the same sizes: each repainted alone (before: a layout per second)


async def test_a_caption_that_grows_a_line_is_still_laid_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other side: when an update changes a widget's size, the screen is laid out as before."""
    clock = meeting_clock()
    app, _small = await meeting(tmp_path, clock)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.press("n")
        await pilot.pause()
        caption = screen.query_one("#timer-caption", Static)
        assert caption.size == (len("Scorecard · 5 min"), 1)
        layouts = count_layouts(monkeypatch, app)
        clock.advance(6 * 60)  # "Scorecard · 5 min · ✗ over by 1:00": a wider caption (its width is auto)
        screen.tick()
        await pilot.pause()
        await pilot.pause()
        text = str(caption.render())
        assert "over by" in text
        assert layouts != []
        assert caption.size == (len(text), 1)


class Holder(App[None]):
    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Static("short", id="line")
            yield Static("below", id="below")

    CSS = "#box { width: 20; height: auto; }"


async def test_update_in_place_lays_out_only_when_the_size_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    app = Holder()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        line = app.query_one("#line", Static)
        below = app.query_one("#below", Static)
        layouts = count_layouts(monkeypatch, app)
        update_in_place(line, Text("trodh"))  # the same size
        await pilot.pause()
        assert layouts == [] and str(line.render()) == "trodh"
        update_in_place(line, Text("a much longer line that wraps"))  # two lines at width 20
        await pilot.pause()
        assert layouts != []
        assert line.size.height == 2 and below.region.y == line.region.y + 2


async def test_a_store_change_that_leaves_the_scorecard_as_it_was_does_not_rebuild_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = meeting_clock()
    app, small = await meeting(tmp_path, clock)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        await pilot.press("n")
        await pilot.pause()
        grid = screen.query_one(ScorecardGrid)
        builds: list[int] = []
        real = grid._build
        monkeypatch.setattr(grid, "_build", lambda: (builds.append(1), real())[1])

        other = open_store(tmp_path / "l10.json", clock)  # another l10
        old_week = clock.today() - timedelta(weeks=40)  # long before the 13 weeks on screen
        other.scores.set(small.calls, old_week, 7)
        other.issues.add("Outside", team=small.sales)
        app.db.refresh()
        screen.refresh_data()
        await pilot.pause()
        assert builds == []  # nothing it shows changed: the table stays as it was (before: rebuilt)

        week = screen.run.reported_week
        other.scores.set(small.calls, week, 77)  # a number on screen
        app.db.refresh()
        screen.refresh_data()
        await pilot.pause()
        assert builds == [1]
        assert grid.data.scores[(small.calls, week - timedelta(days=week.weekday()))] == 77

        app.action_toggle_colourblind()  # the colours change: rebuilt with the new ones
        await pilot.pause()
        await pilot.pause()
        assert len(builds) == 2


async def test_while_another_l10_writes_the_meetings_checkpoint_runs_in_the_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A checkpoint re-reads and rewrites the store another l10 keeps replacing: never on the event loop then, and
    quietly (nobody waits for it: no "saving…"). Before: on the event loop whenever the lock happened to be free."""
    clock = meeting_clock()
    app, small = await meeting(tmp_path, clock)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        run = screen.run
        other = open_store(tmp_path / "l10.json", clock)
        other.issues.add("Outside", team=small.sales)  # another l10 writes, the watch sees it
        app.store_watch.poll()
        assert app.store_watch.others_writing()
        on_loop: list[bool] = []
        real = run.checkpoint
        monkeypatch.setattr(
            run,
            "checkpoint",
            lambda: (on_loop.append(threading.current_thread() is threading.main_thread()), real())[1],
        )
        run.note_focus("somewhere else")  # a focus checkpoint is due (tick then notes the row under the cursor)
        clock.advance(5.0)
        screen.tick()
        for _ in range(100):
            await pilot.pause()
            if on_loop and not app.writer.busy:
                break
        assert on_loop == [False]
        assert app.sub_title != "saving… (another l10 is writing)"
        saved = open_store(tmp_path / "l10.json", clock).meetings.find(run.meeting.id)
        assert saved is not None and saved.run.get("saved_ts") == round(
            clock.now().timestamp(), 3
        )  # written all the same


async def test_while_another_l10_writes_the_checkpoint_goes_with_the_watchs_re_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store another l10 keeps replacing is parsed once per look, not twice: the meeting's checkpoint (which
    re-reads it under the lock) waits for the store watch's next re-read and runs in its place, in the worker.
    Before: the checkpoint and the watch each read the whole file (1.5 MB for a year), each holding the interpreter
    against the event loop."""
    monkeypatch.setattr(app_module, "POLL_S", 3600.0)  # the test makes the watch's looks itself
    clock = meeting_clock()
    app, small = await meeting(tmp_path, clock)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        run = screen.run
        opener = app.db._opener
        real_load = opener.load
        loads: list[bool] = []  # each read of the file into memory: on the event loop's thread?
        monkeypatch.setattr(
            opener, "load", lambda: (loads.append(threading.current_thread() is threading.main_thread()), real_load())
        )
        other = open_store(tmp_path / "l10.json", clock)
        other.issues.add("Outside", team=small.sales)  # another l10 writes
        app.store_watch.poll()  # seen: a re-read is coming once the file is still
        assert app.store_watch.pending and app.store_watch.others_writing()
        run.note_focus("somewhere else")
        clock.advance(5.0)
        screen.tick()  # a checkpoint is due: it waits for the re-read
        await pilot.pause()
        assert loads == [] and not app.writer.busy
        app.store_watch.poll()  # the file is still: one re-read, the checkpoint's
        for _ in range(200):
            await pilot.pause()
            if not app.store_watch.pending and not app.writer.busy:
                break
        assert loads == [False]
        saved = open_store(tmp_path / "l10.json", clock).meetings.find(run.meeting.id)
        assert saved is not None and saved.run.get("saved_ts") == round(clock.now().timestamp(), 3)
        assert "Outside" in [i.title for i in app.db.issues.all()]  # and the other l10's change is in memory


async def test_every_count_of_seconds_turns_with_the_big_timer_once_a_second(tmp_path: Path) -> None:
    """The agenda's and the bar's totals count from the meeting's start, the big timer from the segment's: each
    turned over at its own fraction of a second and the screen was painted twice a second (issue 12). The timer's
    looks (``clock_tick``, four a second) now repaint only when the timer's second turns, every count with it,
    each still one second more than the last."""
    clock = meeting_clock()
    app, _small = await meeting(tmp_path, clock)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        clock.advance(0.5)  # the segue ran half a second: the total turns half a second after the timer
        await pilot.press("n")
        await pilot.pause()
        run = screen.run
        digits = screen.query_one("#timer-digits", BigDigits)
        bar = screen.query_one("#meeting-bar", Static)
        agenda = screen.query_one(AgendaSidebar)
        painted: list[int] = []  # the looks after which the agenda had new rows to paint
        rows = agenda._rows
        shown = [(digits.value, str(bar.render()))]
        totals = [int(run.total_elapsed)]
        turns: list[int] = []
        for look in range(1, 17):  # four seconds, four looks a second
            clock.advance(0.25)
            screen.clock_tick()
            now = (digits.value, str(bar.render()))
            if agenda._rows is not rows:
                painted.append(look)
                rows = agenda._rows
            if now != shown[-1]:
                turns.append(look)
                totals.append(int(run.total_elapsed))
            shown.append(now)
        # The timer turns once a second (5:00 -> 4:59 a quarter second in: a countdown turns just after each whole
        # second, the counts up at it, so the first turn has nothing else to show); the agenda is painted with it,
        # never between; the totals the timer's turns show go up one second at a time.
        assert turns == [1, 5, 9, 13] and painted == turns[1:]
        assert [b - a for a, b in itertools.pairwise(totals[1:])] == [1, 1, 1]
        assert all(f"total {mmss(t)}" in shown[i][1] for t, i in zip(totals[1:], turns, strict=True))


async def test_a_look_that_paints_the_clock_leaves_the_checkpoint_to_the_next_look(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One job per look (issue 12): a look that repaints the clock leaves a due checkpoint to the next look, a quarter
    second later, so a key pressed then waits behind one of them, not both; never two looks running."""
    clock = meeting_clock()
    app, _small = await meeting(tmp_path, clock)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        await pilot.press("n")
        await pilot.pause()
        run = screen.run
        written: list[float] = []
        real = run.checkpoint
        monkeypatch.setattr(run, "checkpoint", lambda: (written.append(clock.monotonic()), real())[1])

        def due() -> None:  # the facilitator moved the cursor: a focus checkpoint is due
            run.note_focus(f"row {clock.monotonic()}")
            monkeypatch.setattr(screen, "selected_row", lambda: run.focus)

        clock.advance(1.0)  # the timer's second turns at this look
        due()
        screen.clock_tick()
        assert written == []  # painted the clock; the checkpoint waits
        clock.advance(0.25)  # same second: nothing to paint
        screen.clock_tick()
        assert written == [clock.monotonic()]  # written at the next look

        clock.advance(1.0)
        due()
        screen.clock_tick()  # paints, the checkpoint waits
        clock.advance(1.0)
        screen.clock_tick()  # paints again, but the checkpoint waited once already: written now
        assert len(written) == 2 and written[-1] == clock.monotonic()
