"""The sections of a meeting without a snapshot (held before meetings kept what the room saw), read from today's
records: scorecard, rocks, headlines, to-do review, issues discussed, new issues, new to-dos. One function a
section; each returns its lines (none when the meeting had nothing there)."""

from __future__ import annotations

from datetime import date, tzinfo

from l10tui.domain.goals import measurable_goal
from l10tui.domain.models import Issue, Meeting, Rock
from l10tui.domain.rules import format_number, on_track, track_label, week_values
from l10tui.domain.snapshot import rock_status_at

from .lookup import Lookup, meeting_measurables, meeting_week, scorecard_week
from .summary import todo_reviews
from .text import ROCK_TEXT, clock_text, indent


def live_sections(meeting: Meeting, lk: Lookup, tz: tzinfo | None) -> list[str]:
    return [
        *scorecard(meeting, lk, tz),
        *rocks(meeting, lk, tz),
        *headlines(meeting, lk),
        *todo_review(meeting, lk),
        *issues_discussed(meeting, lk),
        *new_issues(meeting, lk),
        *new_todos(meeting, lk),
    ]


def _grid(lk: Lookup, week: date) -> dict[tuple[str, date], float]:
    return {(s.measurable, s.week): s.value for s in lk.scores if s.week == week}


def _rock_status(rock: Rock, week: date) -> str:
    return ROCK_TEXT[rock_status_at(rock, week)]


def issue_line(issue: Issue, lk: Lookup) -> str:
    raised = " · ".join(x for x in (lk.team(issue.raised_by_team), lk.person(issue.raised_by)) if x)
    return f"{issue.id} {issue.title} ({lk.team(issue.team)}" + (f", raised by {raised})" if raised else ")")


def scorecard(meeting: Meeting, lk: Lookup, tz: tzinfo | None) -> list[str]:
    measurables = meeting_measurables(meeting, lk)
    if not measurables:
        return []
    week = scorecard_week(meeting, tz, lk)
    grid = _grid(lk, week)
    out = [f"## Scorecard, week of {week.isoformat()}", ""]
    for m in measurables:
        value = week_values(m, grid, week)
        mark = track_label(on_track(value, m.goal, m.op, m.goal_high))
        shown = format_number(value, m.unit) if value is not None else "—"
        owner = f" ({lk.person(m.owner)})" if m.owner else ""
        out.append(f"- {m.name}{owner}: {shown}, goal {measurable_goal(m)} — {mark}")
    return [*out, ""]


def rocks(meeting: Meeting, lk: Lookup, tz: tzinfo | None) -> list[str]:
    reviewed = [lk.rocks[i] for i in meeting.items_reviewed if i in lk.rocks]
    if not reviewed:
        return []
    week = meeting_week(meeting, tz)
    out = ["## Rocks", ""]
    out += [f"- {r.id} {r.title} ({lk.person(r.owner)}): {_rock_status(r, week)}" for r in reviewed]
    return [*out, ""]


def headlines(meeting: Meeting, lk: Lookup) -> list[str]:
    told = [lk.headlines[i] for i in meeting.headlines if i in lk.headlines]
    if not told:
        return []
    out = ["## Headlines", ""]
    out += [f"- {h.kind.capitalize()}: {h.text} ({lk.person(h.by)})" for h in told]
    return [*out, ""]


def todo_review(meeting: Meeting, lk: Lookup) -> list[str]:
    reviews = todo_reviews(meeting, lk)
    if not reviews:
        return []
    out = ["## To-do review", ""]
    out += [f"- [{'x' if done else ' '}] {t.id} {t.title} ({lk.person(t.owner)})" for t, done in reviews]
    return [*out, ""]


def issues_discussed(meeting: Meeting, lk: Lookup) -> list[str]:
    if not meeting.issues_discussed:
        return []
    out = ["## Issues discussed", ""]
    for d in meeting.issues_discussed:
        issue = lk.issues.get(d.issue)
        title = issue_line(issue, lk) if issue else d.issue
        outcome = d.outcome or (issue.status if issue else "")
        out.append(f"### {title}")
        out.append("")
        out.append(f"- Outcome: {outcome or 'discussed'} (time spent {clock_text(d.seconds)})")
        if d.notes:
            out.append(f"- Notes: {indent(d.notes)}")
        if issue and issue.solution:
            out.append(f"- Solution: {indent(issue.solution)}")
        if issue and issue.todos:
            made = [lk.todos[t] for t in issue.todos if t in lk.todos]
            out.append("- To-dos: " + "; ".join(f"{t.id} {t.title} ({lk.person(t.owner)})" for t in made))
        out.append("")
    return out


def new_issues(meeting: Meeting, lk: Lookup) -> list[str]:
    added = [lk.issues[i] for i in meeting.issues_added if i in lk.issues]
    if not added:
        return []
    out = ["## New issues", ""]
    for issue in added:
        source = f" [from {issue.source.kind} {issue.source.id}]" if issue.source else ""
        out.append(f"- {issue_line(issue, lk)}{source}")
    return [*out, ""]


def new_todos(meeting: Meeting, lk: Lookup) -> list[str]:
    created = [lk.todos[i] for i in meeting.todos_created if i in lk.todos]
    if not created:
        return []
    out = ["## New to-dos", ""]
    for t in sorted(created, key=lambda t: (lk.person(t.owner).casefold(), t.created_at)):
        due = f", due {t.due.isoformat()}" if t.due else ""
        out.append(f"- {t.id} {t.title} ({lk.person(t.owner)}{due})")
    return [*out, ""]
