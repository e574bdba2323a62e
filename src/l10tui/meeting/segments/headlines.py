"""Headlines: the segment's actions on the meeting engine."""

from __future__ import annotations

from l10tui.domain.models import (
    Headline,
    HeadlineKind,
)

from ..agenda import AgendaReads


class HeadlineActions(AgendaReads):
    """Headlines: customer and employee news, said in one line."""

    def add_headline(self, kind: HeadlineKind, text: str, by: str) -> Headline:
        self._check_open()
        with self._change():
            h = self.store.headlines.add(
                text, kind=kind, by=by, meeting=self.meeting.id, team=self._team_of_person(by) or self.meeting.teams[0]
            )
            self.meeting.headlines.append(h.id)
        return h
