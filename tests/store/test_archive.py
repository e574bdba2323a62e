"""The hot/cold split (issue 6): closed records older than the quarter move to yearly archives, nothing is lost."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, StoreDamaged, StoreWriteError, open_store
from l10tui.store import atomic as atomic_mod
from l10tui.store.archive import archive_files, archive_path
from l10tui.store.backups import list_backups


@pytest.fixture
def old_store(tmp_path: Path) -> tuple[L10Store, FakeClock]:
    clock = FakeClock(wall=datetime(2025, 3, 3, 9, tzinfo=UTC))
    db = open_store(tmp_path / "l10.json", clock)
    team = db.teams.add("Sales").id
    solved = db.issues.add("Old and solved", team=team)
    db.issues.solve(solved.id, "fixed it")
    db.issues.add("Still open", team=team)
    todo = db.todos.add("Old to-do", owner="P-1", today=clock.today())
    db.todos.set_done(todo.id)
    db.todos.add("Open to-do", owner="P-1", today=clock.today())
    clock.wall = datetime(2026, 11, 23, 9, tzinfo=UTC)
    return db, clock


def test_compact_moves_closed_old_records_and_keeps_them_reachable(old_store: tuple[L10Store, FakeClock]) -> None:
    db, _ = old_store
    assert db.compact() == 2
    assert [i.title for i in db.issues.all()] == ["Still open"]
    assert [t.title for t in db.todos.all()] == ["Open to-do"]
    assert db.issues.get("I-1").solution == "fixed it"  # by id, from the 2025 archive
    assert [i.id for i in db.issues.history()] == ["I-1", "I-2"]
    assert [p.name for p in archive_files(db.path)] == ["l10-2025.json"]
    assert db.compact() == 0  # nothing left to move
    # A new id is never one that was archived.
    assert db.issues.add("New", team="TM-1").id == "I-3"


def test_first_split_keeps_a_copy_of_the_single_file(old_store: tuple[L10Store, FakeClock]) -> None:
    db, _ = old_store
    before = db.path.read_bytes()
    db.compact()
    copies = [p for p in list_backups(db.path) if "pre-split" in p.name]
    assert len(copies) == 1 and copies[0].read_bytes() == before


def test_archives_are_private(old_store: tuple[L10Store, FakeClock]) -> None:
    db, _ = old_store
    db.compact()
    path = archive_path(db.path, 2025)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700


def test_a_failed_archive_write_moves_nothing(old_store: tuple[L10Store, FakeClock], monkeypatch) -> None:
    db, _ = old_store
    live_before = db.path.read_bytes()

    def boom(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_mod, "_fsync", boom)
    with pytest.raises(StoreWriteError):
        db.compact()
    monkeypatch.undo()
    assert db.path.read_bytes() == live_before
    assert len(db.issues.all()) == 2


def test_a_record_in_both_places_reads_from_the_live_file(old_store: tuple[L10Store, FakeClock]) -> None:
    """A crash after the archive was written but before the live file was leaves duplicates: live wins."""
    db, _ = old_store
    before = db.path.read_bytes()
    db.compact()
    db.path.write_bytes(before)  # as if the live write never happened
    db.refresh()
    assert [i.id for i in db.issues.history()] == ["I-1", "I-2"]
    assert db.compact() == 2  # the next compaction finishes the move
    assert [i.id for i in db.issues.all()] == ["I-2"]


def test_a_changed_archived_record_comes_back_to_the_live_file(old_store: tuple[L10Store, FakeClock]) -> None:
    db, _ = old_store
    db.compact()
    db.issues.edit("I-1", title="Old and solved, retitled")
    assert {i.id for i in db.issues.all()} == {"I-1", "I-2"}
    assert db.issues.get("I-1").title == "Old and solved, retitled"


def test_a_damaged_archive_is_named(old_store: tuple[L10Store, FakeClock]) -> None:
    db, _ = old_store
    db.compact()
    path = archive_path(db.path, 2025)
    path.write_bytes(path.read_bytes()[:50])
    fresh = open_store(db.path)
    assert [i.id for i in fresh.issues.all()] == ["I-2"]  # the live file is fine
    with pytest.raises(StoreDamaged, match=r"l10-2025\.json"):
        fresh.issues.get("I-1")
