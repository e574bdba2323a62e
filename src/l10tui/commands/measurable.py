"""``l10 measurable``: add and list the scorecard's measurables."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import click

from l10tui.domain.goals import Goal, parse_goal
from l10tui.domain.models import Formula
from l10tui.domain.rules import InputError
from l10tui.domain.trailing import CHOICES, check_trailing, trailing_choice
from l10tui.store import NotFound

from .common import Env, Names, emit_records, formula_text, goal_text, json_option, pass_env, print_table, say

if TYPE_CHECKING:
    from l10tui.domain.models import Measurable, Op
    from l10tui.store import L10Store


TRAILING_HELP = (
    "The trailing column: average or total of the last 4 or 13 weeks, or none "
    "(default: avg4 for rates and percentages, total13 for counts and money)."
)


@click.group()
def measurable() -> None:
    """Scorecard measurables: add, list, edit, retire, move."""


def split_formula(db: L10Store, text: str) -> tuple[Measurable, Measurable]:
    """``SQLs/MQLs`` -> the two measurables (names may themselves hold a ``/``: every split is tried)."""
    cuts = [i for i, ch in enumerate(text) if ch == "/"]
    if not cuts:
        raise InputError(f"--derived {text[:60]!r} is not NUMERATOR/DENOMINATOR (e.g. SQLs/MQLs)")
    if len(cuts) == 1:
        num, den = text[: cuts[0]].strip(), text[cuts[0] + 1 :].strip()
        if not num or not den:
            raise InputError(f"--derived {text[:60]!r} is not NUMERATOR/DENOMINATOR (e.g. SQLs/MQLs)")
        return db.measurables.lookup(num), db.measurables.lookup(den)
    found: list[tuple[Measurable, Measurable]] = []
    for cut in cuts:
        num, den = text[:cut].strip(), text[cut + 1 :].strip()
        try:
            found.append((db.measurables.lookup(num), db.measurables.lookup(den)))
        except NotFound:
            continue
    if len(found) == 1:
        return found[0]
    known = ", ".join(sorted(m.name for m in db.measurables.active()))
    if not found:
        raise InputError(f"--derived {text[:60]!r} does not name two measurables; known measurables: {known}")
    raise InputError(f"--derived {text[:60]!r} can be read more than one way; use ids, e.g. M-2/M-1")


@measurable.command("add")
@click.argument("name")
@click.option("--owner", required=True, metavar="PERSON", help="Who answers for it.")
@click.option(
    "--goal",
    required=True,
    metavar="N",
    help="The weekly goal (42, 1,250, 37.5%, $12k, <=5) or a range LOW-HIGH (20-30).",
)
@click.option("--op", type=click.Choice([">=", "<=", "=="]), default=None, help="Direction (default >=).")
@click.option("--unit", default="", help="Unit shown with the numbers (%, $, h, ...).")
@click.option("--team", "teams", multiple=True, metavar="TEAM", help="A team (repeat: several = shared).")
@click.option("--derived", metavar="NUM/DEN", help="A ratio of two measurables, e.g. SQLs/MQLs.")
@click.option("--percent/--ratio", default=True, show_default=True, help="Show a derived value as a percentage.")
@click.option("--negative", is_flag=True, help="Its weekly number may be below zero (a balance, a change).")
@click.option("--trailing", "trailing", default="", metavar="|".join(CHOICES), help=TRAILING_HELP)
@json_option
@pass_env
def measurable_add(
    env: Env,
    name: str,
    owner: str,
    goal: str,
    op: str | None,
    unit: str,
    teams: tuple[str, ...],
    derived: str | None,
    percent: bool,
    negative: bool,
    trailing: str,
    as_json: bool,
) -> None:
    """Add a weekly measurable to the scorecard."""
    target = parse_goal(goal, op, negative=negative)  # a range written backwards is told before the store opens
    choice = check_trailing(trailing, derived=derived is not None, name=name)
    db = env.db()
    who = db.people.owner(owner)
    team_ids = [db.teams.lookup(t).id for t in teams] or who.teams[:1]
    formula = None
    if derived is not None:
        num, den = split_formula(db, derived)
        if num.id == den.id:
            raise InputError("a derived measurable divides two different measurables")
        formula = Formula(numerator=num.id, denominator=den.id, percent=percent)
        if not unit.strip() and percent:
            unit = "%"
    new = db.measurables.add(
        name,
        owner=who.id,
        goal=target.goal,
        op=cast("Op", target.op),
        unit=unit,
        teams=team_ids,
        formula=formula,
        negative=negative,
        goal_high=target.high,
        trailing=choice,
    )
    if as_json:
        emit_records(db, new)
    else:
        say(f"Added {new.name} ({new.id}), owner {who.name}, goal {goal_text(new)}")


@measurable.command("edit")
@click.argument("name", metavar="MEASURABLE")
@click.option("--name", "new_name", metavar="NAME", help="A new name.")
@click.option("--owner", metavar="PERSON", help="A new owner.")
@click.option("--goal", metavar="N", help="A new weekly goal (42, <=5, or a range LOW-HIGH such as 20-30).")
@click.option("--op", type=click.Choice([">=", "<=", "=="]), default=None, help="A new direction.")
@click.option("--unit", default=None, help="A new unit.")
@click.option("--trailing", "trailing", default=None, metavar="|".join(CHOICES), help=TRAILING_HELP)
@json_option
@pass_env
def measurable_edit(
    env: Env,
    name: str,
    new_name: str | None,
    owner: str | None,
    goal: str | None,
    op: str | None,
    unit: str | None,
    trailing: str | None,
    as_json: bool,
) -> None:
    """Change a measurable's name, owner, goal, unit or trailing column (what is not given stays)."""
    if goal is not None:
        parse_goal(goal, op, negative=True)  # a typo or a range written backwards is told before the store opens
    if trailing is not None:
        check_trailing(trailing)
    db = env.db()
    m = db.measurables.lookup(name)
    if goal is not None:
        target = parse_goal(goal, op, negative=m.negative)
    elif op is not None:
        if m.op == "range":
            raise InputError(f"{m.name}'s goal is a range; give a new --goal with --op")
        target = parse_goal(str(m.goal), op, negative=m.negative)
    else:
        target = Goal(m.op, m.goal, m.goal_high)
    who = db.people.owner(owner).id if owner is not None else m.owner
    changed = db.measurables.edit(
        m.id,
        name=new_name if new_name is not None else m.name,
        owner=who,
        goal=target.goal,
        op=cast("Op", target.op),
        unit=unit if unit is not None else m.unit,
        teams=list(m.teams),
        formula=m.formula,
        goal_high=target.high,
        trailing=trailing,
    )
    if as_json:
        emit_records(db, changed)
        return
    say(
        f"Changed {changed.name} ({changed.id}): goal {goal_text(changed)}, "
        f"trailing {trailing_choice(changed)}, owner {Names(db).person(changed.owner)}"
    )


@measurable.command("list")
@click.option("--team", "team_name", metavar="TEAM", help="Only this team's measurables.")
@json_option
@pass_env
def measurable_list(env: Env, team_name: str | None, as_json: bool) -> None:
    """List the scorecard's measurables."""
    db = env.db()
    items = db.measurables.for_team(db.teams.lookup(team_name).id) if team_name else db.measurables.ordered()
    if as_json:
        emit_records(db, items)
        return
    names = Names(db)
    by_id = {m.id: m for m in db.measurables.all()}
    rows = [
        [m.id, m.name, names.person(m.owner), goal_text(m), names.team_list(m.teams), formula_text(m, by_id)]
        for m in items
    ]
    print_table(["ID", "MEASURABLE", "OWNER", "GOAL", "TEAMS", "DERIVED FROM"], rows, "No measurables yet.")


@measurable.command("retire")
@click.argument("name", metavar="MEASURABLE")
@click.option("--restore", is_flag=True, help="Bring a retired measurable back to the scorecard.")
@json_option
@pass_env
def measurable_retire(env: Env, name: str, restore: bool, as_json: bool) -> None:
    """Take a measurable off the scorecard (its numbers stay in history)."""
    db = env.db()
    changed = db.measurables.retire(db.measurables.lookup(name).id, retired=not restore)
    if as_json:
        emit_records(db, changed)
        return
    say(f"{'Restored' if restore else 'Retired'} {changed.name} ({changed.id})")


@measurable.command("move")
@click.argument("name", metavar="MEASURABLE")
@click.argument("position", type=click.IntRange(1, 999))
@json_option
@pass_env
def measurable_move(env: Env, name: str, position: int, as_json: bool) -> None:
    """Put a measurable at POSITION (1 = top) of the scorecard."""
    db = env.db()
    order = db.measurables.move(db.measurables.lookup(name).id, position)
    if as_json:
        emit_records(db, order)
        return
    say("\n".join(f"{i}. {m.name}" for i, m in enumerate(order, start=1)))
