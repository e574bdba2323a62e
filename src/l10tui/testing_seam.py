"""The test hooks that production code honours, read here and nowhere else.

Each hook is an environment variable, so a test can set it for a real ``l10`` run in a subprocess (where a monkeypatch
cannot reach). Unset, each function below is a no-op or False; nothing else in ``src/l10tui`` reads them.

=========================  ====================================================================================
``L10_TEST_FAULT``         ``step:ERRNO`` (e.g. ``fsync:28``): the store's save raises that OSError at that step
                           (``serialise``, ``write``, ``flush``, ``fsync``, ``replace``, ``dir_fsync``;
                           store/atomic.py) — tests/reliability and tests/store/test_interrupted_write.py
``L10_SYNC_KILL``          a step name of ``l10 sync`` (sync/killpoints.py ``kill_point``): the process SIGKILLs
                           itself there — the sync crash tests
``L10_HEADLESS_FRAME``     any value: ``l10`` renders the app's first frame headless and exits (the packaging
                           smoke test, tests/test_packaging.py)
=========================  ====================================================================================

The CLI's ``L10_NOW`` / ``L10_TODAY`` (commands/common.py ``make_clock``) and ``L10_KEYMAP`` are settings a user
may set, not test hooks, and stay where they are used.
"""

from __future__ import annotations

import errno
import os

FAULT = "L10_TEST_FAULT"
SYNC_KILL = "L10_SYNC_KILL"
HEADLESS_FRAME = "L10_HEADLESS_FRAME"


def fault_at(step: str) -> OSError | None:
    """The OSError ``L10_TEST_FAULT`` asks for at ``step`` of a save, or None."""
    spec = os.environ.get(FAULT)
    if not spec:
        return None
    name, _, code = spec.partition(":")
    if name != step:
        return None
    num = int(code) if code.isdigit() else errno.EIO
    return OSError(num, os.strerror(num))


def kill_at(step: str) -> bool:
    """True when ``L10_SYNC_KILL`` names this step of a sync."""
    return os.environ.get(SYNC_KILL) == step


def headless_frame() -> bool:
    """True when ``L10_HEADLESS_FRAME`` asks for one headless frame instead of the terminal app."""
    return bool(os.environ.get(HEADLESS_FRAME))
