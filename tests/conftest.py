"""Shared fixtures for every test folder.

* ``clock``: a :class:`FakeClock` at Monday 2026-11-23 09:00 UTC (it moves only when told to).
* ``today``: that clock's date (2026-11-23).
* ``late_clock``: 09:04 that Monday (a meeting 4 minutes late); ``small_meeting``: the small store of
  tests/meeting/small_store.py built with it (the engine tests' ``clock`` and ``small`` are these).
* ``db``: an empty :class:`L10Store` at ``tmp_path / "l10.json"`` driven by ``clock``.
* ``demo_db``: ``db`` filled by :func:`l10tui.demo.build_demo` (seed 7, today 2026-11-23), driven by ``clock``: the
  demo is built once per test process (``demo_template``) and its file copied (``copy_demo``) for each test.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, open_store

if TYPE_CHECKING:
    from tests.meeting.small_store import Small

DEMO_SEED = 7
TODAY = date(2026, 11, 23)  # a Monday
WALL = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LATE = datetime(2026, 11, 23, 9, 4, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(wall=WALL, mono=1000.0)


@pytest.fixture
def late_clock() -> FakeClock:
    """09:04 on Monday 2026-11-23: the small store's teams meet Mondays at 09:00, so a meeting starts 4 minutes
    late (the engine's and the meeting screen's tests)."""
    return FakeClock(wall=LATE, mono=5000.0)


@pytest.fixture
def small_meeting(tmp_path: Path, late_clock: FakeClock) -> Small:
    """The small store (tests/meeting/small_store.py) at ``tmp_path / "l10.json"``, driven by ``late_clock``; an app
    opens it with ``open_store(small_meeting.db.path, late_clock)``, as another l10 would."""
    from tests.meeting.small_store import build_small

    return build_small(open_store(tmp_path / "l10.json", late_clock), late_clock.today())


@pytest.fixture
def today(clock: FakeClock) -> date:
    return clock.today()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "l10.json"


@pytest.fixture
def db(db_path: Path, clock: FakeClock) -> L10Store:
    return open_store(db_path, clock)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store's file, built once per test process (about a CPU second each): ``demo_db`` copies it."""
    from l10tui.demo import build_demo

    path = tmp_path_factory.mktemp("demo-template") / "l10.json"
    build_demo(open_store(path, FakeClock(wall=WALL, mono=1000.0)), seed=DEMO_SEED, today=TODAY)
    return path


def copy_demo(template: Path, path: Path) -> None:
    """Put the demo store's file at ``path`` (only the file: the lock and backups are the copy's own)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)


@pytest.fixture
def demo_db(db: L10Store, clock: FakeClock, demo_template: Path) -> L10Store:
    """``db`` holding the demo as ``build_demo(db, seed=7, today=clock.today())`` leaves it: the file depends on the
    day only (not the hour), so the template is copied; a clock on another day gets its own build."""
    if clock.today() != TODAY:
        from l10tui.demo import build_demo

        build_demo(db, seed=DEMO_SEED, today=clock.today())
        return db
    copy_demo(demo_template, db.path)
    db.refresh()
    return db


# -- the suite's own rules: parallel where tests are independent, and no skip but for a missing external tool --------

# What a skip may name: tools and system powers the suite cannot bring itself. A skip for anything else ("not
# built yet", a console script missing) hides a failure, so it fails the run (checked on the xdist controller).
EXTERNAL_TOOLS = ("tmux", "git", "chromium", "browser", "setpriv", "unshare", "tmpfs")
# Tests that drive real terminals or time real processes: kept on one xdist worker, one after another.
SERIAL_PARTS = ("tests/e2e/",)

_BAD_SKIPS: list[str] = []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        path = item.nodeid.replace("\\", "/")
        if any(part in path for part in SERIAL_PARTS):
            item.add_marker(pytest.mark.xdist_group("serial"))
            # A real terminal under tmux races the other worker for 2 cores: a keystroke can land before a list
            # has opened. Such a test gets two more tries; a real bug fails all three (the vote that never showed
            # on the facilitator's screen did), and every rerun is printed in the summary (R).
            item.add_marker(pytest.mark.flaky(reruns=2, reruns_delay=1))


def skip_names_a_tool(reason: str) -> bool:
    return any(tool in reason.lower() for tool in EXTERNAL_TOOLS)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and isinstance(report.longrepr, tuple):
        reason = str(report.longrepr[2])
        if not skip_names_a_tool(reason):
            _BAD_SKIPS.append(f"{report.nodeid}: {reason}")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config) -> None:
    if _BAD_SKIPS:
        write = terminalreporter.write_line
        write("skips that name no missing external tool (each one fails the run):", red=True)
        for line in _BAD_SKIPS:
            write(f"  {line}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _BAD_SKIPS and not hasattr(session.config, "workerinput") and session.exitstatus == 0:
        session.exitstatus = 1
