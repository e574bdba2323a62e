"""The meeting's clock: when it will end, against when it was meant to end (no Textual; the TUI and the room view
call :meth:`l10tui.meeting.MeetingRun.projection`).

* Minutes left unused by an early Next, in the segments before IDS, go to IDS (the EOS practice): finishing Segue
  three minutes early gives IDS three more minutes and leaves the projected end where it was.
* The segment in progress counts its plan (IDS: plus what it was given) or what it has used, whichever is more;
  segments still to come count their plan. An overrun or a pause moves the projected end later, at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from l10tui.domain.calendar import CompanyCalendar

ON_PLAN_S = 60.0  # within a minute of the planned end reads "on time"


def ids_bonus(planned: Sequence[float], elapsed: Sequence[float], current: int, ids: int) -> float:
    """Seconds left unused in the segments before IDS that the meeting has already left."""
    return sum(max(0.0, planned[i] - elapsed[i]) for i in range(min(current, ids)))


@dataclass(frozen=True)
class Projection:
    now: datetime
    planned_end: datetime | None  # planned start (else actual start) + the agenda's minutes
    projected_end: datetime
    ids_bonus_s: float  # seconds IDS gained from early Nexts

    @property
    def gap_s(self) -> float | None:
        """Seconds the projected end is past the planned end (negative: early)."""
        return None if self.planned_end is None else (self.projected_end - self.planned_end).total_seconds()

    def text(self, calendar: CompanyCalendar) -> str:
        """``ends 10:32 · 2 min over`` / ``ends 10:28 · 2 min early`` / ``ends 10:30 · on time``."""
        end = calendar.local(self.projected_end)
        out = f"ends {end:%H:%M}"
        gap = self.gap_s
        if gap is None:
            return out
        minutes = round(abs(gap) / 60)
        if abs(gap) < ON_PLAN_S or minutes == 0:
            return out + " · on time"
        return out + f" · {minutes} min {'over' if gap > 0 else 'early'}"


def project(
    *,
    now: datetime,
    start: datetime | None,
    planned_start: datetime | None,
    planned: Sequence[float],
    elapsed: Sequence[float],
    current: int,
    ids: int,
    finished: bool = False,
) -> Projection:
    """The projection at ``now`` (wall clock) from the segments' planned and used seconds."""
    bonus = ids_bonus(planned, elapsed, current, ids)
    effective = [p + (bonus if i == ids else 0.0) for i, p in enumerate(planned)]
    upcoming = max(0.0, effective[current] - elapsed[current]) + sum(effective[current + 1 :])
    left = 0.0 if finished else upcoming
    base = planned_start or start
    planned_end = base + timedelta(seconds=sum(planned)) if base is not None else None
    return Projection(now, planned_end, now + timedelta(seconds=left), bonus)
