"""The summary of one meeting: a row of the history (:class:`HistoryRow`), what it solved, dropped and reviewed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import Any

from l10tui.domain.models import Issue, Meeting, Todo
from l10tui.domain.record_score import RecordScore, record_score
from l10tui.domain.rules import meeting_times, rating_average
from l10tui.domain.snapshot import snapshot_completion

from .lookup import Lookup
from .text import late_text, meeting_day, minutes_text, over_text, percent_text

HISTORY_HEADERS = (
    "MEETING",
    "DATE",
    "TEAMS",
    "LATE",
    "OVER",
    "LENGTH",
    "ATTENDED",
    "RATING",
    "TO-DOS",
    "SOLVED",
    "DROPPED",
    "ADDED",
)


@dataclass(frozen=True)
class HistoryRow:
    meeting: str
    day: date
    teams: list[str]
    state: str
    late_s: float | None
    over_s: float | None
    length_s: float | None
    present: int
    expected: int
    rating: float | None
    todos_done: int
    todos_reviewed: int
    solved: list[str]
    dropped: list[str]
    added: list[str]
    todos_due: int = -1  # every to-do due for review (a snapshot knows it; -1: only the reviewed ones are known)
    todos_not_reviewed: int = 0

    @property
    def todos_counted(self) -> int:
        return self.todos_reviewed if self.todos_due < 0 else self.todos_due

    week_note: str = ""  # "moved" (held at its week's moved time) or "extra" (besides the weekly one)
    record: RecordScore | None = None  # what the record says about the meeting (domain/record_score.py)

    @property
    def todo_rate(self) -> float | None:
        """Done out of every to-do due for review, reviewed or not (todo_life.py)."""
        return None if self.todos_counted == 0 else self.todos_done / self.todos_counted

    def cells(self) -> list[str]:
        todos = (
            f"{percent_text(self.todo_rate)} ({self.todos_done}/{self.todos_counted})" if self.todos_counted else "—"
        )
        return [
            self.meeting,
            self.day.isoformat() + (f" {self.week_note}" if self.week_note else ""),
            " + ".join(self.teams),
            late_text(self.late_s),
            over_text(self.over_s),
            minutes_text(self.length_s) if self.length_s is not None else "—",
            f"{self.present}/{self.expected}",
            f"{self.rating:g}" if self.rating is not None else "—",
            todos,
            str(len(self.solved)),
            str(len(self.dropped)),
            str(len(self.added)),
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "meeting": self.meeting,
            "date": self.day.isoformat(),
            "teams": list(self.teams),
            "state": self.state,
            "started_late_s": self.late_s,
            "ran_over_s": self.over_s,
            "length_s": self.length_s,
            "present": self.present,
            "expected": self.expected,
            "rating_average": self.rating,
            "todos_done": self.todos_done,
            "todos_reviewed": self.todos_reviewed,
            "todo_completion": self.todo_rate,
            "todos_due": self.todos_counted,
            "todos_not_reviewed": self.todos_not_reviewed,
            "issues_solved": list(self.solved),
            "issues_dropped": list(self.dropped),
            "issues_added": list(self.added),
            "week_note": self.week_note,
            "record_score": self.record.as_json() if self.record is not None else None,
        }


def _ended_in(meeting: Meeting, issue: Issue, status: str) -> bool:
    """Ended as ``status`` during this meeting (for records without an outcome written in the discussion list)."""
    if issue.status != status or meeting.id not in issue.meetings or issue.ended_at is None:
        return False
    start, end = meeting.actual_start, meeting.actual_end
    return start is not None and end is not None and start <= issue.ended_at <= end + timedelta(minutes=1)


def issue_outcomes(meeting: Meeting, lk: Lookup) -> tuple[list[str], list[str]]:
    """The ids of the issues solved and dropped in this meeting."""
    solved = [d.issue for d in meeting.issues_discussed if d.outcome == "solved"]
    dropped = [d.issue for d in meeting.issues_discussed if d.outcome == "dropped"]
    for issue in lk.issues_in(meeting.id):
        if issue.id not in solved and _ended_in(meeting, issue, "solved"):
            solved.append(issue.id)
        if issue.id not in dropped and _ended_in(meeting, issue, "dropped"):
            dropped.append(issue.id)
    return solved, dropped


def todo_reviews(meeting: Meeting, lk: Lookup) -> list[tuple[Todo, bool]]:
    """Every to-do this meeting reviewed, with whether it was done."""
    out = lk.reviews_in(meeting.id)
    return sorted(out, key=lambda pair: (lk.person(pair[0].owner).casefold(), pair[0].created_at))


def summarise(meeting: Meeting, lk: Lookup, tz: tzinfo | None = None) -> HistoryRow:
    tz = tz or lk.tz
    times = meeting_times(meeting)
    done = snapshot_completion(meeting)
    todos: dict[str, int]
    if done is not None:  # what the room saw, frozen at Finish
        snap = meeting.snapshot
        teams = [snap.get("teams", {}).get(t) or lk.team(t) for t in meeting.teams]
        solved = [i["id"] for i in snap.get("issues", []) if i.get("outcome") == "solved"]
        dropped = [i["id"] for i in snap.get("issues", []) if i.get("outcome") == "dropped"]
        todos = {
            "todos_done": done.done,
            "todos_reviewed": done.reviewed,
            "todos_due": done.due,
            "todos_not_reviewed": done.not_reviewed,
        }
    else:  # a meeting from before snapshots: today's records
        teams = [lk.team(t) for t in meeting.teams]
        solved, dropped = issue_outcomes(meeting, lk)
        reviews = todo_reviews(meeting, lk)
        todos = {"todos_done": sum(1 for _, ok in reviews if ok), "todos_reviewed": len(reviews)}
    return HistoryRow(
        meeting=meeting.id,
        day=meeting_day(meeting, tz),
        teams=teams,
        state=meeting.state,
        late_s=times.late_s,
        over_s=times.over_s,
        length_s=times.length_s,
        present=sum(1 for here in meeting.attendance.values() if here),
        expected=len(meeting.attendance),
        rating=rating_average(meeting.ratings),
        solved=solved,
        dropped=dropped,
        added=list(meeting.issues_added),
        week_note=week_note(meeting, lk),
        **todos,
        record=record_score(meeting),
    )


def week_note(meeting: Meeting, lk: Lookup) -> str:
    """``moved`` when the meeting was held at its week's moved time, ``extra`` for one besides the weekly meeting."""
    if meeting.id in lk.extra:
        return "extra"
    if meeting.planned_start is not None and any(
        ch.moved_to == meeting.planned_start for t in meeting.teams for ch in lk.changes.get(t, {}).values()
    ):
        return "moved"
    return ""


def skipped_weeks(lk: Lookup) -> list[tuple[date, str, str]]:
    """(Monday, team name, reason) of every skipped week, oldest first."""
    out = [(week, lk.team(t), ch.reason) for t, weeks in lk.changes.items() for week, ch in weeks.items() if ch.skipped]
    return sorted(out)


def history_rows(meetings: Sequence[Meeting], lk: Lookup, tz: tzinfo | None = None) -> list[HistoryRow]:
    """One row per meeting, in the order given (``Meetings.finished()`` gives newest first)."""
    return [summarise(m, lk, tz or lk.tz) for m in meetings]
