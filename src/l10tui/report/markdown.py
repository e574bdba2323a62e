"""A meeting as Markdown that also reads well as plain text in an email (``l10 show``, ``l10 export``, the app's
history): the heading, the facts, the agenda's timings, the segue, then what the room saw (the snapshot's sections,
or today's records for a meeting from before snapshots), the cascading messages and the ratings. One function a
part; each returns its lines."""

from __future__ import annotations

from datetime import tzinfo

from l10tui.domain.models import Meeting
from l10tui.domain.rules import RATING_GOAL, TODO_GOAL, needs_comment
from l10tui.domain.snapshot import has_snapshot

from .lookup import Lookup
from .markdown_live import live_sections
from .markdown_snapshot import Namer, namer, snapshot_sections
from .summary import HistoryRow, summarise
from .text import ON_TIME_S, clock_text, indent, local, meeting_day, minutes_text, percent_text


def meeting_markdown(meeting: Meeting, lk: Lookup, tz: tzinfo | None = None) -> str:
    """The meeting as Markdown that also reads well as plain text in an email (a finished meeting: its snapshot)."""
    tz = tz or lk.tz
    row = summarise(meeting, lk, tz)
    snap = meeting.snapshot if has_snapshot(meeting) else None
    person = namer(snap, "people", lk.person)
    out = heading(meeting, row, tz)
    out += facts(meeting, row, tz, person)
    out += agenda(meeting)
    out += segue(meeting)
    if snap is not None:
        out += snapshot_sections(snap, person, namer(snap, "teams", lk.team))
    else:
        out += live_sections(meeting, lk, tz)
    out += messages(meeting)
    out += ratings(meeting, row, person)
    return "\n".join(out).rstrip("\n") + "\n"


def heading(meeting: Meeting, row: HistoryRow, tz: tzinfo | None) -> list[str]:
    teams = " + ".join(row.teams) or "no team"
    day = meeting_day(meeting, tz)
    state = "" if meeting.state == "finished" else " (in progress)"
    return [
        f"# Level 10 meeting: {teams}, {day.strftime('%A')} {day.day} {day.strftime('%B %Y')}",
        "",
        f"Meeting {meeting.id}{state}",
        "",
    ]


def facts(meeting: Meeting, row: HistoryRow, tz: tzinfo | None, person: Namer) -> list[str]:
    """The list under the heading: time, attendance, rating, record score, to-dos, issues."""
    out = [line for line in (time_line(meeting, row, tz), attendance_line(meeting, person)) if line]
    if row.rating is not None:
        out.append(f"- Rating: {row.rating:g} average (goal {RATING_GOAL:g}+)")
    if row.record is not None and row.record.score is not None:
        out.append(f"- Record score: {row.record.text()} ({'; '.join(row.record.lines())})")
    if row.todos_counted:
        unreviewed = f", {row.todos_not_reviewed} not reviewed" if row.todos_not_reviewed else ""
        out.append(
            f"- To-dos: {row.todos_done} of {row.todos_counted} done "
            f"({percent_text(row.todo_rate)}; goal {round(TODO_GOAL * 100)}%{unreviewed})"
        )
    out.append(f"- Issues: {len(row.solved)} solved, {len(row.dropped)} dropped, {len(row.added)} added")
    return [*out, ""]


def time_line(meeting: Meeting, row: HistoryRow, tz: tzinfo | None) -> str:
    """``- Time: planned 09:00, started 09:04, ended 10:35 (ran over by 5 min), length 1 h 31 min`` (or nothing)."""
    times: list[str] = []
    if meeting.planned_start:
        moved = " (this week's meeting, moved)" if row.week_note == "moved" else ""
        times.append(f"planned {local(meeting.planned_start, tz):%H:%M}{moved}")
    elif row.week_note == "extra":
        times.append("an extra meeting (no planned start)")
    if meeting.actual_start:
        late = row.late_s
        note = f" ({minutes_text(late)} late)" if late is not None and late > ON_TIME_S else ""
        times.append(f"started {local(meeting.actual_start, tz):%H:%M}{note}")
    if meeting.actual_end:
        over = row.over_s
        note = f" (ran over by {minutes_text(over)})" if over is not None and over > ON_TIME_S else ""
        times.append(f"ended {local(meeting.actual_end, tz):%H:%M}{note}")
    if row.length_s is not None:
        times.append(f"length {minutes_text(row.length_s)}")
    return "- Time: " + ", ".join(times) if times else ""


def attendance_line(meeting: Meeting, person: Namer) -> str:
    if not meeting.attendance:
        return ""
    present = [person(p) for p, here in meeting.attendance.items() if here]
    absent = [person(p) for p, here in meeting.attendance.items() if not here]
    line = f"- Attendance: {len(present)} of {len(meeting.attendance)}"
    line += f" ({', '.join(present)})" if present else ""
    line += f"; absent: {', '.join(absent)}" if absent else ""
    return line


def agenda(meeting: Meeting) -> list[str]:
    if not meeting.segments:
        return []
    out = ["## Agenda", "", "| Segment | Planned | Actual |", "|---|---:|---:|"]
    for seg in meeting.segments:
        mark = " ▲" if seg.actual_s > seg.planned_s + ON_TIME_S else ""
        out.append(f"| {seg.name} | {clock_text(seg.planned_s)} | {clock_text(seg.actual_s)}{mark} |")
    return [*out, ""]


def segue(meeting: Meeting) -> list[str]:
    return ["## Segue", "", meeting.segue_notes, ""] if meeting.segue_notes else []


def messages(meeting: Meeting) -> list[str]:
    if not meeting.cascading_messages:
        return []
    return ["## Cascading messages", "", *(f"- {indent(msg)}" for msg in meeting.cascading_messages), ""]


def ratings(meeting: Meeting, row: HistoryRow, person: Namer) -> list[str]:
    if not meeting.ratings:
        return []
    out = ["## Ratings", ""]
    for rating in meeting.ratings:
        if rating.absent:
            out.append(f"- {person(rating.person)}: absent")
            continue
        score = str(rating.score) if rating.score is not None else "not given"
        line = f"- {person(rating.person)}: {score}"
        if rating.comment:
            line += f" — what would make it a 10: {indent(rating.comment)}"
        elif needs_comment(rating):
            line += " — (no comment)"
        out.append(line)
    if row.rating is not None:
        out += ["", f"Average: {row.rating:g}"]
    return [*out, ""]
