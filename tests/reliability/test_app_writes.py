"""Issue 12, items 10-12 in the app: the meeting never waits on the store's lock on the event loop, and leaving
says what happened (kept / last changes not saved / gone from the store)."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from l10tui.domain.clock import FakeClock
from l10tui.store import StoreWriteError, open_store
from l10tui.store.lock import StoreLock
from l10tui.tui.app import L10App
from l10tui.tui.screens.meeting import MeetingScreen

SAVING = "saving… (another l10 is writing)"


async def opened_meeting(app: L10App, pilot: object) -> MeetingScreen:
    """The meeting screen once the app has started on it, with its meeting open."""
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, MeetingScreen) and screen.run is not None
    return screen


def restore_under_the_meeting(app: L10App, store: Path, before: bytes) -> None:
    """`l10 doctor --restore <older backup> --force` from another terminal, and the app's store watch sees it."""
    store.write_bytes(before)
    app.poll_store()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(wall=datetime(2026, 11, 23, 9, 0, tzinfo=UTC), mono=1000.0)


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Path:
    path = tmp_path / "l10.json"
    db = open_store(path, clock)
    with db.transaction():
        sales = db.teams.add("Sales")
        db.people.add("Ana", teams=[sales.id])
        db.issues.add("Leads are junk", team=sales.id)
    return path


async def test_keys_and_timers_stay_alive_while_another_l10_holds_the_lock(store: Path, clock: FakeClock) -> None:
    """Old code: every key waited on the lock on the event loop (the clock stopped, presses were lost)."""
    app = L10App(db=open_store(store, clock), clock=clock, start="meeting")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened_meeting(app, pilot)
        other = StoreLock(str(store) + ".lock", timeout=1)
        holding = threading.Event()

        def hold() -> None:  # another l10 (a long score import) holds the lock for 1.5 s (a thread holds it whole)
            with other:
                holding.set()
                time.sleep(1.5)

        later = threading.Thread(target=hold)
        later.start()
        assert holding.wait(10)
        try:
            started = time.monotonic()
            await pilot.press("n")
            await pilot.press("n")
            assert time.monotonic() - started < 1.0  # the keys came back at once
            assert app.writer.busy
            await pilot.pause(0.4)
            assert app.sub_title == SAVING  # the room is told why nothing moved yet
            for _ in range(200):
                if not app.writer.busy:
                    break
                await pilot.pause(0.05)
        finally:
            later.join()
        assert not app.writer.busy
        assert screen.run.current == 2  # both presses counted, in order
        await pilot.pause()
        assert app.sub_title != SAVING
    stored = open_store(store, clock).meetings.in_progress()
    assert stored is not None and stored.run["current"] == 2


async def _leave(app: L10App, pilot: object) -> str:
    await pilot.press("q")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("y")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return " ".join(str(r) for r in app._exit_renderables)


async def test_leaving_after_a_failed_checkpoint_says_so(
    store: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Old code: "kept in progress" although the last checkpoint failed (disk full)."""
    from l10tui.meeting.run import MeetingRun

    app = L10App(db=open_store(store, clock), clock=clock, start="meeting")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

        def full(self: MeetingRun) -> None:
            raise StoreWriteError("could not save the store: the disk is full; nothing was changed")

        monkeypatch.setattr(MeetingRun, "checkpoint", full)
        message = await _leave(app, pilot)
    assert "NOT saved" in message and "the disk is full" in message, message
    assert "kept in progress" not in message


async def test_a_meeting_restored_away_is_called_gone(store: Path, clock: FakeClock, tmp_path: Path) -> None:
    """Old code: each action said "Not saved: no meeting MT-1" and leaving still said "MT-1 kept"."""
    before = store.read_bytes()  # the store as it was before the meeting began (what a backup holds)
    app = L10App(db=open_store(store, clock), clock=clock, start="meeting")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened_meeting(app, pilot)
        mid = screen.run.meeting.id
        restore_under_the_meeting(app, store, before)
        await pilot.press("n")
        await pilot.pause()
        shown = " ".join(str(n.message) for n in app._notifications)
        assert f"meeting {mid} is no longer in the store" in shown, shown
        message = await _leave(app, pilot)
    assert f"Meeting {mid} is no longer in the store" in message, message
    assert "kept in progress" not in message


async def test_a_refused_next_leaves_the_screen_where_the_store_is(store: Path, clock: FakeClock) -> None:
    """Old code: after a backup was restored under the meeting, ``n`` was refused ("Not saved") but the bar and the
    agenda moved on to the next segment while the body still showed the one before (the engine kept the change)."""
    from textual.widgets import ContentSwitcher, Static

    from l10tui.tui.widgets.agenda import AgendaSidebar

    before = store.read_bytes()
    app = L10App(db=open_store(store, clock), clock=clock, start="meeting")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened_meeting(app, pilot)
        await pilot.press("n")  # Scorecard
        await pilot.pause()
        assert screen.run.current == 1
        restore_under_the_meeting(app, store, before)
        await pilot.press("n")
        await pilot.pause()
        assert "no longer in the store" in " ".join(str(n.message) for n in app._notifications)
        assert screen.run.current == 1
        assert screen.query_one("#segments", ContentSwitcher).current == "seg-1"
        bar = str(screen.query_one("#meeting-bar", Static).render())
        assert "2/7 Scorecard" in bar, bar
        agenda = str(screen.query_one(AgendaSidebar).render())
        current = [line for line in agenda.splitlines() if "▶" in line]
        assert len(current) == 1 and "Scorecard" in current[0], agenda


async def test_the_leave_dialog_says_a_meeting_gone_from_the_store_cannot_be_resumed(
    store: Path, clock: FakeClock
) -> None:
    """Old code: after a backup was restored under the meeting, ``q`` still asked "It stays in progress and
    `l10 meet` resumes it." (the message printed after leaving was already right)."""
    from l10tui.tui.widgets.dialogs import ConfirmDialog

    before = store.read_bytes()
    app = L10App(db=open_store(store, clock), clock=clock, start="meeting")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened_meeting(app, pilot)
        mid = screen.run.meeting.id
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "It stays in progress and `l10 meet` resumes it." in app.screen.title_text  # while it is stored
        await pilot.press("n")  # stay
        await pilot.pause()
        restore_under_the_meeting(app, store, before)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = app.screen.title_text
        assert f"Meeting {mid} is no longer in the store" in question, question
        assert "`l10 meet` will start a new meeting" in question
        assert "stays in progress" not in question and "resumes it" not in question


async def test_the_footer_stops_saying_resumable_once_nothing_can_be_resumed(store: Path, clock: FakeClock) -> None:
    """Old code: the footer still offered "q Leave (resumable)" after a backup was restored under the meeting (and
    after Finish, or when the meeting could not be opened at all)."""
    from tests.tui.between_data import screen_text

    before = store.read_bytes()
    app = L10App(db=open_store(store, clock), clock=clock, start="meeting")
    async with app.run_test(size=(160, 45)) as pilot:
        await opened_meeting(app, pilot)
        assert "Leave (resumable)" in screen_text(app)
        restore_under_the_meeting(app, store, before)
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "Leave (resumable)" not in text and " q Leave " in text, text
