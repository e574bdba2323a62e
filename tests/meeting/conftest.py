"""Fixtures for the engine tests: a clock 4 minutes after the teams' Monday 09:00 slot, and a small store."""

from __future__ import annotations

import pytest
from tests.meeting.small_store import Small, build_small

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store


@pytest.fixture
def clock(late_clock: FakeClock) -> FakeClock:
    return late_clock  # 09:04: the teams meet Mondays at 09:00, so this meeting starts 4 minutes late


@pytest.fixture
def small(db: L10Store, clock: FakeClock) -> Small:
    return build_small(db, clock.today())
