"""A change that is not saved leaves the run as it was (issue 12, item 12's re-run).

Another l10 took the meeting out of the store (`l10 doctor --restore <backup> --force`, or a second store object
removing it); every action then fails at its save. Old code: ``_change`` re-read the record with ``get``, which
raised for the missing meeting before the run's state was put back, so e.g. ``n`` moved ``current`` on (the bar and
the agenda showed "3/7 Rock review" while the store, and the body, were still at the Scorecard)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC
from typing import Any

import pytest
from tests.meeting.small_store import Small

from l10tui.domain.clock import FakeClock
from l10tui.domain.records import to_dict
from l10tui.meeting import IDS, MeetingError, MeetingRun
from l10tui.store import StoreError, open_store
from l10tui.store.doctor.restore import restore_backup


def _in_ids(small: Small, clock: FakeClock) -> MeetingRun:
    """A meeting in IDS with something in every part of the run: a pick, an issue being discussed, its notes."""
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.goto(IDS)
    run.pick(1, small.issue_s1)
    run.start_issue(small.issue_s1)
    run.set_notes(small.issue_s1, identify="leads come from the wrong list")
    clock.advance(40)
    return run


def _remove_meeting(small: Small, clock: FakeClock, run: MeetingRun) -> None:
    """A second store object (another l10) deletes the meeting's record."""
    other = open_store(small.db.path, clock)
    with other.transaction():
        other.table("meetings").remove(doc_ids=[int(run.meeting.id.split("-")[1])])
    assert open_store(small.db.path, clock).meetings.find(run.meeting.id) is None


def _state(run: MeetingRun) -> tuple[dict[str, Any], dict[str, Any]]:
    """The run's checkpoint as it would be written (its timers read now), and its meeting record."""
    checkpoint = {k: v for k, v in copy.deepcopy(run._run_dict()).items() if k not in ("saved_at", "saved_ts")}
    checkpoint["acc"] = [round(run.elapsed(i), 3) for i in range(len(run.meeting.segments))]
    checkpoint["issue_acc"] = {k: round(run.issue_elapsed(k), 3) for k in checkpoint["issue_acc"]}
    return checkpoint, to_dict(run.meeting)


ACTIONS: dict[str, Callable[[MeetingRun, Small], object]] = {
    "next": lambda run, s: run.next_segment(),
    "previous": lambda run, s: run.prev_segment(),
    "goto": lambda run, s: run.goto(0),
    "pause": lambda run, s: run.toggle_pause(),
    "attendance": lambda run, s: run.set_attendance(s.bob, False),
    "segue notes": lambda run, s: run.set_segue_notes("a good week"),
    "score": lambda run, s: run.set_score(s.leads, 51),
    "rock": lambda run, s: run.set_rock(s.rock_s, "off"),
    "headline": lambda run, s: run.add_headline("customer", "Acme renewed", s.ann),
    "review to-do": lambda run, s: run.review_todo(s.todo_new, True),
    "add to-do": lambda run, s: run.add_todo("Send the deck", s.ann),
    "add issue": lambda run, s: run.add_issue("Pricing page is stale", s.sales),
    "pick": lambda run, s: run.pick(2, s.issue_s2),
    "unpick": lambda run, s: run.unpick(1),
    "start issue": lambda run, s: run.start_issue(s.issue_s2),
    "close issue": lambda run, s: run.close_current_issue(),
    "notes": lambda run, s: run.set_notes(s.issue_s1, discuss="buy a better list"),
    "solve": lambda run, s: run.solve(s.issue_s1, "buy a better list"),
    "drop": lambda run, s: run.drop_issue(s.issue_s1),
    "long term": lambda run, s: run.long_term(s.issue_s1),
    "merge": lambda run, s: run.merge(s.issue_s2, s.issue_s1),
    "message": lambda run, s: run.add_message("Tell support"),
    "rate": lambda run, s: run.rate(s.ann, 9),
    "finish": lambda run, s: run.finish(backup=False),
    "checkpoint": lambda run, s: run.checkpoint(),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_an_action_on_a_meeting_gone_from_the_store_changes_nothing_in_the_run(
    small: Small, clock: FakeClock, action: str
) -> None:
    run = _in_ids(small, clock)
    _remove_meeting(small, clock, run)
    before = _state(run)
    with pytest.raises((StoreError, MeetingError)):
        ACTIONS[action](run, small)
    assert _state(run) == before
    assert not run.finished


def test_a_refused_next_keeps_the_segment_and_its_clock(small: Small, clock: FakeClock) -> None:
    """The re-run's case: Scorecard, the store restored from a backup taken before the meeting, then ``n``."""
    backup = small.db.backup()
    assert backup is not None
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.next_segment()  # Scorecard
    clock.advance(30)
    restore_backup(small.db.path, str(backup), clock.now(), force=True)  # `l10 doctor --restore ... --force`
    with pytest.raises(StoreError, match=f"no meeting {run.meeting.id}"):
        run.next_segment()
    assert run.current == 1 and run.segment_name == "Scorecard"
    assert [s.current for s in run.segments()] == [False, True] + [False] * 5
    clock.advance(10)
    assert run.elapsed() == 40  # the time of the refused change still counts in the Scorecard
    assert run.elapsed(2) == 0


def test_a_failed_change_while_the_meeting_is_still_stored_rereads_it(small: Small, clock: FakeClock) -> None:
    """Unchanged: when the store still has the meeting, the run takes the stored record (what is saved)."""
    first = _in_ids(small, clock)
    second = MeetingRun.open(open_store(small.db.path, clock), clock, tz=UTC)  # another window takes it over
    with pytest.raises(MeetingError, match="opened in another window"):
        first.add_message("Tell support")
    assert first.meeting.cascading_messages == [] and first.current == IDS and first.issue == small.issue_s1
    assert first.meeting.run["writer"] == second.writer
