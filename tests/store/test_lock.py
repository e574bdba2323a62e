"""The store lock: exclusive across processes, re-entrant within one lock object, freed when its holder dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from l10tui.store.lock import LockTimeout, StoreLock

HOLDER = textwrap.dedent(
    """
    import sys, time
    from l10tui.store.lock import StoreLock
    lock = StoreLock(sys.argv[1], timeout=5)
    lock.acquire()
    print("held", flush=True)
    time.sleep(60)
    """
)


def _hold_in_child(path: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    return child


def test_another_process_holding_it_makes_us_wait_then_time_out(tmp_path: Path) -> None:
    path = tmp_path / "s.json.lock"
    child = _hold_in_child(path)
    try:
        with pytest.raises(LockTimeout):
            StoreLock(path, timeout=0.2).acquire()
    finally:
        child.kill()
        child.wait()


def test_a_killed_holder_leaves_a_lock_file_that_blocks_nobody(tmp_path: Path) -> None:
    path = tmp_path / "s.json.lock"
    child = _hold_in_child(path)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert path.exists()
    lock = StoreLock(path, timeout=1)
    lock.acquire()
    assert lock.is_locked
    lock.release()


def test_reentrant_within_one_object_and_exclusive_between_objects(tmp_path: Path) -> None:
    path = tmp_path / "s.json.lock"
    a, b = StoreLock(path, timeout=0.05), StoreLock(path, timeout=0.05)
    with a:
        with a:
            assert a.is_locked
        assert a.is_locked  # still held by the outer block
        with pytest.raises(LockTimeout):
            b.acquire()
    assert not a.is_locked
    with b:
        assert b.is_locked


def test_lock_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "s.json.lock"
    with StoreLock(path, timeout=1):
        pass
    assert (path.stat().st_mode & 0o777) == 0o600
