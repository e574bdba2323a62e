"""Small helpers shared by the store tests (``tests.store.store_helpers``)."""

from __future__ import annotations

import os
from pathlib import Path

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, open_store


def reopen(path: Path, clock: FakeClock | None = None) -> L10Store:
    """A fresh store object on ``path`` (as another process would see it)."""
    return open_store(path, clock or FakeClock())


def leftovers(folder: Path) -> list[str]:
    """Temp files or old-file links an atomic write left behind in ``folder``."""
    return sorted(n for n in os.listdir(folder) if n.endswith((".tmp", ".prev")))


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777
