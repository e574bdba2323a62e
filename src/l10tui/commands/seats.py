"""``l10 rate`` and ``l10 vote``: attendees act on the meeting in progress from their own terminal.

The rules live in :mod:`l10tui.meeting.seats` (shared with the meeting engine); a refusal is one line and leaves the
store as it was. The facilitator's ``l10 meet`` and the room view show the change within a second or two.
"""

from __future__ import annotations

import click

from .common import Env, pass_env, say


@click.command()
@click.argument("score", type=int, metavar="1-10")
@click.option("--as", "who", required=True, metavar="PERSON", help="Who rates (your name).")
@click.option("--why", default="", metavar="TEXT", help="What would have made it a 10 (needed under 8).")
@click.option("--team", "team_name", metavar="TEAM", help="Which meeting, when several are in progress.")
@pass_env
def rate(env: Env, score: int, who: str, why: str, team_name: str | None) -> None:
    """Rate the meeting in progress 1-10 (in Conclude)."""
    from l10tui.store import seats

    say(seats.rate(env.db(), who, score, why, team_name).message)


@click.command()
@click.argument("issue_id", metavar="ISSUE")
@click.option("--as", "who", required=True, metavar="PERSON", help="Who votes (your name).")
@click.option("--team", "team_name", metavar="TEAM", help="Which meeting, when several are in progress.")
@pass_env
def vote(env: Env, issue_id: str, who: str, team_name: str | None) -> None:
    """Vote for an issue while the top three are picked (IDS)."""
    from l10tui.store import seats

    say(seats.vote(env.db(), issue_id, who, team_name).message)
