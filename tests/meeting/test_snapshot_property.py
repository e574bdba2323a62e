"""Property: random weeks of meetings, between-meeting edits (what the CLI does) and to-do outcomes. After a meeting's
Finish its export never changes again, and every completion figure equals a plain recount from the snapshots."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.meeting.small_store import build_small
from tests.meeting.test_snapshot import export

from l10tui import report
from l10tui.domain.clock import FakeClock
from l10tui.meeting import MeetingRun
from l10tui.store import open_store

# one week: edits between meetings, then a meeting (to-do outcomes: True done, False not done, None not reviewed)
Edit = st.one_of(
    st.tuples(st.just("score"), st.integers(0, 2), st.integers(-1, 0), st.integers(0, 200)),
    st.tuples(st.just("rock"), st.integers(0, 1), st.sampled_from(["on", "off"])),
    st.tuples(st.just("done"), st.integers(0, 5)),
    st.tuples(st.just("todo"), st.integers(0, 3)),
)
Week = st.tuples(
    st.lists(Edit, max_size=4),
    st.lists(st.sampled_from([True, False, None]), max_size=6),
    st.booleans(),  # a second meeting the same week
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(weeks=st.lists(Week, min_size=2, max_size=4))
def test_finished_exports_never_change_and_completion_is_a_recount(
    weeks: list[tuple[list[tuple[object, ...]], list[bool | None], bool]],
) -> None:
    clock = FakeClock(wall=datetime(2026, 11, 2, 9, 0, tzinfo=UTC), mono=1000.0)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_store(Path(tmp) / "l10.json", clock)
        small = build_small(db, clock.today())
        people = [small.ann, small.bob, small.cat, small.dan]
        frozen: dict[str, tuple[str, str]] = {}
        for edits, outcomes, twice in weeks:
            for edit in edits:
                kind = edit[0]
                if kind == "score":
                    m = [small.leads, small.calls, small.revenue][int(edit[1])]  # type: ignore[call-overload]
                    db.scores.set(m, clock.today(), float(edit[3]))  # type: ignore[arg-type]
                elif kind == "rock":
                    db.rocks.set_status([small.rock_s, small.rock_m][int(edit[1])], str(edit[2]), clock.today())  # type: ignore[call-overload]
                elif kind == "done":
                    open_ones = db.todos.open()
                    if open_ones:
                        db.todos.set_done(open_ones[int(edit[1]) % len(open_ones)].id)  # type: ignore[call-overload]
                else:
                    db.todos.add("Task", owner=people[int(edit[1])], today=clock.today())  # type: ignore[call-overload]
                clock.advance(60)
            for _ in range(2 if twice else 1):
                run = MeetingRun.open(db, clock, tz=UTC, off_slot="extra")
                for todo, outcome in zip(run.todos_to_review(), outcomes, strict=False):
                    if outcome is not None:
                        run.review_todo(todo.id, outcome)
                run.add_todo("Follow up", small.cat)
                clock.advance(1800)
                run.finish(backup=False)
                frozen[run.meeting.id] = export(db, run.meeting.id)
                for mid, before in frozen.items():
                    assert export(db, mid) == before, mid
                clock.advance(3600)
            clock.advance(7 * 24 * 3600 - 2 * 3600 - 60 * len(edits))
        lk = report.Lookup.from_store(db)
        for m in db.meetings.finished():
            todos = m.snapshot["todos"]
            recount = {
                "due": len(todos),
                "done": sum(t["outcome"] == "done" for t in todos),
                "not_reviewed": sum(t["outcome"] == "not reviewed" for t in todos),
            }
            assert m.snapshot["completion"] == recount
            row = report.summarise(m, lk)
            assert row.todos_counted == recount["due"] and row.todos_done == recount["done"]
            # and a to-do reported done at one meeting is never due again at a later one
        done_at: dict[str, str] = {}
        for m in sorted(db.meetings.finished(), key=lambda m: m.actual_start or m.created_at):
            for t in m.snapshot["todos"]:
                assert t["id"] not in done_at, (t["id"], done_at.get(t["id"]), m.id)
                if t["outcome"] == "done":
                    done_at[t["id"]] = m.id
