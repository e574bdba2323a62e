"""The reliability suite (tracker issue 5). The figures of a run are written to docs/RELIABILITY.md with
``L10_RELIABILITY_REPORT=docs/RELIABILITY.md .venv/bin/pytest -n0 tests/store tests/reliability`` (-n0: the figures
are counted in the process that runs the tests, so not across xdist workers)."""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path

import pytest
from tests.reliability.reliability_helpers import FIGURES, NOTES, OUTCOMES, SECONDS, record

_STARTED = time.monotonic()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    record(report)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    target = os.environ.get("L10_RELIABILITY_REPORT")
    if not target or not OUTCOMES:
        return
    from tests.reliability.reliability_report import render

    text = render(dict(FIGURES), dict(NOTES), dict(OUTCOMES), dict(SECONDS), time.monotonic() - _STARTED, _machine())
    Path(target).write_text(text, encoding="utf-8")


def _machine() -> str:
    return f"{platform.system()} {platform.release()}, Python {platform.python_version()}, {os.cpu_count()} CPUs"
