"""The live-meeting engine: agenda, segment timers, pause/resume, IDS queue, conclude, checkpointing. No Textual.

``run = MeetingRun.open(db, clock, team=None)`` starts or resumes the meeting (``team`` None: all teams jointly).
Read: ``run.current``, ``segment_name``, ``elapsed(i)``, ``remaining(i)``, ``overrun(i)``, ``segments()``,
``total_elapsed``, ``total_remaining``, ``paused``, ``late_s``, ``issue`` / ``issue_elapsed()``, ``top3``,
``people()``, ``measurables()``, ``rocks()``, ``headlines()``, ``todos_to_review()``, ``panels()``, ``ratings()``,
``average()``, ``todos_by_owner()``. Change (each writes the store at once): ``next_segment``, ``prev_segment``,
``goto``, ``toggle_pause``, ``set_attendance``, ``set_segue_notes``, ``set_score``, ``set_rock``,
``add_headline``, ``review_todo``, ``drop_to_issues``, ``dismiss_offer``, ``add_issue``, ``add_todo``, ``pick``,
``start_issue``, ``set_notes``, ``solve``, ``drop_issue``, ``long_term``, ``merge``, ``add_message``, ``rate``,
``finish``; ``tick()`` (heartbeat) and ``checkpoint()``. Refusals raise :class:`MeetingError` / ``InputError`` /
``StoreError``, each one clear line.
"""

from __future__ import annotations

from .opening import planned_start_for
from .run import MeetingRun
from .summary import Summary
from .timing import HEARTBEAT_S, MAX_GAP_S, Gap, mmss, resume_gap
from .types import CONCLUDE, IDS, ISSUE_SOFT_CAP_S, MeetingError, NewTodo, OffSlot, OffSlotChoice, SegmentView

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
    "OffSlot",
    "OffSlotChoice",
    "SegmentView",
    "Summary",
    "mmss",
    "planned_start_for",
    "resume_gap",
]
