"""Rock milestones: the domain rules (domain/milestones.py), old records, and the sync merge of a rock's list."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from l10tui.domain import milestones as rules
from l10tui.domain.models import Milestone, Rock
from l10tui.domain.records import from_dict, to_dict
from l10tui.domain.rules import InputError
from l10tui.store.schema import empty_data
from l10tui.sync.merge import check_merged, merge_data

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 23)


def rock(*steps: Milestone, final: Any = None) -> Rock:
    return Rock(id="R-3", created_at=T0, updated_at=T0, title="Launch pricing", owner="P-1", team="TM-1",
                quarter="2026-Q4", milestones=list(steps), final=final)  # fmt: skip


def ms(n: str, due: date, done: bool = False, dropped: bool = False) -> Milestone:
    return Milestone(id=f"R-3.{n}", title=f"Step {n}", due=due, done_at=T0 if done else None, dropped=dropped)


def test_progress_counts_done_of_live_and_says_whether_the_next_is_late() -> None:
    r = rock(
        ms("1", date(2026, 11, 1), done=True),
        ms("2", date(2026, 11, 20), done=True),
        ms("3", date(2026, 11, 21)),  # late: before today and open
        ms("4", date(2026, 12, 4)),
        ms("5", date(2026, 12, 18)),
        ms("6", date(2026, 12, 1), dropped=True),  # does not count
    )
    p = rules.progress(r, TODAY)
    assert (p.done, p.total, p.next_title, p.next_late) == (2, 5, "Step 3", True)
    assert p.text() == "2 of 5 milestones, next 21 Nov LATE"
    assert p.short() == "2/5 late"
    assert rules.progress(r, date(2026, 11, 21)).text() == "2 of 5 milestones, next 21 Nov"
    assert rules.progress(rock(), TODAY).text() == "" and rules.progress(rock(), TODAY).short() == ""


def test_a_milestone_after_the_rocks_quarter_is_refused_in_one_line() -> None:
    rules.check_due(rock(), date(2026, 12, 31))
    with pytest.raises(InputError, match="after R-3's quarter 2026-Q4 ends") as exc:
        rules.check_due(rock(), date(2027, 1, 1))
    assert "\n" not in str(exc.value)


def test_due_within_seven_days_or_late_are_the_owners_todos_open_rocks_only() -> None:
    r = rock(ms("1", date(2026, 11, 20)), ms("2", date(2026, 11, 30)), ms("3", date(2026, 12, 1)),
             ms("4", date(2026, 11, 24), done=True))  # fmt: skip
    todos = rules.due_soon([r], TODAY)
    assert [(t.id, t.late) for t in todos] == [("R-3.1", True), ("R-3.2", False)]  # 1 Dec is 8 days away
    assert todos[0].label() == "Step 1 (milestone of R-3)"
    assert rules.due_soon([r], TODAY, owner="P-9") == []
    assert rules.due_soon([rock(ms("1", TODAY), final="done")], TODAY) == []


def test_milestone_ids() -> None:
    assert rules.is_milestone_id("R-3.2") and rules.is_milestone_id("r3.2") and rules.is_milestone_id("R-3km.4a")
    assert not rules.is_milestone_id("T-3") and not rules.is_milestone_id("R-3")
    assert rules.split_milestone_id("r3.2") == ("R-3", "R-3.2")
    r = rock(ms("1", TODAY), ms("7km", TODAY))
    assert rules.next_milestone_id(r) == "R-3.8" and rules.next_milestone_id(r, "km") == "R-3.8km"


def test_a_rock_stored_before_milestones_reads_with_none() -> None:
    doc = to_dict(rock())
    del doc["milestones"]
    assert from_dict(Rock, doc).milestones == []
    again = from_dict(Rock, to_dict(rock(ms("1", TODAY, done=True))))
    assert again.milestones[0].done_at == T0 and again.milestones[0].due == TODAY


def _store(doc: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = empty_data()
    data["_meta"]["1"]["counters"] = {"R": 3}
    data["rocks"] = {"3": doc}
    return data


def test_sync_merges_milestones_by_id_each_field_newest_wins() -> None:
    base = to_dict(rock(ms("1", date(2026, 12, 4))))

    def side(when: str, change: Any) -> dict[str, Any]:
        doc = copy.deepcopy(base)
        change(doc)
        doc["updated_at"] = when
        doc["_changed"] = {"milestones": when}
        return doc

    def on_a(doc: dict[str, Any]) -> None:  # ticks done, adds
        doc["milestones"][0]["done_at"] = "2026-11-23T10:00:00+00:00"
        doc["milestones"].append(to_dict(ms("2", date(2026, 12, 10))))

    def on_b(doc: dict[str, Any]) -> None:  # rewords, adds R-3.2km (another laptop's id)
        doc["milestones"][0]["title"] = "Pricing page copy"
        doc["milestones"].append(to_dict(ms("2km", date(2026, 12, 11))))

    a = side("2026-11-23T10:00:00+00:00", on_a)
    b = side("2026-11-23T11:00:00+00:00", on_b)
    one = merge_data(_store(base), _store(a), _store(b))
    assert one == merge_data(_store(base), _store(b), _store(a))
    check_merged(Path("l10.json"), one)
    merged = from_dict(Rock, one["rocks"]["3"])
    by_id = {m.id: m for m in merged.milestones}
    assert sorted(by_id) == ["R-3.1", "R-3.2", "R-3.2km"]
    assert by_id["R-3.1"].done_at is not None and by_id["R-3.1"].title == "Pricing page copy"
    # the same field changed on both sides: the newer side's value
    a2 = side("2026-11-23T10:00:00+00:00", lambda d: d["milestones"][0].update(title="From A"))
    b2 = side("2026-11-23T12:00:00+00:00", lambda d: d["milestones"][0].update(title="From B"))
    out = merge_data(_store(base), _store(a2), _store(b2))
    assert out["rocks"]["3"]["milestones"][0]["title"] == "From B"
