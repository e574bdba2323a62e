"""The summary shown when a meeting ends (:class:`Summary`) and its lines of text.

The engine fills it at Finish (segments/conclude.py); it reads only domain types, so the report side can take it over
when a report needs it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from l10tui.domain.models import (
    SegmentTime,
)

from .timing import mmss


@dataclass
class Summary:
    meeting: str
    teams: list[str]
    planned_start: datetime | None
    actual_start: datetime | None
    actual_end: datetime | None
    late_s: float | None
    length_s: float
    over_s: float
    segments: list[SegmentTime]
    present: list[str]
    absent: list[str]
    issues_solved: list[str]
    issues_dropped: list[str]
    todos_created: list[str]
    todo_completion: float | None
    cascading_messages: list[str]
    rating_average: float | None
    backup: str | None = None
    todos_due: int = 0
    todos_not_reviewed: int = 0
    backup_error: str = ""  # the meeting was saved, but its backup could not be written (why)
    lines: list[str] = field(default_factory=list)


def start_text(s: Summary) -> str:
    """How the meeting started against its plan; never empty. No planned start (an extra meeting, or a team with no
    weekly slot) means there is nothing to be late against: it says so rather than leaving the field blank."""
    if s.planned_start is None:
        return "no planned start"
    if s.actual_start is None or s.late_s is None:
        return "start time not recorded"
    return f"started late by {mmss(s.late_s)}" if s.late_s >= 60 else "started on time"


def summary_lines(s: Summary) -> list[str]:
    over = f"ran over by {mmss(s.over_s)}" if s.over_s >= 60 else "ended on time"
    lines = [
        f"Meeting {s.meeting} ({' + '.join(s.teams)}): {start_text(s)}, {over}, length {mmss(s.length_s)}",
        f"Present: {', '.join(s.present) or '-'}" + (f"; absent: {', '.join(s.absent)}" if s.absent else ""),
        f"Issues solved: {len(s.issues_solved)}, dropped: {len(s.issues_dropped)}; to-dos created: {len(s.todos_created)}",
    ]
    if s.todo_completion is not None:
        unreviewed = f", {s.todos_not_reviewed} not reviewed" if s.todos_not_reviewed else ""
        lines.append(f"To-do completion: {s.todo_completion:.0%} of {s.todos_due} due (goal 90%{unreviewed})")
    for msg in s.cascading_messages:
        lines.append(f"Cascade: {msg}")
    avg = f"{s.rating_average:.1f}" if s.rating_average is not None else "-"
    lines.append(f"Rating: {avg} (goal 8+)")
    if s.backup:
        lines.append(f"Backup: {s.backup}")
    if s.backup_error:
        lines.append(f"The meeting is saved, but NO backup was made: {s.backup_error}")
    return lines
