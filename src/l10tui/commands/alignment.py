"""``l10 alignment``: the Sales-Marketing numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from .common import Env, emit_json, json_option, pass_env, say

if TYPE_CHECKING:
    from l10tui.domain.alignment import AlignmentReport


@click.command()
@click.option("--weeks", type=click.IntRange(1, 1040), default=13, show_default=True, help="The window, in weeks.")
@click.option("--all", "all_time", is_flag=True, help="All time (from the yearly summaries), not the last weeks.")
@json_option
@pass_env
def alignment(env: Env, weeks: int, all_time: bool, as_json: bool) -> None:
    """The Sales-Marketing numbers: who raises issues about whom, time to solve, hand-offs, ratings, to-dos."""
    from l10tui.store.funnel import read_funnel

    from .alignment_render import render_text, report_json
    from .funnel_render import funnel_json, funnel_section

    db = env.db()
    if all_time:
        from l10tui.store.alignment_reads import ALL_TIME_FUNNEL_WEEKS, read_alignment_all_time

        result = read_alignment_all_time(db, env.today)
        weeks = ALL_TIME_FUNNEL_WEEKS
    else:
        result = _windowed(db, env, weeks)
    funnel = read_funnel(db, env.today, weeks)  # the funnel over the same number of weeks (store/funnel.py)
    if as_json:
        emit_json({**report_json(result), "funnel": funnel_json(funnel) if funnel is not None else None})
    else:
        say(render_text(result))
        say(funnel_section(funnel))


def _windowed(db: Any, env: Env, weeks: int) -> AlignmentReport:
    """The report over the last ``weeks``: only the archive years the window reaches, only what it can need."""
    from l10tui.domain import alignment as al
    from l10tui.domain.alignment_window import window_for
    from l10tui.store.archive import window_keep
    from l10tui.store.repo import Repo, histories

    start = window_for(env.today, weeks).start
    since = start.year  # only the archive years the window reaches, and in them only what it can need

    tables = ("issues", "meetings", "todos", "scores")
    repos: list[Repo[Any]] = [db.issues, db.meetings, db.todos, db.scores]
    issues, meetings, todos, scores = histories(repos, since, [window_keep(t, start) for t in tables])
    return al.alignment_report(
        teams=db.teams.all(),
        people=db.people.all(),
        issues=issues,
        meetings=meetings,
        todos=todos,
        measurables=db.measurables.all(),
        scores=scores,
        today=env.today,
        calendar=db.calendar,
        weeks=weeks,
    )
