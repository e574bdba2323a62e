"""Schema versions: a newer store is refused untouched; an older one is migrated after a copy is kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from tests.store.store_helpers import mode, reopen

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, StoreTooNew
from l10tui.store import opening as opening_mod
from l10tui.store import schema as schema_mod
from l10tui.store.backups import list_backups

CUR = schema_mod.SCHEMA_VERSION
NEXT = CUR + 1


def set_version(path: Path, version: int) -> bytes:
    data = orjson.loads(path.read_bytes())
    data["_meta"]["1"]["schema_version"] = version
    raw = orjson.dumps(data)
    path.write_bytes(raw)
    return raw


def test_newer_schema_is_refused_and_left_untouched(filled: L10Store, db_path: Path) -> None:
    filled.backup()
    raw = set_version(db_path, 99)
    with pytest.raises(StoreTooNew) as err:
        reopen(db_path)
    message = str(err.value)
    assert str(db_path) in message and "schema 99" in message and "upgrade l10tui" in message
    assert err.value.backup == list_backups(db_path)[-1]
    assert db_path.read_bytes() == raw


def test_newer_schema_seen_by_an_open_store_is_refused_on_write(filled: L10Store, db_path: Path, team: str) -> None:
    raw = set_version(db_path, NEXT)
    with pytest.raises(StoreTooNew):
        filled.issues.add("x", team=team)
    assert db_path.read_bytes() == raw


def v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """A real migration: issue titles become upper case, and the next version remembers who upgraded it."""
    for doc in data.get("issues", {}).values():
        doc["title"] = doc["title"].upper()
    data["_meta"]["1"].setdefault("settings", {})["upgraded_from"] = CUR
    return data


@pytest.fixture
def schema_v2(monkeypatch: pytest.MonkeyPatch) -> None:
    migrations = {CUR: v1_to_v2}
    for module in (schema_mod,):
        monkeypatch.setattr(module, "SCHEMA_VERSION", NEXT)
        monkeypatch.setattr(module, "MIGRATIONS", migrations)


def test_migration_keeps_a_copy_and_migrates(filled: L10Store, db_path: Path, schema_v2: None) -> None:
    v1 = db_path.read_bytes()
    clock = FakeClock()
    db = reopen(db_path, clock)

    assert [i.title for i in db.issues.all()] == ["LEADS GO COLD", "PRICING PAGE IS STALE"]
    assert db.meta["schema_version"] == NEXT and db.setting("upgraded_from") == CUR
    on_disk = orjson.loads(db_path.read_bytes())
    assert on_disk["_meta"]["1"]["schema_version"] == NEXT
    assert on_disk["issues"]["1"]["title"] == "LEADS GO COLD"

    (copy,) = list_backups(db_path)
    assert f"pre-v{NEXT}" in copy.name and copy.read_bytes() == v1
    assert mode(copy) == 0o600 and mode(copy.parent) == 0o700
    # a second open finds v2 and neither migrates again nor keeps another copy
    again = reopen(db_path)
    assert [i.title for i in again.issues.all()] == ["LEADS GO COLD", "PRICING PAGE IS STALE"]
    assert len(list_backups(db_path)) == 1


def test_open_store_migrates_a_file_another_process_wrote_in_v1(
    filled: L10Store, db_path: Path, schema_v2: None, team: str
) -> None:
    """The running app reads v2 data; a v1 file appearing (an old l10 wrote it) is upgraded before use."""
    db = reopen(db_path)
    raw = set_version(db_path, CUR)
    assert db.issues.get("I-1").title == "LEADS GO COLD"
    (copy,) = [p for p in list_backups(db_path) if p.read_bytes() == raw]
    assert f"pre-v{NEXT}" in copy.name


def test_failed_migration_copy_leaves_file_untouched(
    filled: L10Store, db_path: Path, schema_v2: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from l10tui.store import StoreWriteError

    v1 = db_path.read_bytes()

    def no_space(*a: Any, **k: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(opening_mod, "make_backup", no_space)
    with pytest.raises(StoreWriteError, match="before upgrading"):
        reopen(db_path)
    assert db_path.read_bytes() == v1


def add_bang(data: dict[str, Any]) -> dict[str, Any]:
    """A migration that must run exactly once: running it twice would show as two marks."""
    for doc in data.get("issues", {}).values():
        doc["title"] += "!"
    return data


def test_two_processes_opening_an_old_store_migrate_it_once(
    filled: L10Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    migrations = {CUR: add_bang}
    for module in (schema_mod,):
        monkeypatch.setattr(module, "SCHEMA_VERSION", NEXT)
        monkeypatch.setattr(module, "MIGRATIONS", migrations)
    pids = []
    for _ in range(4):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - child
            code = 1
            try:
                reopen(db_path).issues.all()
                code = 0
            finally:
                os._exit(code)
        pids.append(pid)
    statuses = [os.waitpid(pid, 0)[1] for pid in pids]
    assert all(os.WIFEXITED(s) and os.WEXITSTATUS(s) == 0 for s in statuses)
    assert [i.title for i in reopen(db_path).issues.all()] == ["Leads go cold!", "Pricing page is stale!"]
    assert len([p for p in list_backups(db_path) if f"pre-v{NEXT}" in p.name]) == 1
