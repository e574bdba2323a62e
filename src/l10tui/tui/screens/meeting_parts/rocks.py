"""Rock review: on / off track, done / not done at quarter end."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from .base import MeetingBase


class RockKeys(MeetingBase):
    """o / f this week, y / u at quarter end."""

    SEGMENT_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "rock('on')", "On track"),
        Binding("f", "rock('off')", "Off track"),
        Binding("y", "rock('done')", "Done (quarter end)"),
        Binding("u", "rock('not-done')", "Not done (quarter end)"),
    ]

    def action_rock(self, status: str) -> None:
        rock = self.selected_row()
        if self.run is not None and rock is not None:
            self.act(self.run.set_rock, rock, status)
