"""``l10 team calendar TEAM [-o FILE]``: the team's weekly meeting as an RFC 5545 file (.ics) for everyone's calendar.

Written with the ``icalendar`` library: line folding, text escaping and a VTIMEZONE built from the IANA zone are its
job, and getting them wrong is what makes Google Calendar, Outlook or Apple Calendar drop an event. What the file says
comes from :mod:`l10tui.domain.team_calendar` (the same rules as home's "next meeting").
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .common import Env, emit_json, json_option, pass_env, say

if TYPE_CHECKING:
    from l10tui.domain.calendar import CompanyCalendar
    from l10tui.domain.models import Team
    from l10tui.domain.team_calendar import SeriesPlan

PRODID = "-//l10tui//l10 team calendar//EN"
ZONE_YEARS = 5  # the VTIMEZONE lists the zone's changes this many years ahead (clients also know IANA names)


def _uid(team: Team) -> str:
    """Stable for the team's life (its id and when it was made), so importing a fresh file updates the series."""
    return f"l10-{team.id}-{team.created_at:%Y%m%dT%H%M%S}-weekly@l10tui"


def build_ics(team: Team, plan: SeriesPlan, calendar: CompanyCalendar, now: datetime, company: str = "") -> bytes:
    """The RFC 5545 text of the team's series: one recurring VEVENT, an EXDATE per skipped week and an override
    (RECURRENCE-ID) per moved week; local times with the company's TZID and its VTIMEZONE (UTC when the zone
    has no IANA name)."""
    import icalendar

    from l10tui.domain.models import SEGMENTS
    from l10tui.domain.team_calendar import agenda_text

    named = _iana(calendar)

    def local(instant: datetime) -> datetime:
        return calendar.local(instant) if named else instant

    summary = f"{team.name} L10 meeting" + (f" ({company})" if company else "")
    description = agenda_text(SEGMENTS, team.agenda_minutes)
    length = timedelta(minutes=plan.minutes)
    uid = _uid(team)

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", summary)

    series = icalendar.Event()
    series.add("uid", uid)
    series.add("dtstamp", now)
    series.add("summary", summary)
    series.add("description", description)
    start = local(plan.first.regular)
    series.add("dtstart", start)
    series.add("dtend", start + length)
    series.add("rrule", plan.rrule)
    if plan.skipped:
        series.add("exdate", [local(s.regular) for s in plan.skipped])
    cal.add_component(series)
    for s in plan.moved:
        moved = icalendar.Event()
        moved.add("uid", uid)
        moved.add("dtstamp", now)
        moved.add("recurrence-id", local(s.regular))
        moved.add("summary", summary + " (moved)")
        moved.add("description", description + (f"\nMoved: {s.reason}" if s.reason else "\nMoved this week"))
        at = local(s.at)
        moved.add("dtstart", at)
        moved.add("dtend", at + length)
        cal.add_component(moved)
    if named:
        first = calendar.day(plan.first.regular) - timedelta(days=7)
        cal.add_missing_timezones(first_date=first, last_date=first.replace(year=first.year + ZONE_YEARS))
    return bytes(cal.to_ical())


def _iana(calendar: CompanyCalendar) -> bool:
    """True when the company's zone (set, or this machine's) has an IANA name: local times with its VTIMEZONE.
    Otherwise (a machine zone without a name) the file says UTC instants."""
    from zoneinfo import ZoneInfo

    return isinstance(calendar.zone, ZoneInfo) and bool(calendar.zone.key)


@click.command("calendar")
@click.argument("name", metavar="TEAM")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the .ics here (default: stdout)."
)
@json_option
@pass_env
def team_calendar(env: Env, name: str, output: Path | None, as_json: bool) -> None:
    """The team's weekly meeting as a calendar file (.ics) for Google Calendar, Outlook or Apple Calendar."""
    from l10tui.domain.rules import InputError
    from l10tui.domain.team_calendar import series_plan, upcoming_meetings
    from l10tui.store import schedule
    from l10tui.store.atomic import atomic_write

    db = env.db()
    target: Path | None = None
    if output is not None:  # refused before anything is read or written
        from l10tui.store.export_guard import check_export_target

        target = check_export_target(db.path, output)
        if not target.parent.is_dir():
            raise InputError(f"cannot write {output}: the directory {target.parent} does not exist")
    with db.reading():
        team = db.teams.lookup(name)
        cal = db.calendar
        changes = schedule.changes(db, team.id)
        plan = series_plan(team.name, team.meeting_rule, env.today, cal, changes, team.agenda_minutes)
        company = str(db.setting("company", "") or "")
        now = env.clock.now()
        text = build_ics(team, plan, cal, now, company=company)
        upcoming = upcoming_meetings(team.meeting_rule, now, cal, changes, 3)
    if as_json:
        from l10tui.domain.clock import iso

        emit_json(
            {
                "team": team.id,
                "team_name": team.name,
                "timezone": cal.name if _iana(cal) else "UTC",
                "file": str(output) if output is not None else None,
                "rrule": ";".join(f"{k}={v}" for k, v in plan.rrule.items()),
                "first": iso(plan.first.regular),
                "minutes": plan.minutes,
                "skipped": [s.week.isoformat() for s in plan.skipped],
                "moved": [{"week": s.week.isoformat(), "to": iso(s.at)} for s in plan.moved],
                "next": [iso(s.at) for s in upcoming],
                "ics": None if output is not None else text.decode("utf-8"),
            }
        )
        if target is None:
            return
    if target is None:  # bytes as written: RFC 5545 lines end in CRLF whatever the platform
        click.echo(text, nl=False)
        return
    try:
        atomic_write(target, text)
    except PermissionError:
        raise InputError(f"cannot write {output}: permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None
    if not as_json:
        nxt = upcoming[0] if upcoming else None
        when = f"; next {cal.local(nxt.at):%a %-d %b %H:%M}" if nxt else ""
        say(f"Wrote {team.name}'s weekly meeting to {output} (import it in any calendar){when}")
