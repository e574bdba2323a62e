"""Another l10 writing the store many times a second (a big ``score import``) must not keep the meeting busy
(issue 12): the app re-reads the file only in its worker thread, a bounded number of times, rebuilds the screen
once per re-read, and shows the final state once the writes stop. No timed asserts: the test drives the store
watch's looks itself and moves a fake clock (the bench times it: ``bench/run.py --import-only``).

Fails on the code before: every look (once a second) re-read a changed file and rebuilt the screen, and the
meeting's own checkpoint re-read it on the event loop.
"""

from __future__ import annotations

import threading
from datetime import UTC

import pytest
from tests.meeting.small_store import Small

import l10tui.tui.app as app_module
from l10tui.domain.clock import FakeClock
from l10tui.meeting import IDS
from l10tui.store import open_store
from l10tui.tui.app import L10App
from l10tui.tui.refresh import MAX_WAIT_S
from l10tui.tui.screens.meeting import MeetingScreen
from l10tui.tui.widgets.issue_panel import IssuePanel


async def settle(pilot: object, app: L10App) -> None:
    """Until a re-read running in the worker has been handed back to the event loop (no wall-clock asserts)."""
    for _ in range(200):
        await pilot.pause()  # type: ignore[attr-defined]
        if not app.store_watch.in_flight and not app.writer.reading:
            break
    await pilot.pause()  # type: ignore[attr-defined]


async def test_a_stream_of_outside_writes_is_read_in_the_worker_a_bounded_number_of_times(
    small_meeting: Small, late_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "POLL_S", 3600.0)  # the test makes the watch's looks itself
    clock, small, path = late_clock, small_meeting, small_meeting.db.path
    app = L10App(db=open_store(path, clock), clock=clock, start="meeting", start_kwargs={"tz": UTC})
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        for _ in range(IDS):
            await pilot.press("n")
        await pilot.pause()

        # per read of the file into memory (a re-read by the watch, or by the meeting's checkpoint that went in
        # its place): did it run on the event loop's thread?
        on_loop: list[bool] = []
        opener = app.db._opener
        real_load = opener.load

        def load() -> None:
            on_loop.append(threading.current_thread() is threading.main_thread())
            real_load()

        monkeypatch.setattr(opener, "load", load)
        rebuilt: list[int] = []
        real_rebuild = screen.refresh_data
        monkeypatch.setattr(screen, "refresh_data", lambda: (rebuilt.append(1), real_rebuild())[1])

        other = open_store(path, clock)  # another l10, writing faster than the app looks
        for n in range(12):
            other.issues.add(f"Outside {n}", team=small.sales)
            app.store_watch.poll()
            await pilot.pause()
        # never still between two looks, and not MAX_WAIT_S yet: not one re-read, nothing rebuilt
        assert on_loop == [] and rebuilt == []
        assert app.store_watch.others_writing()  # so the meeting's background checkpoints wait meanwhile

        clock.advance(MAX_WAIT_S)  # still changing, but the first change not shown is MAX_WAIT_S old: one re-read
        other.issues.add("Outside 12", team=small.sales)
        app.store_watch.poll()
        await settle(pilot, app)
        assert on_loop == [False] and rebuilt == [1]
        sales = screen.query_one(f"#panel-{small.sales}", IssuePanel)
        assert "Outside 12" in [i.title for i in sales.issues]

        for n in range(13, 18):
            other.issues.add(f"Outside {n}", team=small.sales)
            app.store_watch.poll()
            await pilot.pause()
        assert on_loop == [False] and rebuilt == [1]  # the new wait started at the re-read

        # the writes stop: the next look finds the file still, re-reads it once and the final state shows
        app.store_watch.poll()
        await settle(pilot, app)
        assert on_loop == [False, False] and rebuilt == [1, 1]
        assert "Outside 17" in [i.title for i in sales.issues]
        app.store_watch.poll()  # nothing new: nothing read, nothing rebuilt
        await settle(pilot, app)
        assert on_loop == [False, False] and rebuilt == [1, 1]
        assert not app.store_watch.pending


async def test_a_change_a_write_of_ours_read_first_is_still_shown(
    small_meeting: Small, late_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The meeting's own write re-reads the file under the lock, taking in another l10's change: the watch then
    finds the file as in memory, yet the screen has not shown that change, so it is told (no stale display)."""
    monkeypatch.setattr(app_module, "POLL_S", 3600.0)
    clock, small, path = late_clock, small_meeting, small_meeting.db.path
    app = L10App(db=open_store(path, clock), clock=clock, start="meeting", start_kwargs={"tz": UTC})
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        for _ in range(IDS):
            await pilot.press("n")
        await pilot.pause()
        open_store(path, clock).issues.add("Slipped in", team=small.sales)
        screen.run.checkpoint()  # our write: re-reads the file under the lock first
        assert app.db.disk_signature() == app.db.loaded_signature
        sales = screen.query_one(f"#panel-{small.sales}", IssuePanel)
        assert "Slipped in" not in [i.title for i in sales.issues]
        app.store_watch.poll()  # the file is as in memory, but newer than what the screen showed: told at the next
        app.store_watch.poll()  # look that finds it still
        await settle(pilot, app)
        assert "Slipped in" in [i.title for i in sales.issues]
