"""``l10 rock milestone``: a rock's dated milestones (add, done, drop, list), and ``l10 rock show``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from l10tui.domain import milestones as rules
from l10tui.domain.rules import clean_text

from .common import Env, Names, clip, emit_json, fmt_date, json_option, pass_env, print_table, record_json, say

if TYPE_CHECKING:
    from datetime import date

    from l10tui.domain.models import Milestone, Rock


def milestone_state(ms: Milestone, today: date) -> str:
    if ms.dropped:
        return "dropped"
    if ms.done_at is not None:
        return "done"
    return "late" if rules.is_late(ms, today) else "open"


def milestone_json(ms: Milestone, today: date) -> dict[str, Any]:
    from l10tui.domain.records import to_dict

    return {**to_dict(ms), "state": milestone_state(ms, today)}


def changed(env: Env, ms: Milestone, as_json: bool, line: str) -> None:
    """What a change to a milestone prints: the milestone as JSON (with its state), or one line."""
    if as_json:
        emit_json(milestone_json(ms, env.today))
    else:
        say(line)


def rock_json(rock: Rock, names: Names, today: date) -> dict[str, Any]:
    """``rock show --json``: the rock record (the contract: stored fields and names) and its milestones' progress."""
    return {"rock": record_json(rock, names), "milestone_progress": rules.progress(rock, today).as_json()}


@click.group()
def milestone() -> None:
    """A rock's dated milestones: add, done, drop, list."""


@milestone.command("add")
@click.argument("rock_id", metavar="ROCK")
@click.argument("title")
@click.option("--due", required=True, metavar="DATE", help="When it is due (within the rock's quarter).")
@json_option
@pass_env
def milestone_add(env: Env, rock_id: str, title: str, due: str, as_json: bool) -> None:
    """Add a dated milestone to a rock."""
    from l10tui.store import milestones

    from .common import parse_day

    title = clean_text(title, "milestone title")
    day = parse_day(env, due, "--due")
    assert day is not None
    db = env.db()
    rock, ms = milestones.add(db.rocks, rock_id, title, day)
    progress = rules.progress(rock, env.today).text()
    changed(env, ms, as_json, f"Added milestone {ms.id} to {rock.id}, due {fmt_date(ms.due)}: {ms.title} ({progress})")


@milestone.command("done")
@click.argument("milestone_id", metavar="ID")
@click.option("--undo", is_flag=True, help="Mark it open again.")
@json_option
@pass_env
def milestone_done(env: Env, milestone_id: str, undo: bool, as_json: bool) -> None:
    """Tick a milestone done (ID like R-3.2)."""
    from l10tui.store import milestones

    db = env.db()
    rock, ms = milestones.set_done(db.rocks, milestone_id, not undo)
    progress = rules.progress(rock, env.today).text()
    changed(env, ms, as_json, f"{'Reopened' if undo else 'Done'} milestone {ms.id}: {ms.title} ({progress})")


@milestone.command("drop")
@click.argument("milestone_id", metavar="ID")
@json_option
@pass_env
def milestone_drop(env: Env, milestone_id: str, as_json: bool) -> None:
    """Drop a milestone (kept, marked dropped; it no longer counts)."""
    from l10tui.store import milestones

    db = env.db()
    _rock, ms = milestones.drop(db.rocks, milestone_id)
    changed(env, ms, as_json, f"Dropped milestone {ms.id}: {ms.title}")


@milestone.command("list")
@click.argument("rock_id", metavar="ROCK")
@click.option("--all", "show_all", is_flag=True, help="Also dropped ones.")
@json_option
@pass_env
def milestone_list(env: Env, rock_id: str, show_all: bool, as_json: bool) -> None:
    """List a rock's milestones."""
    db = env.db()
    rock = db.rocks.get(rock_id)
    items = sorted(rock.milestones, key=lambda m: (m.due, m.id)) if show_all else rules.live(rock)
    if as_json:
        emit_json([milestone_json(m, env.today) for m in items])
        return
    print_milestones(
        items,
        env.today,
        f"{rock.id} has no milestones (add one with: l10 rock milestone add {rock.id} TITLE --due DATE)",
    )


def print_milestones(items: list[Milestone], today: date, empty: str) -> None:
    rows = [[m.id, fmt_date(m.due), milestone_state(m, today), clip(m.title)] for m in items]
    print_table(["ID", "DUE", "STATE", "TITLE"], rows, empty)


@click.command("show")
@click.argument("rock_id", metavar="ID")
@json_option
@pass_env
def rock_show(env: Env, rock_id: str, as_json: bool) -> None:
    """One rock: owner, quarter, status and its milestones."""
    from .rock import rock_state

    db = env.db()
    rock = db.rocks.get(rock_id)
    names = Names(db)
    if as_json:
        emit_json(rock_json(rock, names, env.today))
        return
    prog = rules.progress(rock, env.today)
    say(f"{rock.id}: {rock.title}")
    say(
        f"{names.person(rock.owner)} ({names.team(rock.team)}), {rock.quarter}, due {fmt_date(rock.due)}, "
        f"{rock_state(rock)}" + (f"; {prog.text()}" if prog.total else "")
    )
    print_milestones(rules.live(rock), env.today, "No milestones.")
