"""A write interrupted at any step of the commit leaves the old file byte-identical and the store usable."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from tests.reliability.reliability_helpers import count
from tests.store.store_helpers import leftovers, reopen

from l10tui.store import L10Store, StoreWriteError
from l10tui.store import atomic as atomic_mod
from l10tui.store import file as file_mod

STEPS = ("serialise", "write", "flush", "fsync", "replace", "dir_fsync")
ERRNOS = (errno.ENOSPC, errno.EACCES, errno.EIO)
REASON = {errno.ENOSPC: "the disk is full", errno.EACCES: "permission denied", errno.EIO: os.strerror(errno.EIO)}


def fail(code: int) -> Any:
    def raiser(*args: Any, **kwargs: Any) -> None:
        raise OSError(code, os.strerror(code))

    return raiser


def half_write(code: int) -> Any:
    """Write half of the bytes, then run out of space: the temp file holds a torn copy."""

    def writer(f: BinaryIO, data: bytes) -> None:
        f.write(data[: len(data) // 2])
        f.flush()
        raise OSError(code, os.strerror(code))

    return writer


def inject(monkeypatch: pytest.MonkeyPatch, step: str, code: int) -> None:
    if step == "serialise":
        monkeypatch.setattr(file_mod, "serialise", fail(code))
    elif step == "write":
        monkeypatch.setattr(atomic_mod, "_write", half_write(code))
    else:
        monkeypatch.setattr(atomic_mod, {"dir_fsync": "_fsync_dir"}.get(step, f"_{step}"), fail(code))


@pytest.mark.parametrize("code", ERRNOS, ids=lambda c: errno.errorcode[c])
@pytest.mark.parametrize("step", STEPS)
def test_interrupted_write_leaves_old_file(
    filled: L10Store, db_path: Path, team: str, monkeypatch: pytest.MonkeyPatch, step: str, code: int
) -> None:
    before = db_path.read_bytes()
    inject(monkeypatch, step, code)

    with pytest.raises(StoreWriteError) as err:
        filled.issues.add("Churn is up", team=team)

    message = str(err.value)
    assert str(db_path) in message and REASON[code] in message and "nothing was changed" in message
    assert "\n" not in message
    assert db_path.read_bytes() == before
    assert leftovers(db_path.parent) == []
    count("faults injected in-process (store API)")
    count("file bytes compared after a fault")
    # the in-memory store does not keep the half change
    assert [i.title for i in filled.issues.all()] == ["Leads go cold", "Pricing page is stale"]
    assert filled.meta["counters"]["I"] == 2

    monkeypatch.undo()
    added = filled.issues.add("Churn is up", team=team)
    assert added.id == "I-3"
    assert [i.id for i in reopen(db_path).issues.all()] == ["I-1", "I-2", "I-3"]
    assert leftovers(db_path.parent) == []


@pytest.mark.parametrize("step", STEPS)
def test_interrupted_first_write_leaves_no_file(
    db: L10Store, db_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    inject(monkeypatch, step, errno.ENOSPC)
    with pytest.raises(StoreWriteError, match="the disk is full"):
        db.teams.add("Sales")
    assert not db_path.exists()
    assert leftovers(db_path.parent) == []
    assert db.teams.all() == []
    monkeypatch.undo()
    assert db.teams.add("Sales").id == "TM-1"
    assert [t.name for t in reopen(db_path).teams.all()] == ["Sales"]


@pytest.mark.parametrize("step", STEPS)
def test_env_fault_hook_fails_that_step(
    filled: L10Store, db_path: Path, team: str, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """``L10_TEST_FAULT=step:ERRNO`` (used by the CLI-level reliability tests) fails exactly that step."""
    before = db_path.read_bytes()
    monkeypatch.setenv("L10_TEST_FAULT", f"{step}:{errno.ENOSPC}")
    with pytest.raises(StoreWriteError, match="the disk is full"):
        filled.issues.add("Churn is up", team=team)
    assert db_path.read_bytes() == before
    assert leftovers(db_path.parent) == []
    monkeypatch.setenv("L10_TEST_FAULT", "nosuchstep:28")
    assert filled.issues.add("Churn is up", team=team).id == "I-3"


def test_unstorable_value_is_refused_cleanly(filled: L10Store, db_path: Path) -> None:
    """A value JSON cannot hold (an integer past 64 bits) fails the write with a clear error, file untouched."""
    before = db_path.read_bytes()
    with pytest.raises(StoreWriteError, match="cannot be stored"):
        filled.set_setting("huge", 2**70)
    assert db_path.read_bytes() == before
    assert filled.setting("huge") is None
    filled.set_setting("small", 5)
    assert reopen(db_path).setting("small") == 5


def test_failed_write_inside_nested_transaction_rolls_back_everything(
    filled: L10Store, db_path: Path, team: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = db_path.read_bytes()
    monkeypatch.setattr(atomic_mod, "_fsync", fail(errno.EIO))
    with pytest.raises(StoreWriteError):
        with filled.transaction():
            filled.issues.add("One", team=team)
            filled.issues.solve("I-1", "fixed")
            filled.teams.add("Marketing")
    assert db_path.read_bytes() == before
    assert filled.issues.count() == 2 and filled.issues.get("I-1").status == "open"
    assert [t.name for t in filled.teams.all()] == ["Sales"]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_a_value_json_cannot_hold_is_refused_before_it_bricks_the_store(
    db: L10Store, db_path: Path, team: str, value: float
) -> None:
    """orjson writes NaN as null, which the next start would refuse as damage: the store refuses it up front."""
    from datetime import date

    from l10tui.domain.records import RecordError

    ann = db.people.add("Ann", [team]).id
    revenue = db.measurables.add("Revenue", owner=ann, goal=10.0, teams=[team])
    db.scores.set(revenue.id, date(2026, 11, 23), 5.0)
    before = db_path.read_bytes()
    with pytest.raises(RecordError, match="not a finite number"):
        db.scores.set(revenue.id, date(2026, 11, 23), value)
    with pytest.raises(RecordError, match="not a finite number"):
        db.scores.set(revenue.id, date(2026, 11, 30), value)
    assert db_path.read_bytes() == before
    assert [s.value for s in reopen(db_path).scores.all()] == [5.0]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), (1, 2), {1: "a"}, 2**70, object()])
def test_a_setting_that_would_not_read_back_is_refused(filled: L10Store, db_path: Path, value: object) -> None:
    before = db_path.read_bytes()
    with pytest.raises(StoreWriteError, match="nothing was changed"):
        filled.set_setting("odd", value)
    assert db_path.read_bytes() == before
    assert filled.setting("odd") is None
    filled.set_setting("fine", {"zoom": 1.5, "names": ["Ann", "Bo"]})
    assert reopen(db_path).setting("fine") == {"zoom": 1.5, "names": ["Ann", "Bo"]}
