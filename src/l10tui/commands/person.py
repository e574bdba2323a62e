"""``l10 person``: add and list people."""

from __future__ import annotations

import click

from .common import Env, Names, emit_json, emit_records, json_option, pass_env, print_table, record_json, say


@click.group()
def person() -> None:
    """People: add, list, leave."""


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
        emit_records(db, new)
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
        emit_records(db, people)
        return
    names = Names(db)
    rows = [[p.id, p.name, names.team_list(p.teams), "" if p.active else "left"] for p in people]
    print_table(["ID", "NAME", "TEAMS", ""], rows, "No people yet (add one with: l10 person add NAME --team TEAM)")


@person.command("leave")
@click.argument("name")
@click.option("--to", "to_name", required=True, metavar="PERSON", help="Who takes their open work.")
@json_option
@pass_env
def person_leave(env: Env, name: str, to_name: str, as_json: bool) -> None:
    """Someone leaves: their open to-dos, rocks (this and next quarter) and measurables go to PERSON."""
    from l10tui.store.handover import hand_over

    db = env.db()
    with db.transaction():
        who = db.people.lookup(name)
        to = db.people.owner(to_name)
        work = hand_over(db, who.id, to.id, env.today)
    if as_json:
        names = Names(db)
        emit_json(
            {
                "person": record_json(db.people.get(who.id), names),
                "to": record_json(to, names),
                "todos": [record_json(db.todos.get(t.id), names) for t in work.todos],
                "rocks": [record_json(db.rocks.get(r.id), names) for r in work.rocks],
                "measurables": [record_json(db.measurables.get(m.id), names) for m in work.measurables],
            }
        )
        return
    say(f"{who.name} has left; {work.summary()} now {to.name}'s")
    for t in work.todos:
        say(f"  {t.id}  {t.title}")
    for r in work.rocks:
        say(f"  {r.id}  {r.title}")
    for m in work.measurables:
        say(f"  {m.id}  {m.name}")
