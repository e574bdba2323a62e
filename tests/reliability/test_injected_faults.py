"""3. Injected faults through the real CLI: every step of a commit fails in turn; the old file stays byte-identical."""

from __future__ import annotations

import errno
import os
import shutil
import textwrap
from pathlib import Path

import orjson
import pytest
from tests.reliability.reliability_helpers import (
    L10,
    Result,
    assert_one_clear_line,
    cli_env,
    count,
    l10,
    leftovers,
    need_cli,
)

from l10tui.domain.clock import FakeClock
from l10tui.store import open_store

STEPS = ("serialise", "write", "flush", "fsync", "replace", "dir_fsync")
REASON = {
    errno.ENOSPC: "the disk is full",
    errno.EACCES: "permission denied",
    errno.EIO: os.strerror(errno.EIO),
    errno.EROFS: "the file system is read-only",
}

COMMANDS: dict[str, list[str]] = {
    "issue add": ["issue", "add", "Churn is up", "--team", "Sales"],
    "issue solve": ["issue", "solve", "I-1"],
    "team add": ["team", "add", "Marketing"],
    "todo add": ["todo", "add", "Call the lead", "--owner", "Ann"],
    "todo done": ["todo", "done", "T-1"],
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "l10.json"
    db = open_store(path, FakeClock())
    team = db.teams.add("Sales").id
    ann = db.people.add("Ann", [team]).id
    db.issues.add("Leads go cold", team=team)
    db.todos.add("Fix the form", owner=ann, today=FakeClock().today())
    return path


def fresh(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store" / "l10.json"
    path.parent.mkdir(mode=0o700)
    shutil.copy2(template, path)
    return path


def snapshot(path: Path) -> bytes:
    """The store's content as a fresh reader parses it."""
    return orjson.dumps(open_store(path).raw(), option=orjson.OPT_SORT_KEYS)


def check_fault(path: Path, args: list[str], fault: str, reason: str) -> Result:
    before = path.read_bytes()
    res = l10(path, *args, fault=fault)
    line = assert_one_clear_line(res)
    assert str(path) in line and reason in line and "nothing was changed" in line, line
    assert path.read_bytes() == before
    assert leftovers(path.parent) == []
    count("faults injected through the CLI")
    count("file bytes compared after a fault")
    return res


@pytest.mark.slow
@pytest.mark.parametrize("code", list(REASON), ids=lambda c: errno.errorcode[c])
@pytest.mark.parametrize("step", STEPS)
def test_issue_add_fault_at_each_step(template: Path, tmp_path: Path, step: str, code: int) -> None:
    need_cli("issue", "add")
    path = fresh(template, tmp_path)
    args = COMMANDS["issue add"]
    check_fault(path, args, f"{step}:{code}", REASON[code])
    # the next command works and adds exactly one issue, with the next id
    res = l10(path, *args)
    assert res.code == 0, res.err
    assert [i.id for i in open_store(path).issues.all()] == ["I-1", "I-2"]
    count("commands after a fault that worked")


@pytest.mark.slow
@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "issue add"])
def test_other_commands_fault_at_each_step(template: Path, tmp_path: Path, command: str, step: str) -> None:
    need_cli(*command.split())
    path = fresh(template, tmp_path)
    args = COMMANDS[command]
    before = snapshot(path)
    check_fault(path, args, f"{step}:{errno.ENOSPC}", REASON[errno.ENOSPC])
    assert snapshot(path) == before
    res = l10(path, *args)
    assert res.code == 0, res.err
    assert snapshot(path) != before
    count("commands after a fault that worked")


def _without_dac_override() -> list[str] | None:
    """A prefix that runs a command without root's power to ignore file modes (None if we cannot)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


@pytest.mark.slow
@pytest.mark.parametrize("lock_exists", [True, False], ids=["lock-file-exists", "no-lock-file"])
def test_read_only_store_directory(template: Path, tmp_path: Path, lock_exists: bool) -> None:
    import subprocess

    need_cli("issue", "add")
    prefix = _without_dac_override()
    if prefix is None:
        pytest.skip("running as root without setpriv: a read-only folder cannot be made to refuse root")
    path = fresh(template, tmp_path)
    lock = Path(str(path) + ".lock")
    if lock_exists:
        lock.touch(mode=0o600)
    before = path.read_bytes()
    env = cli_env(L10_DB=str(path))
    os.chmod(path.parent, 0o500)
    try:
        proc = subprocess.run(
            [*prefix, *L10, "issue", "add", "x", "--team", "Sales"], capture_output=True, text=True, env=env
        )
        listing = subprocess.run([*prefix, *L10, "issue", "list"], capture_output=True, text=True, env=env)
    finally:
        os.chmod(path.parent, 0o700)
    line = assert_one_clear_line(Result(proc.returncode, proc.stdout, proc.stderr))
    assert "permission denied" in line and str(path) in line, line
    assert path.read_bytes() == before
    assert listing.returncode == 0 and "Leads go cold" in listing.stdout  # reading still works
    count("faults injected through the CLI")


DISK_FULL = textwrap.dedent(
    """
    import json, os, sys
    from pathlib import Path
    from l10tui.store import StoreWriteError, open_store

    folder = Path(sys.argv[1])
    filler = folder / "filler"
    filler.write_bytes(b"x" * 16384)  # freed at the end, like a person clearing space
    path = folder / "l10.json"
    db = open_store(path)
    team = db.teams.add("Sales").id
    added, failures, intact = [], [], True
    for k in range(100000):
        before = path.read_bytes()
        try:
            added.append(db.issues.add(f"issue {k} " + "x" * 150, team=team).id)
        except StoreWriteError as exc:
            failures.append(str(exc))
            intact = intact and path.read_bytes() == before
            if len(failures) == 3:
                break
    leftovers = sorted(n for n in os.listdir(folder) if n.endswith((".tmp", ".prev")))
    stored = [i.id for i in open_store(path).issues.all()]
    in_memory = [i.id for i in db.issues.all()]
    filler.unlink()
    after = db.issues.add("after freeing space", team=team).id
    final = [i.id for i in open_store(path).issues.all()]
    print(json.dumps(dict(added=added, failures=failures, intact=intact, leftovers=leftovers, stored=stored,
                          in_memory=in_memory, after=after, final=final)))
    """
)


@pytest.mark.slow
def test_a_really_full_disk(tmp_path: Path) -> None:
    """Not an injected error: a 64 KiB tmpfs (in a user+mount namespace) fills up for real."""
    import json
    import subprocess
    import sys

    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("needs unshare (util-linux) to mount a tiny tmpfs")
    folder = tmp_path / "tiny"
    folder.mkdir()
    script = f'mount -t tmpfs -o size=64k tmpfs {folder} && exec {sys.executable} -c "$0" {folder}'
    proc = subprocess.run([unshare, "-rm", "sh", "-c", script, DISK_FULL], capture_output=True, text=True)
    if proc.returncode != 0 and "Traceback" not in proc.stderr:  # no user namespaces or no tmpfs in this sandbox
        pytest.skip(f"cannot mount a tiny tmpfs here: {proc.stderr.strip()[:120]}")
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)
    assert len(r["added"]) > 10 and len(r["failures"]) == 3
    assert all("the disk is full" in f and "nothing was changed" in f for f in r["failures"]), r["failures"]
    assert r["intact"] and r["leftovers"] == []
    assert r["stored"] == r["added"] == r["in_memory"]
    assert r["final"] == [*r["added"], r["after"]]
    count("faults injected through a really full disk", len(r["failures"]))
    count("file bytes compared after a fault", len(r["failures"]))
