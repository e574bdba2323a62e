"""``l10 team``: add and list teams."""

from __future__ import annotations

from datetime import date, timedelta

import click

from l10tui.domain.rules import InputError

from .common import Env, Names, emit_json, emit_records, json_option, pass_env, print_table, record_json, say

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@click.group()
def team() -> None:
    """Teams: add, list, edit, skip, move, zone, calendar."""


def _attach() -> None:
    from .calendar import team_calendar

    team.add_command(team_calendar)


def read_meeting_time(day: str, at: str) -> tuple[int, int, int]:
    low = day.strip().lower()
    matches = [i for i, name in enumerate(WEEKDAYS) if name.startswith(low)] if len(low) >= 2 else []
    if len(matches) != 1:
        raise InputError(f"meeting day {day[:20]!r} is not a weekday (monday ... sunday)")
    hh, sep, mm = at.strip().partition(":")
    if not sep or not hh.isdigit() or not mm.isdigit() or not (0 <= int(hh) <= 23 and 0 <= int(mm) <= 59):
        raise InputError(f"meeting time {at[:20]!r} is not a time like 09:00")
    return matches[0], int(hh), int(mm)


def read_minutes(text: str) -> list[int]:
    """``5,5,5,5,5,60,5``: minutes of Segue, Scorecard, Rocks, Headlines, To-dos, IDS, Conclude."""
    from l10tui.domain.models import SEGMENTS
    from l10tui.domain.schedule import parse_agenda_minutes

    return parse_agenda_minutes(text, len(SEGMENTS))


REPORTS_HELP = "The week a meeting reports: previous (the week that ended before it; EOS default) or own."


@team.command("add")
@click.argument("name")
@click.option("--colour", "--color", "colour", metavar="#RRGGBB", help="The team's colour.")
@click.option("--day", default="monday", show_default=True, help="Weekday of its meeting.")
@click.option("--time", "at", default="09:00", show_default=True, help="Start time of its meeting (HH:MM).")
@click.option("--minutes", metavar="M,M,M,M,M,M,M", help="Segment minutes (default 5,5,5,5,5,60,5).")
@click.option("--reports", type=click.Choice(["previous", "own"]), help=REPORTS_HELP)
@json_option
@pass_env
def team_add(
    env: Env, name: str, colour: str | None, day: str, at: str, minutes: str | None, reports: str | None, as_json: bool
) -> None:
    """Add a team."""
    if colour is not None and not (len(colour) == 7 and colour[0] == "#" and _is_hex(colour[1:])):
        raise InputError(f"colour {colour[:20]!r} is not like #4c8dff")
    weekday, hour, minute = read_meeting_time(day, at)
    agenda = read_minutes(minutes) if minutes else None
    db = env.db()
    with db.transaction():
        new = db.teams.add(name, colour=colour, weekday=weekday, hour=hour, minute=minute, agenda_minutes=agenda)
        if reports:
            from l10tui.store.schedule import set_reports

            set_reports(db, new.id, reports)
    if as_json:
        emit_records(db, new)
    else:
        total = sum(new.agenda_minutes)
        say(
            f"Added team {new.name} ({new.id}), meeting {WEEKDAYS[weekday]}s at {hour:02d}:{minute:02d}, "
            f"{total} minutes"
        )


@team.command("edit")
@click.argument("name")
@click.option("--day", help="Weekday of its meeting.")
@click.option("--time", "at", help="Start time of its meeting (HH:MM).")
@click.option("--minutes", metavar="M,M,M,M,M,M,M", help="Segment minutes, like 5,5,5,5,5,60,5.")
@click.option("--reports", type=click.Choice(["previous", "own"]), help=REPORTS_HELP)
@json_option
@pass_env
def team_edit(
    env: Env, name: str, day: str | None, at: str | None, minutes: str | None, reports: str | None, as_json: bool
) -> None:
    """Change a team's meeting day and time, segment minutes, or the week its meetings report."""
    from l10tui.domain.dates import weekly_rule
    from l10tui.domain.schedule import REPORTS_TEXT, rule_parts
    from l10tui.store import schedule

    agenda = read_minutes(minutes) if minutes else None
    db = env.db()
    with db.transaction():
        t = db.teams.lookup(name)
        if day is not None or at is not None:
            old = rule_parts(t.meeting_rule) or (0, 9, 0)
            weekday, hour, minute = read_meeting_time(day or WEEKDAYS[old[0]], at or f"{old[1]:02d}:{old[2]:02d}")
            t.meeting_rule = weekly_rule(weekday, hour, minute)
        if agenda is not None:
            t.agenda_minutes = agenda
        db.teams.save(t)
        if reports:
            schedule.set_reports(db, t.id, reports)
    if as_json:
        emit_json({**record_json(t, Names(db)), "reports": schedule.reports(db, t.id)})
        return
    say(
        f"{t.name}: meets {describe_rule(t.meeting_rule)}, {minutes_line(t.agenda_minutes)}; "
        f"reports {REPORTS_TEXT[schedule.reports(db, t.id)]}"
    )


def minutes_line(minutes: list[int]) -> str:
    """``5+5+5+5+5+60+5 = 90 min``: each segment and the total."""
    return "+".join(str(m) for m in minutes) + f" = {sum(minutes)} min"


def _week_option(env: Env, text: str) -> date:
    from l10tui.domain.calendar import week_of
    from l10tui.domain.dates import DateError, parse_date

    try:
        return week_of(parse_date(text, env.today))
    except DateError as exc:
        raise DateError(f"--week: {exc}") from None


@team.command("skip")
@click.argument("name")
@click.option("--week", "week_text", required=True, metavar="DATE", help="Any day of the week to skip.")
@click.option("--reason", default="", help="Why (shown in history and trends).")
@pass_env
def team_skip(env: Env, name: str, week_text: str, reason: str) -> None:
    """Skip one week's meeting (a holiday): it is not late, and the routine is not broken."""
    from l10tui.domain.rules import clean_text
    from l10tui.store import schedule

    week = _week_option(env, week_text)
    why = clean_text(reason, "reason") if reason.strip() else ""
    db = env.db()
    t = db.teams.lookup(name)
    schedule.skip_week(db, t.id, week, why)
    say(f"{t.name}: the meeting of the week of {week.isoformat()} is skipped" + (f" ({why})" if why else ""))


@team.command("move")
@click.argument("name")
@click.option("--week", "week_text", required=True, metavar="DATE", help="Any day of the week whose meeting moves.")
@click.option("--to", "to_text", required=True, metavar="WHEN", help='The new day and time, like "tue 10:00".')
@click.option("--reason", default="", help="Why (shown in history).")
@pass_env
def team_move(env: Env, name: str, week_text: str, to_text: str, reason: str) -> None:
    """Move one week's meeting to another day or time: it is late only against the new time."""
    from l10tui.domain.rules import clean_text
    from l10tui.store import schedule

    week = _week_option(env, week_text)
    why = clean_text(reason, "reason") if reason.strip() else ""
    db = env.db()
    t = db.teams.lookup(name)
    day, hour, minute = read_move_target(env, week, to_text)
    to = db.calendar.at(day, hour, minute)
    schedule.move_week(db, t.id, week, to, why)
    say(f"{t.name}: the meeting of the week of {week.isoformat()} moved to {day:%a %-d %b} {hour:02d}:{minute:02d}")


def read_move_target(env: Env, week: date, text: str) -> tuple[date, int, int]:
    """``tue 10:00`` (that weekday of the week), or ``2026-12-08 10:00`` / ``8 Dec 10:00``."""
    from l10tui.domain.dates import DateError, parse_date

    parts = text.strip().split()
    if len(parts) < 2:
        raise InputError(f'--to {text[:40]!r}: give a day and a time, like "tue 10:00"')
    day_text, time_text = " ".join(parts[:-1]), parts[-1]
    low = day_text.lower()
    matches = [i for i, n in enumerate(WEEKDAYS) if n.startswith(low)] if len(low) >= 2 else []
    if len(matches) == 1:
        day = week + timedelta(days=matches[0])
    else:
        try:
            day = parse_date(day_text, env.today)
        except DateError as exc:
            raise DateError(f"--to: {exc}") from None
    _, hour, minute = read_meeting_time("monday", time_text)
    return day, hour, minute


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in text)


def describe_rule(rule: str) -> str:
    parts = dict(p.split("=", 1) for p in rule.split(";") if "=" in p)
    days = {"MO": "Mon", "TU": "Tue", "WE": "Wed", "TH": "Thu", "FR": "Fri", "SA": "Sat", "SU": "Sun"}
    day = days.get(parts.get("BYDAY", ""), parts.get("BYDAY", "?"))
    try:
        return f"{day} {int(parts.get('BYHOUR', '0')):02d}:{int(parts.get('BYMINUTE', '0')):02d}"
    except ValueError:
        return rule


@team.command("list")
@click.option("--all", "show_all", is_flag=True, help="Include inactive teams.")
@json_option
@pass_env
def team_list(env: Env, show_all: bool, as_json: bool) -> None:
    """List the teams."""
    db = env.db()
    teams = db.teams.all() if show_all else db.teams.active()
    if as_json:
        emit_records(db, teams)
        return
    rows = [[t.id, t.name, str(len(db.people.members(t.id))), describe_rule(t.meeting_rule), t.colour] for t in teams]
    print_table(["ID", "TEAM", "PEOPLE", "MEETS", "COLOUR"], rows, "No teams yet (add one with: l10 team add NAME)")


@team.command("zone")
@click.argument("zone_name", metavar="[ZONE]", required=False)
@json_option
@pass_env
def team_zone(env: Env, zone_name: str | None, as_json: bool) -> None:
    """Show or set the company's time zone (an IANA name like Europe/London): every day and week is counted in it."""
    from l10tui.domain.calendar import SETTING, ZoneError, zone_named
    from l10tui.store.doctor import zone_line

    db = env.db()
    if zone_name is not None:
        try:
            zone_named(zone_name)
        except ZoneError as exc:
            raise InputError(str(exc)) from None
        db.set_setting(SETTING, zone_name.strip())
    cal = db.calendar
    if as_json:
        emit_json({"timezone": cal.name if cal.explicit else None, "zone_in_use": cal.name, "set": cal.explicit})
    elif zone_name is not None:
        say(f"Company time zone set to {cal.name}: {zone_line(cal.name, cal.name)}")
    else:
        line = zone_line(cal.name if cal.explicit else None, cal.name)
        say(line[:1].upper() + line[1:])


_attach()
