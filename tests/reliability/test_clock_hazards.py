"""8. Clock hazards at the store level: midnight, DST changes and wall-clock jumps record sensible (UTC) times."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import orjson
import pytest
from tests.reliability.reliability_helpers import count

from l10tui.domain.clock import FakeClock
from l10tui.store import open_store
from l10tui.store.backups import list_backups
from l10tui.store.db import newest_good_backup

NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def local_new_york() -> Iterator[None]:
    """The machine's local time zone is New York for the test (backups used to be named in local time)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


def stored(path: Path, table: str, key: str, field: str) -> str:
    value = orjson.loads(path.read_bytes())[table][key][field]
    assert isinstance(value, str)
    return value


def test_a_clock_in_local_time_is_recorded_in_utc(tmp_path: Path) -> None:
    """Spring forward: 01:59:59 EST and one second later 03:00:00 EDT are one second apart, in UTC."""
    path = tmp_path / "l10.json"
    before = datetime(2026, 3, 8, 1, 59, 59, tzinfo=NEW_YORK)
    clock = FakeClock(wall=before)
    db = open_store(path, clock)
    team = db.teams.add("Sales").id
    db.issues.add("before the change", team=team)
    clock.wall = (before.astimezone(UTC) + timedelta(seconds=1)).astimezone(NEW_YORK)
    assert clock.wall.hour == 3
    db.issues.add("after the change", team=team)
    assert stored(path, "issues", "1", "created_at") == "2026-03-08T06:59:59+00:00"
    assert stored(path, "issues", "2", "created_at") == "2026-03-08T07:00:00+00:00"
    a, b = open_store(path).issues.all()
    assert (b.created_at - a.created_at).total_seconds() == 1
    count("clock hazard cases checked")


def test_fall_back_hour_keeps_order(tmp_path: Path) -> None:
    """Fall back: 01:30 EDT comes before 01:10 EST; the stored times say so."""
    path = tmp_path / "l10.json"
    clock = FakeClock(wall=datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK, fold=0))
    db = open_store(path, clock)
    team = db.teams.add("Sales").id
    db.issues.add("first", team=team)
    clock.wall = datetime(2026, 11, 1, 1, 10, tzinfo=NEW_YORK, fold=1)
    db.issues.solve("I-1", "solved later")
    issue = open_store(path).issues.get("I-1")
    assert issue.ended_at is not None and issue.ended_at > issue.created_at
    assert stored(path, "issues", "1", "ended_at") == "2026-11-01T06:10:00+00:00"
    count("clock hazard cases checked")


def test_backups_across_fall_back_stay_in_order(tmp_path: Path, local_new_york: None) -> None:
    """Backups an hour apart across the fall-back hour: the newest is the one made last."""
    path = tmp_path / "l10.json"
    clock = FakeClock(wall=datetime(2026, 11, 1, 5, 30, tzinfo=UTC))  # 01:30 EDT
    db = open_store(path, clock)
    team = db.teams.add("Sales").id
    first = db.backup()
    clock.advance(40 * 60)  # 06:10 UTC = 01:10 EST: an earlier local time
    db.issues.add("made between the copies", team=team)
    second = db.backup()
    assert list_backups(path) == [first, second]
    assert newest_good_backup(path) == second
    count("clock hazard cases checked")


def test_a_change_across_midnight(tmp_path: Path) -> None:
    """An issue raised at 23:59:50 and solved at 00:00:10 (a meeting running late): both instants kept, in order."""
    path = tmp_path / "l10.json"
    clock = FakeClock(wall=datetime(2026, 12, 31, 23, 59, 50, tzinfo=UTC))
    db = open_store(path, clock)
    team = db.teams.add("Sales").id
    db.issues.add("raised on the last day", team=team)
    clock.advance(20)
    db.issues.solve("I-1", "solved in the new year")
    issue = open_store(path).issues.get("I-1")
    assert issue.created_at.year == 2026 and issue.ended_at is not None and issue.ended_at.year == 2027
    assert (issue.ended_at - issue.created_at).total_seconds() == 20
    count("clock hazard cases checked")


def test_wall_clock_jumps_do_not_disturb_ids_or_data(tmp_path: Path) -> None:
    """A suspended laptop (wall jumps ahead) and an NTP correction (wall steps back): ids and data stay right."""
    path = tmp_path / "l10.json"
    clock = FakeClock()
    db = open_store(path, clock)
    team = db.teams.add("Sales").id
    owner = db.people.add("Ann", [team]).id
    db.issues.add("before the lid closed", team=team)
    mono = clock.monotonic()
    clock.jump_wall(3 * 86400)  # three days asleep: the monotonic clock did not move
    assert clock.monotonic() == mono
    todo = db.todos.add("after waking", owner=owner, today=clock.today())
    assert todo.due == clock.today() + timedelta(days=7)
    clock.jump_wall(-3600)  # the wall clock is corrected backwards
    db.issues.add("after the correction", team=team)
    done = db.todos.set_done(todo.id)
    assert done.done_at == clock.now()
    reread = open_store(path)
    assert [i.id for i in reread.issues.all()] == ["I-1", "I-2"]
    assert reread.todos.get(todo.id).status == "done"
    count("clock hazard cases checked")
