"""The two refusals of ``sync/``, each one printable line: :class:`MergeError` (two sides cannot be merged into a
store ``l10`` would accept) and :class:`SyncError` (a sync or its set-up refused, saying what was not changed)."""

from __future__ import annotations

from l10tui.store.errors import StoreError


def printable(text: str) -> str:
    """Text from git or from another laptop's store, safe to print: no control, bidi or zero-width characters."""
    return " ".join("".join(ch for ch in text if ch.isprintable()).split())


class MergeError(Exception):
    """The two sides cannot be merged into a store ``l10`` would accept; ``str()`` says why, in one line."""

    def __init__(self, message: str) -> None:
        super().__init__(printable(message))


class SyncError(StoreError):
    """A sync (or its set-up) refused; ``str()`` is one line that says why and what was (not) changed."""

    def __init__(self, message: str) -> None:
        super().__init__(printable(message))
