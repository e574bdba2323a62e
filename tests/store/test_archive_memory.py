"""Reading an archive year costs a few times its size, not fifteen (issue 14, peak memory of the screens).

orjson needs ~15x a file's size while it parses (25 MiB at its peak for a 1.6 MiB year); the yearly archives are
parsed by the standard library's ``json`` (~6x) and still checked against the manifest's digest. On the code before,
``Archive.read`` parsed with orjson: the first test fails. What orjson refuses stays refused (NaN, a lone surrogate):
a damaged year, never a traceback or a silently different record."""

from __future__ import annotations

import shutil
import tracemalloc
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bench.gen_history import generate
from l10tui.domain.clock import FakeClock
from l10tui.store import StoreDamaged, open_store

END = date(2026, 11, 16)


@pytest.fixture(scope="module")
def one_year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mem1y") / "l10.json"
    clock = FakeClock()
    generate(open_store(path, clock), clock, years=1, teams=1, seed=2, end=END)
    return path


def _clock() -> FakeClock:
    return FakeClock(wall=datetime(2026, 11, 23, 9, tzinfo=UTC))


def test_a_year_is_read_in_a_few_times_its_size(one_year: Path) -> None:
    db = open_store(one_year, _clock())
    _, path = max(db.archive.files(), key=lambda f: f[1].stat().st_size)
    size = path.stat().st_size
    assert size > 200_000
    tracemalloc.start()
    try:
        data = db.archive.read(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert data["meetings"]
    assert peak < 8 * size, f"peak {peak / size:.1f}x the file's size"


def _damage(one_year: Path, tmp_path: Path, before: bytes, after: bytes) -> Path:
    shutil.copytree(one_year.parent, tmp_path / "c")
    path = tmp_path / "c" / one_year.name
    db = open_store(path, _clock())
    _, target = db.archive.files()[-1]
    raw = target.read_bytes()
    assert before in raw
    target.write_bytes(raw.replace(before, after, 1))
    return path


@pytest.mark.parametrize(
    ("before", "after"),
    [(b'"actual_s":', b'"actual_s":NaN,"x":'), (b'"title":"', b'"title":"\\ud800')],
    ids=["nan", "lone-surrogate"],
)
def test_what_orjson_refuses_is_a_damaged_year(one_year: Path, tmp_path: Path, before: bytes, after: bytes) -> None:
    path = _damage(one_year, tmp_path, before, after)
    db = open_store(path, _clock())
    with pytest.raises(StoreDamaged):
        for _, year_file in db.archive.files():
            db.archive.read(year_file)


def test_a_year_read_one_record_at_a_time_equals_the_whole_file(one_year: Path) -> None:
    """A windowed view reads the records of a year one at a time (the year is never held whole): the same records,
    and its peak is a fraction of a whole parse. On the code before there was no such read (AttributeError)."""
    import orjson

    db = open_store(one_year, _clock())
    year, path = max(db.archive.files(), key=lambda f: f[1].stat().st_size)
    whole = orjson.loads(path.read_bytes())
    tables = ["issues", "todos", "meetings", "scores"]
    each = db.archive.records(year, path, tables)
    assert each is not None
    got: dict[str, dict[str, object]] = {}
    for name, key, doc in each:
        got.setdefault(name, {})[key] = doc
    assert got == {name: whole[name] for name in tables if whole.get(name)}
    tracemalloc.start()
    try:
        for _ in db.archive.records(year, path, tables) or ():
            pass
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * path.stat().st_size


def test_a_year_edited_by_hand_is_not_read_record_by_record(one_year: Path, tmp_path: Path) -> None:
    path = _damage(one_year, tmp_path, b'"title":"', b'"title":"edited ')
    db = open_store(path, _clock())
    year, target = db.archive.files()[-1]
    assert db.archive.records(year, target, ["issues"]) is None  # not the file the store wrote: read whole
    with pytest.raises(StoreDamaged, match="digest"):
        db.archive.read(target)
