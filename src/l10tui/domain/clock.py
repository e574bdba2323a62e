"""Where time comes from. Logic never calls ``datetime.now()`` or ``time.monotonic()`` itself.

A :class:`Clock` gives two readings: the wall clock (aware, UTC) for the record, and a monotonic reading for
measuring durations (segment timers), which does not jump when the wall clock does (DST, NTP, a suspended laptop).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The wall clock as an aware UTC datetime."""
        ...

    def monotonic(self) -> float:
        """Seconds from an arbitrary origin; never goes backwards."""
        ...

    def today(self) -> date:
        """Today's date in the local time of the person at the keyboard."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    def today(self) -> date:
        return datetime.now().astimezone().date()


@dataclass
class FakeClock:
    """A clock for tests: it moves only when told to."""

    wall: datetime = field(default_factory=lambda: datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    mono: float = 1000.0

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def today(self) -> date:
        return self.wall.date()

    def advance(self, seconds: float) -> None:
        """Both clocks move together, as in real life."""
        self.mono += seconds
        self.wall += timedelta(seconds=seconds)

    def jump_wall(self, seconds: float) -> None:
        """Only the wall clock moves (suspend/resume, NTP correction, DST handled badly by a host)."""
        self.wall += timedelta(seconds=seconds)


def iso(dt: datetime) -> str:
    """UTC ISO-8601 with offset, to the second. A naive datetime is taken as UTC (as :func:`parse_iso` reads it),
    never as the machine's local time, so the same record gives the same text on every machine."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    dt = datetime.fromisoformat(text)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt
