"""The small formatters of the reports: minutes, clock times, late/over, percentages, local times, indents, and a
rock's status in words."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from l10tui.domain.calendar import CompanyCalendar
from l10tui.domain.durations import duration_text
from l10tui.domain.models import Meeting
from l10tui.domain.record_score import ON_TIME_S as ON_TIME_S
from l10tui.domain.trends import meeting_day as trends_meeting_day
from l10tui.domain.trends import meeting_instant

ROCK_TEXT = {"on": "on track ✓", "off": "off track ✗", "done": "done", "not-done": "not-done", None: "no status"}


def minutes_text(seconds: float) -> str:
    """``1 h 32 min``, ``48 min``, ``0 min``."""
    total = round(seconds / 60)
    h, m = divmod(abs(total), 60)
    sign = "-" if total < 0 else ""
    return f"{sign}{h} h {m} min" if h else f"{sign}{m} min"


def clock_text(seconds: float) -> str:
    """``4:12`` (minutes:seconds), ``1:02:03`` past an hour: the screen's format (domain.durations)."""
    return duration_text(max(0, round(seconds)))


def late_text(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return "on time" if seconds <= ON_TIME_S else minutes_text(seconds)


def over_text(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return "on time" if seconds <= ON_TIME_S else minutes_text(seconds)


def percent_text(rate: float | None) -> str:
    return "—" if rate is None else f"{round(rate * 100)}%"


def calendar_for(tz: tzinfo | None) -> CompanyCalendar:
    """The company calendar for a zone (None: the machine's); callers pass ``db.calendar.zone``."""
    return CompanyCalendar.named(None) if tz is None else CompanyCalendar(tz, str(tz))


def local(dt: datetime, tz: tzinfo | None) -> datetime:
    return calendar_for(tz).local(dt)


def meeting_start(meeting: Meeting) -> datetime:
    return meeting_instant(meeting)


def meeting_day(meeting: Meeting, tz: tzinfo | None = None) -> date:
    return trends_meeting_day(meeting, calendar_for(tz))


def indent(text: str, prefix: str = "  ") -> str:
    lines = text.splitlines() or [""]
    return "\n".join([lines[0], *(prefix + line for line in lines[1:])])
