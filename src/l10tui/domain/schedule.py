"""A team's weekly routine as people live it: the week a meeting reports, moved and skipped weeks, the next meeting.

Pure rules over a :class:`~l10tui.domain.calendar.CompanyCalendar`; the store keeps the team's choices
(:mod:`l10tui.store.schedule`), the CLI, the app and the engine call these.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from .calendar import CompanyCalendar, week_of

Reports = Literal["previous", "own"]
REPORTS_PREVIOUS: Reports = "previous"  # the week that ended before the meeting (EOS teams meeting early in the week)
REPORTS_OWN: Reports = "own"  # the meeting's own week (teams that meet at the end of the week)
REPORTS_CHOICES: tuple[Reports, ...] = (REPORTS_PREVIOUS, REPORTS_OWN)
REPORTS_TEXT = {REPORTS_PREVIOUS: "the week that ended before the meeting", REPORTS_OWN: "the meeting's own week"}
OFF_SLOT_S = 2 * 3600  # a meeting started further than this from its slot is moved, or an extra one: asked once
DUE_NOW_S = 2 * 3600  # a slot passed this recently without a meeting is "due now"
MISSED_AFTER_S = 3 * 24 * 3600  # after this, a slot passed without a meeting is missed: home shows the next one


def reported_week(day: date, reports: str = REPORTS_PREVIOUS) -> date:
    """The Monday of the week whose numbers a meeting held on ``day`` reports.

    The one rule behind the meeting's scorecard column, its record and export, ``score set``'s and CSV import's
    default week and the home screen's missing numbers (a number entered "today" is for the week a meeting today
    would report).
    """
    monday = week_of(day)
    return monday if reports == REPORTS_OWN else monday - timedelta(weeks=1)


def reports_of(team_reports: Iterable[str]) -> Reports:
    """The rule of a meeting of several teams: their own week only if every team reports its own week."""
    values = list(team_reports)
    return REPORTS_OWN if values and all(v == REPORTS_OWN for v in values) else REPORTS_PREVIOUS


def reported_week_label(week: date, day: date) -> str:
    """The scorecard column's label: ``This wk`` for the meeting's own week, else ``Wk 23 Nov``."""
    return "This wk" if week == week_of(day) else f"Wk {week.day} {week:%b}"


@dataclass(frozen=True)
class WeekChange:
    """A team's exception for the week starting ``week`` (a Monday): skipped, or its meeting moved to ``moved_to``."""

    week: date
    skipped: bool = False
    reason: str = ""
    moved_to: datetime | None = None  # UTC


@dataclass(frozen=True)
class Slot:
    """One week's meeting slot: the rule's time, or where it was moved."""

    week: date  # Monday
    regular: datetime  # UTC, as the rule says
    at: datetime  # UTC, where it is (moved, or the regular time)
    moved: bool = False
    skipped: bool = False
    reason: str = ""


def rule_parts(rule: str) -> tuple[int, int, int] | None:
    """(weekday, hour, minute) of a weekly rule made by :func:`l10tui.domain.dates.weekly_rule`, or None."""
    parts = dict(p.split("=", 1) for p in rule.split(";") if "=" in p)
    days = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
    day = parts.get("BYDAY", "")
    if parts.get("FREQ") != "WEEKLY" or day not in days:
        return None
    try:
        hour, minute = int(parts.get("BYHOUR", "0")), int(parts.get("BYMINUTE", "0"))
    except ValueError:
        return None
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return days.index(day), hour, minute


def slot_in_week(
    rule: str, week: date, calendar: CompanyCalendar, changes: Mapping[date, WeekChange] | None = None
) -> Slot | None:
    """The slot of the week starting ``week`` (None when the rule is not a weekly day and time)."""
    parts = rule_parts(rule)
    if parts is None:
        return None
    weekday, hour, minute = parts
    monday = week_of(week)
    regular = calendar.at(monday + timedelta(days=weekday), hour, minute)
    change = (changes or {}).get(monday)
    if change is None:
        return Slot(monday, regular, regular)
    if change.skipped:
        return Slot(monday, regular, regular, skipped=True, reason=change.reason)
    if change.moved_to is not None:
        return Slot(monday, regular, change.moved_to, moved=True, reason=change.reason)
    return Slot(monday, regular, regular)


def nearest_slot(
    rule: str, now: datetime, calendar: CompanyCalendar, changes: Mapping[date, WeekChange] | None = None
) -> Slot | None:
    """The slot (this week's, last week's or next week's) nearest to ``now``: the one a meeting now is meant to be."""
    this = calendar.week(now)
    slots = [slot_in_week(rule, this + timedelta(weeks=k), calendar, changes) for k in (-1, 0, 1)]
    found = [s for s in slots if s is not None and not s.skipped]
    if not found:
        return None
    return min(found, key=lambda s: abs((s.at - now).total_seconds()))


NextState = Literal["upcoming", "due", "late", "in-progress", "none"]


@dataclass(frozen=True)
class NextMeeting:
    """What home says about a team's next meeting."""

    state: NextState
    slot: Slot | None
    late_s: float = 0.0  # how long past the slot (due / late / in progress)

    def text(self, calendar: CompanyCalendar) -> str:
        if self.slot is None:
            return "no rule"
        when = calendar.local(self.slot.at)
        shown = f"{when:%a} {when.day} {when:%b %H:%M}" + (" (moved)" if self.slot.moved else "")
        if self.state == "upcoming":
            return shown
        if self.state == "in-progress":
            return "in progress" + (f", started {_span(self.late_s)} late" if self.late_s >= 60 else "")
        if self.state == "due":
            return "due now" + (f", {_span(self.late_s)} late" if self.late_s >= 60 else "")
        return f"not held yet, {_span(self.late_s)} late ({shown})"


def _span(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 24 * 60:
        return f"{minutes // 60} h" + (f" {minutes % 60} min" if minutes % 60 else "")
    days = minutes // (24 * 60)
    return f"{days} day" + ("s" if days != 1 else "")


def next_meeting_status(
    rule: str,
    now: datetime,
    calendar: CompanyCalendar,
    held: Iterable[datetime],
    changes: Mapping[date, WeekChange] | None = None,
    in_progress: datetime | None = None,
    since: datetime | None = None,
) -> NextMeeting:
    """The team's next meeting: this week's slot unless its meeting was held (or the week skipped), else the next.

    ``held`` are the starts of the team's meetings (finished or running); a meeting in a week counts for that week's
    slot. A slot passed without a meeting is "due now" for two hours, then "not held yet, 2 days late" for three
    days; after that it was missed and the next slot is shown.
    """
    weeks_held = {calendar.week(h) for h in held}
    this = calendar.week(now)
    for k in range(0, 60):
        slot = slot_in_week(rule, this + timedelta(weeks=k), calendar, changes)
        if slot is None:
            return NextMeeting("none", None)
        if slot.skipped:
            continue
        if in_progress is not None and calendar.week(in_progress) == slot.week:
            return NextMeeting("in-progress", slot, max(0.0, (in_progress - slot.at).total_seconds()))
        if slot.week in weeks_held or (since is not None and slot.at < since):
            continue  # held, or before the team existed
        past = (now - slot.at).total_seconds()
        if past <= 0:
            return NextMeeting("upcoming", slot)
        if past > MISSED_AFTER_S:
            continue
        return NextMeeting("due" if past <= DUE_NOW_S else "late", slot, past)
    return NextMeeting("none", None)


def weeks_in_a_row(
    rule: str,
    now: datetime,
    calendar: CompanyCalendar,
    held: Iterable[datetime],
    changes: Mapping[date, WeekChange] | None = None,
) -> int:
    """How many weeks in a row the team held its meeting, back from the latest week whose slot has passed.

    A skipped week neither counts nor breaks the run; this week's slot not yet passed (or due now) does not break it.
    """
    weeks_held = {calendar.week(h) for h in held}
    if not weeks_held:
        return 0
    week = calendar.week(now)
    slot = slot_in_week(rule, week, calendar, changes)
    if slot is None:
        return 0
    if week not in weeks_held and (now - slot.at).total_seconds() <= DUE_NOW_S:
        week -= timedelta(weeks=1)
    run = 0
    earliest = min(weeks_held)
    while week >= earliest:
        s = slot_in_week(rule, week, calendar, changes)
        if week in weeks_held:
            run += 1
        elif s is None or not s.skipped:
            break
        week -= timedelta(weeks=1)
    return run


def parse_agenda_minutes(text: str, segments: int = 7) -> list[int]:
    """``5,5,5,5,5,60,5``: whole minutes of each segment (1 to 240), for the CLI and the people-and-teams screen."""
    from .rules import InputError

    parts = [p.strip() for p in text.replace(" ", ",").split(",") if p.strip()]
    if len(parts) != segments or not all(p.isdigit() and len(p) <= 3 for p in parts):
        raise InputError(f"minutes {text[:40]!r}: give {segments} whole minutes, like 5,5,5,5,5,60,5")
    minutes = [int(p) for p in parts]
    if not all(1 <= m <= 240 for m in minutes):
        raise InputError("minutes: each segment lasts 1 to 240 minutes")
    return minutes
