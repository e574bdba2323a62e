"""The room's snapshot is written with every checkpoint (twice a second while the cursor moves); it keeps the store's
to-dos, headlines and previous meeting it filters while the store's data version says they are the same (issue 12).
Kept reads must never show the room an old state: after every kind of change, the snapshot equals one built from
nothing kept."""

from __future__ import annotations

from typing import Any

import pytest
from tests.meeting.small_store import Small

from l10tui.domain.clock import FakeClock
from l10tui.meeting import MeetingRun
from l10tui.store import open_store


def snapshot(run: MeetingRun) -> dict[str, Any]:
    """The snapshot the last checkpoint wrote."""
    found = run.store.meetings.find(run.meeting.id)
    assert found is not None
    return found.snapshot


def unkept(run: MeetingRun) -> dict[str, Any]:
    """The snapshot built now with nothing kept (the reference)."""
    run._reads_kept = None
    return run._snapshot()


def test_the_reads_are_built_once_while_nothing_changes(
    small: Small, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = MeetingRun.open(small.db, clock)
    built: list[int] = []
    repo = type(small.db.todos)
    real = repo.all
    monkeypatch.setattr(repo, "all", lambda self: (built.append(1), real(self))[1])
    for row in ("a", "b", "c", "d", "e"):  # the cursor moves: a checkpoint each (the meeting record changes)
        run.note_focus(row)
        clock.advance(1.0)
        assert run.tick()
    assert built == []  # the to-dos read when the meeting opened serve all five (before: built five times)
    small.db.todos.add("Call the printer", owner=small.ann, today=clock.today(), team=small.sales)
    run.note_focus("f")
    clock.advance(1.0)
    assert run.tick()
    assert built == [1]  # a to-do changed: read again once


def test_every_change_shows_in_the_next_snapshot(small: Small, clock: FakeClock) -> None:
    db = small.db
    run = MeetingRun.open(db, clock)
    run.checkpoint()
    first = snapshot(run)

    # a change made here, in this store: a to-do for a Sales member, a headline
    db.todos.add("Call the printer", owner=small.ann, today=clock.today(), team=small.sales)
    db.headlines.add("Acme signed", kind="customer", by=small.ann, team=small.sales)
    run.checkpoint()
    assert snapshot(run) != first
    assert "Call the printer" in [t["title"] for t in snapshot(run)["todos"]]
    assert snapshot(run) == unkept(run)

    # a change another l10 made (read again under the lock by the checkpoint)
    other = open_store(db.path, clock)
    other.headlines.add("Lost Globex", kind="customer", by=small.bob, team=small.sales)
    todo = other.todos.get(small.todo_new)
    todo.status, todo.done_at = "done", clock.now()
    other.todos.save(todo)
    clock.advance(1.0)
    run.checkpoint()
    assert snapshot(run) == unkept(run)
    assert "Lost Globex" in str(snapshot(run))

    # the engine's own change (a review) and a change of who is expected (attendance)
    run.review_todo(small.todo_old, False)
    run.set_attendance(small.bob, False)
    assert snapshot(run) == unkept(run)

    # a setting (not a table's record) and an undo
    db.set_setting("company", "Nordwind")
    run.checkpoint()
    assert snapshot(run) == unkept(run)
