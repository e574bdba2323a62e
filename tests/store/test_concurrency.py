"""Several processes on one store: no lost writes, distinct ids, and an open store sees outside changes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from tests.store.store_helpers import reopen

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store

ADDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from l10tui.store import open_store
    path, tag, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    db = open_store(path)
    team = db.teams.lookup("Sales").id
    for k in range(n):
        db.issues.add(f"{tag} issue {k}", team=team)
    """
)


def run_adders(path: Path, tags: list[str], n: int) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", ADDER, str(path), tag, str(n)]) for tag in tags]
    codes = [p.wait(timeout=120) for p in procs]
    assert codes == [0] * len(tags)


def test_two_processes_adding_100_each_lose_nothing(db: L10Store, db_path: Path, team: str) -> None:
    run_adders(db_path, ["a", "b"], 100)
    issues = reopen(db_path).issues.all()
    assert len(issues) == 200
    assert len({i.id for i in issues}) == 200
    assert {i.title for i in issues} == {f"{t} issue {k}" for t in "ab" for k in range(100)}
    assert sorted(int(i.id[2:]) for i in issues) == list(range(1, 201))
    # the store that was open all along sees them too, without reopening
    assert db.issues.count() == 200


def test_open_store_sees_change_from_another_store_object(filled: L10Store, db_path: Path, team: str) -> None:
    other = reopen(db_path)
    other.issues.add("Added elsewhere", team=team)
    other.issues.solve("I-1", "done")
    assert filled.issues.get("I-3").title == "Added elsewhere"
    assert filled.issues.get("I-1").status == "solved"
    # and a write from the first store keeps the other's change (it re-reads under the lock)
    filled.issues.add("Fourth", team=team)
    assert [i.id for i in reopen(db_path).issues.all()] == ["I-1", "I-2", "I-3", "I-4"]


def test_open_store_sees_change_from_a_subprocess(filled: L10Store, db_path: Path) -> None:
    run_adders(db_path, ["x"], 1)
    assert [i.title for i in filled.issues.all()][-1] == "x issue 0"


def test_replacement_with_same_size_and_mtime_is_seen(filled: L10Store, db_path: Path) -> None:
    """A file replaced by one of the same length and the same mtime (one clock tick) is still noticed."""
    st = db_path.stat()
    raw = db_path.read_bytes()
    changed = raw.replace(b"Leads go cold", b"Leads go warm")
    assert len(changed) == len(raw) and changed != raw
    tmp = db_path.with_name("edit.tmp")
    tmp.write_bytes(changed)
    os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(tmp, db_path)
    assert filled.issues.get("I-1").title == "Leads go warm"


def test_a_recycled_inode_does_not_hide_a_change(filled: L10Store, db_path: Path) -> None:
    """Two quick replaces: the second file can get the inode number the first one freed (ext4 reuses it at once).
    With the same size and the same mtime tick, only the store keeping its file open tells them apart."""
    st = db_path.stat()
    raw = db_path.read_bytes()
    assert filled.issues.get("I-1").title == "Leads go cold"
    for title in (b"Leads go warm", b"Leads go cool"):
        tmp = db_path.with_name("edit.tmp")
        tmp.write_bytes(raw.replace(b"Leads go cold", title))
        os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
        os.replace(tmp, db_path)
    assert db_path.stat().st_size == st.st_size and db_path.stat().st_mtime_ns == st.st_mtime_ns
    assert filled.issues.get("I-1").title == "Leads go cool"


def test_unchanged_file_is_not_parsed_again(filled: L10Store, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from l10tui.store import file as file_mod

    calls = []
    real = file_mod.parse
    monkeypatch.setattr(file_mod, "parse", lambda *a: calls.append(1) or real(*a))
    for _ in range(5):
        filled.issues.all()
    assert calls == []
    other = reopen(db_path, FakeClock())
    other.issues.add("x", team=filled.teams.all()[0].id)
    calls.clear()
    filled.issues.all()
    filled.issues.all()
    assert len(calls) == 1
