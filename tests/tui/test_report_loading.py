"""Never a frozen screen (issue 14): trends and Sales-Marketing count years of archives in a worker, say
"loading…", and esc leaves at once. On the code before, the count ran on the event loop: no key was read until it
finished (here: the blocked count times out and the screen never showed "loading…")."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.tui.between_data import screen_text

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, open_store
from l10tui.tui.app import L10App
from l10tui.tui.screens.alignment import AlignmentScreen
from l10tui.tui.screens.trends import TrendsScreen


@pytest.fixture
def archived(tmp_path: Path) -> tuple[L10Store, FakeClock]:
    clock = FakeClock(wall=datetime(2025, 3, 3, 9, tzinfo=UTC), mono=1000.0)
    db = open_store(tmp_path / "l10.json", clock)
    team = db.teams.add("Sales").id
    db.issues.solve(db.issues.add("Old", team=team).id, "done")
    clock.wall = datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert db.compact() == 1
    return db, clock


@pytest.mark.parametrize("screen_cls", [TrendsScreen, AlignmentScreen])
async def test_a_slow_count_shows_loading_and_esc_leaves_at_once(
    archived: tuple[L10Store, FakeClock], monkeypatch: pytest.MonkeyPatch, screen_cls: type
) -> None:
    db, clock = archived
    release = threading.Event()
    real = screen_cls.compute

    def slow(self: object) -> object:
        assert release.wait(10), "the count was never released"
        return real(self)

    monkeypatch.setattr(screen_cls, "compute", slow)
    start = "trends" if screen_cls is TrendsScreen else "alignment"
    app = L10App(db=db, clock=clock, start="home")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.show(start)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, screen_cls)
        assert "loading…" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, screen_cls)  # it left while the count still ran
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()


async def test_the_count_arrives_after_loading(archived: tuple[L10Store, FakeClock]) -> None:
    db, clock = archived
    app = L10App(db=db, clock=clock, start="trends")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TrendsScreen) and screen.summary is not None
        assert "loading" not in screen_text(app)


async def test_history_every_year_lists_archived_meetings_from_their_summaries(tmp_path: Path) -> None:
    from textual.widgets import DataTable

    from l10tui.tui.screens.history import HistoryScreen

    clock = FakeClock(wall=datetime(2025, 3, 3, 9, tzinfo=UTC), mono=1000.0)
    db = open_store(tmp_path / "l10.json", clock)
    team = db.teams.add("Sales").id
    old = db.meetings._new(
        teams=[team], planned_start=clock.now(), actual_start=clock.now(), actual_end=clock.now(), state="finished"
    )
    clock.wall = datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert db.compact() == 1
    new = db.meetings._new(
        teams=[team], planned_start=clock.now(), actual_start=clock.now(), actual_end=clock.now(), state="finished"
    )
    app = L10App(db=db, clock=clock, start="history")
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one("#history-table", DataTable)
        await app.workers.wait_for_complete()
        await pilot.pause()
        # recent: the newest ten, archived ones included, as `l10 history` lists them (issue 20)
        assert [str(k.value) for k in table.rows] == [new.id, old.id]
        await pilot.press("A")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert [str(k.value) for k in table.rows] == [new.id, old.id]
        assert "2 meetings" in screen_text(app) and "Sales" in str(table.get_row(old.id)[2])


async def test_sales_marketing_all_time_reads_the_summaries_not_the_archived_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14: 4 on the Sales-Marketing view is all time, counted from the yearly summaries and the live file (on
    the code before there was no all-time window: 4 did nothing)."""
    from l10tui.store.archive import Archive

    clock = FakeClock(wall=datetime(2025, 3, 3, 9, tzinfo=UTC), mono=1000.0)
    db = open_store(tmp_path / "l10.json", clock)
    sales, marketing = db.teams.add("Sales").id, db.teams.add("Marketing").id
    db.issues.solve(db.issues.add("Old", team=sales, raised_by_team=marketing).id, "done")
    clock.wall = datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert db.compact() == 1
    db.issues.add("New", team=sales, raised_by_team=marketing)

    def never(self: Archive, path: Path) -> object:
        raise AssertionError(f"an archived year was parsed whole: {path}")

    monkeypatch.setattr(Archive, "read", never)
    app = L10App(db=db, clock=clock, start="alignment")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AlignmentScreen) and screen.report is not None
        assert screen.report.matrix == {marketing: {sales: 1}}  # 13 weeks: the new one only
        await pilot.press("4")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert screen.weeks is None and screen.report.matrix == {marketing: {sales: 2}}
        assert screen.report.window.start.year == 2025 and screen.report.solving[sales].solved == 1
        assert "All time, 3 Mar 2025 to 29 Nov 2026" in screen_text(app)


async def test_history_every_year_shows_the_newest_rows_and_adds_older_ones_as_they_are_reached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14: every year's meetings (1,563 on ten years) were added to the table at once, and Textual measured
    every cell before anything showed (3x the 1-year time). Now the newest rows show, and older ones are added a
    batch at a time as the cursor nears them; n / p still walk every meeting. On the code before, every row came in
    one go."""
    from datetime import timedelta

    from textual.widgets import DataTable

    from l10tui.tui.screens import history

    monkeypatch.setattr(history, "FIRST_ROWS", 4)
    monkeypatch.setattr(history, "BATCH_ROWS", 3)
    monkeypatch.setattr(history, "NEAR_END", 1)
    clock = FakeClock(wall=datetime(2025, 1, 6, 9, tzinfo=UTC), mono=1000.0)
    db = open_store(tmp_path / "l10.json", clock)
    team = db.teams.add("Sales").id
    with db.transaction():
        for week in range(12):
            at = clock.now() + timedelta(weeks=week)
            db.meetings._new(teams=[team], planned_start=at, actual_start=at, actual_end=at, state="finished")
    clock.wall = datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert db.compact() == 12
    app = L10App(db=db, clock=clock, start="history", start_kwargs={"all_years": True})
    async with app.run_test(size=(160, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, history.HistoryScreen)
        table = screen.query_one("#history-table", DataTable)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert table.row_count == 4 and len(screen.order) == 12  # the newest four; all twelve to walk
        assert "12 meetings" in screen_text(app)
        counts = []
        for _ in range(11):
            await pilot.press("down")
            await pilot.pause()
            counts.append(table.row_count)
        assert counts[0] == 4 and counts[-1] == 12 and 7 in counts and 10 in counts  # three more near each end
        assert [str(k.value) for k in table.rows] == screen.order
