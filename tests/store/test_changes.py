"""The store's history of changes: undo, reopen, edit, retire/reorder, hand-over, the day's first backup.

All of these fail on the code before issue #20 (no history, no reopen of closed issues/rocks, no edit, no hand-over).
"""

from __future__ import annotations

from datetime import date

import orjson
import pytest
from tests.store.store_helpers import reopen

from l10tui.domain.clock import FakeClock
from l10tui.store import Conflict, L10Store, changes
from l10tui.store.backups import list_backups
from l10tui.store.handover import hand_over, open_work

TODAY = date(2026, 11, 23)


@pytest.fixture
def company(db: L10Store) -> L10Store:
    sales = db.teams.add("Sales").id
    db.people.add("Ann", [sales])
    db.people.add("Tom", [sales])
    db.issues.add("Leads go cold", team=sales)
    db.issues.add("Pricing page", team=sales)
    return db


def test_each_change_is_named_and_undone_newest_first(company: L10Store) -> None:
    company.issues.drop("I-1", "duplicate")
    company.todos.add("Call Bob", owner="P-1", today=TODAY)
    names = [c.name for c in changes.entries(company)]
    assert names[:2] == ["added T-1", "dropped I-1"]
    assert changes.undo(company, 2) == ["added T-1", "dropped I-1"]
    assert company.todos.find("T-1") is None
    assert company.issues.get("I-1").status == "open"
    # the undo is not itself recorded, and ids are never handed out again
    assert changes.entries(company)[0].name == "added I-2"
    assert company.todos.add("Again", owner="P-1", today=TODAY).id == "T-2"


def test_undo_never_overwrites_a_change_made_elsewhere(company: L10Store, clock: FakeClock) -> None:
    company.issues.drop("I-1")
    other = reopen(company.path, clock)
    other.keep_history = False  # e.g. an older l10, or a hand edit
    other.issues.edit("I-1", title="Leads go cold fast")
    before = company.path.read_bytes()
    with pytest.raises(Conflict, match="I-1 was changed since"):
        changes.undo(company)
    assert company.path.read_bytes() == before


def test_undo_of_nothing_and_too_many(db: L10Store) -> None:
    with pytest.raises(Conflict, match="nothing to undo"):
        changes.undo(db)
    db.teams.add("Sales")
    with pytest.raises(Conflict, match="only 1 change"):
        changes.undo(db, 5)


def test_history_is_bounded_and_survives_reopen(company: L10Store, clock: FakeClock) -> None:
    for i in range(changes.KEEP + 5):
        company.issues.edit("I-2", details=f"v{i}")
    data = orjson.loads(company.path.read_bytes())
    assert len(data["_changes"]) == changes.KEEP
    company.issues.edit("I-2", details="x" * 3000)  # bigger entries: the history keeps to its size
    for i in range(60):
        company.issues.edit("I-1", details=f"{i}" + "y" * 3000)
    data = orjson.loads(company.path.read_bytes())
    assert len(orjson.dumps(data["_changes"])) <= changes.MAX_BYTES * 1.1
    assert 10 < len(data["_changes"]) < 60
    again = reopen(company.path, clock)
    assert changes.undo(again) == ["edited I-1"]
    assert again.issues.get("I-1").details == "58" + "y" * 3000


def test_company_rename_is_undone(db: L10Store) -> None:
    db.set_setting("company", "Acme")
    db.set_setting("company", "Acme Ltd")
    changes.undo(db)
    assert db.setting("company") == "Acme"


def test_reopen_dropped_merged_solved_keeps_who_and_when(company: L10Store, clock: FakeClock) -> None:
    company.people.get("P-1")
    company.issues.edit("I-1", raised_by="P-2", raised_by_team="TM-1")
    company.issues.drop("I-1", "duplicate")
    clock.jump_wall(86400)
    back = company.issues.reopen("I-1")
    assert (back.status, back.raised_by, back.ended_at, back.end_reason) == ("open", "P-2", None, "")
    assert back.notes == "reopened 2026-11-24; had been dropped on 2026-11-23: duplicate"
    assert back.created_at.date() == TODAY
    company.issues.merge("I-1", "I-2")
    assert "(merged I-1" in company.issues.get("I-2").details
    back = company.issues.reopen("I-1")
    assert back.merged_into is None and "(merged I-1" not in company.issues.get("I-2").details
    company.issues.solve("I-1", "done")
    assert company.issues.reopen("I-1").status == "open"
    with pytest.raises(Conflict, match="already open"):
        company.issues.reopen("I-1")


def test_rock_reopen_and_edit(company: L10Store) -> None:
    rock = company.rocks.add("CRM live", owner="P-1", team="TM-1", quarter="2026-Q4")
    company.rocks.set_status(rock.id, "on", TODAY)
    company.rocks.set_status(rock.id, "done", TODAY)
    back = company.rocks.reopen(rock.id)
    assert back.final is None and [h.status for h in back.history] == ["on"]
    moved = company.rocks.edit(rock.id, owner="P-2", quarter="2027-Q1", title="CRM live everywhere")
    assert (moved.owner, moved.quarter, moved.due, moved.title) == (
        "P-2",
        "2027-Q1",
        date(2027, 3, 31),
        "CRM live everywhere",
    )
    with pytest.raises(Conflict, match="not closed"):
        company.rocks.reopen(rock.id)


def test_todo_edit(company: L10Store) -> None:
    todo = company.todos.add("Call Bob", owner="P-1", today=TODAY)
    changed = company.todos.edit(todo.id, title="Call Bob back", owner="P-2", due=date(2026, 12, 4))
    assert (changed.title, changed.owner, changed.due) == ("Call Bob back", "P-2", date(2026, 12, 4))
    assert changes.entries(company)[0].name == "reworded and reassigned and moved T-1"


def test_measurables_retire_and_reorder(company: L10Store) -> None:
    a = company.measurables.add("Leads", owner="P-1", goal=10)
    b = company.measurables.add("Calls", owner="P-1", goal=5)
    company.scores.set(a.id, TODAY, 12)
    company.measurables.move(b.id, 1)
    assert [m.name for m in company.measurables.ordered()] == ["Calls", "Leads"]
    company.measurables.retire(a.id)
    assert [m.name for m in company.measurables.for_team(None)] == ["Calls"]
    assert company.scores.matching(measurable=a.id)[0].value == 12  # history keeps its numbers
    assert [m.name for m in company.measurables.ordered(retired=True)] == ["Calls", "Leads"]
    company.measurables.retire(a.id, retired=False)
    assert changes.undo(company) == ["restored M-1 Leads"]


def test_hand_over_moves_open_work_and_refuses_leavers(company: L10Store) -> None:
    tom = company.people.lookup("Tom")
    ann = company.people.lookup("Ann")
    company.todos.add("Open one", owner=tom.id, today=TODAY)
    done = company.todos.add("Done one", owner=tom.id, today=TODAY)
    company.todos.set_done(done.id)
    company.rocks.add("This quarter", owner=tom.id, team="TM-1", quarter="2026-Q4")
    company.rocks.add("Next quarter", owner=tom.id, team="TM-1", quarter="2027-Q1")
    company.rocks.add("Last quarter", owner=tom.id, team="TM-1", quarter="2026-Q3")
    company.measurables.add("Calls", owner=tom.id, goal=5)
    assert open_work(company, tom.id, TODAY).summary() == "1 to-do, 2 rocks, 1 measurable"
    moved = hand_over(company, tom.id, ann.id, TODAY)
    assert moved.count == 4
    assert company.todos.get(done.id).owner == tom.id  # finished work stays theirs
    assert [r.owner for r in company.rocks.all()] == [ann.id, ann.id, tom.id]
    assert company.people.get(tom.id).active is False
    with pytest.raises(Conflict, match="Tom has left and cannot own work; active people: Ann"):
        company.people.owner("Tom")
    with pytest.raises(Conflict, match="has left"):
        hand_over(company, ann.id, tom.id, TODAY)
    assert changes.entries(company)[0].name == "Tom left; work to Ann"
    changes.undo(company)
    assert company.people.get(tom.id).active and company.todos.get("T-1").owner == tom.id


def test_a_backup_before_the_first_change_of_each_day(db: L10Store, clock: FakeClock) -> None:
    db.daily_backup = True  # as the CLI and the app open it
    db.teams.add("Sales")  # the file did not exist yet: nothing to copy
    assert list_backups(db.path) == []
    first = db.path.read_bytes()
    db.teams.add("Marketing")
    db.teams.add("Ops")
    found = list_backups(db.path)
    assert len(found) == 1 and found[0].read_bytes() == first
    clock.jump_wall(86400)
    db.teams.add("Finance")
    assert len(list_backups(db.path)) == 2


def test_a_huge_change_is_named_but_not_kept(company: L10Store) -> None:
    with company.change("imported numbers"):
        for week in range(changes.MAX_RECORDS + 1):
            company.scores.set("M-1", date.fromordinal(TODAY.toordinal() - 7 * week), 1.0)
    assert changes.entries(company)[0].name == "imported numbers"
    with pytest.raises(Conflict, match="too much to keep"):
        changes.undo(company)
