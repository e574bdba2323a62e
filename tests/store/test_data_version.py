"""``Store.data_version(*tables)``: what the meeting's checkpoints key their kept reads on (issue 12). It must differ
after every change that can alter those tables' records in memory, and may stay the same after a change to
another table's records (the checkpoint's own write of its meeting record)."""

from __future__ import annotations

from tests.meeting.small_store import Small

from l10tui.domain.clock import FakeClock
from l10tui.store import open_store


def test_what_changes_the_version_of_the_todos(small_meeting: Small, late_clock: FakeClock) -> None:
    small, clock = small_meeting, late_clock
    db = small.db
    v = db.data_version("todos")
    assert db.data_version("todos") == v  # asked again: the same

    issue = db.issues.get(small.issue_s1)
    issue.title = "Leads arrive without a phone number"
    db.issues.save(issue)  # another table's record
    assert db.data_version("todos") == v

    todo = db.todos.get(small.todo_new)
    todo.title = "Call the printer today"
    db.todos.save(todo)  # a to-do changed here
    assert db.data_version("todos") != v
    v = db.data_version("todos")

    db.set_setting("company", "Nordwind")  # not a table's record: counts for every table
    assert db.data_version("todos") != v
    v = db.data_version("todos")

    open_store(db.path, clock).headlines.add("Acme signed", kind="customer", by=small.ann)  # another l10
    with db.transaction():  # re-reads the replaced file
        pass
    assert db.data_version("todos") != v
    v = db.data_version("todos")

    try:
        with db.transaction():
            todo = db.todos.get(small.todo_new)
            todo.title = "never saved"
            db.todos.save(todo)
            raise RuntimeError("the change fails")
    except RuntimeError:
        pass
    db.todos.all()  # the failed change's data was dropped: read again
    assert db.data_version("todos") != v
    assert db.todos.get(small.todo_new).title == "Call the printer today"
