"""The room follows the facilitator through the store; attendees rate and vote from their own seats.

Fails on the code before issue 15: there was no focus checkpoint, no throttle, no observer, no seats service, and
the facilitator's checkpoint wrote its own copy of the ratings over an attendee's.
"""

from __future__ import annotations

from datetime import UTC

import pytest
from tests.meeting.small_store import Small

from l10tui.domain.clock import FakeClock
from l10tui.domain.models import Rating
from l10tui.meeting import CONCLUDE, IDS, MeetingError, MeetingRun
from l10tui.meeting.room import room_snapshot
from l10tui.meeting.throttle import Throttle
from l10tui.store import open_store, seats
from l10tui.store.seats import SeatError, merge_ratings


def test_throttle_leading_then_trailing_edge() -> None:
    now = [0.0]
    t = Throttle(lambda: now[0], 0.5)
    assert not t.due()  # nothing noted
    t.note()
    assert t.due()  # the first change goes out at once
    writes = 0
    for _ in range(8):  # a held arrow key: eight moves in one second
        now[0] += 0.125
        t.note()
        writes += t.due()
    assert writes == 2  # at 0.5 s and 1.0 s, not eight
    now[0] += 0.125
    assert not t.due()  # the last move was written at 1.0 s
    t.note()
    assert not t.due()
    now[0] += 0.5
    assert t.due()  # a pending change is written once the interval passed (trailing edge)
    t.note()
    t.written()  # another checkpoint carried it
    assert not t.due()


def test_focus_is_checkpointed_throttled(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.goto(1)
    commits = small.db.commits
    for key in [small.revenue, small.leads, small.calls, small.conv] * 3:  # a held arrow key, 12 moves in 0.6 s
        run.note_focus(key)
        run.tick()
        clock.advance(0.05)
    assert small.db.commits - commits <= 2
    clock.advance(0.5)
    run.tick()  # the trailing write: the room sees where the cursor stopped
    stored = small.db.meetings.get(run.meeting.id)
    assert stored.run["focus"] == small.conv


def test_observer_never_writes_and_runs_the_timer_on(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    clock.advance(30)
    run.goto(1)
    clock.advance(12)
    before = small.db.path.read_bytes()
    other = open_store(small.db.path, clock)
    watcher = MeetingRun.observe(other, clock, other.meetings.get(run.meeting.id))
    assert watcher.current == 1
    assert watcher.elapsed() == pytest.approx(12, abs=0.01)  # counted from the checkpoint's wall time
    clock.advance(3)
    assert watcher.elapsed() == pytest.approx(15, abs=0.01)
    with pytest.raises(MeetingError):
        watcher.next_segment()
    with pytest.raises(MeetingError):
        watcher.checkpoint()
    assert small.db.path.read_bytes() == before


def test_merge_ratings_keeps_both_sides() -> None:
    base = [Rating("P-1", 9), Rating("P-2")]
    mine = [Rating("P-1", 7, comment="late"), Rating("P-2")]  # the facilitator changed P-1
    theirs = [Rating("P-1", 9), Rating("P-2", 8), Rating("P-3", 10)]  # attendees rated P-2 and P-3
    merged = {r.person: r for r in merge_ratings(base, mine, theirs)}
    assert merged["P-1"].score == 7 and merged["P-2"].score == 8 and merged["P-3"].score == 10


def test_seat_rating_survives_the_facilitators_checkpoint(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.goto(CONCLUDE)
    cli = open_store(small.db.path, clock)  # another process: `l10 rate 9 --as Bob`
    seats.rate(cli, "Bob", 9)
    seats.rate(cli, "Ann", 6, why="we ran over")
    run.rate(small.cat, 8)  # the facilitator, who has not refreshed yet, rates Cat: Bob's and Ann's stay
    clock.advance(25)
    run.tick()
    got = {r.person: r for r in small.db.meetings.get(run.meeting.id).ratings}
    assert got[small.bob].score == 9 and got[small.ann].comment == "we ran over" and got[small.cat].score == 8
    assert {r.person: r.score for r in run.ratings()}[small.bob] == 9  # and the facilitator's screen shows them
    seats.rate(cli, "Dan", 10)
    assert run.sync_seats()
    assert {r.person: r.score for r in run.ratings()}[small.dan] == 10


@pytest.mark.parametrize(
    ("segment", "who", "score", "why", "match"),
    [
        (1, "Bob", 9, "", "ratings are given in Conclude"),
        (CONCLUDE, "Dan", 9, "", "marked absent"),
        (CONCLUDE, "Bob", 6, "", "made it a 10"),
        (CONCLUDE, "Bob", 11, "", "1 to 10"),
        (CONCLUDE, "Nobody", 9, "", "Nobody"),
    ],
)
def test_rate_refusals_change_nothing(
    small: Small, clock: FakeClock, segment: int, who: str, score: int, why: str, match: str
) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.set_attendance(small.dan, False)
    run.goto(segment)
    before = small.db.path.read_bytes()
    with pytest.raises(Exception, match=match):
        seats.rate(open_store(small.db.path, clock), who, score, why)
    assert small.db.path.read_bytes() == before


def test_votes_from_seats(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    cli = open_store(small.db.path, clock)
    before = small.db.path.read_bytes()
    with pytest.raises(SeatError, match="votes are taken in IDS"):
        seats.vote(cli, small.issue_s1, "Ann")
    assert small.db.path.read_bytes() == before
    run.goto(IDS)
    seats.vote(cli, small.issue_s1, "Ann")
    seats.vote(cli, small.issue_s1, "Cat")
    seats.vote(cli, small.issue_m1, "Ann")
    before = small.db.path.read_bytes()
    with pytest.raises(SeatError, match="already voted"):
        seats.vote(cli, small.issue_s1, "Ann")
    seats.vote(cli, small.issue_m2, "Ann")
    before = small.db.path.read_bytes()
    with pytest.raises(SeatError, match="voted for 3 issues"):
        seats.vote(cli, small.issue_s2, "Ann")
    assert small.db.path.read_bytes() == before
    run.pick(1, small.issue_s1)  # the facilitator's checkpoint keeps the votes it had not seen yet
    assert run.votes_for(small.issue_s1) == 2
    assert run.take_seat_news() and not run.take_seat_news()  # the screen redraws once
    assert small.db.meetings.get(run.meeting.id).run["votes"][small.issue_s1] == [small.ann, small.cat]


def test_room_snapshot_follows(small: Small, clock: FakeClock) -> None:
    watcher_db = open_store(small.db.path, clock)
    snap = room_snapshot(watcher_db, clock)
    assert snap.state == "waiting"
    assert snap.message.startswith("Waiting for Sales + Marketing's meeting to start")
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.goto(IDS)
    seats.vote(small.db, small.issue_m1, "Dan")
    run.sync_seats()
    run.pick(1, small.issue_m1)
    run.start_issue(small.issue_m1)
    clock.advance(40)
    before = small.db.path.read_bytes()
    snap = room_snapshot(watcher_db, clock)
    assert snap.state == "live" and snap.current == IDS
    assert snap.focus == small.issue_m1 and snap.issue_seconds(clock.monotonic()) == pytest.approx(40, abs=0.01)
    row = next(r for r in snap.rows if r.key == small.issue_m1)
    assert row.cells[1] == "#1" and row.cells[3] == "1 vote"
    run.goto(CONCLUDE)
    run.rate(small.ann, 9)
    run.finish(backup=False)
    snap = room_snapshot(watcher_db, clock)
    assert snap.state == "finished" and any("Rating: 9.0" in line for line in snap.summary)
    assert small.db.path.read_bytes() != before  # (the facilitator wrote; the watcher never did)
