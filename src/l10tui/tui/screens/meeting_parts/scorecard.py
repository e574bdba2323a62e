"""Scorecard: a number typed into the grid."""

from __future__ import annotations

from textual import on

from ...widgets.scorecard_grid import ScorecardGrid
from .base import MeetingBase


class ScorecardKeys(MeetingBase):
    """The grid's own keys enter numbers; the screen writes them."""

    @on(ScorecardGrid.ScoreSubmitted)
    def _score(self, event: ScorecardGrid.ScoreSubmitted) -> None:
        event.stop()
        if self.run is not None:
            self.act(self.run.set_score, event.measurable, event.value)

    @on(ScorecardGrid.NoteSubmitted)
    def _note(self, event: ScorecardGrid.NoteSubmitted) -> None:
        event.stop()
        if self.run is not None:
            self.act(self.run.set_note, event.measurable, event.note)
