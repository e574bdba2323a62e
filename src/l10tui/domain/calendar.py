"""The company calendar: the one place an instant (aware, UTC on disk) becomes a day or a week, and back.

Every day, week, age, due date, score week, late start and window in the product is the company's: the IANA zone the
store keeps (``_meta.settings.timezone``), or the machine's zone when the store names none. Nothing else calls
``.date()`` on an instant.

Going back (a planned local start on a given day -> UTC) uses that day's own offset, so a New York meeting planned on
the Saturday before the clocks change is still at 09:00 local on the Monday after.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path

from .clock import Clock
from .dates import week_monday

SETTING = "timezone"


class ZoneError(ValueError):
    """A time zone name that is not an IANA zone (``Europe/London``, ``America/New_York``)."""


def zone_named(name: str) -> tzinfo:
    """The IANA zone called ``name``; :class:`ZoneError` if there is none."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # lazy: most commands never need it

    text = name.strip()
    if not text or len(text) > 64 or text.startswith(("/", ".")) or ".." in text:
        raise ZoneError(f"not a time zone: {name[:64]!r} (an IANA name, like Europe/London)")
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ZoneError(f"not a time zone: {name[:64]!r} (an IANA name, like Europe/London)") from None


def machine_zone_name(environ: dict[str, str] | None = None) -> str | None:
    """The IANA name of this machine's zone (``TZ``, else what ``/etc/localtime`` points to), or None if unknown."""
    env = os.environ if environ is None else environ
    raw = env.get("TZ", "").strip().lstrip(":")
    if raw:
        try:
            zone_named(raw)
            return raw
        except ZoneError:
            return None
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return None
    marker = "zoneinfo/"
    if marker in target:
        name = target.split(marker, 1)[1]
        try:
            zone_named(name)
            return name
        except ZoneError:
            return None
    return None


def machine_zone() -> tuple[str, tzinfo]:
    """This machine's zone and its name (a fixed offset named ``local`` when the machine's zone has no IANA name)."""
    name = machine_zone_name()
    if name is not None:
        return name, zone_named(name)
    return "local", datetime.now().astimezone().tzinfo or UTC


@dataclass(frozen=True)
class CompanyCalendar:
    """Days and weeks in the company's zone. ``explicit`` is False when the store names no zone (the machine's)."""

    zone: tzinfo
    name: str
    explicit: bool = True

    @classmethod
    def named(cls, name: str | None) -> CompanyCalendar:
        """The calendar for a stored zone name; None (or a name that is not a zone) is the machine's zone."""
        if name:
            try:
                return cls(zone_named(name), name.strip(), True)
            except ZoneError:
                pass
        mname, zone = machine_zone()
        return cls(zone, mname, False)

    def local(self, instant: datetime) -> datetime:
        """The instant as the company's wall clock reads it (aware). A naive instant is taken as UTC."""
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=UTC)
        return instant.astimezone(self.zone)

    def day(self, instant: datetime) -> date:
        """The company's calendar day of an instant."""
        return self.local(instant).date()

    def week(self, instant: datetime) -> date:
        """The Monday of the company's week that holds an instant."""
        return week_of(self.day(instant))

    def age_days(self, instant: datetime, today: date) -> int:
        """Whole days from the company's day of ``instant`` to ``today`` (0 = today)."""
        return (today - self.day(instant)).days

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        """The UTC instant of local ``hour:minute`` on ``day``, with that day's own offset.

        A time the clocks skip (02:30 on a spring-forward night) is read with the offset before the change, as a
        wall clock that was not moved would read it; a time that happens twice is the first of the two.
        """
        return datetime.combine(day, time(hour, minute), tzinfo=self.zone).astimezone(UTC)

    def at_local(self, naive: datetime) -> datetime:
        """A naive local wall-clock time -> its UTC instant (as :meth:`at`)."""
        return self.at(naive.date(), naive.hour, naive.minute)

    def offset_text(self, instant: datetime) -> str:
        """``UTC-05:00`` for the zone's offset at an instant."""
        off = self.local(instant).utcoffset() or timedelta(0)
        sign = "-" if off < timedelta(0) else "+"
        minutes = abs(int(off.total_seconds())) // 60
        return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def week_of(day: date) -> date:
    """The Monday of ``day``'s ISO week (the one rule: :func:`l10tui.domain.dates.week_monday`)."""
    return week_monday(day)


@dataclass
class CompanyClock:
    """A clock whose ``today()`` is the company's day (``zone_of`` is asked each time: the setting can change)."""

    base: Clock
    calendar_of: Callable[[], CompanyCalendar]

    def now(self) -> datetime:
        return self.base.now()

    def monotonic(self) -> float:
        return self.base.monotonic()

    def today(self) -> date:
        return self.calendar_of().day(self.base.now())
