"""The Sales-Marketing report "all time", read the one way the CLI and the app both use (issue 14): the archived
years' yearly summaries (checked by digest; never their records) and the live records."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from l10tui.domain.alignment_all import alignment_all_time

if TYPE_CHECKING:
    from l10tui.domain.alignment import AlignmentReport

    from . import L10Store

ALL_TIME_FUNNEL_WEEKS = 52  # the funnel's median over all time would read every year's scores: a year is enough


def read_alignment_all_time(db: L10Store, today: date) -> AlignmentReport:
    """All time, equal figure for figure to a recount of every record (tests/store/test_alignment_summaries.py)."""
    return alignment_all_time(
        db.archive.aligned_summaries(),
        teams=db.teams.all(),
        people=db.people.all(),
        issues=db.issues.all(),
        meetings=db.meetings.all(),
        todos=db.todos.all(),
        measurables=db.measurables.all(),
        scores=db.scores.all(),
        today=today,
        calendar=db.calendar,
    )
