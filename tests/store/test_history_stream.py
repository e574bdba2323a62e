"""``l10 history --last 100000`` streams (issue 14): rows are printed as the archive years are read, newest first,
and equal, row for row, what the list built from every meeting at once gave (``Meetings.recent`` +
``Lookup.for_meetings``, the code before).

On the code before there was no stream: every meeting and every archived record was held before the first row
(``commands/history_out.py`` did not exist: these tests fail at import)."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bench.gen_history import generate
from l10tui.cli import main
from l10tui.commands import history_out
from l10tui.commands.common import Names, render_table, with_names
from l10tui.commands.meetings import history_json
from l10tui.domain.clock import FakeClock
from l10tui.domain.records import to_dict
from l10tui.store import L10Store, open_store
from l10tui.store.archive import Archive

END = date(2026, 11, 16)


@pytest.fixture(scope="module")
def three_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hist3y") / "l10.json"
    clock = FakeClock()
    generate(open_store(path, clock), clock, years=3, teams=1, seed=5, end=END)
    open_store(path, _clock()).compact()
    return path


def _clock() -> FakeClock:
    return FakeClock(wall=datetime(2026, 11, 23, 9, tzinfo=UTC))


def _old(db: L10Store, last: int, team: str | None = None) -> tuple[list[Any], Any]:
    from l10tui import report

    meetings = db.meetings.recent(last, team)
    return meetings, report.history_rows(meetings, report.Lookup.for_meetings(db, meetings))


def _cli(path: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(path), "history", *args], env={"L10_TODAY": "2026-11-23"})
    assert result.exit_code == 0, result.output
    return result.output


def test_every_row_equals_the_list_built_at_once(three_years: Path) -> None:
    db = open_store(three_years, _clock())
    meetings, rows = _old(db, 100000)
    assert len(db.archive.files()) >= 3 and len(meetings) > 100
    names = Names(db)
    expected = [history_json(r.to_json(), with_names(to_dict(m), names)) for r, m in zip(rows, meetings, strict=True)]
    out = _cli(three_years, "--last", "100000", "--json")
    assert json.loads(out) == expected  # one valid JSON array, element by element
    assert out == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"  # the format emit_json wrote
    text = _cli(three_years, "--last", "100000")
    assert text.startswith(render_table(history_out_headers(), [r.cells() for r in rows]) + "\n")


def history_out_headers() -> tuple[str, ...]:
    from l10tui.report import HISTORY_HEADERS

    return HISTORY_HEADERS


@pytest.mark.parametrize("last", [1, 10, 60, 200])
def test_the_newest_n_are_the_same(three_years: Path, last: int) -> None:
    db = open_store(three_years, _clock())
    meetings, rows = _old(db, last)
    streamed = list(history_out.rows(db, last, None))
    assert [m.id for m, _ in streamed] == [m.id for m in meetings]
    assert [r for _, r in streamed] == rows


def test_the_first_rows_come_before_the_oldest_years_are_read(
    three_years: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_store(three_years, _clock())
    years = [y for y, _ in db.archive.files()]
    read: list[int] = []
    real = Archive.read

    def counting(self: Archive, path: Path) -> object:
        read.append(int(path.stem.rsplit("-", 1)[-1]))
        return real(self, path)

    monkeypatch.setattr(Archive, "read", counting)
    real_records = Archive.records

    def counting_records(self: Archive, year: int, path: Path, names: Any) -> object:
        read.append(year)
        return real_records(self, year, path, names)

    monkeypatch.setattr(Archive, "records", counting_records)
    stream = history_out.rows(db, 100000, None)
    seen = 0
    for _m, _row in stream:
        seen += 1
        if read and min(read) > years[0]:
            break  # a row printed while the oldest year was still unread
    else:
        pytest.fail("every year was read before a row came out")
    assert seen >= 1 and years[0] not in read


def test_a_wide_row_after_the_first_rows_widens_only_its_own_line(
    three_years: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(history_out, "WIDTH_ROWS", 5)
    db = open_store(three_years, _clock())
    _, rows = _old(db, 100000)
    lines = _cli(three_years, "--last", "100000").splitlines()
    assert [line.split() for line in lines[1 : len(rows) + 1]] == [
        " ".join(r.cells()).split() for r in rows
    ]  # every row, every cell, in order


def test_an_empty_history(tmp_path: Path) -> None:
    path = tmp_path / "l10.json"
    open_store(path, _clock()).teams.add("Sales")
    assert _cli(path, "--json").strip() == "[]"
    assert "No finished meetings yet." in _cli(path)


def test_a_meeting_reopened_into_the_live_file_keeps_its_place(three_years: Path, tmp_path: Path) -> None:
    """A record changed after it was archived comes back to the live file (archive.py); the list still holds it
    once, in date order."""
    shutil.copytree(three_years.parent, tmp_path / "c")
    path = tmp_path / "c" / three_years.name
    db = open_store(path, _clock())
    live = {m.id for m in db.meetings.all()}
    old = next(m for m in db.meetings.history() if m.id not in live and m.state == "finished")
    db.meetings.save(old)  # now in the live file too (the live copy wins)
    meetings, rows = _old(db, 100000)
    streamed = list(history_out.rows(db, 100000, None))
    assert [m.id for m, _ in streamed] == [m.id for m in meetings]
    assert [r for _, r in streamed] == rows
