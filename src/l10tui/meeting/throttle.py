"""A small throttle for checkpoints that follow the facilitator's cursor (the room view shows the focused row).

A held arrow key moves the cursor ten or more times a second; writing the whole store for each move would be
wasteful. :class:`Throttle` lets one write through at once (leading edge), then at most one per ``interval_s``, and
remembers that a later change is still pending so the last position is always written (trailing edge, on the next
:meth:`Throttle.due` call after the interval, which the display's tick makes a few times a second).
"""

from __future__ import annotations

from collections.abc import Callable

FOCUS_WRITE_S = 0.5  # at most two focus checkpoints a second: the room follows within 1 s


class Throttle:
    """``note()`` a change; ``due()`` says whether to write it now. Time comes from ``monotonic`` (injected)."""

    def __init__(self, monotonic: Callable[[], float], interval_s: float = FOCUS_WRITE_S) -> None:
        self._monotonic = monotonic
        self.interval_s = interval_s
        self._last: float | None = None
        self.pending = False

    def note(self) -> None:
        """Something changed that should be written (now or soon)."""
        self.pending = True

    def due(self) -> bool:
        """True when a pending change may be written now; the caller then writes it (and this counts as written)."""
        if not self.pending:
            return False
        now = self._monotonic()
        if self._last is not None and now - self._last < self.interval_s:
            return False
        self._last = now
        self.pending = False
        return True

    def written(self) -> None:
        """Another write went out (it carried the change too): nothing is pending, and the interval restarts."""
        self._last = self._monotonic()
        self.pending = False
