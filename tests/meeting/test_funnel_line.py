"""The funnel in the meeting (issue #18): the record keeps the funnel line the room saw, frozen at Finish, and the
export shows it; a snapshot from before the funnel (or a damaged funnel value) still reads. Fails on the code before
issue #18 (no funnel in the snapshot)."""

from __future__ import annotations

from datetime import UTC, timedelta

from tests.meeting.small_store import Small

from l10tui import report
from l10tui.domain.clock import FakeClock
from l10tui.domain.snapshot import funnel_line, has_snapshot
from l10tui.meeting import MeetingRun
from l10tui.meeting.funnel import funnel_line as live_line
from l10tui.store.funnel import set_funnel

LINE = "Funnel leak, wk 16 Nov: Leads -> Calls 44 %, median 70 %: Sales"


def test_the_record_keeps_the_funnel_line_the_room_saw(small: Small, clock: FakeClock) -> None:
    db = small.db
    set_funnel(db, [db.measurables.get(small.leads), db.measurables.get(small.calls)])
    run = MeetingRun.open(db, clock, tz=UTC)
    week = run.scorecard_week()
    assert week.isoformat() == "2026-11-16"
    # Leads -> Calls: 33/45, 36/50, 39/55, 42/60 (all about 70 %): at or above the median, no leak.
    assert live_line(run) == "Funnel, wk 16 Nov: no leak, every step at or above its median"
    run.set_score(small.calls, 20)  # 20 calls out of 45 leads: 44 %, against a median of 70 %
    assert live_line(run) == LINE
    run.finish(backup=False)
    snap = db.meetings.get(run.meeting.id).snapshot
    assert has_snapshot(db.meetings.get(run.meeting.id))
    assert snap["funnel"]["line"] == LINE and snap["funnel"]["leak"]["team_name"] == "Sales"
    assert funnel_line(snap) == LINE
    lk = report.Lookup.from_store(db)
    md = report.meeting_markdown(db.meetings.get(run.meeting.id), lk, UTC)
    assert LINE in md.split("## Scorecard", 1)[1].split("## Rocks", 1)[0]  # under the scorecard
    js = report.meeting_json(db.meetings.get(run.meeting.id), lk, UTC)
    assert js["meeting"]["snapshot"]["funnel"]["line"] == LINE
    # Later corrections do not rewrite what the room saw.
    clock.advance(3600)
    db.scores.set(small.calls, week, 40)
    db.scores.set(small.calls, week - timedelta(weeks=1), 5)
    assert report.meeting_markdown(db.meetings.get(run.meeting.id), report.Lookup.from_store(db), UTC) == md


def test_no_funnel_no_line_and_older_snapshots_still_read(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    assert live_line(run) is None
    run.finish(backup=False)
    snap = small.db.meetings.get(run.meeting.id).snapshot
    assert "funnel" not in snap and funnel_line(snap) is None
    for damaged in ({"funnel": "x"}, {"funnel": {"line": 3}}, {"funnel": {"line": "  "}}, {}):
        assert funnel_line({**snap, **damaged} if damaged else snap) is None
    assert has_snapshot(small.db.meetings.get(run.meeting.id))
    damaged_meeting = small.db.meetings.get(run.meeting.id)
    damaged_meeting.snapshot = {**snap, "funnel": {"line": 3}}
    assert has_snapshot(damaged_meeting)  # a bad funnel value never throws the whole record away
    lk = report.Lookup.from_store(small.db)
    assert "Funnel" not in report.meeting_markdown(damaged_meeting, lk, UTC)
