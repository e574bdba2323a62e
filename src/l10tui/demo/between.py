"""What happens between two meetings, as the CLI would do it: issues raised, to-dos added, headlines noted."""

from __future__ import annotations

from l10tui.domain.models import SourceLink

from .cast import PEOPLE_TEAMS
from .state import Demo
from .story import ISSUES, IssueSpec
from .words import BETWEEN_TODOS, UPCOMING_HEADLINES


def finish_between(d: Demo, before: int) -> None:
    """What happens in the week before meeting ``before``: issues raised, to-dos added, headlines noted."""
    specs = [s for s in ISSUES if s.before == before]
    for n, spec in enumerate(specs):
        d.time.at(d.time.between(before, (n + 1) / (len(specs) + 2)))
        raise_issue(d, spec)
    for title, owner, when in BETWEEN_TODOS:
        if when == before:
            d.time.at(d.time.between(before, 0.3))
            d.db.todos.add(
                title,
                owner=d.person[owner],
                today=d.clock.now().astimezone(d.time.tz).date(),
                team=d.team[PEOPLE_TEAMS[owner][0]],
                by=d.person[owner],
            )
    if before >= len(d.time.meeting_days):
        for n, (kind, text, by) in enumerate(UPCOMING_HEADLINES):
            d.time.at(d.time.between(before, 0.5 + n / 10))
            d.db.headlines.add(text, kind=kind, by=d.person[by], team=d.team[PEOPLE_TEAMS[by][0]])


def raise_issue(d: Demo, spec: IssueSpec) -> str | None:
    source = None
    if spec.source is not None:
        kind, key = spec.source
        table = d.measurable if kind == "measurable" else d.rock
        if key in table:
            source = SourceLink(kind=kind, id=table[key])  # type: ignore[arg-type]
    issue = d.db.issues.add(
        spec.title,
        team=d.team[spec.team],
        raised_by=d.person[spec.by],
        raised_by_team=d.team[spec.raised_team],
        details=spec.details,
        source=source,
        by=d.person[spec.by],
    )
    d.issue[spec.key] = issue.id
    return issue.id
