"""``l10 todo``: add, list and tick off to-dos."""

from __future__ import annotations

from datetime import date

import click

from l10tui.domain.milestones import MilestoneTodo, due_soon, is_milestone_id
from l10tui.domain.rules import clean_text
from l10tui.store import Conflict

from .common import (
    Env,
    Names,
    answer,
    clip,
    emit_json,
    emit_records,
    first_team,
    fmt_date,
    json_option,
    parse_day,
    pass_env,
    print_table,
    record_json,
    say,
)


def milestone_todo_json(m: MilestoneTodo, names: Names) -> dict[str, object]:
    """A rock milestone shown among the to-dos (``kind: "milestone"``; ``todo done ID`` ticks the milestone)."""
    return {
        "kind": "milestone",
        "id": m.id,
        "title": m.title,
        "owner": m.owner,
        "owner_name": names.of(m.owner),
        "due": m.due.isoformat(),
        "late": m.late,
        "rock": m.rock,
        "rock_title": m.rock_title,
        "status": "open",
    }


@click.group()
def todo() -> None:
    """To-dos: add, list, edit, done."""


@todo.command("add")
@click.argument("title")
@click.option("--owner", required=True, metavar="PERSON", help="Who does it.")
@click.option("--due", metavar="DATE", help="When (default: in 7 days).")
@click.option("--issue", "issue_id", metavar="ID", help="The issue it came from.")
@json_option
@pass_env
def todo_add(env: Env, title: str, owner: str, due: str | None, issue_id: str | None, as_json: bool) -> None:
    """Add a to-do."""
    title = clean_text(title, "to-do title")
    due_day = parse_day(env, due, "--due")
    db = env.db()
    with db.transaction():  # read the issue under the lock: a copy read before it could undo another's change
        who = db.people.owner(owner)
        source = db.issues.get(issue_id) if issue_id else None
        new = db.todos.add(
            title,
            owner=who.id,
            today=env.today,
            due=due_day,
            source_issue=source.id if source else None,
            team=source.team if source else first_team(who),
        )
        if source is not None:
            source.todos.append(new.id)
            db.issues.save(source)
    if as_json:
        emit_records(db, new)
    else:
        say(f"Added {new.id} for {who.name}, due {fmt_date(new.due)}: {new.title}")


@todo.command("list")
@click.option("--owner", metavar="PERSON", help="Only this person's to-dos.")
@click.option("--all", "show_all", is_flag=True, help="Also done ones.")
@json_option
@pass_env
def todo_list(env: Env, owner: str | None, show_all: bool, as_json: bool) -> None:
    """List open to-dos."""
    db = env.db()
    who = db.people.lookup(owner).id if owner else None
    every = db.todos.history() if show_all else db.todos.all()
    todos = [t for t in every if (who is None or t.owner == who) and (show_all or t.status == "open")]
    todos.sort(key=lambda t: (t.status != "open", t.due or date.max, t.created_at))
    names = Names(db)
    soon = due_soon(db.rocks.all(), env.today, who)  # open rock milestones due within 7 days: the owners' to-dos
    if as_json:
        emit_json([record_json(t, names) for t in todos] + [milestone_todo_json(m, names) for m in soon])
        return
    rows = []
    for t in todos:
        late = t.status == "open" and t.due is not None and t.due < env.today
        row = [t.id, names.person(t.owner), fmt_date(t.due) + (" late" if late else ""), clip(t.title)]
        if show_all:
            row.append(f"moved to {t.moved_to}" if t.status == "moved" else t.status)
        rows.append(row)
    for m in soon:
        row = [m.id, names.person(m.owner), fmt_date(m.due) + (" late" if m.late else ""), clip(m.label())]
        if show_all:
            row.append("open")
        rows.append(row)
    headers = ["ID", "OWNER", "DUE", "TITLE"] + (["STATUS"] if show_all else [])
    print_table(headers, rows, "No open to-dos." if not show_all else "No to-dos.")


@todo.command("done")
@click.argument("todo_id", metavar="ID")
@click.option("--undo", is_flag=True, help="Mark it open again.")
@json_option
@pass_env
def todo_done(env: Env, todo_id: str, undo: bool, as_json: bool) -> None:
    """Tick a to-do done."""
    db = env.db()
    if is_milestone_id(todo_id):  # a rock milestone among the owner's to-dos: ticking it marks the milestone done
        from l10tui.store import milestones

        from .milestone import changed as milestone_changed

        _rock, ms = milestones.set_done(db.rocks, todo_id, not undo)
        milestone_changed(env, ms, as_json, f"{'Reopened' if undo else 'Done'} milestone {ms.id}: {ms.title}")
        return
    with db.transaction():
        current = db.todos.get(todo_id)
        if current.status == "moved":
            raise Conflict(f"{current.id} was moved to the issues list as {current.moved_to}")
        if not undo and current.status == "done":
            raise Conflict(f"{current.id} is already done")
        if undo and current.status == "open":
            raise Conflict(f"{current.id} is not done")
        changed = db.todos.set_done(current.id, not undo)
    answer(db, changed, as_json, f"{'Reopened' if undo else 'Done'} {changed.id}: {changed.title}")


@todo.command("edit")
@click.argument("todo_id", metavar="ID")
@click.option("--title", help="New wording.")
@click.option("--owner", metavar="PERSON", help="Give it to someone else (an active person).")
@click.option("--due", metavar="DATE", help="A new due date.")
@json_option
@pass_env
def todo_edit(env: Env, todo_id: str, title: str | None, owner: str | None, due: str | None, as_json: bool) -> None:
    """Reword, reassign or move a to-do."""
    if title is None and owner is None and due is None:
        raise click.UsageError("say what to change: --title, --owner or --due")
    if title is not None:
        title = clean_text(title, "to-do title")
    due_day = parse_day(env, due, "--due")
    db = env.db()
    with db.transaction():
        who = db.people.owner(owner) if owner is not None else None
        changed = db.todos.edit(todo_id, title=title, owner=who.id if who else None, due=due_day)

    def line() -> str:
        names = Names(db)
        return f"{changed.id} is {names.person(changed.owner)}'s, due {fmt_date(changed.due)}: {changed.title}"

    answer(db, changed, as_json, line)
