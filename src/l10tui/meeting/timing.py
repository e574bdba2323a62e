"""Segment timing from a monotonic clock, and how to carry it across a restart.

Elapsed time is never counted by ticks. Each segment keeps the seconds it had accumulated up to the last *flush*;
the running segment adds ``monotonic() - mark`` on top. Every change flushes, so the checkpoint in the store holds
accumulated seconds plus the wall time of the flush (monotonic readings mean nothing to the next process).

Time while the process was dead (a crash, ``kill -9``, a closed terminal): the room did not stop talking, so on
resume a *running* meeting counts the wall time since the last checkpoint for the segment (and the open IDS issue)
it was in, up to :data:`MAX_GAP_S`. A longer gap (the laptop went home) counts :data:`MAX_GAP_S` and the meeting
comes back paused so the facilitator decides. A paused meeting stays paused and counts nothing. A wall clock that went
backwards counts nothing. The engine writes a heartbeat checkpoint every :data:`HEARTBEAT_S` while it runs, so the
gap measured on resume is the dead time, not the quiet time before the crash.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from l10tui.domain.durations import duration_text

MAX_GAP_S = 15 * 60.0
HEARTBEAT_S = 20.0


@dataclass(frozen=True)
class Gap:
    """What a resume did with the time the process was not running."""

    wall_s: float  # wall seconds between the last checkpoint and the resume
    counted_s: float  # how many of them were added to the running segment
    paused: bool  # the meeting came back paused because the gap was too long


def resume_gap(saved_at: datetime, now: datetime, *, was_paused: bool) -> Gap:
    """Decide how much of the dead time counts (see the module docstring)."""
    wall = (now - saved_at).total_seconds()
    if was_paused or wall <= 0:
        return Gap(wall, 0.0, was_paused)
    if wall > MAX_GAP_S:
        return Gap(wall, MAX_GAP_S, True)
    return Gap(wall, wall, False)


def mmss(seconds: float) -> str:
    """``-1:05`` / ``12:07`` / ``1:02:03``: whole seconds (truncated), the product's one duration format."""
    whole = int(abs(seconds))
    return duration_text(-whole if seconds < 0 else whole)
