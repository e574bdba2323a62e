"""Fixtures shared by the app tests (the store, clock and today come from tests/conftest.py).

* ``small``: two teams (Sales, Marketing) with people, numbers, rocks, to-dos and issues, built for ``today``
  (tests/tui/between_data.py); the meeting tests build their own store with tests/meeting/small_store.py.
* ``utc``: the machine's zone set to UTC for the test (snapshot and contrast tests render times), put back after.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date

import pytest
from tests.tui.between_data import fill_small

from l10tui.store import L10Store


@pytest.fixture
def small(db: L10Store, today: date) -> dict[str, str]:
    return fill_small(db, today)


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
