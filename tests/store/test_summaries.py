"""Yearly summaries (issue 14): each archived year holds the figures the all-time views need; the all-time trends
read them and equal the full recount figure for figure; a stale summary is never used.

On the code before, archive years held no summary (every test here fails on ``summaries`` missing)."""

from __future__ import annotations

import math
import shutil
from datetime import date
from pathlib import Path

import orjson
import pytest

from bench.gen_history import generate
from l10tui.domain.clock import FakeClock
from l10tui.domain.summary import all_time
from l10tui.domain.trends import in_window, line_weeks, measurable_line, meeting_points, summarize
from l10tui.store import L10Store, StoreDamaged, open_store
from l10tui.store.archive import archive_path

END = date(2026, 11, 16)
TODAY = date(2026, 11, 23)


def build(folder: Path, years: float, teams: int = 1) -> Path:
    path = folder / "l10.json"
    clock = FakeClock()
    generate(open_store(path, clock), clock, years=years, teams=teams, seed=7, end=END)
    return path


@pytest.fixture(scope="module", params=[1, 3])
def history(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp(f"y{request.param}"), request.param, teams=2)


def recount(db: L10Store, team: str | None) -> tuple[list, dict]:
    scores = db.scores.history()
    return (
        meeting_points(db.meetings.history(), db.todos.history(), db.issues.history(), team),
        {(s.measurable, s.week): s.value for s in scores},
    )


def from_summaries(db: L10Store, team: str | None) -> tuple[list, dict]:
    summaries = [s for _, s in db.archive.summaries()]
    return all_time(summaries, db.meetings.all(), db.todos.all(), db.issues.all(), db.scores.all(), team)


def same(a: float | None, b: float | None) -> bool:
    return a == b or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-12))


@pytest.mark.parametrize("team", [None, "TM-1", "TM-2"])
def test_all_time_from_summaries_equals_the_full_recount(history: Path, team: str | None) -> None:
    db = open_store(history, FakeClock())
    full_points, full_grid = recount(db, team)
    points, grid = from_summaries(db, team)
    assert db.archive.stale_summaries == 0  # every year carried a current summary
    assert points == full_points  # every meeting, figure for figure (rating, to-dos done, solved, on time...)
    assert grid == full_grid
    a, b = summarize(in_window(points, TODAY, None)), summarize(in_window(full_points, TODAY, None))
    assert a.meetings == b.meetings and a.meetings > 0
    for name in ("rating", "todo_completion", "solved_per_meeting", "on_time_start", "on_time_end"):
        assert same(getattr(a, name), getattr(b, name)), name
    first = min(w for _, w in grid)
    weeks = line_weeks(TODAY, None, first)
    for m in db.measurables.all():
        assert measurable_line(m, grid, weeks) == measurable_line(m, full_grid, weeks)


def test_each_archived_year_holds_its_figures(history: Path) -> None:
    db = open_store(history, FakeClock())
    for _, path in db.archive.files():
        summary = orjson.loads(path.read_bytes())["_meta"]["1"]["summary"]
        assert {"points", "reviews", "weeks", "raised", "scores", "digest"} <= set(summary)
        held = sum(int(c.get("meetings", 0)) for weeks in summary["weeks"].values() for c in weeks.values())
        assert held == len(summary["points"])  # one team per generated meeting


def _copy(src: Path, dest: Path) -> Path:
    shutil.copytree(src.parent, dest)
    return dest / src.name


def test_a_summary_edited_by_hand_is_never_used(history: Path, tmp_path: Path) -> None:
    path = _copy(history, tmp_path / "c")
    db = open_store(path, FakeClock())
    honest, _ = from_summaries(db, None)
    _, target = db.archive.files()[-1]
    data = orjson.loads(target.read_bytes())
    for row in data["_meta"]["1"]["summary"]["points"]:
        row[3] = 10.0  # every meeting rated 10: the records say otherwise
    target.write_bytes(orjson.dumps(data))
    db = open_store(path, FakeClock())
    points, _ = from_summaries(db, None)
    assert db.archive.stale_summaries == 1  # detected, counted again from the records
    assert points == honest


def test_a_record_edited_by_hand_refuses_the_year_rather_than_use_its_summary(history: Path, tmp_path: Path) -> None:
    path = _copy(history, tmp_path / "d")
    target = archive_path(path, 2026)
    data = orjson.loads(target.read_bytes())
    first = next(iter(data["meetings"]))
    data["meetings"][first]["ratings"] = []
    target.write_bytes(orjson.dumps(data))
    db = open_store(path, FakeClock())
    with pytest.raises(StoreDamaged, match="digest"):
        from_summaries(db, None)


def test_an_older_store_gets_summaries_with_its_manifest(history: Path, tmp_path: Path) -> None:
    path = _copy(history, tmp_path / "e")
    live = orjson.loads(path.read_bytes())
    del live["_meta"]["1"]["archives"]
    path.write_bytes(orjson.dumps(live))
    for p in (path.parent / "archive").glob("*.json"):
        data = orjson.loads(p.read_bytes())
        del data["_meta"]["1"]["summary"]
        p.write_bytes(orjson.dumps(data))
    db = open_store(path, FakeClock())
    assert db.notices
    full = recount(db, None)
    assert from_summaries(db, None) == full
    assert db.archive.stale_summaries == 0


@pytest.mark.bench
def test_ten_years_from_summaries_equal_the_full_recount(tmp_path: Path) -> None:
    """The same on ten generated years (minutes to generate: `pytest -m bench`)."""
    db = open_store(build(tmp_path, 10, teams=2), FakeClock())
    for team in (None, "TM-1"):
        assert from_summaries(db, team) == recount(db, team)
    assert db.archive.stale_summaries == 0


def test_the_all_years_history_list_from_summaries_equals_the_records(history: Path) -> None:
    from l10tui.domain.summary import past_meetings
    from l10tui.report import Lookup, history_rows

    db = open_store(history, FakeClock())
    live = {m.id for m in db.meetings.all()}
    archived = [m for m in db.meetings.history() if m.id not in live and m.state == "finished"]
    rows = {r.meeting: r for r in history_rows(archived, Lookup.from_store(db))}
    past = past_meetings((s for _, s in db.archive.summaries()), live, None, db.todos.all())
    assert sorted(p.point.meeting for p in past) == sorted(rows)
    for p in past:
        r = rows[p.point.meeting]
        assert (p.present, p.expected, p.todos_done, p.todos_reviewed) == (
            r.present,
            r.expected,
            r.todos_done,
            r.todos_reviewed,
        )
        assert (p.point.rating, p.point.late_s, p.point.over_s, p.point.length_s) == (
            r.rating,
            r.late_s,
            r.over_s,
            r.length_s,
        )
        assert (p.point.issues_solved, p.point.issues_dropped, p.point.issues_added) == (
            len(r.solved),
            len(r.dropped),
            len(r.added),
        )
    assert [p.point.day for p in past] == sorted((p.point.day for p in past), reverse=True)


@pytest.mark.parametrize("team", [None, "TM-1"])
def test_newest_first_tallies_as_it_goes_and_equals_the_recount(history: Path, team: str | None) -> None:
    """The trends screen reads the years newest first, tallying each year's reviews as it comes (issue 14: all
    the years' reviews held at once were most of the all-time view's peak memory)."""
    db = open_store(history, FakeClock())
    summaries = (s for _, s in db.archive.summaries(newest_first=True))
    found = all_time(
        summaries, db.meetings.all(), db.todos.all(), db.issues.all(), db.scores.all(), team, newest_first=True
    )
    assert found == recount(db, team)
    assert db.archive.stale_summaries == 0


def test_the_summary_is_read_from_the_head_of_a_file_hashed_in_chunks(history: Path, tmp_path: Path) -> None:
    from l10tui.store.manifest import file_head, file_matches

    db = open_store(_copy(history, tmp_path / "h"), FakeClock())
    for year, path in db.archive.files():
        raw = path.read_bytes()
        head = file_head(db.meta, year, path, chunk=4096)
        assert head is not None and raw.startswith(head[0]) and head[1] == file_matches(db.meta, year, raw)
    year, path = db.archive.files()[-1]
    path.write_bytes(path.read_bytes() + b" ")  # not the file the store wrote: no summary from it
    assert file_head(db.meta, year, path) is None
