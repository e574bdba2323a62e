"""History and one meeting's record: the table reads the store, enter opens the meeting whole."""

from __future__ import annotations

from datetime import date

import pytest
from tests.tui.between_data import fill_small
from textual.widgets import DataTable, Markdown

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store
from l10tui.tui.app import L10App
from l10tui.tui.screens.history import HistoryScreen, MeetingRecordScreen


@pytest.fixture
def small(db: L10Store, today: date) -> dict[str, str]:
    return fill_small(db, today)


def cells(table: DataTable[object], key: str) -> list[str]:
    return [str(c) for c in table.get_row(key)]


async def test_history_table_and_record(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="history")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one("#history-table", DataTable)
        assert [str(k.value) for k in table.rows] == [small["m1"], small["m0"]]  # newest first
        newest = cells(table, small["m1"])
        assert newest[2] == "✗ 7.5"  # Ana 8, Ben 7, Cy absent: under the goal of 8, with a symbol
        assert newest[3] == "✗ 0% 0/1"
        assert newest[4] == "✗ 3 min" and newest[7] == "2/3"
        assert cells(table, small["m0"])[4] == "✓ on time"
        await pilot.press("enter")
        await pilot.pause()
        record = app.screen
        assert isinstance(record, MeetingRecordScreen) and record.meeting_id == small["m1"]
        text = record.text()
        assert "CRM fields missing" in text and "Tell support about the new SLA" in text and "start on time" in text
        assert record.query_one(Markdown) is not None
        await pilot.press("n")  # the older one
        await pilot.pause()
        assert record.meeting_id == small["m0"]
        await pilot.press("n")  # there is none older: stays
        await pilot.pause()
        assert record.meeting_id == small["m0"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_history_team_filter(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    solo = db.meetings.add(teams=[small["sales"]], state="finished")
    app = L10App(db=db, clock=clock, start="history")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#history-table", DataTable)
        assert solo.id in [str(k.value) for k in table.rows]
        await pilot.press("f", "f")  # all -> Sales -> Marketing
        await pilot.pause()
        assert solo.id not in [str(k.value) for k in table.rows] and table.row_count == 2
