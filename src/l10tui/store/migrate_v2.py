"""Schema 1 -> 2: every finished meeting gets its snapshot of what the room saw (domain/snapshot.py), filled as well as
the old records allow, with ``complete`` false and ``unknown`` naming what could not be known; and a to-do already
sent to the issues list is closed as "moved to I-N" (linked both ways), so it is not offered again.

A record that cannot be read is left as it was (the reports then read it the old way); nothing here raises.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypeVar

from l10tui.domain.models import Headline, Issue, Measurable, Meeting, Person, Rock, Score, Team, Todo
from l10tui.domain.records import RecordError, from_dict, to_dict
from l10tui.domain.snapshot import build_snapshot

from .manifest import calendar_of
from .schema import Data

R = TypeVar("R")

UNKNOWN_V1 = (
    "the measurables nobody entered a number for in the meeting (only those reviewed are listed, with today's values)",
    "the rocks nobody changed in the meeting",
    "the to-dos that were due but not reviewed (completion counts the reviewed ones)",
    "the headlines entered before the meeting",
)


def _read(data: Data, table: str, cls: type[R]) -> dict[str, R]:
    out: dict[str, R] = {}
    for doc in data.get(table, {}).values():
        try:
            record = from_dict(cls, doc, table)
        except (RecordError, TypeError, ValueError):
            continue
        out[record.id] = record  # type: ignore[attr-defined]
    return out


def migrate_1_to_2(data: Data) -> Data:
    calendar = calendar_of(data)
    teams = _read(data, "teams", Team)
    people = _read(data, "people", Person)
    measurables = _read(data, "measurables", Measurable)
    rocks = _read(data, "rocks", Rock)
    todos = _read(data, "todos", Todo)
    issues = _read(data, "issues", Issue)
    headlines = _read(data, "headlines", Headline)
    scores = _read(data, "scores", Score)
    grid = {(s.measurable, s.week): s.value for s in scores.values()}
    _close_moved_todos(data, todos, issues)
    for doc in data.get("meetings", {}).values():
        try:
            meeting = from_dict(Meeting, doc, "meetings")
        except (RecordError, TypeError, ValueError):
            continue
        if meeting.state != "finished" or meeting.snapshot:
            continue
        start = meeting.actual_start or meeting.created_at
        week = calendar.week(start)  # the company's week, as the old record's meeting day was shown
        reviewed = meeting.items_reviewed
        shown = [measurables[i] for i in reviewed if i in measurables]
        due = [t for t in todos.values() if any(r.meeting == meeting.id for r in t.reviews)]

        def name(names: dict[str, str], key: str | None) -> None:
            if key:
                names[key] = _name(people.get(key) or teams.get(key))

        person_names: dict[str, str] = {}
        for pid in [*meeting.attendance, *(r.person for r in meeting.ratings), *(m.owner for m in shown)]:
            name(person_names, pid)
        for t in due:
            name(person_names, t.owner)
        team_names: dict[str, str] = {}
        for tid in meeting.teams:
            name(team_names, tid)
        try:
            doc["snapshot"] = build_snapshot(
                meeting=meeting,
                week=week,
                teams=team_names,
                people=person_names,
                measurables=shown,
                grid=grid,
                rocks=[rocks[i] for i in reviewed if i in rocks],
                todos_due=sorted(due, key=lambda t: t.created_at),
                headlines=[headlines[h] for h in meeting.headlines if h in headlines],
                issues=issues,
                todos=todos,
                frozen_at=meeting.actual_end or _migrated_at(),
                unknown=UNKNOWN_V1,
            )
        except (KeyError, TypeError, ValueError):
            continue
    return data


def _name(record: Person | Team | None) -> str:
    return record.name if record is not None else ""


def _migrated_at() -> datetime:
    return datetime(1970, 1, 1, tzinfo=UTC)  # no clock here: an old record without an end is frozen "since ever"


def _close_moved_todos(data: Data, todos: dict[str, Todo], issues: dict[str, Issue]) -> None:
    """A to-do that already became an issue (the oldest such issue) is closed as moved to it."""
    first: dict[str, Issue] = {}
    for issue in sorted(issues.values(), key=lambda i: i.created_at):
        if issue.source is not None and issue.source.kind == "todo":
            first.setdefault(issue.source.id, issue)
    for key, doc in data.get("todos", {}).items():
        todo = todos.get(str(doc.get("id")))
        if todo is None or todo.id not in first or todo.status != "open":
            continue
        todo.status = "moved"
        todo.moved_to = first[todo.id].id
        data["todos"][key] = to_dict(todo)
