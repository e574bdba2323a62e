"""What the meeting engine's parts share: its refusals, the segment indexes, the small value types."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from l10tui.domain.calendar import CompanyCalendar
from l10tui.domain.models import (
    SEGMENTS,
)
from l10tui.domain.rules import (
    InputError,
)
from l10tui.domain.schedule import Slot

RUN_VERSION = 1
IDS = SEGMENTS.index("IDS")
CONCLUDE = SEGMENTS.index("Conclude")
ISSUE_SOFT_CAP_S = 10 * 60  # practitioners' soft cap per issue


class MeetingError(InputError):
    """Something the facilitator asked that the meeting cannot do now (one clear line)."""


OffSlotChoice = Literal["moved", "extra"]


class OffSlot(MeetingError):
    """A new meeting more than two hours from its slot: the caller asks once, then opens again with ``off_slot``:
    ``"moved"`` (this week's meeting moved to now: late start counted against now) or ``"extra"`` (no late start)."""

    def __init__(self, slot: Slot, now: datetime, calendar: CompanyCalendar) -> None:
        self.slot = slot
        when = calendar.local(slot.at)
        away = abs((now - slot.at).total_seconds())
        hours = int(away // 3600)
        span = f"{hours // 24} days" if hours >= 48 else f"{hours} h {int(away % 3600 // 60)} min"
        side = "ago" if now > slot.at else "from now"
        self.question = (
            f"This team's meeting is {when:%a} {when.day} {when:%b %H:%M} ({span} {side}): "
            "move that meeting to now, or hold an extra one?"
        )
        super().__init__(self.question)


@dataclass(frozen=True)
class SegmentView:
    index: int
    name: str
    planned_s: float
    elapsed_s: float
    current: bool
    bonus_s: float = 0.0  # IDS: the minutes early Nexts left unused (already in planned_s)

    @property
    def remaining_s(self) -> float:
        return self.planned_s - self.elapsed_s

    @property
    def over(self) -> bool:
        return self.elapsed_s > self.planned_s


@dataclass(frozen=True)
class NewTodo:
    """A to-do to create while solving an issue (``due`` None = meeting day + 7)."""

    title: str
    owner: str
    due: date | None = None


@contextlib.contextmanager
def as_meeting_error() -> Iterator[None]:
    """A domain rule's refusal, told as the meeting's own (one clear line)."""
    try:
        yield
    except MeetingError:
        raise
    except InputError as exc:
        raise MeetingError(str(exc)) from None
