"""Small rules for fixing things between meetings, shared by the CLI and the app."""

from __future__ import annotations

from datetime import date

from .dates import DateError, week_monday


def check_week_started(day: date, today: date) -> date:
    """A number belongs to a week that has begun: refuse a future week; return the week's Monday."""
    monday = week_monday(day)
    if monday > week_monday(today):
        raise DateError(f"the week of {monday.isoformat()} has not started yet; numbers go in this week or earlier")
    return monday


def shown_ranks(open_ranks: dict[str, tuple[str, int]]) -> dict[str, int]:
    """{issue id: (team, stored rank)} -> {issue id: 1, 2, 3 ...} per team, in rank order: a list never shows the
    gaps closed issues leave in the stored ranks."""
    out: dict[str, int] = {}
    per_team: dict[str, int] = {}
    for issue_id, (team, _rank) in sorted(open_ranks.items(), key=lambda kv: (kv[1], kv[0])):
        per_team[team] = per_team.get(team, 0) + 1
        out[issue_id] = per_team[team]
    return out
