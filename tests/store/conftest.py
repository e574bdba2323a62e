"""Fixtures for the store tests: a store with one team and a couple of issues, and small file helpers."""

from __future__ import annotations

import pytest
from tests.reliability.reliability_helpers import record

from l10tui.store import L10Store


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    record(report)  # outcomes and times for docs/RELIABILITY.md (see tests/reliability/conftest.py)


@pytest.fixture
def team(db: L10Store) -> str:
    """The id of a team ("Sales") in ``db``."""
    return db.teams.add("Sales").id


@pytest.fixture
def filled(db: L10Store, team: str) -> L10Store:
    """``db`` with a team and two issues, written to disk."""
    db.issues.add("Leads go cold", team=team)
    db.issues.add("Pricing page is stale", team=team)
    return db
