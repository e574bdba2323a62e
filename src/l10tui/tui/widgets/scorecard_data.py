"""What the scorecard grid shows, read once from the store: measurables x weeks, the numbers, their notes, names.

No Textual here: :class:`ScorecardData` is plain data, built with :func:`load_scorecard` and handed to
``ScorecardGrid`` (``grid.load(new_data)`` after a change).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from l10tui.domain.dates import weeks_back
from l10tui.domain.models import Measurable
from l10tui.domain.rules import week_values
from l10tui.domain.trailing import trailing_weeks
from l10tui.store import L10Store

WEEKS = 13


@dataclass
class ScorecardData:
    """What the grid shows; build it with :func:`load_scorecard`."""

    measurables: list[Measurable]
    weeks: list[date]  # Mondays, newest first; weeks[0] is this week (the editable one)
    scores: dict[tuple[str, date], float]
    people: dict[str, str]  # person id -> name
    teams: dict[str, str]  # team id -> name
    first_label: str = "This wk"  # the editable column's label (a meeting shows the week it reports: "Wk 23 Nov")
    notes: dict[tuple[str, date], str] = field(default_factory=dict)  # one-line notes on numbers (``c`` edits)

    def measurable(self, measurable_id: str | None) -> Measurable | None:
        return next((m for m in self.measurables if m.id == measurable_id), None)

    def value(self, m: Measurable, week: date | None = None) -> float | None:
        """The number of ``m`` for ``week`` (derived ones computed), this week by default."""
        return week_values(m, self.scores, week or self.weeks[0])


def load_scorecard(
    db: L10Store, measurables: Sequence[Measurable], today: date, weeks: int = WEEKS, *, label: str = "This wk"
) -> ScorecardData:
    mondays = list(reversed(weeks_back(today, weeks)))
    return ScorecardData(
        first_label=label,
        measurables=list(measurables),
        weeks=mondays,
        scores=db.scores.grid(sorted({*mondays, *trailing_weeks(mondays[0])})),  # the trailing column's weeks too
        notes=db.scores.notes(mondays),
        people={p.id: p.name for p in db.people.all()},
        teams={t.id: t.name for t in db.teams.all()},
    )
