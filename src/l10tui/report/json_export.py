"""A finished meeting as JSON for tools (``l10 show --json``, ``l10 export --json``)."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from l10tui.domain.models import Meeting
from l10tui.domain.records import to_dict
from l10tui.domain.snapshot import has_snapshot

from .lookup import Lookup, meeting_measurables, scorecard_week
from .summary import summarise, todo_reviews


def meeting_json(meeting: Meeting, lk: Lookup, tz: tzinfo | None = None) -> dict[str, Any]:
    """The meeting and every record it refers to, each with its full fields (``records.to_dict``).

    A meeting with a snapshot gives what the room saw instead of today's live records, so its export never changes.
    """
    tz = tz or lk.tz
    head = {"meeting": to_dict(meeting), "summary": summarise(meeting, lk, tz).to_json()}
    return {**head, **(snapshot_records(meeting.snapshot) if has_snapshot(meeting) else live_records(meeting, lk, tz))}


def snapshot_records(snap: dict[str, Any]) -> dict[str, Any]:
    """What the room saw, as the snapshot froze it."""
    return {
        "teams": [{"id": k, "name": v} for k, v in snap.get("teams", {}).items()],
        "people": [{"id": k, "name": v} for k, v in snap.get("people", {}).items()],
        "issues": [*snap.get("issues", []), *snap.get("issues_added", [])],
        "todos": [*snap.get("todos", []), *snap.get("todos_created", [])],
        "headlines": list(snap.get("headlines", [])),
        "rocks": list(snap.get("rocks", [])),
        "scorecard_week": snap.get("week"),
        "measurables": list(snap.get("measurables", [])),
        "scores": [
            {"measurable": m["id"], "week": snap.get("week"), "value": m["value"]}
            for m in snap.get("measurables", [])
            if m.get("value") is not None and not m.get("derived")
        ],
    }


def live_records(meeting: Meeting, lk: Lookup, tz: tzinfo | None) -> dict[str, Any]:
    """Today's records of a meeting from before snapshots, each with its full fields."""
    issue_ids = list(dict.fromkeys([*(d.issue for d in meeting.issues_discussed), *meeting.issues_added]))
    todo_ids = list(dict.fromkeys([*meeting.todos_created, *(t.id for t, _ in todo_reviews(meeting, lk))]))
    for iid in issue_ids:
        if iid in lk.issues:
            todo_ids += [t for t in lk.issues[iid].todos if t not in todo_ids]
    people_ids = list(dict.fromkeys([*meeting.attendance, *(r.person for r in meeting.ratings)]))
    measurables = meeting_measurables(meeting, lk)
    week = scorecard_week(meeting, tz, lk)
    wanted = {m.id for m in measurables} | {
        p for m in measurables if m.formula for p in (m.formula.numerator, m.formula.denominator)
    }
    return {
        "teams": [to_dict(lk.teams[t]) for t in meeting.teams if t in lk.teams],
        "people": [to_dict(lk.people[p]) for p in people_ids if p in lk.people],
        "issues": [to_dict(lk.issues[i]) for i in issue_ids if i in lk.issues],
        "todos": [to_dict(lk.todos[t]) for t in todo_ids if t in lk.todos],
        "headlines": [to_dict(lk.headlines[h]) for h in meeting.headlines if h in lk.headlines],
        "rocks": [to_dict(lk.rocks[r]) for r in meeting.items_reviewed if r in lk.rocks],
        "scorecard_week": week.isoformat(),
        "measurables": [to_dict(m) for m in measurables],
        "scores": [to_dict(s) for s in lk.scores if s.week == week and s.measurable in wanted],
    }
