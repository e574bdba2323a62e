"""Writing is a mode: while a note field has focus, every letter types and no meeting key fires; tab goes into the
Identify and Discuss fields in order; the focused field is marked; escape leaves the field and the keys work again.

On the old code tab went from one team panel to the next (never into Identify/Discuss) and escape in a field asked
to leave the meeting (or did nothing)."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from tests.meeting.small_store import build_small
from textual.pilot import Pilot
from textual.widgets import Input

from l10tui.domain.clock import FakeClock
from l10tui.meeting import IDS
from l10tui.store import L10Store, open_store
from l10tui.tui.app import L10App
from l10tui.tui.screens.meeting import MeetingScreen
from l10tui.tui.widgets.row_table import RowTable

PHRASE = "SDRs send 5 leads, slides next monday"


def make_app(tmp_path: Path, clock: FakeClock) -> tuple[L10App, L10Store]:
    db = open_store(tmp_path / "l10.json", clock)
    build_small(db, clock.today())
    app = L10App(db=db, clock=clock, start="meeting", start_kwargs={"tz": UTC})
    app.animation_level = "none"
    return app, db


def keys_of(text: str) -> list[str]:
    names = {" ": "space", ",": "comma", ".": "full_stop"}
    return [names.get(ch, ch) for ch in text]


async def type_phrase(pilot: Pilot[None]) -> None:
    for key in keys_of(PHRASE):
        await pilot.press(key)


def state(app: L10App) -> tuple[object, ...]:
    screen = app.screen
    assert isinstance(screen, MeetingScreen) and screen.run is not None
    run = screen.run
    return (
        run.current,
        run.paused,
        tuple(run.top3),
        run.issue,
        len(app.screen_stack),
        len(run.store.issues.all()),
        len(run.store.todos.all()),
    )


@pytest.mark.parametrize("size", [(100, 30), (160, 45)])
async def test_ids_notes_are_a_writing_mode(tmp_path: Path, clock: FakeClock, size: tuple[int, int]) -> None:
    app, _db = make_app(tmp_path, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _ in range(IDS):
            await pilot.press("n")
        await pilot.press("1", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None and screen.run.issue is not None
        issue = screen.run.issue
        panel_table = app.focused
        assert isinstance(panel_table, RowTable)
        before = state(app)

        await pilot.press("tab")
        identify = screen.query_one("#ids-identify", Input)
        assert app.focused is identify, f"tab went to {app.focused!r}"
        assert identify.parent is not None and identify.parent.has_class("-writing")  # the field is marked
        await type_phrase(pilot)
        assert identify.value == PHRASE
        assert state(app) == before

        await pilot.press("tab")
        discuss = screen.query_one("#ids-discuss", Input)
        assert app.focused is discuss
        await type_phrase(pilot)
        assert discuss.value == PHRASE
        assert state(app) == before

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.focused, Input)
        assert len(app.screen_stack) == before[4]  # escape asked nothing
        notes = screen.run.notes(issue)
        assert notes["identify"] == PHRASE and notes["discuss"] == PHRASE
        # the meeting keys work again
        await pilot.press("space")
        assert screen.run.paused


async def test_segue_notes_are_a_writing_mode(tmp_path: Path, clock: FakeClock) -> None:
    app, _ = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = state(app)
        await pilot.press("tab")
        notes = app.screen.query_one("#segue-notes", Input)
        assert app.focused is notes
        await type_phrase(pilot)
        assert notes.value == PHRASE and state(app) == before
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.focused, Input) and len(app.screen_stack) == before[4]
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        assert screen.run.meeting.segue_notes == PHRASE
        await pilot.press("n")
        assert screen.run.current == 1
