"""The suite's own rules (tests/conftest.py): a skip must name a missing external tool, e2e tests stay serial."""

from __future__ import annotations

import pytest
from tests.conftest import SERIAL_PARTS, skip_names_a_tool


@pytest.mark.parametrize(
    "reason",
    ["Skipped: tmux is not installed", "needs unshare (util-linux) to mount a tiny tmpfs", "git is not installed"],
)
def test_a_missing_tool_may_skip(reason: str) -> None:
    assert skip_names_a_tool(reason)


@pytest.mark.parametrize(
    "reason",
    ["needs `l10 doctor`, which this build does not have yet", "cli.py not written yet", "flaky on CI"],
)
def test_anything_else_may_not(reason: str) -> None:
    assert not skip_names_a_tool(reason)


def test_real_terminal_tests_run_one_at_a_time(request: pytest.FixtureRequest) -> None:
    e2e = [item for item in request.session.items if "tests/e2e/" in item.nodeid]
    assert SERIAL_PARTS == ("tests/e2e/",)
    assert all(m.args == ("serial",) for item in e2e for m in item.iter_markers("xdist_group"))
