"""Rock review: the segment's actions on the meeting engine."""

from __future__ import annotations

from ..agenda import AgendaReads


class RockActions(AgendaReads):
    """Rock review: on / off track this week, done / not done at quarter end."""

    def set_rock(self, rock_id: str, status: str) -> None:
        """``on`` / ``off`` this week, or ``done`` / ``not-done`` at quarter end."""
        self._check_open()
        with self._change():
            self.store.rocks.set_status(rock_id, status, self.scorecard_week())
            self._reviewed(rock_id)
