"""Snapshots of every between-meetings screen on the demo store, at 80x24 and 160x45.

The clock is fake (Monday 2026-11-23 09:00 UTC), the local zone is pinned to UTC, the cursor does not blink and
animations are off, so the pictures change only when a screen does.
Update after an intended change with: pytest tests/tui/test_snapshots_between.py --snapshot-update
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store
from l10tui.tui.app import L10App

SCREENS = [
    "home",
    "issues",
    "scorecard",
    "rocks",
    "todos",
    "history",
    "meeting_record",
    "trends",
    "alignment",
    "people",
]
SIZES = [(80, 24), (160, 45)]


pytestmark = pytest.mark.usefixtures("utc")  # the zone is UTC in every test here (tests/tui/conftest.py)


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
@pytest.mark.parametrize("screen", SCREENS)
def test_screen_snapshot(
    snap_compare: Any, demo_db: L10Store, clock: FakeClock, screen: str, size: tuple[int, int]
) -> None:
    kwargs: dict[str, Any] = {}
    if screen == "meeting_record":
        latest = demo_db.meetings.latest()
        assert latest is not None
        kwargs["meeting"] = latest.id
    app = L10App(db=demo_db, clock=clock, start=screen, start_kwargs=kwargs)
    app.animation_level = "none"
    assert snap_compare(app, terminal_size=size, run_before=settle_workers if screen == "history" else settle)


async def settle_workers(pilot: Pilot[None]) -> None:
    """As :func:`settle`, once the screen's workers are done (history reads the archived meetings in one)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
def test_setup_snapshot(snap_compare: Any, db: L10Store, clock: FakeClock, size: tuple[int, int]) -> None:
    app = L10App(db=db, clock=clock)
    app.animation_level = "none"
    assert snap_compare(app, terminal_size=size, run_before=settle)


def test_board_help_snapshot(snap_compare: Any, demo_db: L10Store, clock: FakeClock) -> None:
    app = L10App(db=demo_db, clock=clock, start="issues")
    app.animation_level = "none"

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 40), run_before=run_before)
