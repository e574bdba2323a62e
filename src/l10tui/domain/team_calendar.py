"""A team's weekly meeting as a calendar series: what ``l10 team calendar`` writes, from the same rules as home's
"next meeting" (:mod:`l10tui.domain.schedule`), so the file and the app never disagree.

The series starts at this week's regular slot and repeats weekly for ever (the team's rule: day and local time, in
the company's zone, so a DST change keeps the local time). A skipped week is an exception date; a moved week is an
override of that week's occurrence (its regular time names it, its new time is where it is).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .calendar import CompanyCalendar
from .rules import InputError
from .schedule import Slot, WeekChange, rule_parts, slot_in_week

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class SeriesPlan:
    """What the calendar file says: the first regular start, the weekly rule, the length and the exceptions."""

    first: Slot  # this week's slot (its ``regular`` is the series' start)
    weekday: int
    hour: int
    minute: int
    minutes: int  # the meeting's length: the sum of its agenda
    skipped: list[Slot] = field(default_factory=list)  # weeks from the first on that are skipped
    moved: list[Slot] = field(default_factory=list)  # weeks from the first on whose meeting moved

    @property
    def rrule(self) -> dict[str, str]:
        return {"FREQ": "WEEKLY", "BYDAY": WEEKDAY_CODES[self.weekday]}


def series_plan(
    team_name: str,
    rule: str,
    today: date,
    calendar: CompanyCalendar,
    changes: Mapping[date, WeekChange],
    agenda_minutes: list[int],
) -> SeriesPlan:
    """The team's series from this week on; refused in one line when the team has no weekly meeting time."""
    parts = rule_parts(rule)
    first = slot_in_week(rule, today, calendar, {}) if parts is not None else None
    if parts is None or first is None:
        raise InputError(
            f"team {team_name} has no weekly meeting time; set one first "
            f"(l10 team edit {team_name!r} --day monday --time 09:00)"
        )
    weekday, hour, minute = parts
    later = sorted(w for w in changes if w >= first.week)
    slots = [s for s in (slot_in_week(rule, w, calendar, changes) for w in later) if s is not None]
    return SeriesPlan(
        first=first,
        weekday=weekday,
        hour=hour,
        minute=minute,
        minutes=sum(agenda_minutes),
        skipped=[s for s in slots if s.skipped],
        moved=[s for s in slots if s.moved],
    )


def upcoming_meetings(
    rule: str, now: datetime, calendar: CompanyCalendar, changes: Mapping[date, WeekChange], count: int
) -> list[Slot]:
    """The next ``count`` meetings from ``now`` on (skipped weeks left out, moved ones where they moved to), in
    time order: the app's own sequence of "next meeting" (home shows the first), which the calendar file must match."""
    out: list[Slot] = []
    week = calendar.week(now)
    for k in range(count + 60):
        slot = slot_in_week(rule, week + timedelta(weeks=k), calendar, changes)
        if slot is None:
            return []
        if not slot.skipped and slot.at >= now:
            out.append(slot)
        if len(out) >= count + 2:  # a moved meeting may land before the week after: keep a little more, then sort
            break
    return sorted(out, key=lambda s: s.at)[:count]


def agenda_text(segments: tuple[str, ...], minutes: list[int]) -> str:
    """The agenda as the event's description: one line per segment with its minutes, and the total."""
    lines = [f"{name}: {m} min" for name, m in zip(segments, minutes, strict=False)]
    return "Level 10 meeting agenda\n" + "\n".join(lines) + f"\nTotal: {sum(minutes)} min"
