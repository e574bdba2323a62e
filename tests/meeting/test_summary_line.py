"""The Finish summary's first line never has an empty field (issue 12, item 10's re-run)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.meeting.small_store import Small

from l10tui.domain.clock import FakeClock
from l10tui.meeting import MeetingRun
from l10tui.store import L10Store, StoreWriteError, open_store


def test_an_extra_meeting_says_it_had_no_planned_start(small: Small, monkeypatch: pytest.MonkeyPatch) -> None:
    """Old code: "Meeting MT-1 (Sales + Marketing): , ended on time" (no planned start left the field empty; the
    re-run met it on an extra meeting whose backup failed at Finish)."""
    clock = FakeClock(wall=datetime(2026, 11, 23, 15, 0, tzinfo=UTC), mono=10.0)  # 6 h after the 09:00 slot
    run = MeetingRun.open(open_store(small.db.path, clock), clock, tz=UTC, off_slot="extra")
    assert run.meeting.planned_start is None

    def no_backup(self: L10Store, label: str = "") -> Path | None:
        raise StoreWriteError(f"could not write a backup of {self.path}: the disk is full")

    monkeypatch.setattr(L10Store, "backup", no_backup)
    clock.advance(600)
    first = run.finish().lines[0]
    assert first == f"Meeting {run.meeting.id} (Sales + Marketing): no planned start, ended on time, length 10:00"
    assert ": ," not in first and ", ," not in first


def test_a_planned_meeting_still_says_how_late_it_started(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    clock.advance(600)
    first = run.finish(backup=False).lines[0]
    assert first == f"Meeting {run.meeting.id} (Sales + Marketing): started late by 4:00, ended on time, length 10:00"
