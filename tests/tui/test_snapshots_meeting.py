"""Snapshots of every meeting segment at 80x24 and 160x45, in the normal and the projector theme.

The store is the small hand-made one (not the demo, which may grow), the clock is fake and moved by hand, the
cursor does not blink and animations are off, so the pictures only change when the screen does.
Update after an intended change with: pytest tests/tui/test_snapshots_meeting.py --snapshot-update
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.meeting.small_store import build_small
from textual.pilot import Pilot
from textual.widgets import Input

from l10tui.domain.clock import FakeClock
from l10tui.meeting import IDS
from l10tui.store import open_store
from l10tui.tui.app import L10App
from l10tui.tui.screens.meeting import MeetingScreen

SEGMENTS = ["segue", "scorecard", "rocks", "headlines", "todos", "ids", "conclude"]


def make_app(tmp_path: Path, projector: bool) -> tuple[L10App, FakeClock]:
    clock = FakeClock(wall=datetime(2026, 11, 23, 9, 4, tzinfo=UTC), mono=5000.0)
    db = open_store(tmp_path / "l10.json", clock)
    build_small(db, clock.today())
    app = L10App(db=db, clock=clock, start="meeting", start_kwargs={"tz": UTC}, projector=projector)
    app.animation_level = "none"
    return app, clock


@pytest.mark.parametrize("projector", [False, True], ids=["normal", "projector"])
@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
@pytest.mark.parametrize("segment", range(len(SEGMENTS)), ids=SEGMENTS)
def test_meeting_segment_snapshot(
    snap_compare: object, tmp_path: Path, segment: int, size: tuple[int, int], projector: bool
) -> None:
    app, clock = make_app(tmp_path, projector)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        for _ in range(segment):
            await pilot.press("n")
        if segment == IDS:
            await pilot.press("1", "enter")  # the top issue picked and opened: its own timer shows
        clock.advance(75)
        screen.tick()
        for box in app.screen.query(Input):
            box.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)  # type: ignore[operator]
