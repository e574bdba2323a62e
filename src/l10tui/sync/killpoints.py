"""The test hook of ``l10 sync`` (``L10_SYNC_KILL=step``, read in l10tui/testing_seam.py): the process kills itself
at the named step, so that the tests can check a sync killed at any moment loses nothing (docs/SYNC.md)."""

from __future__ import annotations

import os
import signal

from l10tui.testing_seam import kill_at

KILL_STEPS = ("fetched", "snapshot", "journal", "file", "ref", "push")


def kill_point(step: str) -> None:
    """SIGKILL this process here when the test hook names ``step`` (one of :data:`KILL_STEPS`)."""
    if kill_at(step):
        os.kill(os.getpid(), signal.SIGKILL)
