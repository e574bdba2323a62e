"""``l10 rock``: add, list and set the status of quarterly rocks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from l10tui.domain.dates import DateError, parse_quarter, quarter_of
from l10tui.domain.rules import InputError, clean_text
from l10tui.store import Conflict

from .common import (
    Env,
    Names,
    answer,
    clip,
    emit_records,
    first_team,
    fmt_date,
    json_option,
    parse_day,
    pass_env,
    print_table,
    say,
)

if TYPE_CHECKING:
    from l10tui.domain.models import Rock


@click.group()
def rock() -> None:
    """Quarterly rocks: add, list, show, edit, status, reopen, milestones."""


def _attach() -> None:
    from .milestone import milestone, rock_show

    rock.add_command(milestone)
    rock.add_command(rock_show)


def check_quarter(text: str) -> str:
    year, q = parse_quarter(text)
    if not 1900 <= year <= 9999:
        raise DateError(f"not a quarter: {text!r}")
    return f"{year}-Q{q}"


@rock.command("add")
@click.argument("title")
@click.option("--owner", required=True, metavar="PERSON", help="Who owns it.")
@click.option("--quarter", metavar="YYYY-QN", help="The quarter (default: this one).")
@click.option("--team", "team_name", metavar="TEAM", help="Its team (default: the owner's first team).")
@click.option("--due", metavar="DATE", help="Due date (default: the quarter's last day).")
@json_option
@pass_env
def rock_add(
    env: Env, title: str, owner: str, quarter: str | None, team_name: str | None, due: str | None, as_json: bool
) -> None:
    """Add a rock for the quarter."""
    title = clean_text(title, "rock title")
    q = check_quarter(quarter) if quarter else quarter_of(env.today)
    due_day = parse_day(env, due, "--due")
    db = env.db()
    who = db.people.owner(owner)
    tid = db.teams.lookup(team_name).id if team_name else first_team(who)
    if tid is None:
        raise InputError(f"{who.name} is in no team; give the rock's team with --team")
    new = db.rocks.add(title, owner=who.id, team=tid, quarter=q, due=due_day)
    if as_json:
        emit_records(db, new)
    else:
        say(f"Added rock {new.id} for {who.name}, {q}, due {fmt_date(new.due)}: {new.title}")


def rock_state(r: Rock) -> str:
    if r.final is not None:
        return r.final
    return {"on": "on ✓", "off": "off ✗"}.get(r.status or "", "—")


@rock.command("list")
@click.option("--quarter", metavar="YYYY-QN", help="The quarter (default: this one).")
@click.option("--all", "show_all", is_flag=True, help="Every quarter.")
@click.option("--team", "team_name", metavar="TEAM", help="Only this team's rocks.")
@click.option("--owner", metavar="PERSON", help="Only this person's rocks.")
@json_option
@pass_env
def rock_list(
    env: Env, quarter: str | None, show_all: bool, team_name: str | None, owner: str | None, as_json: bool
) -> None:
    """List the quarter's rocks."""
    q = None if show_all else (check_quarter(quarter) if quarter else quarter_of(env.today))
    db = env.db()
    tid = db.teams.lookup(team_name).id if team_name else None
    who = db.people.lookup(owner).id if owner else None
    rocks = [
        r
        for r in (db.rocks.all() if q == quarter_of(env.today) else db.rocks.history())
        if (q is None or r.quarter == q) and (tid is None or r.team == tid) and (who is None or r.owner == who)
    ]
    rocks.sort(key=lambda r: (r.quarter, r.team, r.owner, r.id))
    if as_json:
        emit_records(db, rocks)  # stored fields only (the contract): each rock's ``milestones`` included
        return
    names = Names(db)
    from l10tui.domain.milestones import progress

    rows = [
        [
            r.id,
            r.quarter,
            names.team(r.team),
            names.person(r.owner),
            rock_state(r),
            fmt_date(r.due),
            progress(r, env.today).short(),
            clip(r.title),
        ]
        for r in rocks
    ]
    print_table(
        ["ID", "QUARTER", "TEAM", "OWNER", "STATUS", "DUE", "MILESTONES", "TITLE"],
        rows,
        f"No rocks for {q or 'any quarter'}.",
    )


@rock.command("status")
@click.argument("rock_id", metavar="ID")
@click.argument("status", type=click.Choice(["on", "off", "done", "not-done"]))
@json_option
@pass_env
def rock_status(env: Env, rock_id: str, status: str, as_json: bool) -> None:
    """Set this week's status (on/off track) or close it (done/not-done)."""
    db = env.db()
    with db.transaction():
        current = db.rocks.get(rock_id)
        if current.final is not None:
            raise Conflict(
                f"{current.id} is already closed as {current.final} (reopen it with: l10 rock reopen {current.id})"
            )
        changed = db.rocks.set_status(current.id, status, env.today)
    answer(db, changed, as_json, f"{changed.id} is {rock_state(changed)}: {changed.title}")


@rock.command("reopen")
@click.argument("rock_id", metavar="ID")
@json_option
@pass_env
def rock_reopen(env: Env, rock_id: str, as_json: bool) -> None:
    """Take back a rock's done/not-done (its weekly history is kept)."""
    db = env.db()
    changed = db.rocks.reopen(rock_id)
    answer(db, changed, as_json, f"Reopened {changed.id}: {changed.title}")


@rock.command("edit")
@click.argument("rock_id", metavar="ID")
@click.option("--title", help="New wording.")
@click.option("--owner", metavar="PERSON", help="Give it to someone else (an active person).")
@click.option("--team", "team_name", metavar="TEAM", help="Move it to another team.")
@click.option("--quarter", metavar="YYYY-QN", help="Move it to another quarter (its due date follows).")
@click.option("--due", metavar="DATE", help="A new due date.")
@json_option
@pass_env
def rock_edit(
    env: Env,
    rock_id: str,
    title: str | None,
    owner: str | None,
    team_name: str | None,
    quarter: str | None,
    due: str | None,
    as_json: bool,
) -> None:
    """Reword, reassign or move a rock."""
    if all(v is None for v in (title, owner, team_name, quarter, due)):
        raise click.UsageError("say what to change: --title, --owner, --team, --quarter or --due")
    if title is not None:
        title = clean_text(title, "rock title")
    q = check_quarter(quarter) if quarter else None
    due_day = parse_day(env, due, "--due")
    db = env.db()
    with db.transaction():
        who = db.people.owner(owner) if owner is not None else None
        tid = db.teams.lookup(team_name).id if team_name else None
        changed = db.rocks.edit(rock_id, title=title, owner=who.id if who else None, team=tid, quarter=q, due=due_day)

    def line() -> str:
        names = Names(db)
        who, team = names.person(changed.owner), names.team(changed.team)
        return f"{changed.id} is {who}'s ({team}), {changed.quarter}, due {fmt_date(changed.due)}: {changed.title}"

    answer(db, changed, as_json, line)


_attach()
