"""Week, quarter and due-date maths, and reading the dates people type (``2026-12-04``, ``4 Dec``, ``friday``, ``+7d``).

Everything is relative to a "today" handed in by the caller, never read from the system here.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta

TODO_DAYS = 7
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE = re.compile(r"^\+\s*(\d{1,4})\s*([dwm])$", re.IGNORECASE)
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR_FIRST = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
# Two defaults that differ in year, month and day (both leap years, both months of 31 days): see _parse_free.
_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2004, 3, 2)


class DateError(ValueError):
    """A date the user typed that cannot be read."""


def week_monday(day: date) -> date:
    """The Monday of ``day``'s ISO week (the key of a weekly score)."""
    return day - timedelta(days=day.weekday())


def weeks_back(today: date, n: int) -> list[date]:
    """The Mondays of the last ``n`` weeks, oldest first, ending with this week."""
    this = week_monday(today)
    return [this - timedelta(weeks=i) for i in range(n - 1, -1, -1)]


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def parse_quarter(text: str) -> tuple[int, int]:
    m = _QUARTER.match(text.strip().upper())
    if not m or int(m.group(1)) < 1:
        raise DateError(f"not a quarter: {text!r} (expected like 2026-Q4)")
    return int(m.group(1)), int(m.group(2))


def quarter_first_day(quarter: str) -> date:
    year, q = parse_quarter(quarter)
    return date(year, 3 * (q - 1) + 1, 1)


def quarter_last_day(quarter: str) -> date:
    year, q = parse_quarter(quarter)
    return date(year, 3 * q, calendar.monthrange(year, 3 * q)[1])


def default_todo_due(meeting_day: date) -> date:
    """To-dos are seven-day action items: due a week after the meeting that made them."""
    return meeting_day + timedelta(days=TODO_DAYS)


def parse_date(text: str, today: date, *, past: bool = False) -> date:
    """Read a date as people type it, relative to ``today``.

    With ``past`` (a score's week, a date something happened) a date typed without a year is the latest one on or
    before today, and a weekday is the latest such day up to today; otherwise (a due date) they look forward.

    ``2026-12-04`` (year first is always year-month-day); ``4 Dec`` / ``Dec 4`` (this year, or next year if already
    past); ``4/12/2026`` (day first); ``friday`` (the next Friday, never today); ``today``, ``tomorrow``; ``+7d``,
    ``+2w``, ``+1m``. Anything else raises :class:`DateError`, and nothing but it.
    """
    raw = text.strip()
    low = raw.lower()
    if not raw:
        raise DateError("empty date")
    if len(raw) > 40 or any(not ch.isprintable() for ch in raw):
        raise DateError(f"not a date: {raw[:40]!r}")
    if low == "today":
        return today
    if low == "tomorrow":
        return today + timedelta(days=1)
    m = _RELATIVE.match(low)
    if m:
        n, unit = int(m.group(1)), m.group(2).lower()
        if unit == "d":
            return today + timedelta(days=n)
        if unit == "w":
            return today + timedelta(weeks=n)
        from dateutil.relativedelta import relativedelta  # lazy: dateutil and six cost ~1.5 ms per command

        return today + relativedelta(months=n)
    for i, name in enumerate(_WEEKDAYS):
        if low in (name, name[:3]):
            if past:
                return today - timedelta(days=(today.weekday() - i) % 7)
            ahead = (i - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead)
    m = _YEAR_FIRST.match(raw)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise DateError(f"not a date: {raw!r} (year-month-day, like 2026-12-04)") from None
    return _parse_free(raw, today, past)


def _parse_free(raw: str, today: date, past: bool = False) -> date:
    """``4 Dec``, ``Dec 4``, ``4/12/2026`` (day first), ``29 Feb``: parts not typed come from ``today``, and a date
    without a year that is already past moves to the next year it exists in (``29 Feb`` -> the next leap year)."""
    from dateutil import parser as dateparser  # lazy: ~10 ms of imports that most commands never need

    try:
        # Parse twice with defaults that differ in every part: a part that comes out the same both times was typed.
        a = dateparser.parse(raw, default=_DEFAULT_A, dayfirst=True, ignoretz=True)
        b = dateparser.parse(raw, default=_DEFAULT_B, dayfirst=True, ignoretz=True)
    except (ValueError, OverflowError, TypeError) as exc:
        raise DateError(f"not a date: {raw!r} (try 2026-12-04, 4 Dec, friday or +7d)") from exc
    if a.year == b.year:  # a year was typed: take the date as it is
        return a.date()
    month_typed, day_typed = a.month == b.month, a.day == b.day
    if not (month_typed or day_typed):  # a time of day (today) or a weekday with a time (``fri 10:00``)
        try:
            return dateparser.parse(raw, default=datetime.combine(today, time()), dayfirst=True, ignoretz=True).date()
        except (ValueError, OverflowError, TypeError) as exc:
            raise DateError(f"not a date: {raw!r} (try 2026-12-04, 4 Dec, friday or +7d)") from exc
    # No year: the first date on or after today with the typed month and/or day (a day alone rolls by months);
    # looking back instead when ``past``.
    sign = -1 if past else 1
    for step in range(9 if month_typed else 12 * 9):
        if month_typed:
            year, month = today.year + sign * step, a.month
        else:
            months = today.year * 12 + today.month - 1 + sign * step
            year, month = months // 12, months % 12 + 1
        day = a.day if day_typed else 1
        if not 1 <= year <= 9999 or day > calendar.monthrange(year, month)[1]:
            continue
        candidate = date(year, month, day)
        if (candidate <= today) if past else (candidate >= today):
            return candidate
    raise DateError(f"not a date: {raw!r} (try 2026-12-04, 4 Dec, friday or +7d)")


def next_meeting(rule: str, after: datetime) -> datetime | None:
    """The next start of a weekly meeting rule (an RFC 5545 RRULE) strictly after ``after`` (naive local time)."""
    from dateutil.rrule import rrulestr  # lazy, as above

    start = (after - timedelta(days=8)).replace(second=0, microsecond=0)
    try:
        rr = rrulestr(rule, dtstart=start)
    except (ValueError, TypeError) as exc:
        raise DateError(f"not a meeting rule: {rule!r}") from exc
    result = rr.after(after)
    return result if isinstance(result, datetime) else None


def weekly_rule(weekday: int, hour: int, minute: int) -> str:
    """The RRULE for 'every <weekday> at <hour:minute>' (weekday 0 = Monday)."""
    days = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
    if not (0 <= weekday <= 6 and 0 <= hour <= 23 and 0 <= minute <= 59):
        raise DateError("meeting day/time out of range")
    return f"FREQ=WEEKLY;BYDAY={days[weekday]};BYHOUR={hour};BYMINUTE={minute}"
