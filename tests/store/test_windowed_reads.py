"""Windowed reads (issue 14): a view of N weeks reads the live file and only the archive years its window reaches.

On the code before, every one of these read every archive year (alignment --weeks 13 on ten years: 6.4x its
one-year time).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bench.gen_history import generate
from l10tui.cli import main
from l10tui.commands.alignment_render import report_json
from l10tui.domain import alignment as al
from l10tui.domain import alignment_window as aw
from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, open_store
from l10tui.store.archive import Archive, year_of

END = date(2026, 11, 16)
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def three_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("h3") / "l10.json"
    clock = FakeClock()
    generate(open_store(path, clock), clock, years=3, teams=1, seed=3, end=END)
    return path


def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    seen: list[int] = []
    real = Archive.read

    def counting(self: Archive, path: Path) -> object:
        seen.append(year_of(path))
        return real(self, path)

    monkeypatch.setattr(Archive, "read", counting)
    real_records = Archive.records

    def counting_records(self: Archive, year: int, path: Path, names: Any) -> object:
        seen.append(year)  # a year read one record at a time (round 3) is a year read too
        return real_records(self, year, path, names)

    monkeypatch.setattr(Archive, "records", counting_records)
    return seen


def store(path: Path) -> L10Store:
    return open_store(path, FakeClock(wall=datetime(2026, 11, 23, 9, tzinfo=UTC)))


def test_history_since_reads_only_the_years_asked_for(three_years: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = store(three_years)
    every = db.issues.history()
    seen = reads(monkeypatch)
    recent = db.issues.history(2026)
    assert seen == [2026]
    start = aw.window_for(TODAY, 13).start
    assert {i.id for i in recent if i.created_at.date() >= start} == {
        i.id for i in every if i.created_at.date() >= start
    }


def test_alignment_13_weeks_reads_one_year_and_equals_the_full_recount(
    three_years: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = store(three_years)
    full = al.alignment_report(
        teams=db.teams.all(),
        people=db.people.all(),
        issues=db.issues.history(),
        meetings=db.meetings.history(),
        todos=db.todos.history(),
        measurables=db.measurables.all(),
        scores=db.scores.history(),
        today=TODAY,
        weeks=13,
    )
    seen = reads(monkeypatch)
    result = CliRunner().invoke(
        main, ["--db", str(three_years), "alignment", "--weeks", "13", "--json"], env={"L10_TODAY": "2026-11-23"}
    )
    assert result.exit_code == 0, result.output
    assert set(seen) == {2026}  # old code: 2023, 2024, 2025, 2026
    import json

    assert json.loads(result.stdout) == {**report_json(full), "funnel": None}  # no funnel set (issue #18)


@pytest.mark.parametrize("n", [1, 10, 60, 200, 100000])
def test_history_last_n_reads_newest_years_only_as_needed(
    three_years: Path, monkeypatch: pytest.MonkeyPatch, n: int
) -> None:
    db = store(three_years)
    every = sorted(
        (m for m in db.meetings.history() if m.state == "finished"),
        key=lambda m: m.actual_start or m.created_at,
        reverse=True,
    )
    live = len(db.meetings.finished())
    seen = reads(monkeypatch)
    got = db.meetings.recent(n)
    assert [m.id for m in got] == [m.id for m in every[:n]]
    if n <= live:
        assert seen == []  # the live file alone (the manifest knows each year's newest meeting), never ten years
    elif n <= 10:
        assert seen == [2026]
    if n == 100000:
        assert sorted(set(seen)) == [year_of(p) for _, p in db.archive.files()]


@pytest.mark.parametrize("weeks", [13, 52, 60])
def test_a_window_filtered_read_equals_the_full_recount(three_years: Path, weeks: int) -> None:
    """Trends over 13 / 52 weeks and Sales-Marketing over any window, from the records the window can need."""
    from l10tui.domain.trends import in_window, meeting_points, window_start
    from l10tui.store.archive import window_keep

    db = store(three_years)
    start = window_start(TODAY, weeks)
    assert start is not None

    def read(repo: object, table: str) -> list:
        return repo.history(start.year, window_keep(table, start))  # type: ignore[attr-defined]

    meetings, todos, issues, scores = (
        read(db.meetings, "meetings"),
        read(db.todos, "todos"),
        read(db.issues, "issues"),
        read(db.scores, "scores"),
    )
    assert len(todos) < len(db.todos.history())  # it did leave records out
    full = meeting_points(db.meetings.history(), db.todos.history(), db.issues.history())
    assert in_window(meeting_points(meetings, todos, issues), TODAY, weeks) == in_window(full, TODAY, weeks)
    kw = {"teams": db.teams.all(), "people": db.people.all(), "measurables": db.measurables.all(), "today": TODAY}
    windowed = al.alignment_report(issues=issues, meetings=meetings, todos=todos, scores=scores, weeks=weeks, **kw)
    every = al.alignment_report(
        issues=db.issues.history(),
        meetings=db.meetings.history(),
        todos=db.todos.history(),
        scores=db.scores.history(),
        weeks=weeks,
        **kw,
    )
    assert report_json(windowed) == report_json(every)


def test_histories_reads_each_year_once_for_every_table(three_years: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from l10tui.store.archive import window_keep
    from l10tui.store.repo import histories

    db = store(three_years)
    start = date(2025, 12, 1)
    tables = ("meetings", "todos", "issues", "scores")
    repos = [db.meetings, db.todos, db.issues, db.scores]
    one_by_one = [r.history(2025, window_keep(t, start)) for r, t in zip(repos, tables, strict=True)]
    seen = reads(monkeypatch)
    together = histories(repos, 2025, [window_keep(t, start) for t in tables])
    assert together == one_by_one
    assert seen == [2025, 2026]  # one read per year, not one per table
    assert histories(repos, None, [None] * 4) == [r.history() for r in repos]
