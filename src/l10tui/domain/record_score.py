"""The record score: what the record itself says about a meeting, beside the room's rating (L10-RULES.md,
"Calibrating the rating").

Five points, one each, named and shown ✓/✗, scaled to 10:

1. **started on time**: the actual start within a minute of the planned start;
2. **ended on time**: the meeting's length within a minute of the agenda's planned total;
3. **every segment held**: each of the seven segments ran at least 30 seconds;
4. **top issues solved**: the first three issues the room took up in IDS (all of them when fewer) ended solved
   (or dropped: killing an issue is a resolution), and there was at least one;
5. **to-dos done at 90 %**: of the to-dos due for review, at least 90 % done (a week with none due earns it).

A point the record cannot know (a meeting migrated from before schema 2 has no segment times) counts neither way:
the score is scaled over the points it knows, and None when it knows none. A meeting still running (Conclude) is
scored as if it ended ``now``.

The one home of the rule: the app's Conclude segment, history, ``l10 show``, ``history --json``, the export, the
trends and the Sales-Marketing view all call :func:`record_score`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .models import Meeting
from .snapshot import has_snapshot, snapshot_completion
from .todo_life import Completion

ON_TIME_S = 60.0  # within a minute counts as on time (history's "started late by" uses the same)
HELD_S = 30.0  # a segment that ran less than this was skipped, not held
TOP_ISSUES = 3
TODO_TARGET = 0.90
RESOLVED = frozenset(("solved", "dropped"))

RUBRIC: tuple[tuple[str, str], ...] = (
    ("10", "started and ended on time, every segment held, the top issues solved, to-dos done at 90 % or better"),
    ("8", "the EOS target: a good meeting with one thing to fix (a late start, one issue left unsolved)"),
    ("6", "two of the five went wrong: late and overrun, or the top issues talked about but not solved"),
    ("4 or less", "the meeting did not do its job: segments skipped, nothing solved, to-dos not done"),
)
RUBRIC_TEXT = (
    "A 10 is a meeting that started on time, ended on time, held every segment, solved its top issues and "
    "found 90 % of last week's to-dos done (EOS Worldwide; L10-RULES.md). Rate how well the meeting did its job, "
    "not how you feel about the people. Under 8? Say what would have made it a 10. "
    "The record score beside the room's average counts those five points from the record (2 each)."
)


@dataclass(frozen=True, slots=True)
class Point:
    key: str
    name: str
    ok: bool | None  # None: the record cannot say
    detail: str

    @property
    def mark(self) -> str:
        return "?" if self.ok is None else ("✓" if self.ok else "✗")

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "ok": self.ok, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class RecordScore:
    points: tuple[Point, ...]

    @property
    def earned(self) -> int:
        return sum(1 for p in self.points if p.ok)

    @property
    def known(self) -> int:
        return sum(1 for p in self.points if p.ok is not None)

    @property
    def score(self) -> float | None:
        """Out of 10 (two per point when the record knows all five)."""
        return None if self.known == 0 else round(10 * self.earned / self.known, 1)

    def text(self) -> str:
        """``6/10``: the figure shown beside the room's average."""
        return "—" if self.score is None else f"{self.score:g}/10"

    def lines(self) -> list[str]:
        """One line per point: ``✓ started on time (on time)``."""
        return [f"{p.mark} {p.name} ({p.detail})" for p in self.points]

    def as_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "earned": self.earned,
            "known": self.known,
            "points": [p.as_json() for p in self.points],
        }


def _minutes(seconds: float) -> str:
    return f"{round(seconds / 60)} min"


def _start_point(meeting: Meeting) -> Point:
    name = "started on time"
    if meeting.actual_start is None or meeting.planned_start is None:
        return Point("started_on_time", name, None, "start not recorded")
    late = (meeting.actual_start - meeting.planned_start).total_seconds()
    if late <= ON_TIME_S:
        return Point("started_on_time", name, True, "on time")
    return Point("started_on_time", name, False, f"{_minutes(late)} late")


def _end_point(meeting: Meeting, now: datetime | None) -> Point:
    name = "ended on time"
    end = meeting.actual_end or (now if meeting.state != "finished" else None)
    if meeting.actual_start is None or end is None or not meeting.segments:
        return Point("ended_on_time", name, None, "end not recorded")
    over = (end - meeting.actual_start).total_seconds() - sum(s.planned_s for s in meeting.segments)
    if over <= ON_TIME_S:
        return Point("ended_on_time", name, True, "on time")
    return Point("ended_on_time", name, False, f"ran over by {_minutes(over)}")


def _segments_point(meeting: Meeting) -> Point:
    name = "every segment held"
    if not meeting.segments or all(s.actual_s == 0 for s in meeting.segments):
        return Point("segments_held", name, None, "segment times not recorded")
    skipped = [s.name for s in meeting.segments if s.actual_s < HELD_S]
    if not skipped:
        return Point("segments_held", name, True, f"all {len(meeting.segments)}")
    return Point("segments_held", name, False, "skipped " + ", ".join(skipped))


def _issues_point(meeting: Meeting) -> Point:
    name = "top issues solved"
    if has_snapshot(meeting):
        outcomes = [str(row.get("outcome", "")) for row in meeting.snapshot.get("issues", [])]
    else:
        outcomes = [d.outcome for d in meeting.issues_discussed]
    top = outcomes[:TOP_ISSUES]
    if not top:
        return Point("top_issues_solved", name, False, "no issue taken up")
    solved = sum(1 for o in top if o in RESOLVED)
    return Point("top_issues_solved", name, solved == len(top), f"{solved} of the top {len(top)}")


def _todos_point(meeting: Meeting) -> Point:
    name = "to-dos done at 90 %"
    done: Completion | None = snapshot_completion(meeting)
    if done is None:
        return Point("todos_done", name, None, "to-do reviews not recorded")
    if done.due == 0:
        return Point("todos_done", name, True, "none were due")
    rate = done.done / done.due
    return Point("todos_done", name, rate >= TODO_TARGET - 1e-9, f"{done.done}/{done.due} done, {round(rate * 100)} %")


def record_score(meeting: Meeting, now: datetime | None = None) -> RecordScore:
    """The five points of ``meeting``'s record (a meeting still running is scored as if it ended at ``now``).

    Computed from the meeting record and its snapshot only, so every view (a live recount, a year's summary)
    gets the same figure: a meeting without a snapshot has its to-do point unknown.
    """
    return RecordScore(
        (
            _start_point(meeting),
            _end_point(meeting, now),
            _segments_point(meeting),
            _issues_point(meeting),
            _todos_point(meeting),
        )
    )


def gap_text(rating: float | None, score: RecordScore) -> str:
    """``room 10 · record 6/10``: the two figures side by side, and the gap when it is 2 or more."""
    room = "—" if rating is None else f"{rating:g}"
    text = f"room {room} · record {score.text()}"
    if rating is not None and score.score is not None and abs(rating - score.score) >= 2:
        text += f" (gap {rating - score.score:+g})"
    return text
