"""Helpers for the reliability suite: running the real ``l10``, failing when a command it needs is missing, and
collecting the figures that ``docs/RELIABILITY.md`` reports (see conftest.py)."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

# Figures of the run (kills survived, writes checked, faults injected, inputs tried, ...), added up by the tests
# and written out by conftest.py at the end of the session when L10_RELIABILITY_REPORT is set.
FIGURES: Counter[str] = Counter()
NOTES: dict[str, str] = {}

TODAY = "2026-11-23"
L10 = [sys.executable, "-m", "l10tui"]


OUTCOMES: dict[str, str] = {}  # test id -> passed/failed/skipped
SECONDS: dict[str, float] = {}  # test file -> seconds spent in it


def count(name: str, n: int = 1) -> None:
    FIGURES[name] += n


def record(report: pytest.TestReport) -> None:
    """Note a test's outcome and time for the report (called from the conftests' logreport hooks)."""
    file = report.nodeid.split("::")[0]
    SECONDS[file] = SECONDS.get(file, 0.0) + report.duration
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        OUTCOMES[report.nodeid] = report.outcome


@functools.cache
def _help(*words: str) -> tuple[int, str]:
    try:
        proc = subprocess.run([*L10, *words, "--help"], capture_output=True, text=True, timeout=60, env=cli_env())
    except (OSError, subprocess.TimeoutExpired) as exc:
        return 1, str(exc)
    return proc.returncode, proc.stdout + proc.stderr


def need_cli(*words: str) -> None:
    """Fail (with the reason) when ``l10 WORDS...`` is missing or broken: a broken command is a failure, never a
    skip "not built yet" (that once hid 9 failures behind 108 skips). Checked once per command."""
    code, out = _help()
    if code != 0:
        pytest.fail(f"the l10 CLI does not run: {out.strip().splitlines()[-1:]}")
    for i in range(len(words)):
        parent = words[:i]
        code, out = _help(*parent)
        listed = code == 0 and any(line.split()[:1] == [words[i]] for line in out.splitlines())
        if not listed:
            pytest.fail(f"`l10 {' '.join(words)}` is missing from `l10 {' '.join(parent)} --help`")


def need_doctor() -> None:
    need_cli("doctor")
    import importlib.util

    if importlib.util.find_spec("l10tui.store.doctor") is None:
        pytest.fail("`l10 doctor` needs l10tui.store.doctor, which is missing")


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("L10_")}
    env.update({"L10_TODAY": TODAY, "NO_COLOR": "1", "PYTHONWARNINGS": "ignore", "COLUMNS": "120"})
    env.update(extra)
    return env


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def l10(db: Path, *args: str, fault: str | None = None, timeout: float = 60) -> Result:
    """Run the real ``l10`` on store ``db`` in a subprocess."""
    env = cli_env(L10_DB=str(db), **({"L10_TEST_FAULT": fault} if fault else {}))
    proc = subprocess.run([*L10, *args], capture_output=True, text=True, timeout=timeout, env=env)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def assert_one_clear_line(res: Result, code: int = 1) -> str:
    """The command failed with exit ``code`` and exactly one line on stderr, no traceback."""
    assert res.code == code, (res.code, res.out, res.err)
    assert "Traceback" not in res.err and "Traceback" not in res.out
    assert len(res.err_lines) == 1, res.err
    return res.err_lines[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.endswith((".tmp", ".prev")))
