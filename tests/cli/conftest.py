"""Fixtures for the CLI tests: a temp store, "today" fixed with L10_TODAY (2026-11-23), TZ=UTC, and a runner."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, open_store

sys.path.insert(0, str(Path(__file__).parent))  # the tests run with --import-mode=importlib

from cli_helpers import Cli, Company, build_company

TODAY_TEXT = "2026-11-23"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    monkeypatch.setenv("L10_TODAY", TODAY_TEXT)
    monkeypatch.delenv("L10_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield Cli(tmp_path / "l10.json", CliRunner())
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def company(cli: Cli, clock: FakeClock) -> Company:
    """The hand-built company of ``cli_helpers.py`` in the CLI's store."""
    db: L10Store = open_store(cli.store, clock)
    return build_company(db, clock)
