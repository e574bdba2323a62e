"""The trends and Sales-Marketing screens show the numbers the domain computes, and their keys change the window."""

from __future__ import annotations

from datetime import date

import pytest
from tests.tui.between_data import screen_text

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store
from l10tui.tui.app import L10App
from l10tui.tui.screens.alignment import AlignmentScreen
from l10tui.tui.screens.trends import TrendsScreen
from l10tui.tui.widgets.trend_row import TrendRow


async def test_alignment_numbers_and_window(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="alignment")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AlignmentScreen)
        r = screen.report
        assert r is not None and len(r.window.weeks) == 13
        # Cy is in both teams: the issue Cy raised counts for all teams, not as Sales (issue #20)
        assert r.matrix == {
            small["mkt"]: {small["sales"]: 1},
            small["sales"]: {small["mkt"]: 1},
            "*": {small["sales"]: 1},
        }
        assert sum(n for _, n in r.cross_by_week) == 2
        assert [s.measurable.id for s in r.handoff] == [small["conv"]]
        assert r.ratings[small["sales"]].value == 8.33  # Ana 8 twice, Cy 9 once (rounded to 2 places)
        shown = screen_text(app)
        assert "raised by ↓  about →    Marketing    Sales" in shown
        assert "Sales                         1 ⇄        0" in shown  # cross-team cells carry ⇄, not just bold
        assert "(all teams)                     0        1" in shown
        assert "Dropped or merged, not counted above: 0" in shown
        assert "2026-Q4 so far: 2 raised by one team about another" in shown
        # each direction per 4-week block, equal blocks ending this week: both issues were raised this week
        assert "Raised by → about    7 Sep    5 Oct    2 Nov    Trend" in shown
        assert "Marketing → Sales        0        0        1    ✗ ▲ growing" in shown
        assert "Sales → Marketing        0        0        1    ✗ ▲ growing" in shown
        await pilot.press("3")
        await pilot.pause()
        await pilot.pause()
        assert screen.report is not None and len(screen.report.window.weeks) == 52


async def test_alignment_follows_another_process(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="alignment")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        from l10tui.store import open_store

        other = open_store(db.path, clock)
        other.issues.add("Leads lack budget info", team=small["mkt"], raised_by_team=small["sales"])
        app.poll_store()
        await pilot.pause()
        await pilot.pause()
        report = app.screen.report  # type: ignore[attr-defined]
        assert report.matrix[small["sales"]][small["mkt"]] == 2


async def test_trends_periods(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="trends")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TrendsScreen)
        assert [p.meeting for p in screen.points] == [small["m0"], small["m1"]]
        assert screen.summary is not None and screen.summary.rating == pytest.approx(
            (7.67 + 7.5) / 2
        )  # (8+6+9)/3, then (8+7)/2 with Cy absent
        assert screen.summary.on_time_start == 0.5  # the second started 3 minutes late
        names = [m.name for m, _ in screen.lines]
        assert names == ["MQLs", "SQLs", "MQL->SQL"]
        rows = list(screen.query(TrendRow))
        assert len(rows) == 6 + 3  # rating, record score, to-dos, solved, started / ended on time; 3 measurables
        await pilot.press("2")
        await pilot.pause()
        await pilot.pause()
        assert len(screen.lines[0][1].weeks) == 52
        await pilot.press("3")
        await pilot.pause()
        await pilot.pause()
        assert len(screen.lines[0][1].weeks) == 13  # all time: from the first number entered, 13 weeks ago
        await pilot.press("f")  # Sales only: the shared and the Sales measurables
        await pilot.pause()
        await pilot.pause()
        assert [m.name for m, _ in screen.lines] == ["SQLs", "MQL->SQL"]


async def test_with_archives_a_change_elsewhere_waits_for_r(
    db: L10Store, clock: FakeClock, small: dict[str, str]
) -> None:
    from datetime import UTC, datetime

    from l10tui.store import open_store

    start = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    db.meetings.add(teams=[small["sales"]], planned_start=start, actual_start=start, actual_end=start, state="finished")
    assert db.compact() >= 1
    app = L10App(db=db, clock=clock, start="trends")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3")  # all time: last year's meeting, read from the archive, counts
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TrendsScreen)
        assert len(screen.points) == 3
        other = open_store(db.path, clock)
        late = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
        other.meetings.add(
            teams=[small["sales"]], planned_start=late, actual_start=late, actual_end=late, state="finished"
        )
        app.poll_store()
        await pilot.pause()
        assert screen.stale and len(screen.points) == 3
        assert "r reloads" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        await pilot.pause()
        assert not screen.stale and len(screen.points) == 4


async def test_trends_show_moved_extra_and_skipped_weeks(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    from datetime import timedelta

    from l10tui.store import schedule

    sales = db.teams.lookup("Sales").id
    schedule.skip_week(db, sales, date(2026, 11, 2), "offsite")
    m0 = db.meetings.get(small["m0"])
    assert m0.planned_start is not None
    schedule.move_week(
        db, sales, m0.planned_start.date() - timedelta(days=m0.planned_start.weekday()), m0.planned_start
    )
    schedule.mark_extra(db, sales, small["m1"])
    app = L10App(db=db, clock=clock, start="trends")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TrendsScreen)
        assert "2 meetings · 1 moved · 1 extra · 1 week skipped" in screen.summary_text()
