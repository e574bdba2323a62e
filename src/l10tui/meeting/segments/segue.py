"""Segue: the segment's actions on the meeting engine."""

from __future__ import annotations

from l10tui.domain.rules import (
    clean_text,
)

from ..agenda import AgendaReads


class SegueActions(AgendaReads):
    """Segue: who is here, and the good news noted."""

    def set_attendance(self, person_id: str, present: bool) -> None:
        self._check_open()
        self.store.people.get(person_id)
        with self._change():
            self.meeting.attendance[person_id] = present

    def set_segue_notes(self, text: str) -> None:
        self._check_open()
        value = clean_text(text, "notes", max_len=4000, multiline=True) if text.strip() else ""
        with self._change():
            self.meeting.segue_notes = value
