"""``l10 alignment``: the Sales-Marketing numbers."""

from __future__ import annotations

import click

from .common import Env, emit_json, json_option, pass_env


@click.command()
@click.option("--weeks", type=click.IntRange(1, 1040), default=13, show_default=True, help="The window, in weeks.")
@json_option
@pass_env
def alignment(env: Env, weeks: int, as_json: bool) -> None:
    """The Sales-Marketing numbers: who raises issues about whom, time to solve, hand-offs, ratings, to-dos."""
    from l10tui.domain import alignment as al

    db = env.db()
    result = al.alignment_report(
        teams=db.teams.all(),
        people=db.people.all(),
        issues=db.issues.history(),
        meetings=db.meetings.history(),
        todos=db.todos.history(),
        measurables=db.measurables.all(),
        scores=db.scores.history(),
        today=env.today,
        calendar=db.calendar,
        weeks=weeks,
    )
    if as_json:
        emit_json(result.to_json())
    else:
        click.echo(al.render_text(result))
