"""A finished meeting's record is a snapshot of what the room saw, frozen at Finish: later score and rock edits, and a
second meeting in the same week, leave its export byte-identical; rows nobody touched are in it; schema 1 stores
migrate with what they could not know marked."""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path

import orjson
from tests.meeting.small_store import Small

from l10tui import report
from l10tui.domain.clock import FakeClock
from l10tui.domain.snapshot import has_snapshot
from l10tui.meeting import IDS, MeetingRun, NewTodo
from l10tui.store import L10Store, open_store
from l10tui.store.backups import list_backups
from l10tui.store.schema import SCHEMA_VERSION


def export(db: L10Store, meeting_id: str) -> tuple[str, str]:
    m = db.meetings.get(meeting_id)
    lk = report.Lookup.from_store(db)
    md = report.meeting_markdown(m, lk, UTC)
    js = json.dumps(report.meeting_json(m, lk, UTC), ensure_ascii=False, indent=2)
    return md, js


def held(small: Small, clock: FakeClock) -> str:
    """A meeting where only some rows were touched; a headline came in between meetings. Both teams report the
    meeting's own week (issue 11's setting), so the week the test enters is the one the room sees."""
    from l10tui.store import schedule

    for team in (small.sales, small.marketing):
        schedule.set_reports(small.db, team, "own")
    small.db.headlines.add("Acme signed", kind="customer", by=small.ann, team=small.sales)
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.set_score(small.leads, 38)  # Revenue and Calls: nobody entered them
    run.set_rock(small.rock_s, "off")  # the Marketing rock: nobody changed it
    run.review_todo(small.todo_new, True)  # Bob's to-do: never reviewed
    run.goto(IDS)
    run.start_issue(small.issue_s1)
    clock.advance(125)
    run.solve(small.issue_s1, "Score leads before the hand-off", [NewTodo("Write the scoring rules", small.cat)])
    clock.advance(600)
    run.finish(backup=False)
    return run.meeting.id


def test_the_snapshot_holds_what_the_room_saw_not_only_what_was_touched(small: Small, clock: FakeClock) -> None:
    mid = held(small, clock)
    snap = small.db.meetings.get(mid).snapshot
    assert snap["v"] == 2 and snap["complete"] is True and snap["frozen_at"]
    rows = {m["name"]: (m["value"], m["status"]) for m in snap["measurables"]}
    assert rows["Leads"] == (38, "off") and rows["Calls"] == (None, "missing") and rows["Revenue"] == (None, "missing")
    rocks = {r["id"]: (r["status"], r["changed"]) for r in snap["rocks"]}
    assert rocks == {small.rock_s: ("off", True), small.rock_m: (None, False)}
    todos = {t["id"]: t["outcome"] for t in snap["todos"]}
    assert todos == {small.todo_old: "not reviewed", small.todo_new: "done"}
    assert snap["completion"] == {"due": 2, "done": 1, "not_reviewed": 1}
    (headline,) = snap["headlines"]
    assert headline["text"] == "Acme signed" and small.db.headlines.get(headline["id"]).meeting == mid
    (issue,) = snap["issues"]
    assert issue["outcome"] == "solved" and issue["seconds"] == 125 and issue["solution"]
    row = report.summarise(small.db.meetings.get(mid), report.Lookup.from_store(small.db))
    assert (row.todos_done, row.todos_counted, row.todos_not_reviewed, row.todo_rate) == (1, 2, 1, 0.5)
    md, _ = export(small.db, mid)
    assert "Calls" in md and "· not entered" in md and "not reviewed" in md and "Acme signed" in md


def test_a_finished_export_never_changes(small: Small, clock: FakeClock) -> None:
    mid = held(small, clock)
    before = export(small.db, mid)
    # later edits: the week's scores corrected, the rock changed, a person and a team renamed, an issue title edited
    small.db.scores.set(small.leads, clock.today(), 55)
    small.db.scores.set(small.calls, clock.today(), 12)
    small.db.rocks.set_status(small.rock_m, "off", clock.today())
    small.db.people.change(small.ann, name="Ann-Marie")
    small.db.issues.edit(small.issue_s1, title="Renamed later")
    small.db.todos.set_done(small.todo_old)
    # and a second meeting the same week
    clock.advance(3600)
    again = MeetingRun.open(small.db, clock, tz=UTC)
    assert again.meeting.id != mid
    again.set_score(small.revenue, 9000)
    again.set_rock(small.rock_s, "on")
    again.review_todo(small.todo_old, True)
    again.drop_to_issues("rock", small.rock_m)
    again.finish(backup=False)
    assert export(small.db, mid) == before
    reopened = open_store(small.db.path, clock)
    assert export(reopened, mid) == before


def v1_store(path: Path, small: Small, clock: FakeClock) -> None:
    """Turn the file into what l10tui wrote before schema 2: no snapshots, schema_version 1."""
    data = orjson.loads(path.read_bytes())
    for doc in data["meetings"].values():
        doc.pop("snapshot", None)
    for doc in data["todos"].values():
        doc.pop("moved_to", None)
        if doc["status"] == "moved":
            doc["status"] = "open"
    data["_meta"]["1"]["schema_version"] = 1
    path.write_bytes(orjson.dumps(data))


def test_schema_1_meetings_migrate_with_what_could_not_be_known(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.set_score(small.leads, 38)
    run.review_todo(small.todo_old, False)
    moved = run.drop_to_issues("todo", small.todo_old)
    clock.advance(3600)
    run.finish(backup=False)
    path = small.db.path
    v1_store(path, small, clock)
    old = path.read_bytes()

    db = open_store(path, clock)
    m = db.meetings.get(run.meeting.id)
    assert db.meta["schema_version"] == SCHEMA_VERSION == 2
    assert m.snapshot["v"] == 2 and m.snapshot["complete"] is False and m.snapshot["unknown"]
    assert [x["name"] for x in m.snapshot["measurables"]] == ["Leads"]  # only what was reviewed is known
    assert [t["outcome"] for t in m.snapshot["todos"]] == ["not done"]
    todo = db.todos.get(small.todo_old)
    assert todo.status == "moved" and todo.moved_to == moved.id  # closed as moved: not offered again
    (copy,) = [p for p in list_backups(path) if "pre-v2" in p.name]
    assert copy.read_bytes() == old
    before = export(db, m.id)
    assert "not known" in before[0]
    # and frozen from now on
    db.scores.set(small.leads, clock.today(), 99)
    db.rocks.set_status(small.rock_s, "on", clock.today())
    assert export(db, m.id) == before


def test_every_demo_meeting_is_a_complete_record(demo_db: L10Store) -> None:
    """The demo's ten past meetings carry the snapshot a meeting makes: every measurable and rock of its teams, every
    to-do it reviewed with the outcome, and an export that reads them."""
    meetings = demo_db.meetings.finished()
    assert len(meetings) == 10
    active = [m for m in demo_db.measurables.active()]
    for m in meetings:
        snap = m.snapshot
        assert snap["v"] == 2 and snap["complete"] is True and snap["frozen_at"]
        assert len(snap["measurables"]) == len(active)
        assert snap["rocks"] and snap["issues"] and snap["headlines"]
        assert snap["completion"]["due"] == len(snap["todos"])
        md, _ = export(demo_db, m.id)
        assert "## Scorecard" in md and "## Rocks" in md and "## Issues discussed" in md


def test_a_damaged_snapshot_is_ignored_not_a_crash(small: Small, clock: FakeClock) -> None:
    mid = held(small, clock)
    m = small.db.meetings.get(mid)
    m.snapshot["todos"] = [["not", "a", "row"]]  # edited by hand
    assert not has_snapshot(m)
    md = report.meeting_markdown(m, report.Lookup.from_store(small.db), UTC)  # read the old way instead
    assert "## Scorecard" in md
