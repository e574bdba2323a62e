"""History and one meeting's record: the table reads the store, enter opens the meeting whole."""

from __future__ import annotations

from tests.tui.between_data import screen_text
from textual.widgets import DataTable

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store
from l10tui.tui.app import L10App
from l10tui.tui.screens.history import HistoryScreen, MeetingRecordScreen


def cells(table: DataTable[object], key: str) -> list[str]:
    return [str(c) for c in table.get_row(key)]


async def test_history_table_and_record(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="history")
    async with app.run_test(size=(160, 80)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one("#history-table", DataTable)
        assert [str(k.value) for k in table.rows] == [small["m1"], small["m0"]]  # newest first
        newest = cells(table, small["m1"])
        assert newest[0] == small["m1"]  # the id first (issue 20: it showed only at 200 columns)
        assert newest[3] == "✗ 7.5"  # Ana 8, Ben 7, Cy absent: under the goal of 8, with a symbol
        assert newest[4] == "✗ 0% 0/1"
        assert newest[5] == "✗ 3 min" and newest[8] == "2/3"
        assert cells(table, small["m0"])[5] == "✓ on time"
        await pilot.press("enter")
        await pilot.pause()
        record = app.screen
        assert isinstance(record, MeetingRecordScreen) and record.meeting_id == small["m1"]
        text = record.text()
        assert "CRM fields missing" in text and "Tell support about the new SLA" in text and "start on time" in text
        assert "CRM fields missing" in screen_text(app)  # shown, not only computed
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


async def test_older_years_come_from_the_archives(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    from datetime import UTC, datetime

    old_start = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    old = db.meetings.add(
        teams=[small["sales"]], planned_start=old_start, actual_start=old_start, actual_end=old_start, state="finished"
    )
    assert db.compact() >= 1  # last year's meeting moves to archive/l10-2025.json
    assert old.id not in [m.id for m in db.meetings.all()]
    app = L10App(db=db, clock=clock, start="history")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#history-table", DataTable)
        await app.workers.wait_for_complete()
        await pilot.pause()
        # fewer than ten meetings live: the newest ten reach into the archive, as `l10 history` does (issue 20)
        assert [str(k.value) for k in table.rows][-1] == old.id
        await pilot.press("A")
        await pilot.pause()
        assert [str(k.value) for k in table.rows][-1] == old.id
        table.move_cursor(row=table.row_count - 1)
        await pilot.press("enter")
        await pilot.pause()
        assert "Monday 3 March 2025" in screen_text(app)
