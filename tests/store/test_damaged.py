"""A damaged store is refused with a message naming the file and the newest good backup; the file is untouched."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from tests.reliability.reliability_helpers import count
from tests.store.store_helpers import DAMAGES, reopen

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, StoreDamaged
from l10tui.store.backups import backup_dir, list_backups
from l10tui.store.db import newest_good_backup


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
    assert "\n" not in message and len(message.replace(str(db_path.parent), "DIR")) < 480
    assert message.startswith(f"store {db_path} is damaged: ")
    assert f"newest backup: {backed_up}" in message and "l10 doctor --restore" in message
    assert err.value.path == db_path and err.value.backup == backed_up
    assert db_path.read_bytes() == damaged
    count("damaged files refused by the store API")


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


def test_an_open_store_recovers_once_a_backup_is_restored(
    filled: L10Store, db_path: Path, backed_up: Path, team: str
) -> None:
    """The app keeps its store open: damage makes it refuse; a restore (l10 doctor in another terminal) heals it."""
    db_path.write_bytes(b'{"_meta": {')
    with pytest.raises(StoreDamaged):
        filled.issues.all()
    with pytest.raises(StoreDamaged):
        filled.issues.add("not now", team=team)
    assert db_path.read_bytes() == b'{"_meta": {'
    tmp = db_path.with_name("restore.tmp")
    tmp.write_bytes(backed_up.read_bytes())
    os.replace(tmp, db_path)
    assert [i.title for i in filled.issues.all()] == ["Leads go cold", "Pricing page is stale"]
    assert filled.issues.add("after the restore", team=team).id == "I-3"
