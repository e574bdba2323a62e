"""One store, two threads of one process: the app re-reads the file in its worker thread while its event loop may
write (the meeting opens in ``compose``). Before, both got in at once: a re-read (no ``flock``) of the file from
before a new meeting was saved replaced it in memory ("Cannot open the meeting: no meeting MT-11", seen in the demo's
end-to-end test on a loaded machine); the lock let a second thread in as a nested hold; and a transaction begun while
another thread's was open joined it instead of waiting for the lock."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from l10tui.domain.clock import FakeClock
from l10tui.store import open_store
from l10tui.store.lock import LockTimeout, store_lock

WAIT_S = 10.0  # only ever reached on a failure


def clock() -> FakeClock:
    return FakeClock(wall=datetime(2026, 11, 23, 9, tzinfo=UTC), mono=1000.0)


def test_a_reread_in_flight_never_replaces_a_change_made_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "l10.json"
    db = open_store(path, clock())
    db.teams.add("Sales")
    db.reads_refreshed_by_poll = True  # as in the app: plain reads use the copy in memory
    open_store(path, clock()).teams.add("Marketing")  # another l10 writes: the next re-read has work to do

    parsing, go = threading.Event(), threading.Event()
    real_parse = db._file.parse

    def slow_parse(raw: bytes) -> Any:
        if threading.current_thread().name == "reread":
            parsing.set()
            assert go.wait(WAIT_S)
        return real_parse(raw)

    db._file.parse = slow_parse  # type: ignore[method-assign]
    reread = threading.Thread(target=db.refresh, name="reread")
    reread.start()
    assert parsing.wait(WAIT_S)  # the worker holds the old bytes
    change = threading.Thread(target=lambda: db.teams.add("Ops"), name="change")
    change.start()
    change.join(0.5)  # before: done by now, and then overwritten in memory by the re-read of the old bytes
    go.set()
    reread.join(WAIT_S)
    change.join(WAIT_S)
    assert not reread.is_alive() and not change.is_alive()
    assert sorted(t.name for t in db.teams.all()) == ["Marketing", "Ops", "Sales"]  # in memory
    assert sorted(t.name for t in open_store(path, clock()).teams.all()) == ["Marketing", "Ops", "Sales"]  # on disk


def test_a_transaction_waits_for_another_threads_instead_of_joining_it(tmp_path: Path) -> None:
    db = open_store(tmp_path / "l10.json", clock())
    db.teams.add("Sales")
    inside, go = threading.Event(), threading.Event()
    seen: dict[str, Any] = {}

    def first() -> None:
        with db.transaction():
            db.teams.add("Marketing")
            inside.set()
            assert go.wait(WAIT_S)

    def second() -> None:
        seen["in_transaction"] = db.in_transaction  # the other thread's does not count
        db.teams.add("Ops")

    before = db.commits
    a = threading.Thread(target=first)
    a.start()
    assert inside.wait(WAIT_S)
    b = threading.Thread(target=second)
    b.start()
    b.join(0.5)  # before: it joined the open transaction and returned at once
    assert b.is_alive()
    go.set()
    a.join(WAIT_S)
    b.join(WAIT_S)
    assert seen == {"in_transaction": False} and db.commits - before == 2  # two transactions, each saved
    assert sorted(t.name for t in db.teams.all()) == ["Marketing", "Ops", "Sales"]


def test_the_lock_is_held_by_one_thread_at_a_time(tmp_path: Path) -> None:
    lock = store_lock(tmp_path / "l10.json")
    lock.acquire()
    lock.acquire()  # re-entrant in its own thread
    other: dict[str, Any] = {}

    def try_it() -> None:
        other["is_locked"] = lock.is_locked
        try:
            lock.acquire(timeout=0)
        except LockTimeout:
            other["got"] = False
        else:
            other["got"] = True
            lock.release()

    t = threading.Thread(target=try_it)
    t.start()
    t.join(WAIT_S)
    assert other == {"is_locked": False, "got": False}
    lock.release()
    assert lock.is_locked
    lock.release()
    assert not lock.is_locked
    t = threading.Thread(target=try_it)
    t.start()
    t.join(WAIT_S)
    assert other == {"is_locked": False, "got": True}


@pytest.mark.parametrize("timeout", [0.0, 0.2])
def test_a_thread_that_cannot_have_the_lock_says_so_in_time(tmp_path: Path, timeout: float) -> None:
    lock = store_lock(tmp_path / "l10.json")
    lock.acquire()
    failed: list[bool] = []

    def try_it() -> None:
        try:
            lock.acquire(timeout=timeout)
        except LockTimeout:
            failed.append(True)

    t = threading.Thread(target=try_it)
    t.start()
    t.join(WAIT_S)
    lock.release()
    assert failed == [True] and not t.is_alive()
