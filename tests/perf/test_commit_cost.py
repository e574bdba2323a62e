"""Issue 6: a commit's cost must not grow with years of history. Measured in bytes serialised (deterministic),
not in seconds (these machines are noisy; timings live in bench/)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from bench.gen_history import generate
from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, open_store

ROOT = Path(__file__).resolve().parents[2]


def _history(tmp_path: Path, years: float) -> tuple[L10Store, FakeClock]:
    clock = FakeClock()
    db = open_store(tmp_path / f"h{years}.json", clock)
    generate(db, clock, years=years, teams=1, seed=3, end=date(2026, 11, 16))
    return db, clock


def _commit_bytes(db: L10Store) -> dict[str, int]:
    team = db.teams.all()[0].id
    person = db.people.all()[0].id
    measurable = db.measurables.all()[0].id
    todo = db.todos.open()[0].id
    out = {}
    for name, change in (
        ("issue add", lambda: db.issues.add("A new issue", team=team, raised_by=person)),
        ("to-do done", lambda: db.todos.set_done(todo)),
        ("score set", lambda: db.scores.set(measurable, date(2026, 11, 16), 42.0)),
    ):
        before = db.bytes_written
        change()
        out[name] = db.bytes_written - before
    return out


def test_commit_bytes_do_not_grow_with_history(tmp_path: Path) -> None:
    short, _ = _history(tmp_path, 0.5)
    long, _ = _history(tmp_path, 3)
    # The long history really is much bigger on disk, yet a commit writes about the same.
    assert long.archive.table("issues") and len(long.issues.history()) > 4 * len(short.issues.history())
    small, big = _commit_bytes(short), _commit_bytes(long)
    for name in small:
        assert big[name] <= 1.3 * small[name], (name, small[name], big[name])


def test_old_history_is_still_reachable(tmp_path: Path) -> None:
    db, _ = _history(tmp_path, 1)
    archived = db.archive.table("meetings")
    assert archived, "a year of history should have archived meetings"
    some_id = f"MT-{min(int(k) for k in archived)}"
    assert db.meetings.get(some_id).state == "finished"
    assert len(db.meetings.history()) == len(db.meetings.all()) + len(archived)


def test_issue_add_does_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys; from l10tui.cli import main\n"
        "try:\n    main(['--db', sys.argv[1], 'team', 'add', 'Sales'], standalone_mode=False)\n"
        "    main(['--db', sys.argv[1], 'issue', 'add', 'x', '--team', 'Sales'], standalone_mode=False)\n"
        "finally:\n    print('textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s.json")], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stdout + out.stderr
