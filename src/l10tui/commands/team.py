"""``l10 team``: add and list teams."""

from __future__ import annotations

import click

from l10tui.domain.records import to_dict
from l10tui.domain.rules import InputError

from .common import Env, emit_json, json_option, pass_env, print_table

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@click.group()
def team() -> None:
    """Teams: add, list."""


def read_meeting_time(day: str, at: str) -> tuple[int, int, int]:
    low = day.strip().lower()
    matches = [i for i, name in enumerate(WEEKDAYS) if name.startswith(low)] if len(low) >= 2 else []
    if len(matches) != 1:
        raise InputError(f"meeting day {day[:20]!r} is not a weekday (monday ... sunday)")
    hh, sep, mm = at.strip().partition(":")
    if not sep or not hh.isdigit() or not mm.isdigit() or not (0 <= int(hh) <= 23 and 0 <= int(mm) <= 59):
        raise InputError(f"meeting time {at[:20]!r} is not a time like 09:00")
    return matches[0], int(hh), int(mm)


@team.command("add")
@click.argument("name")
@click.option("--colour", "--color", "colour", metavar="#RRGGBB", help="The team's colour.")
@click.option("--day", default="monday", show_default=True, help="Weekday of its meeting.")
@click.option("--time", "at", default="09:00", show_default=True, help="Start time of its meeting (HH:MM).")
@json_option
@pass_env
def team_add(env: Env, name: str, colour: str | None, day: str, at: str, as_json: bool) -> None:
    """Add a team."""
    if colour is not None and not (len(colour) == 7 and colour[0] == "#" and _is_hex(colour[1:])):
        raise InputError(f"colour {colour[:20]!r} is not like #4c8dff")
    weekday, hour, minute = read_meeting_time(day, at)
    db = env.db()
    new = db.teams.add(name, colour=colour, weekday=weekday, hour=hour, minute=minute)
    if as_json:
        emit_json(to_dict(new))
    else:
        click.echo(f"Added team {new.name} ({new.id}), meeting {WEEKDAYS[weekday]}s at {hour:02d}:{minute:02d}")


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
        emit_json([to_dict(t) for t in teams])
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
        click.echo(f"Company time zone set to {cal.name}: {zone_line(cal.name, cal.name)}")
    else:
        line = zone_line(cal.name if cal.explicit else None, cal.name)
        click.echo(line[:1].upper() + line[1:])
