"""Ids are never reused, files stay private, a stale lock does not block, transactions roll back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import orjson
import pytest
from tests.store.store_helpers import mode, reopen

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, StoreBusy, open_store
from l10tui.store import lock as lock_mod


def test_ids_are_never_reused(filled: L10Store, db_path: Path, team: str) -> None:
    filled.issues.add("third", team=team)
    # someone removes the newest issue by hand: its id stays taken (the counter remembers it)
    data = orjson.loads(db_path.read_bytes())
    del data["issues"]["3"]
    db_path.write_bytes(orjson.dumps(data))
    assert filled.issues.add("fourth", team=team).id == "I-4"
    # and if the counters were lost, the highest id in the table still wins
    data = orjson.loads(db_path.read_bytes())
    data["_meta"]["1"]["counters"] = {}
    db_path.write_bytes(orjson.dumps(data))
    assert filled.issues.add("fifth", team=team).id == "I-5"
    # a rolled-back add does not burn the id either way, and the next one follows on
    with pytest.raises(RuntimeError):
        with filled.transaction():
            filled.issues.add("never", team=team)
            raise RuntimeError("boom")
    assert filled.issues.add("sixth", team=team).id == "I-6"
    assert [i.id for i in reopen(db_path).issues.all()] == ["I-1", "I-2", "I-4", "I-5", "I-6"]


def test_each_kind_has_its_own_counter(db: L10Store, team: str, clock: FakeClock) -> None:
    person = db.people.add("Ann", [team])
    todo = db.todos.add("Call back", owner=person.id, today=clock.today())
    issue = db.issues.add("Leads", team=team)
    assert (team, person.id, todo.id, issue.id) == ("TM-1", "P-1", "T-1", "I-1")
    assert db.issues.add("More", team=team).id == "I-2"


def test_files_and_folders_are_private(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "deep" / "data" / "l10.json"
    old = os.umask(0)  # even with a permissive umask
    try:
        db = open_store(path, clock)
        team = db.teams.add("Sales").id
        assert mode(path) == 0o600 and mode(path.parent) == 0o700
        lock = Path(str(path) + ".lock")
        assert mode(lock) == 0o600
        os.chmod(path, 0o644)  # someone loosened it: the next replace puts it back
        db.issues.add("one", team=team)
        assert mode(path) == 0o600
        for k in range(3):
            db.issues.add(f"more {k}", team=team)
            assert mode(path) == 0o600
        backup = db.backup()
        assert backup is not None
        assert mode(backup) == 0o600 and mode(backup.parent) == 0o700
    finally:
        os.umask(old)


def test_a_stale_lock_file_does_not_block(filled: L10Store, db_path: Path, team: str) -> None:
    lock = Path(str(db_path) + ".lock")
    lock.write_text("12345\n")  # left behind by a process that is long gone
    assert filled.issues.add("after a crash", team=team).id == "I-3"
    assert reopen(db_path).issues.count() == 3


HOLDER = textwrap.dedent(
    """
    import sys, time
    from filelock import FileLock
    lock = FileLock(sys.argv[1])
    lock.acquire()
    print("held", flush=True)
    time.sleep(60)
    """
)


def hold_lock(db_path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path) + ".lock"], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_lock_of_a_killed_process_is_released(filled: L10Store, db_path: Path, team: str) -> None:
    proc = hold_lock(db_path)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert filled.issues.add("after the kill", team=team).id == "I-3"


def test_a_held_lock_gives_a_clear_busy_error(
    db_path: Path, filled: L10Store, team: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock_mod, "LOCK_TIMEOUT_S", 0.2)
    db = reopen(db_path)
    before = db_path.read_bytes()
    proc = hold_lock(db_path)
    try:
        with pytest.raises(StoreBusy, match="busy: another l10 process"):
            db.issues.add("blocked", team=team)
    finally:
        proc.kill()
        proc.wait()
    assert db_path.read_bytes() == before
    assert db.issues.add("unblocked", team=team).id == "I-3"


def test_transaction_rolls_back_in_memory_data(filled: L10Store, db_path: Path, team: str) -> None:
    before = db_path.read_bytes()
    with pytest.raises(ValueError):
        with filled.transaction():
            filled.issues.add("half", team=team)
            filled.issues.solve("I-1", "done")
            filled.set_setting("colour", "blue")
            with filled.transaction():
                filled.teams.add("Marketing")
            raise ValueError("changed my mind")
    assert db_path.read_bytes() == before
    assert filled.issues.count() == 2 and filled.issues.get("I-1").status == "open"
    assert filled.setting("colour") is None
    assert [t.name for t in filled.teams.all()] == ["Sales"]
    assert filled.meta["counters"] == {"TM": 1, "I": 2}


def test_a_refused_change_writes_nothing(filled: L10Store, db_path: Path, team: str) -> None:
    from l10tui.domain.rules import InputError
    from l10tui.store import Conflict

    before = db_path.read_bytes()
    commits = filled.commits
    with pytest.raises(InputError):
        filled.issues.add("bad \u202e title", team=team)
    with pytest.raises(Conflict):
        filled.teams.add("sales")
    filled.issues.solve("I-1", "fixed")
    after_solve = db_path.read_bytes()
    with pytest.raises(Conflict):
        filled.issues.solve("I-1", "again")
    assert db_path.read_bytes() == after_solve != before
    assert filled.commits == commits + 1


def test_changes_outside_a_transaction_are_refused(filled: L10Store) -> None:
    with pytest.raises(RuntimeError, match=r"inside Store\.transaction"):
        filled.table("issues").insert({"title": "sneaky"})
    assert filled.issues.count() == 2


def test_missing_folder_without_create_is_a_clear_error(tmp_path: Path) -> None:
    from l10tui.store import StoreError

    path = tmp_path / "nowhere" / "l10.json"
    with pytest.raises(StoreError, match="does not exist"):
        open_store(path, create_dirs=False)
    assert not path.parent.exists()


READ_ONLY = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from l10tui.store import StoreError, open_store
    db = open_store(Path(sys.argv[1]))
    print(len(db.issues.all()))  # reading still works
    try:
        db.issues.add("x", team="TM-1")
    except StoreError as exc:
        print(exc)
    """
)


@pytest.mark.parametrize("lock_exists", [True, False], ids=["lock-file-exists", "no-lock-file"])
def test_read_only_folder_gives_a_clear_error(filled: L10Store, db_path: Path, lock_exists: bool) -> None:
    """Run in a child that cannot override file modes (root drops CAP_DAC_OVERRIDE with setpriv)."""
    import shutil

    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("root ignores file modes, and setpriv is not here to drop that power")
        caps = "-dac_override,-dac_read_search"
        prefix = [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]
    lock = Path(str(db_path) + ".lock")
    if not lock_exists:
        lock.unlink(missing_ok=True)
    before = db_path.read_bytes()
    os.chmod(db_path.parent, 0o500)
    try:
        proc = subprocess.run(
            [*prefix, sys.executable, "-c", READ_ONLY, str(db_path)], capture_output=True, text=True, timeout=60
        )
    finally:
        os.chmod(db_path.parent, 0o700)
    assert proc.returncode == 0, proc.stderr
    count_line, message = proc.stdout.strip().splitlines()
    assert count_line == "2"
    assert "permission denied" in message and str(db_path) in message, message
    assert db_path.read_bytes() == before
    assert [n for n in os.listdir(db_path.parent) if n.endswith((".tmp", ".prev"))] == []


def test_a_store_reached_through_a_symlink_stays_a_symlink(tmp_path: Path, clock: FakeClock) -> None:
    """People keep the store in a synced folder and link to it: a commit replaces the target, not the link."""
    real = tmp_path / "synced" / "l10.json"
    real.parent.mkdir()
    link = tmp_path / "l10.json"
    link.symlink_to(real)
    db = open_store(link, clock)
    team = db.teams.add("Sales").id
    db.issues.add("through the link", team=team)
    assert link.is_symlink() and real.is_file()
    assert [i.title for i in reopen(real).issues.all()] == ["through the link"]
    assert [i.title for i in reopen(link).issues.all()] == ["through the link"]
