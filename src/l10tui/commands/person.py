"""``l10 person``: add and list people."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from l10tui.domain.rules import InputError
from l10tui.domain.text import safe_text

from .common import Env, Names, emit_json, emit_records, json_option, pass_env, print_table, record_json, say

if TYPE_CHECKING:
    from l10tui.store import L10Store


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


def stdin_is_terminal() -> bool:
    """Someone at a keyboard (asked who takes each item), not a script (refused with the options to give)."""
    return sys.stdin.isatty()


def read_gives(texts: tuple[str, ...]) -> dict[str, str]:
    """``--give T-12=Ann`` (repeatable): item id -> a person's name or id, as typed."""
    out: dict[str, str] = {}
    for text in texts:
        item, sep, who = text.partition("=")
        if not sep or not item.strip() or not who.strip():
            raise click.UsageError(f"--give {text[:40]!r}: write it as ITEM=NAME, like T-12=Ann")
        out[item.strip().upper()] = who.strip()
    return out


def ask_each(db: L10Store, items: list[tuple[str, str]], who: str) -> dict[str, str]:
    """At a terminal: who takes each item (enter keeps the last answer); only active people are accepted."""
    from l10tui.store import StoreError

    active = ", ".join(sorted(p.name for p in db.people.active() if p.id != who))
    say(f"Who takes each? (active: {active})")
    answers: dict[str, str] = {}
    last: str | None = None
    for item, title in items:
        while True:
            text = click.prompt(f"  {item}  {safe_text(title)}", default=last, show_default=last is not None)
            try:
                person = db.people.owner(text)
            except StoreError as exc:
                say(f"  {exc}")
                continue
            if person.id == who:
                say("  not the person who leaves")
                continue
            break
        answers[item], last = person.id, person.name
    return answers


@person.command("leave")
@click.argument("name")
@click.option("--to", "to_name", metavar="PERSON", help="Who takes all their open work (or what --give leaves).")
@click.option(
    "--give",
    "gives",
    multiple=True,
    metavar="ITEM=PERSON",
    help="One item to one person, like T-12=Ann (repeat; with --to for the rest).",
)
@json_option
@pass_env
def person_leave(env: Env, name: str, to_name: str | None, gives: tuple[str, ...], as_json: bool) -> None:
    """Someone leaves: their open to-dos, rocks (this and next quarter) and measurables go to PERSON (--to), or one
    by one (--give ITEM=PERSON, or asked for each at a terminal)."""
    from l10tui.store.handover import hand_over_each, open_work, work_items

    wanted = read_gives(gives)
    db = env.db()
    who = db.people.lookup(name)
    to = db.people.owner(to_name) if to_name else None
    give = {item: db.people.owner(text).id for item, text in wanted.items()}
    if to is None:
        items = work_items(open_work(db, who.id, env.today))
        left = [(item, title) for item, title in items if item not in give]
        if left and who.active and not stdin_is_terminal():
            listed = ", ".join(item for item, _ in left)
            raise InputError(
                f"who takes {who.name}'s {listed}? give --to NAME for all, or --give ITEM=NAME for each "
                f"(e.g. --give {left[0][0]}=NAME)"
            )
        if left and who.active:
            give.update(ask_each(db, left, who.id))  # asked before the store is locked: nothing held while typing
    handed = hand_over_each(db, who.id, env.today, to=to.id if to else None, give=give)
    work = handed.work
    names = Names(db)
    if as_json:
        emit_json(
            {
                "person": record_json(db.people.get(who.id), names),
                "to": record_json(to, names) if to else None,
                "todos": [record_json(db.todos.get(t.id), names) for t in work.todos],
                "rocks": [record_json(db.rocks.get(r.id), names) for r in work.rocks],
                "measurables": [record_json(db.measurables.get(m.id), names) for m in work.measurables],
            }
        )
        return
    takers = sorted({names.person(pid) for pid in handed.owners.values()})
    if to is not None and (len(takers) <= 1):
        say(f"{who.name} has left; {work.summary()} now {to.name}'s")
    else:
        say(f"{who.name} has left; {work.summary()} handed over")
    for item, title in work_items(work):
        say(f"  {item}  {safe_text(title)}  -> {names.person(handed.owners[item])}")
