"""Segue: attendance (a) and the good news noted."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import Input

from ...widgets.row_table import RowTable
from .base import MeetingBase


class SegueKeys(MeetingBase):
    """a marks present / absent (Segue and Conclude); the notes box saves on enter and on leaving it."""

    SEGMENT_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "toggle_present", "Present/absent"),
    ]

    def action_toggle_present(self) -> None:
        run = self.run
        person = self.selected_row()
        if run is not None and person is not None:
            self.act(run.set_attendance, person, not run.present(person))

    @on(Input.Submitted, "#segue-notes")
    def _segue_notes(self, event: Input.Submitted) -> None:
        event.stop()
        if self.run is not None:
            self.act(self.run.set_segue_notes, event.value)
            self.query_one("#attendance", RowTable).focus()

    @on(Input.Blurred, "#segue-notes")
    def _segue_notes_left(self, event: Input.Blurred) -> None:
        """Leaving the notes box (tab, a dialog) keeps what was typed, as enter does."""
        run = self.run
        if run is not None and not run.finished and event.value.strip() != run.meeting.segue_notes:
            self.act(run.set_segue_notes, event.value)
