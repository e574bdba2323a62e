"""Opening a meeting: which slot it is meant for, the off-slot question, the people expected."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo

from l10tui.domain.calendar import CompanyCalendar
from l10tui.domain.dates import DateError, next_meeting
from l10tui.domain.models import (
    Person,
    Team,
)
from l10tui.domain.schedule import OFF_SLOT_S, nearest_slot
from l10tui.store import L10Store, schedule

from .types import OffSlot, OffSlotChoice


def planned_start_for(
    rule: str, now: datetime, tz: tzinfo | None = None, *, calendar: CompanyCalendar | None = None
) -> datetime | None:
    """The occurrence of a weekly meeting rule nearest to ``now`` (the one this meeting is meant to be).

    Built with the planned day's own UTC offset (the company calendar), not the offset of the moment it is asked.
    """
    cal = calendar or (CompanyCalendar(tz, str(tz)) if tz is not None else CompanyCalendar.named(None))
    local = cal.local(now).replace(tzinfo=None)
    try:
        occ = next_meeting(rule, local - timedelta(days=7, minutes=1))
    except DateError:
        return None
    prev: datetime | None = None
    guard = 0
    while occ is not None and occ <= local and guard < 20:
        prev, occ = occ, next_meeting(rule, occ)
        guard += 1
    candidates = [c for c in (prev, occ) if c is not None]
    if not candidates:
        return None
    best = min(candidates, key=lambda c: abs((c - local).total_seconds()))
    return cal.at_local(best)


def people_of(store: L10Store, team_ids: list[str]) -> list[Person]:
    """The active members of these teams, by name."""
    people = [p for p in store.people.active() if any(t in p.teams for t in team_ids)]
    return sorted(people, key=lambda p: p.name.casefold())


def planned_for(
    store: L10Store, teams: Sequence[Team], now: datetime, cal: CompanyCalendar, off_slot: OffSlotChoice | None
) -> tuple[datetime | None, date | None]:
    """(planned start, week to record as moved) of a new meeting starting ``now``.

    The slot is the nearest of the first team's weeks (moved weeks at their new time, skipped weeks left out);
    started further than :data:`OFF_SLOT_S` from it, the meeting is moved there (late against now) or extra.
    """
    rule = teams[0].meeting_rule
    slot = nearest_slot(rule, now, cal, schedule.changes(store, teams[0].id))
    if slot is None:
        return planned_start_for(rule, now, calendar=cal), None
    if abs((now - slot.at).total_seconds()) <= OFF_SLOT_S:
        return slot.at, None
    if off_slot is None:
        raise OffSlot(slot, now, cal)
    if off_slot == "moved":
        return now, slot.week
    return None, None
