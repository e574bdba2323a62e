"""1. Killed writers: a child adds issues in a loop and is SIGKILLed at random moments; nothing it confirmed is lost.

Each child is forked from this (already imported) process, so a kill costs milliseconds and the suite can afford
hundreds. The child prints an id only after ``issues.add`` returned, i.e. after the commit's fsyncs; the parent kills
it after a seeded random number of confirmations plus a seeded random delay within the time one commit takes, so
kills land on every step of a commit (temp file written, fsynced, renamed, directory fsynced).
"""

from __future__ import annotations

import os
import random
import select
import signal
import time
from pathlib import Path

import pytest
from tests.reliability.reliability_helpers import count, leftovers

from l10tui.store import open_store

SEED = 20261123
KILLS = 480
PER_STORE = 40  # a fresh, small store every 40 kills keeps each commit cheap


def child(path: Path, wfd: int, tag: int) -> None:
    """Add issues forever, printing each id once its commit has returned."""
    code = 0
    try:
        db = open_store(path)
        team = db.teams.lookup("Sales").id
        k = 0
        while True:
            issue = db.issues.add(f"kill {tag} write {k}", team=team)
            os.write(wfd, f"{issue.id} {tag} {k}\n".encode())
            k += 1
    except BaseException:
        code = 3
    finally:
        os._exit(code)


def read_lines(rfd: int, buf: bytearray, want: int, deadline: float) -> None:
    """Read from the child until ``want`` complete lines arrived (or the deadline passed)."""
    while buf.count(b"\n") < want and time.monotonic() < deadline:
        ready, _, _ = select.select([rfd], [], [], 0.05)
        if ready:
            chunk = os.read(rfd, 4096)
            if not chunk:
                return
            buf.extend(chunk)


def drain(rfd: int, buf: bytearray) -> None:
    while True:
        chunk = os.read(rfd, 4096)
        if not chunk:
            return
        buf.extend(chunk)


def commit_time(path: Path) -> float:
    db = open_store(path)
    team = db.teams.lookup("Sales").id
    t0 = time.perf_counter()
    for k in range(5):
        db.issues.add(f"warm-up {k}", team=team)
    return (time.perf_counter() - t0) / 5


@pytest.mark.slow
def test_killed_writers_lose_no_confirmed_write(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    confirmed: dict[str, str] = {}
    path = tmp_path / "none.json"
    per_commit = 0.005
    killed_mid_write = unconfirmed_but_saved = 0
    for kill in range(KILLS):
        if kill % PER_STORE == 0:
            if kill:
                finish_store(path, confirmed)
            path = tmp_path / f"store{kill // PER_STORE}" / "l10.json"
            path.parent.mkdir(mode=0o700)
            open_store(path).teams.add("Sales")
            per_commit = commit_time(path)
            confirmed = {}
            for issue in open_store(path).issues.all():
                confirmed[issue.id] = issue.title
        rfd, wfd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            os.close(rfd)
            child(path, wfd, kill)
        os.close(wfd)
        buf = bytearray()
        read_lines(rfd, buf, rng.randint(0, 3), time.monotonic() + 10)
        time.sleep(rng.uniform(0, per_commit * 1.2))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status), f"child {kill} ended by itself (status {status}): it failed"
        drain(rfd, buf)
        os.close(rfd)

        lines = bytes(buf).split(b"\n")[:-1]  # a torn last line was never confirmed
        for line in lines:
            issue_id, tag, k = line.decode().split()
            confirmed[issue_id] = f"kill {tag} write {k}"
        if leftovers(path.parent):
            killed_mid_write += 1

        # after every kill: the store opens, parses, and holds every confirmed write
        db = open_store(path)
        issues = {i.id: i.title for i in db.issues.all()}
        missing = {i: t for i, t in confirmed.items() if issues.get(i) != t}
        assert not missing, f"kill {kill}: confirmed writes lost: {missing}"
        numbers = sorted(int(i[2:]) for i in issues)
        assert numbers == list(range(1, len(numbers) + 1)), f"kill {kill}: ids not contiguous: {numbers[-5:]}"
        assert db.meta["counters"]["I"] == len(numbers)
        unconfirmed_but_saved += len(issues) - len(confirmed)
        for issue_id, title in issues.items():
            confirmed[issue_id] = title  # saved without confirmation: it must stay from now on too
        count("kills survived")
        count("confirmed writes checked after a kill", len(lines))
    finish_store(path, confirmed)
    count("kills inside a commit (temp file left)", killed_mid_write)
    count("writes saved but killed before confirming", unconfirmed_but_saved)
    assert killed_mid_write > 0, "no kill landed inside a commit: the test does not exercise what it claims"


def finish_store(path: Path, confirmed: dict[str, str]) -> None:
    """The next ordinary write cleans what the killed writers left, and everything is still there."""
    db = open_store(path)
    db.issues.add("after the kills", team=db.teams.lookup("Sales").id)
    assert leftovers(path.parent) == []
    titles = {i.id: i.title for i in open_store(path).issues.all()}
    assert all(titles.get(i) == t for i, t in confirmed.items())
    count("stores checked after kills")
    count("issues held by the killed writers' stores", len(titles))


def add_mark(data: dict) -> dict:  # type: ignore[type-arg]
    """A migration that must happen exactly once per issue."""
    for doc in data.get("issues", {}).values():
        doc["title"] += " [v2]"
    return data


MIGRATION_KILLS = 60


@pytest.mark.slow
def test_killed_during_a_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A process killed while upgrading the store leaves either the old file (upgraded again next time) or the
    upgraded one, never a mix; the pre-upgrade copy is whole whenever the upgrade went through."""
    from l10tui.store import schema as schema_mod
    from l10tui.store.backups import list_backups

    path = tmp_path / "l10.json"
    db = open_store(path)
    team = db.teams.add("Sales").id
    with db.transaction():
        for k in range(300):
            db.issues.add(f"issue {k}", team=team)
    v1 = path.read_bytes()
    cur = schema_mod.SCHEMA_VERSION  # the next version's migration is a test one
    for module in (schema_mod,):
        monkeypatch.setattr(module, "SCHEMA_VERSION", cur + 1)
        monkeypatch.setattr(module, "MIGRATIONS", {cur: add_mark})
    t0 = time.perf_counter()
    open_store(path)
    per_migration = time.perf_counter() - t0
    rng = random.Random(SEED + 1)
    outcomes = {"old": 0, "upgraded": 0}
    for _ in range(MIGRATION_KILLS):
        path.write_bytes(v1)
        for backup in list_backups(path):
            backup.unlink()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            try:
                open_store(path)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, per_migration * 1.5))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raw = path.read_bytes()
        outcomes["old" if raw == v1 else "upgraded"] += 1
        if raw != v1:
            copies = [p for p in list_backups(path) if f"pre-v{cur + 1}" in p.name]
            assert copies and copies[0].read_bytes() == v1
        titles = [i.title for i in open_store(path).issues.all()]  # upgrades now if the kill came first
        assert titles == [f"issue {k} [v2]" for k in range(300)]
        count("kills survived")
        count("kills during a schema upgrade")
    count("schema upgrades killed before the new file was in place", outcomes["old"])


COMPACTION_KILLS = 40


@pytest.mark.slow
def test_killed_during_compaction(tmp_path: Path) -> None:
    """Killed while moving closed records to the yearly archives: every record is still found, once."""
    import shutil
    from datetime import UTC, datetime

    from l10tui.domain.clock import FakeClock
    from l10tui.store.archive import archive_dir

    path = tmp_path / "l10.json"
    clock = FakeClock(wall=datetime(2024, 5, 6, 9, 0, tzinfo=UTC))
    db = open_store(path, clock)
    team = db.teams.add("Sales").id
    with db.transaction():
        for k in range(150):
            db.issues.add(f"old issue {k}", team=team)
            db.issues.solve(f"I-{k + 1}", "done long ago")
            if k % 50 == 49:
                clock.advance(200 * 86400)  # spread over several years
        db.issues.add("still open", team=team)
    before = path.read_bytes()
    clock.wall = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    t0 = time.perf_counter()
    assert open_store(path, clock).compact() == 150
    per_compaction = time.perf_counter() - t0
    rng = random.Random(SEED + 2)
    for _ in range(COMPACTION_KILLS):
        shutil.rmtree(archive_dir(path), ignore_errors=True)
        shutil.rmtree(path.parent / "backups", ignore_errors=True)
        path.write_bytes(before)
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            try:
                open_store(path, clock).compact()
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, per_compaction * 1.5))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        after = open_store(path, clock)
        history = after.issues.history()
        assert [i.id for i in history] == [f"I-{n}" for n in range(1, 152)]
        assert all(after.issues.get(f"I-{n}").status == "solved" for n in range(1, 151))
        assert after.issues.get("I-151").status == "open"
        after.compact()  # the next compaction finishes the move
        assert [i.id for i in open_store(path, clock).issues.all()] == ["I-151"]
        assert len(open_store(path, clock).issues.history()) == 151
        count("kills survived")
        count("kills during compaction")


CLI_KILLS = 30


@pytest.mark.slow
def test_killed_cli_writers(tmp_path: Path) -> None:
    """The real ``l10 issue add``, SIGKILLed at a random moment of its run: what it reported added is there."""
    import subprocess

    from tests.reliability.reliability_helpers import L10, cli_env, need_cli

    need_cli("issue", "add")
    path = tmp_path / "l10.json"
    open_store(path).teams.add("Sales")
    env = cli_env(L10_DB=str(path))
    t0 = time.perf_counter()
    subprocess.run([*L10, "issue", "add", "timing run", "--team", "Sales"], env=env, check=True, capture_output=True)
    per_run = time.perf_counter() - t0
    rng = random.Random(SEED + 3)
    reported: set[str] = set()
    factor, before = 0.8, 1
    for k in range(CLI_KILLS):
        proc = subprocess.Popen(
            [*L10, "issue", "add", f"cli write {k}", "--team", "Sales"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(rng.uniform(0.8, 1.2) * per_run * factor)
        proc.kill()
        out, _ = proc.communicate()
        if "Added I-" in out:
            reported.add(out.split("Added ", 1)[1].split()[0])
        issues = {i.id for i in open_store(path).issues.all()}
        assert reported <= issues, reported - issues
        # aim the next kill at the commit: earlier if this run got its issue saved, later if not
        factor *= 0.9 if len(issues) > before else 1.1
        before = len(issues)
        count("kills survived")
        count("l10 issue add processes killed")
    saved = len(open_store(path).issues.all()) - 1
    count("killed l10 runs whose issue was saved", saved)
    count("killed l10 runs that had reported it", len(reported))
    assert 0 < saved < CLI_KILLS, "the kills did not land both before and after the commit"
    assert open_store(path).issues.add("after the kills", team="TM-1")
