"""Solving an issue with the to-dos it produces: one rule for the issues board and the meeting.

The to-dos are made (each for its owner's team, preferring the issue's team), linked both ways (the issue lists
them, each names the issue), and the issue is closed as solved with its solution text, in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from l10tui.domain.models import Issue, Todo
from l10tui.domain.rules import clean_text, team_of_person

if TYPE_CHECKING:
    from . import L10Store


@dataclass(frozen=True)
class TodoToMake:
    title: str
    owner: str
    due: date | None = None  # None: a week after ``today``


def solve_with_todos(
    db: L10Store,
    issue_id: str,
    solution: str,
    todos: Sequence[TodoToMake] = (),
    *,
    today: date,
    meeting: str | None = None,
    team: str | None = None,
) -> tuple[Issue, list[Todo]]:
    """Solve ``issue_id`` and make its to-dos (``meeting``: the meeting it was solved in; ``team``: the team a to-do
    falls back to when its owner has none)."""
    for spec in todos:
        db.people.get(spec.owner)
        clean_text(spec.title, "to-do title")
    with db.transaction():
        issue = db.issues.get(issue_id)
        made = [
            db.todos.add(
                spec.title,
                owner=spec.owner,
                today=today,
                due=spec.due,
                meeting=meeting,
                source_issue=issue.id,
                team=team_of_person(db.people.get(spec.owner), (issue.team,)) or team or issue.team,
            )
            for spec in todos
        ]
        issue.todos.extend(t.id for t in made)
        if meeting is not None and meeting not in issue.meetings:
            issue.meetings.append(meeting)
        db.issues.save(issue)
        return db.issues.solve(issue.id, solution), made
