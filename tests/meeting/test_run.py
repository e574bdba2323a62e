"""MeetingRun over a FakeClock: timing, pause, overrun, late start, checkpoint and resume, and every operation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from tests.meeting.small_store import Small

from l10tui.domain.clock import FakeClock
from l10tui.domain.rules import InputError
from l10tui.meeting import IDS, MAX_GAP_S, MeetingError, MeetingRun, NewTodo, planned_start_for, resume_gap
from l10tui.store import open_store


def reopen(small: Small, clock: FakeClock) -> MeetingRun:
    """What a new process does: a fresh store object, a fresh monotonic origin."""
    clock.mono += 123456.0  # monotonic readings do not survive a restart
    return MeetingRun.open(open_store(small.db.path, clock), clock, tz=UTC)


def test_new_joint_meeting_uses_first_team_agenda_and_records_late_start(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    m = run.meeting
    assert m.teams == [small.sales, small.marketing]
    assert [s.planned_s for s in m.segments] == [300, 300, 300, 300, 300, 3600, 300]
    assert m.planned_start == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert m.actual_start == clock.now()
    assert run.late_s == 240
    assert set(m.attendance) == {small.ann, small.bob, small.cat, small.dan}
    stored = small.db.meetings.get(m.id)
    assert stored.state == "in-progress" and stored.run["current"] == 0


def test_team_meeting_uses_its_own_agenda(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, team="Marketing", tz=UTC)
    assert run.meeting.teams == [small.marketing]
    assert run.meeting.segments[IDS].planned_s == 50 * 60
    assert {p.id for p in run.people()} == {small.cat, small.dan}
    assert [t.id for t, _ in run.panels()] == [small.marketing]


def test_planned_start_is_nearest_occurrence() -> None:
    rule = "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"
    early = planned_start_for(rule, datetime(2026, 11, 23, 8, 50, tzinfo=UTC), UTC)
    late = planned_start_for(rule, datetime(2026, 11, 23, 9, 20, tzinfo=UTC), UTC)
    tuesday = planned_start_for(rule, datetime(2026, 11, 24, 10, 0, tzinfo=UTC), UTC)
    assert early == late == tuesday == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert planned_start_for("garbage", datetime(2026, 11, 23, tzinfo=UTC), UTC) is None


def test_elapsed_comes_from_monotonic_time_not_ticks(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    clock.advance(90)
    assert run.elapsed() == 90
    assert run.remaining() == 210
    clock.jump_wall(3600)  # the wall clock jumping (NTP, DST) does not change a timer
    assert run.elapsed() == 90
    assert run.total_elapsed == 90
    assert run.total_remaining == 90 * 60 - 90


def test_next_prev_keep_each_segment_time(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    clock.advance(60)
    assert run.next_segment()
    clock.advance(30)
    assert run.segment_name == "Scorecard"
    assert run.prev_segment()
    clock.advance(10)
    assert run.elapsed(0) == 70 and run.elapsed(1) == 30
    assert not run.prev_segment()
    stored = small.db.meetings.get(run.meeting.id)
    assert [s.actual_s for s in stored.segments[:2]] == [60.0, 30.0]


def test_pause_stops_the_clock(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    clock.advance(20)
    assert run.toggle_pause() is True
    clock.advance(500)
    assert run.elapsed() == 20 and run.paused_seconds == 500
    assert run.toggle_pause() is False
    clock.advance(5)
    assert run.elapsed() == 25


def test_overrun(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    clock.advance(301)
    assert run.overrun() == 1 and run.segments()[0].over
    assert run.segments()[1].over is False


def test_resume_after_kill_counts_dead_time_for_running_segment(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.next_segment()
    clock.advance(100)
    run.set_segue_notes("Ann: new puppy")
    clock.advance(40)  # then the process is killed; 40 s pass with no checkpoint, then 20 more before restart
    clock.advance(20)
    again = reopen(small, clock)
    assert again.meeting.id == run.meeting.id
    assert again.current == 1
    assert again.elapsed(1) == pytest.approx(160)
    assert again.meeting.segue_notes == "Ann: new puppy"
    assert not again.paused
    assert again.meeting.run["resumes"][-1]["counted_s"] == pytest.approx(60)


def test_resume_paused_meeting_stays_paused(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    clock.advance(30)
    run.toggle_pause()
    clock.advance(3000)
    again = reopen(small, clock)
    assert again.paused and again.elapsed(0) == pytest.approx(30)


def test_resume_after_long_gap_is_capped_and_paused(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    clock.advance(10)
    run.checkpoint()
    clock.advance(24 * 3600)
    again = reopen(small, clock)
    assert again.paused
    assert again.elapsed(0) == pytest.approx(10 + MAX_GAP_S)


def test_resume_with_wall_clock_backwards_counts_nothing() -> None:
    t = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    gap = resume_gap(t, t - timedelta(minutes=5), was_paused=False)
    assert gap.counted_s == 0 and not gap.paused


def test_heartbeat_checkpoint(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    clock.advance(5)
    assert run.tick() is False
    clock.advance(30)
    assert run.tick() is True
    assert small.db.meetings.get(run.meeting.id).run["acc"][0] == pytest.approx(35)


def test_issue_timer_runs_only_in_ids(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.goto(IDS)
    run.start_issue(small.issue_s1)
    clock.advance(120)
    assert run.issue_elapsed() == 120
    run.goto(IDS - 1)
    clock.advance(60)
    assert run.issue_elapsed(small.issue_s1) == 120
    run.goto(IDS)
    run.toggle_pause()
    clock.advance(60)
    assert run.issue_elapsed(small.issue_s1) == 120
    run.toggle_pause()
    clock.advance(30)
    again = reopen(small, clock)
    assert again.issue == small.issue_s1
    assert again.issue_elapsed() == pytest.approx(150)


def test_attendance_and_ratings(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.set_attendance(small.dan, False)
    with pytest.raises(MeetingError):
        run.rate(small.dan, 9)
    with pytest.raises(MeetingError, match="made it a 10"):
        run.rate(small.ann, 7)
    with pytest.raises(InputError):
        run.rate(small.ann, 11)
    run.rate(small.ann, 7, "start on time")
    run.rate(small.bob, 9)
    run.rate(small.cat, 8)
    ratings = {r.person: r for r in run.ratings()}
    assert ratings[small.dan].absent
    assert ratings[small.ann].comment == "start on time"
    assert run.average() == 8.0
    assert run.missing_ratings() == []


def test_score_rock_headline_todo_review(small: Small, clock: FakeClock, today: date) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.set_score(small.leads, 38)
    # a Monday meeting reports the week that ended before it
    assert run.reported_week == date(2026, 11, 16) and run.reported_week_label == "Wk 16 Nov"
    assert small.db.scores.grid([date(2026, 11, 16)])[(small.leads, date(2026, 11, 16))] == 38
    with pytest.raises(MeetingError):
        run.set_score(small.conv, 5)
    run.set_rock(small.rock_s, "off")
    assert small.db.rocks.get(small.rock_s).status == "off"
    h = run.add_headline("customer", "Acme renewed", small.cat)
    assert h.meeting == run.meeting.id and h.team == small.marketing
    assert [x.id for x in run.headlines()] == [h.id]
    ids = [t.id for t in run.todos_to_review()]
    assert ids == [small.todo_old, small.todo_new]  # Bob before Cat
    run.review_todo(small.todo_new, True)
    run.review_todo(small.todo_old, False)
    assert run.todo_completion() == 0.5
    assert [t.id for t in run.not_done_twice()] == [small.todo_old]
    assert set(run.meeting.items_reviewed) >= {small.leads, small.rock_s, small.todo_new, small.todo_old}
    # a done to-do is still listed for this meeting (it was reviewed here)
    assert small.todo_new in [t.id for t in run.todos_to_review()]


def test_drop_items_to_issues_links_source_and_team(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.set_score(small.leads, 38)
    i1 = run.drop_to_issues("measurable", small.leads)
    assert i1.source is not None and (i1.source.kind, i1.source.id) == ("measurable", small.leads)
    assert i1.team == small.marketing and i1.raised_by_team == small.marketing and i1.raised_by == small.cat
    assert "off track" in i1.title
    with pytest.raises(MeetingError, match=f"already on the issues list as {i1.id}"):
        run.drop_to_issues("measurable", small.leads)  # d pressed twice: one issue
    i2 = run.drop_to_issues("rock", small.rock_s)
    assert i2.team == small.sales and i2.source is not None and i2.source.kind == "rock"
    h = run.add_headline("customer", "Acme asks for a discount", small.cat)
    i4 = run.drop_to_issues("headline", h.id)
    assert i4.title == "Acme asks for a discount" and i4.team == small.marketing and i4.raised_by == small.cat
    assert i4.source is not None and (i4.source.kind, i4.source.id) == ("headline", h.id)
    run.review_todo(small.todo_old, False)
    i3 = run.drop_to_issues("todo", small.todo_old)
    assert i3.raised_by == small.bob and run.not_done_twice() == []
    panels = dict((t.id, [i.id for i in issues]) for t, issues in run.panels())
    assert i1.id in panels[small.marketing] and i2.id in panels[small.sales] and i3.id in panels[small.sales]
    assert run.meeting.issues_added == [i1.id, i2.id, i4.id, i3.id]


def test_ids_solve_drop_long_term_merge(small: Small, clock: FakeClock, today: date) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.goto(IDS)
    run.pick(1, small.issue_m1)
    run.pick(2, small.issue_s1)
    run.pick(3, small.issue_s2)
    run.pick(1, small.issue_s1)  # moving an issue frees its old slot
    assert run.top3 == [small.issue_s1, None, small.issue_s2]
    run.start_issue(small.issue_s1)
    run.set_notes(small.issue_s1, identify="scoring model is wrong", discuss="agree on MQL definition")
    clock.advance(300)
    solved = run.solve(
        small.issue_s1,
        "Rewrite MQL definition together",
        [NewTodo("Write MQL definition", small.cat), NewTodo("Review it", small.ann, date(2026, 12, 1))],
    )
    assert solved.status == "solved" and solved.solution == "Rewrite MQL definition together"
    assert len(solved.todos) == 2 and run.meeting.id in solved.meetings
    t1, t2 = (small.db.todos.get(t) for t in solved.todos)
    assert t1.source_issue == small.issue_s1 and t1.created_in_meeting == run.meeting.id
    assert t1.due == today + timedelta(days=7) and t2.due == date(2026, 12, 1)
    assert run.issue is None and run.top3 == [None, None, small.issue_s2]
    run.start_issue(small.issue_s2)
    clock.advance(60)
    run.drop_issue(small.issue_s2)
    run.long_term(small.issue_m2)
    run.merge(small.issue_m1, small.issue_m2)
    assert small.db.issues.get(small.issue_m1).merged_into == small.issue_m2
    stored = small.db.meetings.get(run.meeting.id)
    by_issue = {d.issue: d for d in stored.issues_discussed}
    assert by_issue[small.issue_s1].seconds == 300 and by_issue[small.issue_s1].outcome == "solved"
    assert "Identify: scoring model is wrong" in by_issue[small.issue_s1].notes
    assert by_issue[small.issue_s2].seconds == 60 and by_issue[small.issue_s2].outcome == "dropped"
    by_owner = dict(run.todos_by_owner())
    assert [t.title for t in by_owner["Cat"]] == ["Write MQL definition"]
    with pytest.raises(MeetingError):
        run.start_issue(small.issue_s1)


def test_failed_change_leaves_nothing_half_done(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    before = small.db.todos.count()
    with pytest.raises(InputError):
        run.solve(small.issue_s1, "x", [NewTodo("ok", small.ann), NewTodo("   ", small.bob)])
    assert small.db.todos.count() == before
    assert small.db.issues.get(small.issue_s1).status == "open"


def test_add_issue_anywhere_appears_in_its_panel(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    issue = run.add_issue("Pricing page is stale", small.marketing, raised_by=small.ann)
    assert issue.raised_by_team == small.sales and issue.team == small.marketing
    marketing = dict((t.id, ids) for t, ids in run.panels())[small.marketing]
    assert marketing[-1].id == issue.id
    todo = run.add_todo("Send deck", small.dan)
    assert todo.created_in_meeting == run.meeting.id and todo.team == small.marketing


def test_conclude_and_finish(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    for _ in range(6):
        clock.advance(60)
        run.next_segment()
    assert run.segment_name == "Conclude"
    run.add_message("Tell support the SLA changes")
    run.set_attendance(small.dan, False)
    for p in (small.ann, small.bob, small.cat):
        run.rate(p, 9)
    clock.advance(120)
    summary = run.finish()
    stored = small.db.meetings.get(run.meeting.id)
    assert stored.state == "finished" and stored.actual_end == clock.now()
    assert [s.actual_s for s in stored.segments] == [60.0] * 6 + [120.0]
    assert {r.person: r.absent for r in stored.ratings}[small.dan] is True
    assert summary.rating_average == 9 and summary.backup is not None
    assert any("Cascade: Tell support" in line for line in summary.lines)
    assert small.db.meetings.in_progress() is None
    clock.advance(100)
    assert run.elapsed() == 120  # a finished meeting's clock stops
    with pytest.raises(MeetingError):
        run.next_segment()
    # the next `l10 meet` starts a new meeting
    assert MeetingRun.open(small.db, clock, tz=UTC).meeting.id != run.meeting.id


def test_meeting_across_midnight_keeps_its_day(small: Small) -> None:
    clock = FakeClock(wall=datetime(2026, 11, 23, 23, 50, tzinfo=UTC), mono=10.0)
    db = open_store(small.db.path, clock)
    run = MeetingRun.open(db, clock, tz=UTC, off_slot="extra")  # 14 h after the 09:00 slot: an extra meeting
    clock.advance(20 * 60)  # past midnight
    todo = run.add_todo("Send the recap", small.ann)
    assert todo.due == date(2026, 11, 30)  # a week after the meeting's day, not after "tomorrow"
    run.set_score(small.leads, 51)
    assert db.scores.grid([date(2026, 11, 16)])[(small.leads, date(2026, 11, 16))] == 51  # the week it reports
    again = reopen(small, clock)
    assert again.today == date(2026, 11, 23)
    summary = again.finish(backup=False)
    assert summary.actual_start is not None and summary.actual_end is not None
    assert summary.actual_end > summary.actual_start and summary.length_s == pytest.approx(20 * 60)


def test_planned_start_across_a_dst_change() -> None:
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    rule = "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"
    # Monday 26 Oct 2026, the day after clocks went back: 09:00 in Berlin is 08:00 UTC (it was 07:00 a week before).
    planned = planned_start_for(rule, datetime(2026, 10, 26, 8, 3, tzinfo=UTC), berlin)
    assert planned == datetime(2026, 10, 26, 8, 0, tzinfo=UTC)
    before = planned_start_for(rule, datetime(2026, 10, 19, 7, 3, tzinfo=UTC), berlin)
    assert before == datetime(2026, 10, 19, 7, 0, tzinfo=UTC)


def test_suspended_laptop_does_not_count_as_meeting_time(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    clock.advance(60)
    clock.jump_wall(2 * 3600)  # the lid was closed: wall time moved, the monotonic clock did not
    clock.advance(30)
    assert run.elapsed() == 90 and run.total_elapsed == 90
    run.next_segment()
    assert small.db.meetings.get(run.meeting.id).segments[0].actual_s == 90


def test_a_second_window_takes_over_and_the_first_is_refused(small: Small, clock: FakeClock) -> None:
    first = MeetingRun.open(small.db, clock, tz=UTC)
    clock.advance(30)
    second = MeetingRun.open(open_store(small.db.path, clock), clock, tz=UTC)
    assert second.meeting.id == first.meeting.id
    with pytest.raises(MeetingError, match="opened in another window"):
        first.next_segment()
    assert first.current == 0  # nothing half-done in the refused window
    second.next_segment()
    assert small.db.meetings.get(first.meeting.id).run["current"] == 1
