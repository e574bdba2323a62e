"""Errors the store raises; each carries one clear line for the person at the keyboard."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Anything that stops the store from reading or writing; ``str()`` is the message to show."""


class StoreDamaged(StoreError):
    """The file exists but cannot be trusted: empty, truncated, not JSON, or the wrong shape."""

    def __init__(self, path: Path, reason: str, backup: Path | None) -> None:
        self.path = path
        reason = " ".join(reason.split())  # one line, whatever the damaged value held
        self.reason = reason if len(reason) <= 240 else reason[:237] + "..."
        self.backup = backup
        hint = (
            f"newest backup: {backup} (restore it with: l10 doctor --restore {backup})" if backup else "no backup found"
        )
        super().__init__(f"store {path} is damaged: {self.reason}; it was left untouched; {hint}")


class StoreTooNew(StoreError):
    """The file was written by a newer l10tui; it is refused and left untouched."""

    def __init__(self, path: Path, found: int, supported: int, backup: Path | None = None) -> None:
        self.path = path
        self.found = found
        self.supported = supported
        self.backup = backup
        hint = f"; newest backup this version can read: {backup}" if backup else ""
        super().__init__(
            f"store {path} was written by a newer l10tui (schema {found}, this version reads up to {supported}); "
            f"it was left untouched; upgrade l10tui to open it{hint}"
        )


class StoreBusy(StoreError):
    """Another process held the lock for too long."""


class StoreWriteError(StoreError):
    """A write failed; the file on disk is the one from before the change."""


class NotFound(StoreError):
    """A record looked up by id or name does not exist."""


class Conflict(StoreError):
    """A change that contradicts the store (a duplicate name, an already-closed issue)."""
