"""``l10 funnel``: the shared lead-to-revenue funnel, stage by stage, with the week's leak named."""

from __future__ import annotations

import click

from .common import Env, emit_json, json_option, pass_env, say


@click.group()
def funnel() -> None:
    """The funnel: set its stages, show each step's conversion and the week's leak."""


@funnel.command("set")
@click.argument("stages", nargs=-1, metavar="MEASURABLE...")
@json_option
@pass_env
def funnel_set(env: Env, stages: tuple[str, ...], as_json: bool) -> None:
    """Make the funnel of 2-8 weekly count measurables, in order: l10 funnel set MQLs SQLs "Demos booked"."""
    from l10tui.store.funnel import read_funnel, set_funnel, stages_named

    from .funnel_render import funnel_json

    db = env.db()
    chosen = stages_named(db, stages)  # an unknown name: refused with the known ones
    specs = set_funnel(db, chosen)
    names = {t.id: t.name for t in db.teams.all()}
    if as_json:
        shown = read_funnel(db, env.today)
        emit_json(
            {
                "stages": [
                    {
                        "measurable": s.measurable,
                        "measurable_name": m.name,
                        "team": s.team,
                        "team_name": names.get(s.team) if s.team else None,
                    }
                    for s, m in zip(specs, chosen, strict=True)
                ],
                "funnel": funnel_json(shown) if shown is not None else None,
            }
        )
        return
    parts = [f"{m.name} ({names.get(s.team, '') if s.team else 'no team'})" for s, m in zip(specs, chosen, strict=True)]
    say("Funnel: " + " -> ".join(parts))


@funnel.command("show")
@click.option("--weeks", type=click.IntRange(2, 520), default=13, show_default=True, help="The window, in weeks.")
@json_option
@pass_env
def funnel_show(env: Env, weeks: int, as_json: bool) -> None:
    """Each stage's number, each step's conversion against its median, and this week's leak."""
    from l10tui.domain.rules import InputError
    from l10tui.store.funnel import read_funnel

    from .funnel_render import funnel_json, render_text

    db = env.db()
    result = read_funnel(db, env.today, weeks)
    if result is None:
        if as_json:
            emit_json(None)
            return
        raise InputError('no funnel yet; make one: l10 funnel set MQLs SQLs "Demos booked" "New customers"')
    if as_json:
        emit_json(funnel_json(result))
    else:
        say(render_text(result))


@funnel.command("clear")
@pass_env
def funnel_clear(env: Env) -> None:
    """Remove the funnel (the measurables and their numbers stay)."""
    from l10tui.store.funnel import clear_funnel

    say("Funnel removed." if clear_funnel(env.db()) else "There was no funnel.")
