"""Sales-Marketing over all time from the yearly summaries (issue 14): equal, figure for figure, to the report
counted from every record; a summary edited by hand is detected and counted again, never used.

On the code before, summaries held no Sales-Marketing figures and there was no all-time report
(``l10tui.domain.alignment_all`` did not exist): every test here fails there."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import orjson
import pytest

from bench.gen_history import generate
from l10tui.domain.alignment import AlignmentReport, alignment_report
from l10tui.domain.alignment_all import all_time_weeks, first_day
from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, open_store
from l10tui.store.alignment_reads import read_alignment_all_time

END = date(2026, 11, 16)
TODAY = date(2026, 11, 23)


def build(folder: Path, years: float) -> Path:
    path = folder / "l10.json"
    clock = FakeClock()
    db = open_store(path, clock)
    generate(db, clock, years=years, teams=2, seed=5, end=END)
    # Today's people and measurables shape the report: someone now in every team (raises for "all teams"), a
    # measurable now shared by two teams.
    teams = [t.id for t in db.teams.all()]
    db.people.change(db.people.all()[0].id, teams=teams)
    first = db.measurables.all()[0]
    db.measurables.change(first.id, teams=teams[:2])
    return path


@pytest.fixture(scope="module", params=[1, 3])
def history(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp(f"a{request.param}"), request.param)


def recount(db: L10Store) -> AlignmentReport:
    """The report over every record (archives parsed whole) for the all-time window."""
    meetings, issues, todos, scores = (
        db.meetings.history(),
        db.issues.history(),
        db.todos.history(),
        db.scores.history(),
    )
    weeks = all_time_weeks(first_day(meetings, issues, scores, db.calendar), TODAY)
    return alignment_report(
        teams=db.teams.all(),
        people=db.people.all(),
        issues=issues,
        meetings=meetings,
        todos=todos,
        measurables=db.measurables.all(),
        scores=scores,
        today=TODAY,
        weeks=weeks,
        calendar=db.calendar,
    )


def from_summaries(db: L10Store) -> AlignmentReport:
    """What `l10 alignment --all` and the app's all-time view read (store/alignment_reads.py)."""
    return read_alignment_all_time(db, TODAY)


def assert_same(a: AlignmentReport, b: AlignmentReport) -> None:
    for name in AlignmentReport.__dataclass_fields__:
        assert getattr(a, name) == getattr(b, name), name
    assert a == b


def test_all_time_from_summaries_equals_the_full_recount(history: Path) -> None:
    db = open_store(history, FakeClock())
    full = recount(db)
    found = from_summaries(db)
    assert db.archive.stale_summaries == 0 and db.archive.recounted == 0  # every year's own figures were used
    assert_same(found, full)
    # the figures are not empty: every part of the report has something to compare
    assert full.window.start < date(2026, 1, 1) and len(full.meetings) > 40
    assert full.dropped_cross and any(a not in ("?", "*", b) for a, row in full.matrix.items() for b in row)
    assert "*" in full.matrix  # the person now in every team raises for all teams
    assert full.solving and full.ratings and full.records and full.todos and full.shared and full.handoff
    assert sum(n for _, n in full.cross_by_week) > 0 and any(m for _, m in full.over_time)


def _copy(src: Path, dest: Path) -> Path:
    shutil.copytree(src.parent, dest)
    return dest / src.name


def test_a_summary_edited_by_hand_is_counted_again_never_used(history: Path, tmp_path: Path) -> None:
    path = _copy(history, tmp_path / "c")
    db = open_store(path, FakeClock())
    honest = from_summaries(db)
    _, target = db.archive.files()[-1]
    data = orjson.loads(target.read_bytes())
    figures = data["_meta"]["1"]["summary"]["alignment"]
    for row in figures["issues"]:
        row[2] = "TM-2"  # every issue raised by one team: the records say otherwise
    for row in figures["meetings"].values():
        row[3] = [[person, 1] for person, _ in row[3]]
    target.write_bytes(orjson.dumps(data))
    db = open_store(path, FakeClock())
    found = from_summaries(db)
    assert db.archive.stale_summaries == 1  # detected, counted again from the records
    assert_same(found, honest)


def test_a_summary_from_before_the_figures_is_counted_from_its_records(
    history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store whose summaries were written before they kept the Sales-Marketing figures (trusted, current
    otherwise): the all-time view counts those years from their records, equal to the recount."""
    import l10tui.store.summaries as summaries

    path = _copy(history, tmp_path / "o")
    live = orjson.loads(path.read_bytes())
    del live["_meta"]["1"]["archives"]  # the manifest (and the summaries) are made again on open
    path.write_bytes(orjson.dumps(live))
    for p in (path.parent / "archive").glob("*.json"):
        data = orjson.loads(p.read_bytes())
        del data["_meta"]["1"]["summary"]
        p.write_bytes(orjson.dumps(data))
    counted = summaries.year_summary

    def older(*args: object, **kwargs: object) -> dict[str, object]:
        figures = counted(*args, **kwargs)  # type: ignore[arg-type]
        del figures["alignment"]
        return figures

    monkeypatch.setattr(summaries, "year_summary", older)
    open_store(path, FakeClock())  # summaries as the code before wrote them
    monkeypatch.undo()
    db = open_store(path, FakeClock())
    found = from_summaries(db)
    assert db.archive.recounted == len(db.archive.files()) > 0 and db.archive.stale_summaries == 0
    assert_same(found, recount(db))


@pytest.mark.bench
def test_ten_years_from_summaries_equal_the_full_recount(tmp_path: Path) -> None:
    """The same on ten generated years (minutes to generate: `pytest -m bench`)."""
    db = open_store(build(tmp_path, 10), FakeClock())
    assert_same(from_summaries(db), recount(db))
    assert db.archive.stale_summaries == 0 and db.archive.recounted == 0


def test_the_trends_parse_the_summaries_without_the_sales_marketing_figures(history: Path) -> None:
    """The figures are most of a summary's bytes: the views that do not need them (trends, every-year history)
    parse each year's summary with them left out, the rest the same (the manifest keeps where they lie)."""
    db = open_store(history, FakeClock())
    plain = list(db.archive.summaries(newest_first=True))
    aligned = list(db.archive.aligned_summaries())
    assert len(plain) == len(aligned) > 0 and db.archive.stale_summaries == 0
    for (_, lean), full in zip(plain, aligned, strict=True):
        assert lean["alignment"] is None and full["alignment"]["issues"]
        assert {k: v for k, v in lean.items() if k != "alignment"} == {
            k: v for k, v in full.items() if k != "alignment"
        }
