"""A leaver's work handed over one by one (issue 20): each open to-do, rock and measurable with its own new owner,
in one change undone as one; refused, with nothing written, when an item has no owner, is not theirs, or goes to
someone who left. Fails on the code before (only "one person for all" existed)."""

from __future__ import annotations

from datetime import date

import pytest

from l10tui.store import Conflict, L10Store, changes
from l10tui.store.handover import hand_over_each, open_work, work_items

TODAY = date(2026, 11, 23)


@pytest.fixture
def company(db: L10Store) -> L10Store:
    sales = db.teams.add("Sales").id
    for name in ("Ann", "Bob", "Tom", "Zed"):
        db.people.add(name, [sales])
    tom = db.people.lookup("Tom").id
    db.todos.add("Call Acme back", owner=tom, today=TODAY)  # T-1
    db.todos.add("Send the price list", owner=tom, today=TODAY)  # T-2
    db.rocks.add("Hire two AEs", owner=tom, team=sales, quarter="2026-Q4")
    db.measurables.add("Calls", owner=tom, goal=5)  # M-1
    zed = db.people.lookup("Zed")
    db.people.change(zed.id, active=False)
    return db


def ids(db: L10Store, *names: str) -> list[str]:
    return [db.people.lookup(n).id for n in names]


def test_each_item_to_its_own_owner_in_one_undoable_change(company: L10Store) -> None:
    tom, ann, bob = ids(company, "Tom", "Ann", "Bob")
    before = company.path.read_bytes()
    assert [i for i, _ in work_items(open_work(company, tom, TODAY))] == ["T-1", "T-2", "R-1", "M-1"]
    handed = hand_over_each(company, tom, TODAY, to=ann, give={"t-2": bob, "R-1": bob})
    assert handed.owners == {"T-1": ann, "T-2": bob, "R-1": bob, "M-1": ann}
    assert company.todos.get("T-1").owner == ann and company.todos.get("T-2").owner == bob
    assert company.rocks.get("R-1").owner == bob and company.measurables.get("M-1").owner == ann
    assert company.people.get(tom).active is False
    assert changes.entries(company)[0].name == "Tom left; work to Ann and Bob"
    assert changes.undo(company) == ["Tom left; work to Ann and Bob"]
    assert company.path.read_bytes() == before  # the store as it was
    assert company.people.get(tom).active and company.todos.get("T-2").owner == tom
    assert company.rocks.get("R-1").owner == tom and company.measurables.get("M-1").owner == tom


def test_one_by_one_without_a_default_gives_every_item(company: L10Store) -> None:
    tom, ann, bob = ids(company, "Tom", "Ann", "Bob")
    give = {"T-1": ann, "T-2": bob, "R-1": ann, "M-1": bob}
    assert hand_over_each(company, tom, TODAY, give=give).owners == give


@pytest.mark.parametrize(
    ("to", "give", "message"),
    [
        (None, {"T-1": "Ann"}, "nobody takes T-2, R-1, M-1"),
        ("Ann", {"T-9": "Bob"}, "T-9 is not Tom's open work"),
        ("Ann", {"R-1": "Zed"}, "Zed has left and cannot own work; active people: Ann, Bob, Tom"),
        ("Zed", {}, "Zed has left"),
        ("Ann", {"M-1": "Tom"}, "Tom cannot hand their work to themselves"),
    ],
)
def test_refusals_write_nothing(company: L10Store, to: str | None, give: dict[str, str], message: str) -> None:
    tom = company.people.lookup("Tom").id
    before = company.path.read_bytes()
    with pytest.raises(Conflict, match=message):
        hand_over_each(
            company,
            tom,
            TODAY,
            to=company.people.lookup(to).id if to else None,
            give={k: company.people.lookup(v).id for k, v in give.items()},
        )
    assert company.path.read_bytes() == before
