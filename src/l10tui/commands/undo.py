"""``l10 undo``: take back the last changes to the store, each named ("dropped I-12"); ``l10 company``: its name."""

from __future__ import annotations

import click

from .common import Env, emit_json, json_option, pass_env, say


@click.command()
@click.option("--steps", type=click.IntRange(1, 100), default=1, show_default=True, help="How many changes.")
@click.option("--list", "show_list", is_flag=True, help="Show the changes that can be undone, newest first.")
@json_option
@pass_env
def undo(env: Env, steps: int, show_list: bool, as_json: bool) -> None:
    """Undo the last change (or --steps N), never over a later change made elsewhere."""
    from l10tui.store import changes

    db = env.db()
    if show_list:
        found = changes.entries(db)
        if as_json:
            emit_json([{"n": c.n, "name": c.name, "at": c.at, "ids": list(c.ids)} for c in found])
        elif not found:
            say("Nothing to undo yet.")
        else:
            for c in found:
                say(f"{c.n:>4}  {c.at[:16].replace('T', ' ')}  {c.name}")
        return
    names = changes.undo(db, steps)
    if as_json:
        emit_json({"undone": names})
        return
    for name in names:
        say(f"undo: {name}")


@click.command()
@click.argument("name", required=False)
@json_option
@pass_env
def company(env: Env, name: str | None, as_json: bool) -> None:
    """Show the company's name, or rename it."""
    from l10tui.domain.rules import clean_name

    db = env.db()
    if name is not None:
        new = clean_name(name, "company name")
        with db.change(f"renamed the company to {new}"):
            db.set_setting("company", new)
    current = str(db.setting("company", "") or "")
    if as_json:
        emit_json({"company": current})
    else:
        say(current or "(no name yet: l10 company NAME)")
