"""Shared fixtures for every test folder.

* ``clock``: a :class:`FakeClock` at Monday 2026-11-23 09:00 UTC (it moves only when told to).
* ``today``: that clock's date (2026-11-23).
* ``db``: an empty :class:`L10Store` at ``tmp_path / "l10.json"`` driven by ``clock``.
* ``demo_db``: a store filled by :func:`l10tui.demo.build_demo` (seed 7, today 2026-11-23), driven by ``clock``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, open_store

DEMO_SEED = 7
TODAY = date(2026, 11, 23)  # a Monday


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(wall=datetime(2026, 11, 23, 9, 0, tzinfo=UTC), mono=1000.0)


@pytest.fixture
def today(clock: FakeClock) -> date:
    return clock.today()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "l10.json"


@pytest.fixture
def db(db_path: Path, clock: FakeClock) -> L10Store:
    return open_store(db_path, clock)


@pytest.fixture
def demo_db(db: L10Store, clock: FakeClock) -> L10Store:
    from l10tui.demo import build_demo

    build_demo(db, seed=DEMO_SEED, today=clock.today())
    return db
