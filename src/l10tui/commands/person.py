"""``l10 person``: add and list people."""

from __future__ import annotations

import click

from l10tui.domain.records import to_dict

from .common import Env, Names, emit_json, json_option, pass_env, print_table, say


@click.group()
def person() -> None:
    """People: add, list."""


@person.command("add")
@click.argument("name")
@click.option("--team", "teams", multiple=True, required=True, metavar="TEAM", help="A team (repeat for several).")
@json_option
@pass_env
def person_add(env: Env, name: str, teams: tuple[str, ...], as_json: bool) -> None:
    """Add a person to one or more teams."""
    db = env.db()
    team_ids = [db.teams.lookup(t).id for t in teams]
    new = db.people.add(name, team_ids)
    if as_json:
        emit_json(to_dict(new))
    else:
        names = Names(db)
        say(f"Added {new.name} ({new.id}) to {names.team_list(new.teams)}")


@person.command("list")
@click.option("--team", "team_name", metavar="TEAM", help="Only this team's members.")
@click.option("--all", "show_all", is_flag=True, help="Include people who left.")
@json_option
@pass_env
def person_list(env: Env, team_name: str | None, show_all: bool, as_json: bool) -> None:
    """List people."""
    db = env.db()
    people = db.people.all() if show_all else db.people.active()
    if team_name:
        tid = db.teams.lookup(team_name).id
        people = [p for p in people if tid in p.teams]
    if as_json:
        emit_json([to_dict(p) for p in people])
        return
    names = Names(db)
    rows = [[p.id, p.name, names.team_list(p.teams), "" if p.active else "left"] for p in people]
    print_table(["ID", "NAME", "TEAMS", ""], rows, "No people yet (add one with: l10 person add NAME --team TEAM)")
