"""The life of a to-do across meetings (domain/todo_life.py, called by the engine): done never comes back, review
order is creation order, a to-do made in a meeting is not reviewed in it, not done twice becomes one issue, and
completion counts every to-do that was due."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from tests.meeting.small_store import Small

from l10tui.domain.clock import FakeClock
from l10tui.domain.models import Todo, TodoReview
from l10tui.domain.todo_life import completion, creation_order, due_for_review, id_number
from l10tui.meeting import MeetingError, MeetingRun


def week_later(run: MeetingRun, clock: FakeClock) -> MeetingRun:
    """Finish ``run``, let a week pass, open the next meeting of the same teams."""
    run.finish(backup=False)
    clock.advance(7 * 24 * 3600 - 3600)
    return MeetingRun.open(run.store, clock, tz=UTC)


def ids(run: MeetingRun) -> list[str]:
    return [t.id for t in run.todos_to_review()]


def test_a_todo_ticked_done_in_a_meeting_is_not_reviewed_again(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.review_todo(small.todo_new, True)
    run.review_todo(small.todo_old, False)
    clock.advance(3600)
    nxt = week_later(run, clock)
    assert ids(nxt) == [small.todo_old]  # the done one does not come back (it did: done_at was after the start)
    nxt.review_todo(small.todo_old, True)
    assert nxt.completion().rate == 1.0
    with pytest.raises(MeetingError, match="not due for review"):
        nxt.review_todo(small.todo_new, True)  # the engine refuses, not only the screen


def test_a_todo_ticked_done_between_meetings_is_reported_once(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.review_todo(small.todo_new, False)
    run.review_todo(small.todo_old, False)
    clock.advance(3600)
    run.finish(backup=False)
    clock.advance(2 * 24 * 3600)
    small.db.todos.set_done(small.todo_new)  # `l10 todo done` on Wednesday
    clock.advance(5 * 24 * 3600 - 3600)
    second = MeetingRun.open(small.db, clock, tz=UTC)
    assert small.todo_new in ids(second)
    second.review_todo(small.todo_new, True)
    clock.advance(3600)
    third = week_later(second, clock)
    assert small.todo_new not in ids(third)


def test_review_order_is_creation_order_not_id_text(small: Small, clock: FakeClock, today: date) -> None:
    made = [
        small.db.todos.add(f"Task {n}", owner=small.ann, today=today - timedelta(days=7), team=small.sales)
        for n in range(12)
    ]
    run = MeetingRun.open(small.db, clock, tz=UTC)
    listed = ids(run)
    assert listed == [small.todo_old, small.todo_new, *(t.id for t in made)]
    numbers = [id_number(i) for i in listed]
    assert numbers == sorted(numbers)  # T-2 before T-10, by number


def test_creation_order_breaks_ties_by_id_number() -> None:
    at = datetime(2026, 11, 1, tzinfo=UTC)
    todos = [Todo(id=f"T-{n}", created_at=at, updated_at=at) for n in (10, 2, 1)]
    assert [t.id for t in creation_order(todos)] == ["T-1", "T-2", "T-10"]


def test_a_todo_made_in_a_meeting_is_not_reviewed_in_it(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    todo = run.add_todo("Send the deck", small.dan)
    assert todo.id not in ids(run)
    with pytest.raises(MeetingError, match="made in this meeting"):
        run.review_todo(todo.id, True)
    assert small.db.todos.get(todo.id).reviews == []
    clock.advance(3600)
    nxt = week_later(run, clock)
    assert todo.id in ids(nxt)  # reviewed at the next one


def test_not_done_twice_moves_to_the_issues_list_exactly_once(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.review_todo(small.todo_old, False)  # not done at MT-0 and now here: twice running
    assert [t.id for t in run.not_done_twice()] == [small.todo_old]
    issue = run.drop_to_issues("todo", small.todo_old)
    todo = small.db.todos.get(small.todo_old)
    assert todo.status == "moved" and todo.moved_to == issue.id  # closed as "moved to I-N"
    assert issue.source is not None and (issue.source.kind, issue.source.id) == ("todo", todo.id)  # both ways
    assert issue.title == "To-do not done: Call back Acme"
    assert small.todo_old in ids(run)  # still shown here, with its outcome
    with pytest.raises(MeetingError, match="already moved"):
        run.drop_to_issues("todo", small.todo_old)
    run.goto(5)
    run.solve(issue.id, "Call them Monday")
    clock.advance(3600)
    nxt = week_later(run, clock)
    assert small.todo_old not in ids(nxt) and nxt.not_done_twice() == []
    with pytest.raises(MeetingError, match="already moved"):
        nxt.drop_to_issues("todo", small.todo_old)  # once solved, no second "To-do not done" issue
    titles = [i.title for i in small.db.issues.history() if i.source and i.source.id == small.todo_old]
    assert titles == ["To-do not done: Call back Acme"]


def test_completion_counts_every_todo_due_and_says_how_many_were_not_reviewed(small: Small, clock: FakeClock) -> None:
    run = MeetingRun.open(small.db, clock, tz=UTC)
    run.review_todo(small.todo_new, True)  # Bob's to-do is never reviewed
    done = run.completion()
    assert (done.due, done.done, done.not_reviewed, done.rate) == (2, 1, 1, 0.5)
    summary = run.finish(backup=False)
    assert summary.todo_completion == 0.5 and summary.todos_not_reviewed == 1
    assert any("50% of 2 due" in line and "1 not reviewed" in line for line in summary.lines)


def test_due_for_review_rule() -> None:
    at = datetime(2026, 11, 16, 9, tzinfo=UTC)
    end = at + timedelta(hours=1, minutes=30)
    todo = Todo(id="T-1", created_at=at - timedelta(days=7), updated_at=at)
    assert due_for_review(todo, "MT-2", end)
    todo.status, todo.done_at = "done", at + timedelta(minutes=20)  # ticked during the previous meeting
    assert not due_for_review(todo, "MT-2", end)
    todo.done_at = end + timedelta(days=1)  # ticked between meetings
    assert due_for_review(todo, "MT-2", end)
    todo.reviews = [TodoReview("MT-1", True)]  # a meeting already heard it was done
    assert not due_for_review(todo, "MT-2", end)
    assert due_for_review(Todo(id="T-2", created_at=at, updated_at=at, reviews=[TodoReview("MT-2", True)]), "MT-2", end)
    assert not due_for_review(Todo(id="T-3", created_at=at, updated_at=at, created_in_meeting="MT-2"), "MT-2", end)
    assert completion([True, False, None]).describe() == "33% of 3 done (1 not reviewed)"
    assert completion([]).rate is None
