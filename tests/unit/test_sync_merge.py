"""The record-by-record merge (sync/merge.py), on data: no git needed."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from l10tui.domain.ids import parse_key
from l10tui.store.schema import SCHEMA_VERSION, empty_data
from l10tui.sync.merge import MergeError, MergeNotes, check_merged, merge_data, merge_list, recompute_derived

T0 = "2026-11-23T09:00:00+00:00"
T1 = "2026-11-23T10:00:00+00:00"
T2 = "2026-11-23T11:00:00+00:00"
T3 = "2026-11-23T12:00:00+00:00"


def issue(key: str, title: str, **fields: Any) -> dict[str, Any]:
    rid = key if key.startswith("I-") else f"I-{key}"
    doc = {"id": rid, "created_at": T0, "updated_at": T0, "title": title, "team": "TM-1", "status": "open"}
    doc.update(fields)
    return doc


def store(*issues: dict[str, Any], counters: dict[str, int] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = empty_data()
    data["_meta"]["1"]["counters"] = counters or {}
    data["issues"] = {}
    for doc in issues:
        data["issues"][str(parse_key(doc["id"], "I"))] = doc
    return data


def edit(doc: dict[str, Any], when: str, **fields: Any) -> dict[str, Any]:
    """As Repo.save stores it: the fields, updated_at, and when each field changed."""
    out = copy.deepcopy(doc)
    times = dict(out.get("_changed", {}))
    for name, value in fields.items():
        out[name] = value
        times[name] = when
    out["updated_at"] = when
    out["_changed"] = times
    return out


def both_ways(o: Any, a: Any, b: Any) -> dict[str, Any]:
    one, two = merge_data(o, a, b), merge_data(o, b, a)
    assert one == two  # every replica gets the same result, whichever side it is on
    check_merged(Path("l10.json"), one)
    return one


def test_records_added_on_both_sides_are_all_kept() -> None:
    base = store(issue("1", "old"))
    a = store(issue("1", "old"), issue("2", "from a"), counters={"I": 2})
    b = store(issue("1", "old"), issue("I-2km", "from b"), counters={"I": 2})
    out = both_ways(base, a, b)
    assert {d["title"] for d in out["issues"].values()} == {"old", "from a", "from b"}
    assert out["_meta"]["1"]["counters"]["I"] == 2


def test_a_change_on_one_side_is_taken() -> None:
    base = store(issue("1", "old"))
    a = store(edit(issue("1", "old"), T1, title="new"))
    out = both_ways(base, a, copy.deepcopy(base))
    assert out["issues"]["1"]["title"] == "new"


def test_changed_on_both_sides_merges_field_by_field_newest_change_of_each_field_wins() -> None:
    doc = issue("1", "old", details="d0")
    base = store(doc)
    a = edit(edit(doc, T1, title="a's title"), T3, details="a's details")  # a: title early, details late
    b = edit(doc, T2, title="b's title", details="b's details")  # b: both at T2
    out = both_ways(base, store(a), store(b))["issues"]["1"]
    assert out["title"] == "b's title"  # b changed the title later than a did
    assert out["details"] == "a's details"  # a changed the details later than b did
    assert out["updated_at"] == T3
    assert out["_changed"] == {"title": T2, "details": T3}


def test_a_tie_is_broken_the_same_way_on_every_replica() -> None:
    doc = issue("1", "old")
    base = store(doc)
    out = both_ways(base, store(edit(doc, T1, title="x")), store(edit(doc, T1, title="y")))
    assert out["issues"]["1"]["title"] in ("x", "y")


def test_a_solved_issue_does_not_reopen_because_the_other_side_edited_its_title() -> None:
    doc = issue("1", "old")
    base = store(doc)
    a = edit(doc, T1, status="solved", ended_at=T1, solution="fixed")
    b = edit(doc, T2, title="new title")
    out = both_ways(base, store(a), store(b))["issues"]["1"]
    assert (out["status"], out["ended_at"], out["title"], out["solution"]) == ("solved", T1, "new title", "fixed")


def test_when_both_change_the_status_the_further_along_one_wins_even_if_older() -> None:
    doc = issue("1", "old")
    a = edit(doc, T1, status="solved", ended_at=T1)
    b = edit(doc, T2, status="long-term")
    out = both_ways(store(doc), store(a), store(b))["issues"]["1"]
    assert out["status"] == "solved" and out["ended_at"] == T1


def test_a_todo_done_on_one_side_is_done() -> None:
    todo = {"id": "T-1", "created_at": T0, "updated_at": T0, "title": "x", "owner": "P-1", "status": "open"}
    base = {**empty_data(), "todos": {"1": todo}}
    a = {**empty_data(), "todos": {"1": edit(todo, T1, status="done", done_at=T1)}}
    b = {**empty_data(), "todos": {"1": edit(todo, T2, title="y", due="2026-12-01")}}
    out = both_ways(base, a, b)["todos"]["1"]
    assert (out["status"], out["done_at"], out["title"]) == ("done", T1, "y")


def test_lists_are_unions_and_a_removal_on_one_side_is_kept() -> None:
    doc = issue("1", "old", meetings=["MT-1"], todos=["T-1", "T-2"])
    a = edit(doc, T1, meetings=["MT-1", "MT-2"], todos=["T-1"])  # a removed T-2
    b = edit(doc, T2, meetings=["MT-1", "MT-3km"])
    out = both_ways(store(doc), store(a), store(b))["issues"]["1"]
    assert sorted(out["meetings"]) == ["MT-1", "MT-2", "MT-3km"]
    assert out["todos"] == ["T-1"]


def test_lists_of_objects_merge_item_by_item() -> None:
    o = [{"person": "P-1", "score": None}, {"person": "P-2", "score": None}]
    a = [{"person": "P-1", "score": 8}, {"person": "P-2", "score": None}]
    b = [{"person": "P-1", "score": None}, {"person": "P-2", "score": 9}, {"person": "P-3", "score": 7}]
    assert merge_list(o, a, b, True) == [
        {"person": "P-1", "score": 8},
        {"person": "P-2", "score": 9},
        {"person": "P-3", "score": 7},
    ]


def test_a_record_archived_on_one_side_and_changed_on_the_other_stays_live() -> None:
    doc = issue("1", "old")
    gone = store()
    changed = store(edit(doc, T1, title="changed"))
    out = both_ways(store(doc), gone, changed)
    assert out["issues"]["1"]["title"] == "changed"
    untouched = both_ways(store(doc), gone, store(doc))
    assert untouched["issues"] == {}


def test_counters_take_the_maximum_and_cover_every_record() -> None:
    a = store(issue("1", "x"), counters={"I": 5, "T": 2})
    b = store(issue("1", "x"), issue("9", "y"), counters={"I": 3, "T": 7})
    out = both_ways(store(issue("1", "x")), a, b)
    assert out["_meta"]["1"]["counters"] == {"I": 9, "T": 7}
    data = store(issue("4", "z"), counters={})
    recompute_derived(data)
    assert data["_meta"]["1"]["counters"]["I"] == 4


def test_one_id_minted_twice_is_refused_not_mixed() -> None:
    a = store(issue("2", "from a"))
    b = store(issue("2", "from b", created_at=T1))
    with pytest.raises(MergeError, match="I-2 was created on both sides"):
        merge_data(store(), a, b)


def test_a_side_from_a_newer_version_is_refused() -> None:
    newer = store()
    newer["_meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    with pytest.raises(MergeError, match="newer l10tui"):
        merge_data(store(), store(), newer)


def test_a_merge_never_produces_a_file_l10_would_refuse() -> None:
    bad = store(edit(issue("1", "x"), T1, status="exploded"))  # not a status l10 knows
    with pytest.raises(MergeError, match="would not be a valid store"):
        check_merged(Path("l10.json"), merge_data(store(issue("1", "x")), bad, store(issue("1", "x"))))


def test_one_teams_meeting_in_one_week_on_two_laptops_is_kept_twice_and_flagged() -> None:
    def meeting(rid: str, day: str) -> dict[str, Any]:
        return {"id": rid, "created_at": T0, "updated_at": T0, "teams": ["TM-1"], "actual_start": day}

    a = {**empty_data(), "meetings": {"3": meeting("MT-3", "2026-11-23T09:00:00+00:00")}}
    b = {**empty_data(), "meetings": {str(parse_key("MT-3km", "MT")): meeting("MT-3km", "2026-11-24T09:00:00+00:00")}}
    notes = MergeNotes()
    out = merge_data(None, a, b, notes)
    assert len(out["meetings"]) == 2
    assert out["_meta"]["1"]["sync"]["meetings_twice"] == [["MT-3", "MT-3km"]]
    assert notes.meetings_twice == [["MT-3", "MT-3km"]]
    check_merged(Path("l10.json"), out)


def test_one_measurables_number_entered_for_one_week_on_two_laptops_keeps_the_newest() -> None:
    def score(rid: str, value: float, when: str) -> dict[str, Any]:
        return {
            "id": rid,
            "created_at": when,
            "updated_at": when,
            "measurable": "M-1",
            "week": "2026-11-23",
            "value": value,
        }

    a = {**empty_data(), "scores": {"4": score("S-4", 10.0, T1)}}
    b = {**empty_data(), "scores": {str(parse_key("S-4km", "S")): score("S-4km", 12.0, T2)}}
    out = both_ways(None, a, b)
    assert [d["value"] for d in out["scores"].values()] == [12.0]


def test_each_laptops_undo_history_stays_its_own() -> None:
    """Both laptops number their undo entries from the same key: merged as records they would collide and the
    sync would be refused. The merge keeps our side's history and never mixes theirs in."""
    from l10tui.sync.merge import merge_data

    def side(entry: str) -> dict[str, object]:
        return {
            "_meta": {"1": {"schema_version": 2, "counters": {}}},
            "_changes": {"1": {"name": entry, "created_at": entry}},
        }

    base = {"_meta": {"1": {"schema_version": 2, "counters": {}}}}
    merged = merge_data(base, side("dropped I-1"), side("added I-2"))
    assert merged["_changes"] == {"1": {"name": "dropped I-1", "created_at": "dropped I-1"}}


def test_a_goal_moves_as_one_and_a_note_on_a_number_merges_like_any_field() -> None:
    """Issue 19: a measurable's goal is its direction and its one or two numbers; changed on two laptops, the
    later change wins whole (never a ">=" with the other side's range top); a note and a trailing choice merge
    field by field like any other field."""
    m = {
        "id": "M-1",
        "created_at": T0,
        "updated_at": T0,
        "name": "Demos",
        "owner": "P-1",
        "goal": 12.0,
        "op": ">=",
    }
    base = {**empty_data(), "measurables": {"1": m}}
    a = edit(m, T1, op="range", goal=10.0, goal_high=16.0, trailing="avg4")
    b = edit(m, T2, goal=14.0)  # later, only the number
    out = both_ways(base, {**empty_data(), "measurables": {"1": a}}, {**empty_data(), "measurables": {"1": b}})
    merged = out["measurables"]["1"]
    assert (merged["op"], merged["goal"], merged.get("goal_high")) == (">=", 14.0, None)
    assert merged["trailing"] == "avg4"  # only a changed it
    score = {"id": "S-1", "created_at": T0, "updated_at": T0, "measurable": "M-1", "week": "2026-11-16", "value": 5.0}
    sa = edit(score, T1, note="webinar week")
    sb = edit(score, T2, value=6.0)
    out = both_ways(
        {**empty_data(), "scores": {"1": score}},
        {**empty_data(), "scores": {"1": sa}},
        {**empty_data(), "scores": {"1": sb}},
    )
    assert (out["scores"]["1"]["value"], out["scores"]["1"]["note"]) == (6.0, "webinar week")


def _with_funnel(data: dict[str, Any], stages: list[str] | None, when: str) -> dict[str, Any]:
    out = copy.deepcopy(data)
    if stages is not None:
        value = {"stages": [{"measurable": m, "team": "TM-1"} for m in stages], "set_at": when}
        out["_meta"]["1"].setdefault("settings", {})["funnel"] = value
    return out


def test_the_funnel_set_last_wins_whole() -> None:
    """Two laptops that each set a funnel: the one set last is kept whole, never a mix of both stage lists (a
    list merge would have kept M-1, M-2, M-3, M-4 and M-5). Fails before issue #18."""
    base = _with_funnel(store(), ["M-1", "M-2"], T0)
    ours = _with_funnel(base, ["M-1", "M-3", "M-4"], T2)
    theirs = _with_funnel(base, ["M-5", "M-2"], T1)
    for a, b in ((ours, theirs), (theirs, ours)):
        merged = merge_data(base, a, b)
        assert merged["_meta"]["1"]["settings"]["funnel"] == ours["_meta"]["1"]["settings"]["funnel"]
    # Changed on one side only: that side's.
    merged = merge_data(base, base, theirs)
    assert merged["_meta"]["1"]["settings"]["funnel"] == theirs["_meta"]["1"]["settings"]["funnel"]
    # Set on one side, never on the other: kept.
    merged = merge_data(store(), store(), _with_funnel(store(), ["M-1", "M-2"], T1))
    assert [s["measurable"] for s in merged["_meta"]["1"]["settings"]["funnel"]["stages"]] == ["M-1", "M-2"]
