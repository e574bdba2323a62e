"""A finished meeting's record is a snapshot of what the room saw (DESIGN.md, second round).

The engine writes it as the meeting goes and freezes it at Finish: every measurable shown with the week's value, goal
and status (missing included), every rock with its status and whether it was changed, every to-do due for review
with its outcome, every headline shown, every issue discussed with its outcome and seconds, the issues and to-dos
made, and the names of the people and teams as they were. History, ``show``, ``export`` and the trends read it, never
today's live records; attendance, ratings, messages and segment times are the meeting record's own fields, which
nothing changes after Finish.

Records from before schema 2 are filled by the migration from what the old data allows; ``complete`` is then false
and ``unknown`` says what could not be known.

The snapshot is plain JSON (dicts, lists, strings, numbers), kept in ``Meeting.snapshot``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from .clock import iso
from .funnel import Funnel
from .milestones import progress as milestone_progress
from .models import Headline, Issue, IssueDiscussion, Measurable, Meeting, Rock, Todo
from .rules import on_track, week_values
from .todo_life import Completion, completion, review_in
from .trailing import trailing

SNAPSHOT_VERSION = 2

OUTCOME_TEXT = {True: "done", False: "not done", None: "not reviewed"}


def rock_status_at(rock: Rock, week: date) -> str | None:
    """A rock's status as the rock review of ``week`` shows it: done / not-done once closed, else that week's
    on / off, None when nobody said this week (the rock review screen and every record use this rule)."""
    if rock.final is not None and (not rock.history or rock.history[-1].week <= week):
        return rock.final
    return next((entry.status for entry in rock.history if entry.week == week), None)


def has_snapshot(meeting: Meeting) -> bool:
    """A snapshot of this version and of the right shape (a damaged one is ignored: the views read the old way)."""
    snap = meeting.snapshot
    return bool(snap) and snap.get("v") == SNAPSHOT_VERSION and valid_snapshot(snap)


def _text(v: Any) -> bool:
    return isinstance(v, str)


def _opt_text(v: Any) -> bool:
    return v is None or isinstance(v, str)


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _rows(v: Any, fields: dict[str, Callable[[Any], bool]]) -> bool:
    return isinstance(v, list) and all(
        isinstance(row, dict) and all(check(row.get(k)) for k, check in fields.items()) for row in v
    )


_TODO_ROW: dict[str, Callable[[Any], bool]] = {"id": _text, "title": _text, "owner": _text, "due": _opt_text}
_ISSUE_ROW: dict[str, Callable[[Any], bool]] = {
    "id": _text,
    "title": _text,
    "team": _text,
    "raised_by": _opt_text,
    "raised_by_team": _opt_text,
    "source": lambda v: v is None or (isinstance(v, dict) and _text(v.get("kind")) and _text(v.get("id"))),
}
_SHAPE: dict[str, Callable[[Any], bool]] = {
    "complete": lambda v: isinstance(v, bool),
    "unknown": lambda v: isinstance(v, list) and all(map(_text, v)),
    "frozen_at": _opt_text,
    "week": _text,
    "teams": lambda v: isinstance(v, dict) and all(map(_text, v.values())),
    "people": lambda v: isinstance(v, dict) and all(map(_text, v.values())),
    "measurables": lambda v: _rows(
        v,
        {
            "id": _text,
            "name": _text,
            "owner": _text,
            "unit": _text,
            "goal": _number,
            "op": _text,
            "value": lambda x: x is None or _number(x),
            "status": lambda x: x in ("on", "off", "missing"),
        },
    ),
    "rocks": lambda v: _rows(
        v,
        {
            "id": _text,
            "title": _text,
            "owner": _text,
            "status": lambda x: x in (None, "on", "off", "done", "not-done"),
            "changed": lambda x: isinstance(x, bool),
        },
    ),
    "todos": lambda v: _rows(v, {**_TODO_ROW, "outcome": lambda x: x in OUTCOME_TEXT.values(), "moved_to": _opt_text}),
    "completion": lambda v: (
        isinstance(v, dict)
        and all(isinstance(v.get(k), int) and not isinstance(v.get(k), bool) for k in ("due", "done", "not_reviewed"))
    ),
    "headlines": lambda v: _rows(v, {"id": _text, "kind": _text, "text": _text, "by": _text}),
    "issues": lambda v: _rows(
        v,
        {
            **_ISSUE_ROW,
            "outcome": _text,
            "seconds": _number,
            "notes": _text,
            "solution": _text,
            "todos": lambda x: _rows(x, _TODO_ROW),
        },
    ),
    "issues_added": lambda v: _rows(v, _ISSUE_ROW),
    "todos_created": lambda v: _rows(v, _TODO_ROW),
}


def valid_snapshot(snap: dict[str, Any]) -> bool:
    """Every part of a snapshot has the shape the views read (the store may be edited by hand or damaged)."""
    return all(check(snap.get(key)) for key, check in _SHAPE.items())


def frozen(meeting: Meeting) -> bool:
    """A finished meeting whose snapshot no later change may touch."""
    return meeting.state == "finished" and has_snapshot(meeting) and bool(meeting.snapshot.get("frozen_at"))


def build_snapshot(
    *,
    meeting: Meeting,
    week: date,
    teams: Mapping[str, str],
    people: Mapping[str, str],
    measurables: Sequence[Measurable],
    grid: Mapping[tuple[str, date], float],
    rocks: Sequence[Rock],
    todos_due: Sequence[Todo],
    headlines: Sequence[Headline],
    issues: Mapping[str, Issue],
    todos: Mapping[str, Todo],
    frozen_at: datetime | None = None,
    unknown: Iterable[str] = (),
    day: date | None = None,
    notes: Mapping[tuple[str, date], str] | None = None,
    funnel: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What the room of ``meeting`` saw, as plain JSON.

    ``grid`` holding the 13 weeks up to ``week`` gives each measurable its trailing figure (domain/trailing.py);
    ``notes`` are the week's notes on numbers. Both are newer than snapshot version 2's first rows: readers take
    ``goal_high``, ``trailing`` and ``note`` with ``.get`` (older snapshots lack them). ``funnel``:
    :func:`funnel_record` of the scorecard's funnel line, kept when given.
    """
    week_notes = notes or {}

    def trailing_row(m: Measurable) -> dict[str, Any] | None:
        found = trailing(m, grid, week)
        return None if found is None else found.as_json()

    reviewed = set(meeting.items_reviewed)
    outcomes = [review_in(t, meeting.id) for t in todos_due]
    done = completion(outcomes)
    gone = list(unknown)

    def todo_row(t: Todo) -> dict[str, Any]:
        return {"id": t.id, "title": t.title, "owner": t.owner, "due": t.due.isoformat() if t.due else None}

    def issue_row(i: Issue) -> dict[str, Any]:
        return {
            "id": i.id,
            "title": i.title,
            "team": i.team,
            "raised_by": i.raised_by,
            "raised_by_team": i.raised_by_team,
            "source": {"kind": i.source.kind, "id": i.source.id} if i.source else None,
        }

    def discussed(d: IssueDiscussion) -> dict[str, Any]:
        issue = issues.get(d.issue)
        row: dict[str, Any] = issue_row(issue) if issue else {"id": d.issue, "title": d.issue, "team": ""}
        row.update(outcome=d.outcome or "discussed", seconds=d.seconds, notes=d.notes)
        row["solution"] = issue.solution if issue and d.outcome == "solved" else ""
        row["todos"] = [todo_row(todos[t]) for t in (issue.todos if issue else []) if t in todos]
        return row

    snap: dict[str, Any] = {
        "v": SNAPSHOT_VERSION,
        "complete": not gone,
        "unknown": gone,
        "frozen_at": iso(frozen_at) if frozen_at else None,
        "week": week.isoformat(),
        "teams": dict(teams),
        "people": dict(people),
        "measurables": [
            {
                "id": m.id,
                "name": m.name,
                "owner": m.owner,
                "unit": m.unit,
                "goal": m.goal,
                "op": m.op,
                "value": (value := week_values(m, grid, week)),
                "status": on_track(value, m.goal, m.op, m.goal_high),
                "derived": m.formula is not None,
                "goal_high": m.goal_high,
                "trailing": trailing_row(m),
                "note": week_notes.get((m.id, week), ""),
            }
            for m in measurables
        ],
        "rocks": [
            {
                "id": r.id,
                "title": r.title,
                "owner": r.owner,
                "team": r.team,
                "status": rock_status_at(r, week),
                "changed": r.id in reviewed,
                # "2 of 5 milestones" and whether the next one is late, on the meeting's day (absent in older ones)
                "milestones": milestone_progress(r, day or week).as_json(),
            }
            for r in rocks
        ],
        "todos": [
            {**todo_row(t), "outcome": OUTCOME_TEXT[o], "moved_to": t.moved_to}
            for t, o in zip(todos_due, outcomes, strict=True)
        ],
        "completion": {"due": done.due, "done": done.done, "not_reviewed": done.not_reviewed},
        "headlines": [{"id": h.id, "kind": h.kind, "text": h.text, "by": h.by} for h in headlines],
        "issues": [discussed(d) for d in meeting.issues_discussed],
        "issues_added": [issue_row(issues[i]) for i in meeting.issues_added if i in issues],
        "todos_created": [todo_row(todos[t]) for t in meeting.todos_created if t in todos],
    }
    if funnel is not None:
        snap[FUNNEL_KEY] = funnel
    return snap


FUNNEL_KEY = "funnel"  # optional: snapshots made before issue #18 have none (and still read)


def funnel_record(f: Funnel) -> dict[str, Any]:
    """The funnel line the room saw under the scorecard, and the leak it named, as the snapshot keeps them."""
    leak = f.leak()
    return {
        "week": f.this_week.isoformat(),
        "line": f.leak_line(),
        "stages": [{"measurable": s.measurable, "name": s.name, "value": s.values[-1]} for s in f.stages],
        "leak": None
        if leak is None
        else {
            "label": leak.step.label,
            "conversion": leak.conversion,
            "median": leak.median,
            "team": leak.step.far.team,
            "team_name": leak.step.team_name,
        },
    }


def funnel_line(snap: dict[str, Any]) -> str | None:
    """The funnel line a meeting's room saw, or None (no funnel then, a snapshot older than the funnel, or a value
    that does not read: never an error)."""
    found = snap.get(FUNNEL_KEY)
    if not isinstance(found, dict):
        return None
    line = found.get("line")
    return line if isinstance(line, str) and line.strip() else None


def snapshot_completion(meeting: Meeting) -> Completion | None:
    """The meeting's to-do completion as its snapshot recorded it (None: no snapshot)."""
    if not has_snapshot(meeting):
        return None
    c = meeting.snapshot.get("completion") or {}
    return Completion(due=int(c.get("due", 0)), done=int(c.get("done", 0)), not_reviewed=int(c.get("not_reviewed", 0)))
