"""Trends at 13 and 52 weeks and all time read the archived years' summaries, never their records (issue 14: a
52-week window parsed all of last year's file, 1.78x its 1-year time at ten years), and equal the full recount.

On the code before, the 13- and 52-week windows built archived records (``Archive.read`` was called: the first
test fails), and the all-time view counted no archived meeting as moved or extra (the last test fails)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bench.gen_history import generate
from l10tui.domain.clock import FakeClock
from l10tui.domain.trends import in_window, line_weeks, measurable_line, meeting_points, summarize
from l10tui.store import L10Store, open_store
from l10tui.store.archive import Archive
from l10tui.tui.app import L10App
from l10tui.tui.screens.trends import TrendsScreen

END = date(2026, 11, 16)
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("trends2y") / "l10.json"
    clock = FakeClock()
    generate(open_store(path, clock), clock, years=2, teams=1, seed=3, end=END)
    open_store(path, _clock()).compact()  # as the app does on start: the tests then write nothing
    return path


def _clock() -> FakeClock:
    return FakeClock(wall=datetime(2026, 11, 23, 9, tzinfo=UTC))


async def _open(db: L10Store, period_key: str | None) -> TrendsScreen:
    app = L10App(db=db, clock=_clock(), start="trends")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if period_key is not None:
            await pilot.press(period_key)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TrendsScreen) and screen.summary is not None
        return screen


@pytest.mark.parametrize(("key", "weeks"), [(None, 13), ("2", 52), ("3", None)])
async def test_each_window_reads_summaries_and_equals_the_recount(
    two_years: Path, monkeypatch: pytest.MonkeyPatch, key: str | None, weeks: int | None
) -> None:
    db = open_store(two_years, _clock())
    full = meeting_points(db.meetings.history(), db.todos.history(), db.issues.history(), None, db.calendar)
    grid = {(s.measurable, s.week): s.value for s in db.scores.history()}
    read: list[Path] = []
    real = Archive.read

    def counting(self: Archive, path: Path) -> object:
        read.append(path)
        return real(self, path)

    monkeypatch.setattr(Archive, "read", counting)
    screen = await _open(db, key)
    assert read == []  # no archived record parsed: the years' summaries alone
    expected = in_window(full, TODAY, weeks)
    assert screen.points == expected and len(expected) > 0
    assert screen.summary == summarize(expected)
    first = min(w for _, w in grid) if weeks is None else None
    mondays = line_weeks(TODAY, weeks, first)
    assert [line for _, line in screen.lines] == [measurable_line(m, grid, mondays) for m in db.measurables.all()]


async def test_archived_moved_and_extra_meetings_count_in_the_52_week_window(two_years: Path, tmp_path: Path) -> None:
    import shutil

    from l10tui.store import schedule

    shutil.copytree(two_years.parent, tmp_path / "c")
    db = open_store(tmp_path / "c" / two_years.name, _clock())
    live = {m.id for m in db.meetings.all()}
    archived = [
        m
        for m in db.meetings.history()
        if m.id not in live and m.planned_start is not None and m.planned_start.date() >= TODAY - timedelta(weeks=40)
    ]
    moved, extra = archived[0], archived[1]
    assert moved.planned_start is not None
    week = moved.planned_start.date() - timedelta(days=moved.planned_start.weekday())
    schedule.move_week(db, moved.teams[0], week, moved.planned_start)
    schedule.mark_extra(db, extra.teams[0], extra.id)
    for key in ("2", "3"):
        screen = await _open(db, key)
        assert " · 1 moved · 1 extra" in screen.summary_text()


def test_a_summary_without_planned_starts_reads_them_from_the_records(two_years: Path) -> None:
    db = open_store(two_years, _clock())
    year, _ = db.archive.files()[-1]
    from_summary = dict(next(s for y, s in db.archive.summaries() if y == year)["planned"])
    assert from_summary and db.archive.planned_starts(year) == from_summary
