"""The merge of one table, record by record (docs/SYNC.md "The merge: record by record"): added on both sides, kept;
removed on one side and unchanged on the other, removed; changed on both, field by field, a status moving together
with its fields by the table's rule (:data:`STATUS_GROUPS`); one number per measurable and week."""

from __future__ import annotations

from typing import Any

from l10tui.domain.ids import TAG_BASE
from l10tui.domain.models import ID_PREFIX
from l10tui.store.repo import FIELD_TIMES

from .errors import MergeError
from .notes import MergeNotes
from .values import merge_present, merge_value, ordered_union
from .when import MISSING, a_wins_ties, field_a_newer, merge_times

# table -> (the fields that change together with the status, the status field, how far along each value is)
STATUS_GROUPS: dict[str, tuple[tuple[str, ...], str, dict[Any, int]]] = {
    "issues": (
        ("status", "ended_at", "end_reason", "merged_into"),
        "status",
        {"open": 0, "long-term": 1, "solved": 2, "dropped": 2, "merged": 2},
    ),
    "todos": (("status", "done_at"), "status", {"open": 0, "done": 1}),
    "meetings": (("state", "actual_end"), "state", {"in-progress": 0, "finished": 1}),
    "rocks": (("final",), "final", {None: 0, "done": 1, "not-done": 1}),
    # a goal is its direction and its one or two numbers: a range's two ends never mix with another side's ">= N"
    "measurables": (("op", "goal", "goal_high"), "op", {">=": 0, "<=": 0, "==": 0, "range": 0}),
}


def _status_fields(
    table: str, o: dict[str, Any], a: dict[str, Any], b: dict[str, Any], a_newer: bool
) -> tuple[tuple[str, ...], dict[str, Any]]:
    """The table's status fields, and their values taken together from one side: the side that changed them; if
    both did, the further-along status, then the side that changed them last."""
    group = STATUS_GROUPS.get(table)
    if group is None:
        return (), {}
    fields, status, rank = group
    a_changed = any(a.get(f, MISSING) != o.get(f, MISSING) for f in fields)
    b_changed = any(b.get(f, MISSING) != o.get(f, MISSING) for f in fields)
    if a_changed and b_changed:
        ra, rb = rank.get(a.get(status), 0), rank.get(b.get(status), 0)
        winner = a if ra > rb else b if rb > ra else (a if field_a_newer(a, b, fields, a_newer) else b)
    else:
        winner = b if b_changed else a
    return fields, {f: winner[f] for f in fields if f in winner}


def merge_record(table: str, o: dict[str, Any], a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """One record changed on both sides, merged field by field (status fields together, by their rules)."""
    a_newer = a_wins_ties(a, b)
    out: dict[str, Any] = {}
    fields, chosen = _status_fields(table, o, a, b, a_newer)
    done: set[str] = {"updated_at", *fields}
    for key in ordered_union(a, b):
        if key in chosen:
            out[key] = chosen[key]
        elif key == "updated_at":
            out[key] = a[key] if a_newer and key in a else b.get(key, a.get(key))
        elif key == FIELD_TIMES:
            out[key] = merge_times(a.get(key), b.get(key))
        elif key not in done:
            value = merge_value(
                o.get(key, MISSING), a.get(key, MISSING), b.get(key, MISSING), field_a_newer(a, b, (key,), a_newer)
            )
            if value is not MISSING:
                out[key] = value
    return out


def _key_order(key: str) -> tuple[int, int]:
    n = int(key) if key.isdigit() else 0
    return n % TAG_BASE, n // TAG_BASE


def merge_table(
    name: str, o: dict[str, Any], a: dict[str, Any], b: dict[str, Any], notes: MergeNotes
) -> dict[str, Any]:
    """One table of the store (its documents by key) merged record by record."""
    out: dict[str, Any] = {}
    for key in sorted(set(o) | set(a) | set(b), key=_key_order):
        ov, av, bv = o.get(key, MISSING), a.get(key, MISSING), b.get(key, MISSING)
        if av is not MISSING and bv is not MISSING and av != bv:
            if ov is MISSING and av.get("created_at") != bv.get("created_at"):
                rid = str(av.get("id", f"{name}[{key}]"))[:40]
                raise MergeError(
                    f"{rid} was created on both sides as two different records (two replicas share a device tag?)"
                )
            if ov is not MISSING and av != ov and bv != ov and name in ID_PREFIX:
                notes.both_changed.append(str(av.get("id", key))[:20])
            value = merge_record(name, ov if ov is not MISSING else {}, av, bv)
        else:
            value = merge_present(ov, av, bv, True)
        if value is not MISSING:
            out[key] = value
    return out


def one_score_per_week(scores: dict[str, Any]) -> dict[str, Any]:
    """A measurable has one number a week: when two laptops entered it for the same week, the newest entry stays
    (a score is a value, not a record of work; the store's own ``score set`` corrects it in place the same way)."""
    best: dict[tuple[str, str], str] = {}
    for key, doc in scores.items():
        slot = (str(doc.get("measurable")), str(doc.get("week")))
        other = best.get(slot)
        if other is None or not a_wins_ties(scores[other], doc):
            best[slot] = key
    keep = set(best.values())
    return {key: doc for key, doc in scores.items() if key in keep}
