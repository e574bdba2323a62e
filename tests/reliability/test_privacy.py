"""7. Privacy of the file: the store, its lock, backups and their folders are 0600/0700 and stay so across replaces."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from tests.reliability.reliability_helpers import L10, cli_env, count, need_cli, need_doctor

from l10tui.domain.clock import FakeClock
from l10tui.store import open_store
from l10tui.store.backups import backup_dir, list_backups, make_backup


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def run_open(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run ``l10`` under a permissive umask, as a careless shell profile would set it."""
    return subprocess.run([*L10, *args], capture_output=True, text=True, env=env, preexec_fn=lambda: os.umask(0))


@pytest.mark.slow
def test_default_location_is_private_from_the_first_write(tmp_path: Path) -> None:
    need_cli("team", "add")
    env = cli_env(XDG_DATA_HOME=str(tmp_path / "xdg"), HOME=str(tmp_path))
    res = run_open(["team", "add", "Sales"], env)
    assert res.returncode == 0, res.stderr
    store = tmp_path / "xdg" / "l10tui" / "l10.json"
    assert mode(store) == 0o600 and mode(store.parent) == 0o700
    assert mode(Path(str(store) + ".lock")) == 0o600
    count("file modes checked", 3)


@pytest.mark.slow
def test_modes_are_kept_across_every_replace(tmp_path: Path) -> None:
    need_cli("issue", "add")
    folder = tmp_path / "store"
    folder.mkdir(mode=0o700)
    store = folder / "l10.json"
    env = cli_env(L10_DB=str(store))
    assert run_open(["team", "add", "Sales"], env).returncode == 0
    for k in range(4):
        if k == 2:
            os.chmod(store, 0o644)  # loosened by hand or by a sync tool: the next replace tightens it again
        res = run_open(["issue", "add", f"issue {k}", "--team", "Sales"], env)
        assert res.returncode == 0, res.stderr
        assert mode(store) == 0o600
        count("file modes checked")
    # and the day's first copy (issue #20) lies in a private folder, private itself
    assert sorted(os.listdir(folder)) == ["backups", "l10.json", "l10.json.lock"]
    assert mode(folder / "backups") == 0o700
    assert all(mode(p) == 0o600 for p in (folder / "backups").iterdir())


def test_backups_and_their_folder_are_private(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        store = tmp_path / "l10.json"
        clock = FakeClock()
        db = open_store(store, clock)
        db.teams.add("Sales")
        made = [db.backup()]
        clock.advance(60)
        made.append(make_backup(store, clock.now(), label="end-of-meeting"))
    finally:
        os.umask(old)
    assert list_backups(store) == made
    assert mode(backup_dir(store)) == 0o700
    for backup in made:
        assert backup is not None and mode(backup) == 0o600
        count("file modes checked")


@pytest.mark.slow
def test_doctor_restore_keeps_files_private(tmp_path: Path) -> None:
    need_doctor()
    store = tmp_path / "l10.json"
    db = open_store(store, FakeClock())
    db.teams.add("Sales")
    backup = db.backup()
    assert backup is not None
    store.write_bytes(b"{")
    os.chmod(store, 0o644)
    res = run_open(["doctor", "--restore", str(backup)], cli_env(L10_DB=str(store)))
    assert res.returncode == 0, res.stderr
    assert mode(store) == 0o600
    for path in tmp_path.rglob("*"):  # the store, its lock, the backups, the kept damaged copy, their folders
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path
        count("file modes checked")


def test_archives_are_private(tmp_path: Path) -> None:
    """Closed records moved to the yearly archives (hot/cold split) keep the store's privacy."""
    from datetime import UTC, datetime

    from l10tui.store.archive import archive_files

    store = tmp_path / "l10.json"
    clock = FakeClock(wall=datetime(2024, 3, 4, 9, 0, tzinfo=UTC))
    old = os.umask(0)
    try:
        db = open_store(store, clock)
        team = db.teams.add("Sales").id
        for k in range(3):
            db.issues.add(f"old issue {k}", team=team)
            db.issues.solve(f"I-{k + 1}", "solved long ago")
        clock.wall = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
        moved = db.compact()
    finally:
        os.umask(old)
    files = archive_files(store)
    assert moved >= 3 and files
    for path in files:
        assert mode(path) == 0o600 and mode(path.parent) == 0o700
        count("file modes checked", 2)
    assert mode(store) == 0o600
