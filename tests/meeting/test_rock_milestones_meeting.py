"""Milestones in the meeting: the Rock review's record (snapshot) keeps "2 of 3 milestones" and whether the next one
was late on the meeting's day, the export prints it, and a rock closed done in the meeting is recorded done."""

from __future__ import annotations

from datetime import UTC, date

from tests.meeting.small_store import Small

from l10tui import report
from l10tui.domain.clock import FakeClock
from l10tui.meeting import MeetingRun
from l10tui.store import milestones


def test_the_snapshot_and_export_keep_milestone_progress_and_a_rock_closed_in_the_meeting(
    small: Small, clock: FakeClock
) -> None:
    db = small.db
    milestones.add(db.rocks, small.rock_s, "Price list", date(2026, 11, 9))
    milestones.add(db.rocks, small.rock_s, "Pricing page copy", date(2026, 11, 20))  # late on 23 Nov
    milestones.add(db.rocks, small.rock_s, "Launch", date(2026, 12, 18))
    milestones.set_done(db.rocks, f"{small.rock_s}.1")
    run = MeetingRun.open(db, clock, tz=UTC)
    run.set_rock(small.rock_m, "done")  # quarter end, in the meeting (y in the Rock review)
    run.finish(backup=False)
    # a later tick does not change what the room saw
    milestones.set_done(db.rocks, f"{small.rock_s}.2")
    m = db.meetings.get(run.meeting.id)
    rows = {r["id"]: r for r in m.snapshot["rocks"]}
    assert rows[small.rock_s]["milestones"] == {
        "done": 1,
        "total": 3,
        "next": "Pricing page copy",
        "next_due": "2026-11-20",
        "next_late": True,
    }
    assert rows[small.rock_m]["status"] == "done" and rows[small.rock_m]["changed"] is True
    assert rows[small.rock_m]["milestones"]["total"] == 0
    md = report.meeting_markdown(m, report.Lookup.from_store(db), UTC)
    assert "1 of 3 milestones, next 20 Nov LATE" in md
    assert db.rocks.get(small.rock_m).final == "done"


def test_an_older_snapshot_without_milestones_still_exports(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.finish(backup=False)
    m = small.db.meetings.get(run.meeting.id)
    for row in m.snapshot["rocks"]:
        del row["milestones"]  # as written before milestones existed
    md = report.meeting_markdown(m, report.Lookup.from_store(small.db), UTC)
    assert "## Rocks" in md and "milestone" not in md
