"""The Sales-Marketing window: whole ISO weeks ending with the current one (domain/alignment.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .calendar import CompanyCalendar
from .dates import week_monday, weeks_back


@dataclass(frozen=True)
class Window:
    """Whole ISO weeks: ``start`` is a Monday, ``end`` the Sunday of the current week (both included)."""

    start: date
    end: date
    calendar: CompanyCalendar | None = None

    @property
    def weeks(self) -> list[date]:
        n = (self.end - self.start).days // 7 + 1
        return [self.start + timedelta(weeks=i) for i in range(n)]

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end

    def day(self, instant: datetime) -> date:
        """The company's day of an instant (the machine's zone when the window was made without a calendar)."""
        return (self.calendar or CompanyCalendar.named(None)).day(instant)


def window_for(today: date, weeks: int, calendar: CompanyCalendar | None = None) -> Window:
    if weeks < 1:
        raise ValueError("a window is at least one week")
    mondays = weeks_back(today, weeks)
    return Window(mondays[0], week_monday(today) + timedelta(days=6), calendar or CompanyCalendar.named(None))
