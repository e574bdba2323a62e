"""Issue 12: hostile moments. One regression test per finding of the issue owned here (items 4 and 7, the archive
manifest and id counters, are issue 14's); each failed on the code before the fix (noted per test)."""

from __future__ import annotations

import os
import stat
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from tests.reliability.reliability_helpers import L10, NOTES, assert_one_clear_line, cli_env, count, l10

from l10tui.domain.clock import FakeClock
from l10tui.store import StoreWriteError, open_store
from l10tui.store.backups import backup_dir, list_backups
from l10tui.store.lock import StoreLock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(wall=datetime(2026, 11, 23, 9, 0, tzinfo=UTC), mono=1000.0)


def _company(path: Path, clock: FakeClock) -> None:
    db = open_store(path, clock)
    with db.transaction():
        sales = db.teams.add("Sales")
        db.people.add("Ana", teams=[sales.id])
        db.issues.add("Leads are junk", team=sales.id)
    db.close()


# -- item 1: export never over the store, a backup, or into the store's folder tree -----------------------------


def test_export_refuses_the_store_its_backups_and_its_folder(tmp_path: Path, clock: FakeClock) -> None:
    """Old code: ``-o l10.json`` replaced the store with Markdown; ``-o backups/<newest>.json`` destroyed it."""
    from tests.reliability.hostile import hostile_demo

    store = hostile_demo(tmp_path, clock, meeting=False)
    db = open_store(store, clock)
    newest = db.backup()
    assert newest is not None
    elsewhere = tmp_path.parent / f"{tmp_path.name}-mail"
    elsewhere.mkdir()
    store_copy = elsewhere / "copy-of-store.json"
    store_copy.write_bytes(store.read_bytes())
    link = elsewhere / "link.md"
    link.symlink_to(store)
    for target in (store, newest, tmp_path / "notes.md", backup_dir(store) / "new.md", store_copy, link):
        before = {p: p.read_bytes() for p in (store, newest, store_copy) if p.exists()}
        res = l10(store, "export", "latest", "-o", str(target))
        line = assert_one_clear_line(res)
        assert "refusing to write the export" in line, line
        assert {p: p.read_bytes() for p in before} == before
        count("exports refused")
    assert not (tmp_path / "notes.md").exists()
    ok = l10(store, "export", "latest", "-o", str(elsewhere / "mt.md"))
    assert ok.code == 0 and (elsewhere / "mt.md").exists(), ok.err


# -- item 2: the lock is proven ----------------------------------------------------------------------------------


def test_a_deleted_lock_file_cannot_let_two_writers_in(tmp_path: Path, clock: FakeClock) -> None:
    """Old code: the second writer took a fresh lock file and its confirmed write was then overwritten."""
    path = tmp_path / "l10.json"
    _company(path, clock)
    long_writer = open_store(path, clock)
    other = open_store(path, clock)
    sales = other.teams.lookup("Sales").id
    with pytest.raises(StoreWriteError, match=r"lock file .* was removed"):
        with long_writer.transaction():
            long_writer.issues.add("from the long import", team=sales)
            os.unlink(str(path) + ".lock")  # someone deletes the lock file while it is held
            confirmed = other.issues.add("confirmed by the other writer", team=sales)
    titles = {i.title for i in open_store(path, clock).issues.all()}
    assert confirmed.title in titles  # the confirmed write survived
    assert "from the long import" not in titles  # the refused one said so and wrote nothing


def test_a_waiter_that_locked_an_unlinked_lock_file_retries(tmp_path: Path) -> None:
    """Old code: a waiter that had opened the old lock file got the lock on an orphan inode."""
    lock_path = tmp_path / "l10.json.lock"
    holder = StoreLock(lock_path, timeout=5)
    holder.acquire()
    waiter = StoreLock(lock_path, timeout=5)
    got = threading.Event()

    def wait() -> None:
        waiter.acquire()
        got.set()

    t = threading.Thread(target=wait)
    t.start()
    time.sleep(0.05)  # the waiter has opened the old file and polls its lock
    os.unlink(lock_path)
    holder.release()
    t.join(5)
    assert got.is_set()
    assert waiter._fd is not None
    assert os.fstat(waiter._fd).st_ino == os.stat(lock_path).st_ino  # it holds the file at the path
    third = StoreLock(lock_path, timeout=0.05)
    with pytest.raises(Exception, match="lock"):
        third.acquire()
    waiter.release()


def test_lock_file_and_backups_folder_are_tightened(tmp_path: Path, clock: FakeClock) -> None:
    """Old code: an existing 0666 lock file and a 0755 backups/ stayed as they were."""
    path = tmp_path / "l10.json"
    _company(path, clock)
    lock = Path(str(path) + ".lock")
    os.chmod(lock, 0o666)
    backups = backup_dir(path)
    backups.mkdir(mode=0o755, exist_ok=True)
    os.chmod(backups, 0o755)
    db = open_store(path, clock)
    db.issues.add("one more", team=db.teams.lookup("Sales").id)
    db.backup()
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600
    assert stat.S_IMODE(backups.stat().st_mode) == 0o700


def test_any_write_tightens_the_backups_and_archive_folders(tmp_path: Path, clock: FakeClock) -> None:
    """By hand, 2026-12-02: a 0755 backups/ stayed 0755 after `l10 issue add` when that day's backup was already
    made (only writing a backup tightened it). Every write of the store now does, and archive/ too."""
    path = tmp_path / "l10.json"
    _company(path, clock)
    folders = [backup_dir(path), path.parent / "archive"]
    for folder in folders:
        folder.mkdir(exist_ok=True)
        os.chmod(folder, 0o755)
    db = open_store(path, clock)
    db.issues.add("one more", team=db.teams.lookup("Sales").id)
    assert [stat.S_IMODE(f.stat().st_mode) for f in folders] == [0o700, 0o700]


# -- item 3: todo add --issue inside one lock ----------------------------------------------------------------------


def test_parallel_todo_add_issue_keeps_every_todo_in_the_issue(tmp_path: Path, clock: FakeClock) -> None:
    """Old code: 4 loops of 15 left 60 to-dos pointing at the issue but only ~56 in its list."""
    path = tmp_path / "l10.json"
    _company(path, clock)
    env = cli_env(L10_DB=str(path))

    def loop(w: int) -> None:
        for n in range(15):
            args = ["todo", "add", f"w{w} n{n}", "--owner", "Ana", "--issue", "I-1"]
            proc = subprocess.run([*L10, *args], capture_output=True, text=True, timeout=120, env=env)
            assert proc.returncode == 0, proc.stderr

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(loop, range(4)))
    db = open_store(path, clock)
    pointing = [t.id for t in db.todos.all() if t.source_issue == "I-1"]
    assert len(pointing) == 60
    assert sorted(db.issues.get("I-1").todos) == sorted(pointing)
    count("parallel todo add --issue", 60)


# -- item 5: one meeting in progress per team ----------------------------------------------------------------------


def test_two_meets_at_the_same_moment_make_one_meeting(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Old code: both read "no meeting in progress" before either wrote, and two meetings were created."""
    from l10tui.meeting.run import MeetingRun
    from l10tui.store.meetings import Meetings

    path = tmp_path / "l10.json"
    _company(path, clock)
    both_looked = threading.Barrier(2, timeout=1.0)
    real = Meetings.in_progress

    def racing(self: Meetings, teams: list[str] | None = None) -> object:
        found = real(self, teams)
        try:
            both_looked.wait()  # old code: both get here before either creates its meeting
        except threading.BrokenBarrierError:
            pass  # new code: the other one waits for the lock, so this one goes on alone
        return found

    monkeypatch.setattr(Meetings, "in_progress", racing)

    def meet() -> str:
        return MeetingRun.open(open_store(path, clock), clock).meeting.id

    with ThreadPoolExecutor(2) as pool:
        ids = list(pool.map(lambda _: meet(), range(2)))
    in_progress = [m.id for m in open_store(path, clock).meetings.all() if m.state == "in-progress"]
    assert len(in_progress) == 1, in_progress
    assert ids[0] == ids[1] == in_progress[0]


def test_a_team_in_a_joint_meeting_cannot_start_its_own(tmp_path: Path, clock: FakeClock) -> None:
    from l10tui.meeting.run import MeetingError, MeetingRun

    path = tmp_path / "l10.json"
    _company(path, clock)
    db = open_store(path, clock)
    with db.transaction():
        db.teams.add("Marketing")
    joint = MeetingRun.open(db, clock)
    with pytest.raises(MeetingError, match=f"Sales already is in meeting {joint.meeting.id}"):
        MeetingRun.open(db, clock, team="Sales")


# -- item 6: a symlinked store is restored through the link ---------------------------------------------------------


def test_doctor_restore_through_a_symlink_restores_the_real_file(tmp_path: Path, clock: FakeClock) -> None:
    """Old code: the link became a plain file, the real file stayed damaged, and link.json.lock was locked."""
    real_dir = tmp_path / "sync"
    real_dir.mkdir()
    real = real_dir / "l10.json"
    _company(real, clock)
    backup = open_store(real, clock).backup()
    assert backup is not None and backup.parent == backup_dir(real)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    real.write_bytes(b'{"_meta": {"1": {"schema_ver')  # damaged
    res = l10(link, "doctor", "--restore", backup.name)
    assert res.code == 0, res.err
    assert link.is_symlink() and link.resolve() == real
    assert open_store(real, clock).issues.get("I-1").title == "Leads are junk"
    assert not Path(str(link) + ".lock").exists()
    assert list_backups(real)  # the backups of the real store are the ones used


def test_an_archive_year_is_refused_as_a_backup(tmp_path: Path, clock: FakeClock) -> None:
    """Old code: an archive year was accepted by --restore as a store (no teams; doctor then said OK)."""
    path = tmp_path / "l10.json"
    _company(path, clock)
    year = tmp_path / "archive-2024.json"
    year.write_bytes(orjson.dumps({"_meta": {"1": {"schema_version": 1, "archive_year": 2024}}, "issues": {}}))
    before = path.read_bytes()
    line = assert_one_clear_line(l10(path, "doctor", "--restore", str(year), "--force"))
    assert "archive of 2024" in line
    assert path.read_bytes() == before


# -- item 10: a failed backup at Finish says the meeting was saved -------------------------------------------------


def test_a_failed_backup_at_finish_says_the_meeting_is_saved(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Old code: "Not saved — could not write a backup" although the meeting was saved as finished."""
    from l10tui.meeting.run import MeetingRun
    from l10tui.store import L10Store

    path = tmp_path / "l10.json"
    _company(path, clock)
    db = open_store(path, clock)
    run = MeetingRun.open(db, clock)

    def no_backup(self: L10Store, label: str = "") -> Path | None:
        raise StoreWriteError(f"could not write a backup of {self.path}: the disk is full")

    monkeypatch.setattr(L10Store, "backup", no_backup)
    summary = run.finish()
    assert open_store(path, clock).meetings.get(run.meeting.id).state == "finished"
    assert any("The meeting is saved, but NO backup was made: " in line for line in summary.lines), summary.lines


# -- item 14: no terminal, no spinning ---------------------------------------------------------------------------


def test_meet_without_a_terminal_refuses_in_one_line(tmp_path: Path, clock: FakeClock) -> None:
    """Old code: ``l10 meet </dev/null`` spun a core at 100 % forever."""
    path = tmp_path / "l10.json"
    _company(path, clock)
    for args in (["meet"], []):
        proc = subprocess.run(
            [*L10, *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            env=cli_env(L10_DB=str(path)),
        )
        res_line = assert_one_clear_line(_result(proc))
        assert "needs a terminal" in res_line
    assert not any(m.state == "in-progress" for m in open_store(path, clock).meetings.all())


def _result(proc: subprocess.CompletedProcess[str]) -> object:
    from tests.reliability.reliability_helpers import Result

    return Result(proc.returncode, proc.stdout, proc.stderr)


# -- item 11: score import holds the lock in short chunks ------------------------------------------------------------


def test_score_import_never_holds_the_lock_long(tmp_path: Path, clock: FakeClock) -> None:
    """Old code: one transaction for the whole file; a meeting waited on the lock for the whole import."""
    path = tmp_path / "l10.json"
    _company(path, clock)
    db = open_store(path, clock)
    with db.transaction():
        ana = db.people.lookup("Ana").id
        for n in range(40):
            db.measurables.add(f"Number {n}", owner=ana, goal=1.0, teams=[db.teams.lookup("Sales").id])
    first = date(2025, 11, 24)
    rows = [f"Number {n},{first + timedelta(weeks=w)},{w}" for n in range(40) for w in range(52)]
    csv = tmp_path / "scores.csv"
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    env = cli_env(L10_DB=str(path))
    proc = subprocess.Popen(
        [*L10, "score", "import", str(csv)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    waits: list[float] = []
    probe = StoreLock(str(path) + ".lock", timeout=30)
    while proc.poll() is None:
        t0 = time.monotonic()
        probe.acquire()
        waits.append(time.monotonic() - t0)
        probe.release()
        time.sleep(0.01)
    _out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert len(open_store(path, clock).scores.all()) == 40 * 52
    assert waits and max(waits) < 1.0, max(waits)  # chunks of ~0.08 s (a loaded machine stretches them)
    count("lock waits probed during an import", len(waits))
    NOTES["longest wait for the lock during a 2,080-row score import"] = f"{max(waits) * 1000:.0f} ms"


# -- item 13: a permission problem is named as one ------------------------------------------------------------------


def test_an_unreadable_archive_is_a_permission_problem_not_damage(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Old code: an archive the user may not read was reported as "damaged"."""
    from l10tui.demo import build_demo
    from l10tui.store import StoreDamaged, StoreError
    from l10tui.store.archive import Archive, archive_files
    from l10tui.store.doctor import check_store

    db = open_store(tmp_path / "l10.json", clock)
    build_demo(db, seed=7, today=clock.today())
    db.compact()
    years = archive_files(db.path)
    assert years
    real_read = Path.read_bytes

    def denied(self: Path) -> bytes:  # (the tests may run as root, where chmod 000 does not stop a read)
        if self in years:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(StoreError, match="permission denied") as info:
        Archive.load(years[0])
    assert not isinstance(info.value, StoreDamaged)
    report = check_store(db.path)
    assert any("permission denied" in p and "not damaged" in p for p in report.problems), report.problems
    assert not any("damaged:" in p for p in report.problems), report.problems
