"""Scorecard: the segment's actions on the meeting engine."""

from __future__ import annotations

from l10tui.domain.rules import (
    check_score,
)

from ..agenda import AgendaReads
from ..types import MeetingError, as_meeting_error


class ScorecardActions(AgendaReads):
    """Scorecard: a number entered for the meeting's week."""

    def set_score(self, measurable_id: str, value: float, by: str = "") -> None:
        self._check_open()
        m = self.store.measurables.get(measurable_id)
        if m.formula is not None:
            raise MeetingError(f"{m.name} is computed from two other numbers; enter those")
        with as_meeting_error():
            check_score(value, m)
        with self._change():
            self.store.scores.set(m.id, self.scorecard_week(), value, by=by)
            self._reviewed(m.id)

    def set_note(self, measurable_id: str, note: str) -> None:
        """A one-line note on this week's number (store/scores.py; "" removes it); the snapshot keeps it."""
        self._check_open()
        with as_meeting_error(), self._change():
            self.store.scores.set_note(measurable_id, self.scorecard_week(), note)
