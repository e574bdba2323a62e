"""The live-meeting engine: agenda, segment timers, pause/resume, IDS queue, conclude, checkpointing. No Textual."""

from __future__ import annotations

from .run import (
    CONCLUDE,
    IDS,
    ISSUE_SOFT_CAP_S,
    MeetingError,
    MeetingRun,
    NewTodo,
    SegmentView,
    Summary,
    planned_start_for,
)
from .timing import HEARTBEAT_S, MAX_GAP_S, Gap, mmss, resume_gap

__all__ = [
    "CONCLUDE",
    "HEARTBEAT_S",
    "IDS",
    "ISSUE_SOFT_CAP_S",
    "MAX_GAP_S",
    "Gap",
    "MeetingError",
    "MeetingRun",
    "NewTodo",
    "SegmentView",
    "Summary",
    "mmss",
    "planned_start_for",
    "resume_gap",
]
