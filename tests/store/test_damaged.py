"""A damaged store is refused with a message naming the file and the newest good backup; the file is untouched."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from tests.store.store_helpers import reopen

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, StoreDamaged
from l10tui.store.backups import backup_dir, list_backups
from l10tui.store.db import newest_good_backup


def _json(fix: Callable[[dict], object]) -> Callable[[bytes], bytes]:
    def damage(raw: bytes) -> bytes:
        data = orjson.loads(raw)
        fix(data)
        return orjson.dumps(data)

    return damage


def _set(path: str, value: object) -> Callable[[dict], object]:
    def fix(data: dict) -> None:
        *parents, last = path.split("/")
        node = data
        for key in parents:
            node = node[key]
        node[last] = value

    return fix


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda raw: b"",
    "blank": lambda raw: b"  \n\t\n",
    "nul bytes": lambda raw: b"\0" * len(raw),
    "truncated at 1 byte": lambda raw: raw[:1],
    "truncated at 10%": lambda raw: raw[: len(raw) // 10],
    "truncated at half": lambda raw: raw[: len(raw) // 2],
    "truncated at 90%": lambda raw: raw[: len(raw) * 9 // 10],
    "truncated by 1 byte": lambda raw: raw[:-1],
    "trailing garbage": lambda raw: raw + b"garbage",
    "two documents": lambda raw: raw + raw,
    "not utf-8": lambda raw: raw.replace(b"Leads", b"L\xff\xfeads"),
    "a list": lambda raw: b"[1, 2, 3]",
    "a string": lambda raw: b'"l10"',
    "a number": lambda raw: b"42",
    "null": lambda raw: b"null",
    "no _meta": _json(lambda d: d.pop("_meta")),
    "_meta a list": _json(_set("_meta", [])),
    "schema version text": _json(_set("_meta/1/schema_version", "1")),
    "schema version 0": _json(_set("_meta/1/schema_version", 0)),
    "schema version true": _json(_set("_meta/1/schema_version", True)),
    "counters a list": _json(_set("_meta/1/counters", [])),
    "counter text": _json(_set("_meta/1/counters/I", "2")),
    "counter negative": _json(_set("_meta/1/counters/I", -1)),
    "settings a list": _json(_set("_meta/1/settings", [])),
    "table a list": _json(_set("issues", [])),
    "key not a number": _json(lambda d: d["issues"].update({"one": d["issues"]["1"]})),
    "key a superscript digit": _json(lambda d: d["issues"].update({"\u00b2": d["issues"].pop("2")})),
    "key with leading zero": _json(lambda d: d["issues"].update({"01": d["issues"].pop("1")})),
    "entry a number": _json(_set("issues/1", 7)),
    "id does not match key": _json(_set("issues/1/id", "I-2")),
    "title a number": _json(_set("issues/1/title", 42)),
    "title missing id": _json(lambda d: d["issues"]["1"].pop("id")),
    "created_at not a date": _json(_set("issues/1/created_at", "yesterday")),
    "created_at a number": _json(_set("issues/1/created_at", 1700000000)),
    "status unknown": _json(_set("issues/1/status", "maybe")),
    "rank text": _json(_set("issues/1/rank", "1")),
    "rank true": _json(_set("issues/1/rank", True)),
    "team agenda text": _json(_set("teams/1/agenda_minutes", "5,5,5")),
}


@pytest.fixture
def backed_up(filled: L10Store, db_path: Path, clock: FakeClock) -> Path:
    """Two good backups and a newer damaged one; returns the newest good one."""
    filled.backup()
    clock.advance(3600)
    good = filled.backup()
    assert good is not None
    clock.advance(3600)
    bad = filled.backup()
    assert bad is not None
    bad.write_bytes(b'{"_meta": ')
    assert list_backups(db_path)[-1] == bad
    return good


@pytest.mark.parametrize("name", list(DAMAGES))
def test_damaged_file_is_refused(filled: L10Store, db_path: Path, backed_up: Path, name: str) -> None:
    damaged = DAMAGES[name](db_path.read_bytes())
    db_path.write_bytes(damaged)

    with pytest.raises(StoreDamaged) as err:
        reopen(db_path)

    message = str(err.value)
    assert "\n" not in message and len(message) < 600
    assert message.startswith(f"store {db_path} is damaged: ")
    assert f"newest backup: {backed_up}" in message and "l10 doctor --restore" in message
    assert err.value.path == db_path and err.value.backup == backed_up
    assert db_path.read_bytes() == damaged


@pytest.mark.parametrize("name", ["truncated at half", "title a number", "two documents"])
def test_damage_under_an_open_store_is_refused_on_write(
    filled: L10Store, db_path: Path, backed_up: Path, team: str, name: str
) -> None:
    damaged = DAMAGES[name](db_path.read_bytes())
    db_path.write_bytes(damaged)
    with pytest.raises(StoreDamaged):
        filled.issues.add("never written", team=team)
    with pytest.raises(StoreDamaged):
        filled.issues.all()
    assert db_path.read_bytes() == damaged


def test_damaged_without_backup_says_so(filled: L10Store, db_path: Path) -> None:
    db_path.write_bytes(b"{")
    with pytest.raises(StoreDamaged, match="no backup found") as err:
        reopen(db_path)
    assert err.value.backup is None
    assert db_path.read_bytes() == b"{"


def test_newest_good_backup_skips_damaged_and_unreadable_ones(
    filled: L10Store, db_path: Path, clock: FakeClock
) -> None:
    first = filled.backup()
    clock.advance(60)
    second = filled.backup()
    assert first and second
    second.write_bytes(second.read_bytes()[:-3])
    assert newest_good_backup(db_path) == first
    first.write_bytes(b"")
    assert newest_good_backup(db_path) is None


def test_backups_sort_by_time_across_dst_fall_back(filled: L10Store, db_path: Path, clock: FakeClock) -> None:
    """Backups named in local time would sort 01:30 EDT after 01:10 EST (which is later): names use UTC."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from l10tui.store.backups import make_backup

    ny = ZoneInfo("America/New_York")
    earlier = datetime(2026, 11, 1, 1, 30, tzinfo=ny, fold=0)  # EDT, 05:30 UTC
    later = datetime(2026, 11, 1, 1, 10, tzinfo=ny, fold=1)  # EST, 06:10 UTC
    assert later.timestamp() > earlier.timestamp()  # same-zone comparison ignores fold
    a = make_backup(db_path, earlier)
    b = make_backup(db_path, later)
    assert list_backups(db_path) == [a, b]
    assert "20261101-053000" in a.name and "20261101-061000" in b.name


def test_same_second_backups_keep_their_order(filled: L10Store, db_path: Path, team: str) -> None:
    first = filled.backup()
    filled.issues.add("after the first copy", team=team)
    second = filled.backup()
    assert list_backups(db_path) == [first, second]
    assert newest_good_backup(db_path) == second


def test_backups_are_pruned_to_the_newest(filled: L10Store, db_path: Path, clock: FakeClock) -> None:
    from l10tui.store.backups import make_backup

    made = []
    for _ in range(5):
        clock.advance(timedelta(days=7).total_seconds())
        made.append(make_backup(db_path, clock.now(), keep=3))
    assert list_backups(db_path) == made[-3:]
    assert sorted(p.name for p in backup_dir(db_path).iterdir()) == sorted(p.name for p in made[-3:])
