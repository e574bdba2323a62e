"""Snapshots of ``?`` at Conclude (what a 10 means, above the keys) and of a noted number in the scorecard, at 80x24
and 160x45 (issue 19). Update after an intended change with ``--snapshot-update``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests.meeting.small_store import build_small
from textual.pilot import Pilot
from textual.widgets import Input

from l10tui.domain.clock import FakeClock
from l10tui.domain.dates import week_monday
from l10tui.meeting import CONCLUDE
from l10tui.store import open_store
from l10tui.tui.app import L10App


def make_app(tmp_path: Path, start: str) -> L10App:
    clock = FakeClock(wall=datetime(2026, 11, 23, 9, 4, tzinfo=UTC), mono=5000.0)
    db = open_store(tmp_path / "l10.json", clock)
    build_small(db, clock.today())
    leads = next(m for m in db.measurables.all() if m.name == "Leads")
    db.scores.set_note(leads.id, week_monday(clock.today()) - timedelta(weeks=1), "trade show week")
    kwargs = {"tz": UTC} if start == "meeting" else {}
    app = L10App(db=db, clock=clock, start=start, start_kwargs=kwargs)
    app.animation_level = "none"
    return app


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_what_a_10_means_at_conclude(snap_compare: object, tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp_path, "meeting")

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        for _ in range(CONCLUDE):
            await pilot.press("n")
            await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)  # type: ignore[operator]


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_a_noted_number_in_the_scorecard(snap_compare: object, tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp_path, "scorecard")

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("down", "left")  # Leads, last week: the noted number, its note under the grid
        for box in app.screen.query(Input):
            box.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)  # type: ignore[operator]
