"""The three-way merge of two store files, record by record (the git merge driver and ``l10 sync`` both use it).

Rules (docs/SYNC.md):

* a record added on either side is kept; one removed on one side (moved to an archive year) and unchanged on the
  other is removed; one removed on one side and changed on the other is kept (a live copy wins over an archived one);
* a record changed on one side takes that change; changed on both, it is merged field by field: a field changed on
  one side takes that side's value, a field changed on both takes the value of the side that changed it last (the
  store keeps when each field last changed, ``_changed``; else the record's ``updated_at``), ties broken by the
  record's ``updated_at`` and then by comparing the two sides' JSON (so every replica picks the same one);
* a status and the fields that go with it (an issue's status, when and why it ended; a to-do's done and done-at) move
  together, and when both sides changed them the further-along status wins (solved beats open, done beats open), so
  a solved issue does not reopen because the other side edited its title;
* lists are merged as sets (what either side added is kept, what one side removed is removed); lists of objects
  with an identity (ratings by person, discussions by issue, rock weeks by week) are merged item by item;
* ``_meta``: counters take the maximum; everything derived from the records is recomputed in one place,
  :func:`recompute_derived`.

The result is checked with the store's own parser and record checks before anyone writes it: a merge never produces
a file ``l10`` would refuse (:class:`MergeError` otherwise, and git reports a conflict).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import orjson

from l10tui.domain.ids import TAG_BASE, split_key
from l10tui.domain.models import ID_PREFIX
from l10tui.store.codec import check_records, parse, serialise
from l10tui.store.errors import StoreError
from l10tui.store.funnel import SETTING as FUNNEL
from l10tui.store.funnel import merge_setting
from l10tui.store.repo import FIELD_TIMES
from l10tui.store.schema import META, MIGRATIONS, SCHEMA_VERSION, Data

K = TypeVar("K")


def printable(text: str) -> str:
    """Text from git or from another laptop's store, safe to print: no control, bidi or zero-width characters."""
    return " ".join("".join(ch for ch in text if ch.isprintable()).split())


class MergeError(Exception):
    """The two sides cannot be merged into a store ``l10`` would accept; ``str()`` says why, in one line."""

    def __init__(self, message: str) -> None:
        super().__init__(printable(message))


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()

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
# fields that identify an item of a list of objects, tried in this order
IDENTITY_FIELDS = ("id", "person", "issue", "meeting", "week", "name")


@dataclass
class MergeNotes:
    """What a merge did that a person may want to know (reported by ``l10 sync``)."""

    both_changed: list[str] = field(default_factory=list)  # ids merged field by field
    meetings_twice: list[list[str]] = field(default_factory=list)  # one team's week run on two laptops


def _dumps(value: Any) -> bytes:
    if value is MISSING:
        return b""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def _parse_instant(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _instant(doc: dict[str, Any]) -> datetime | None:
    return _parse_instant(doc.get("updated_at"))


def _newer(ta: datetime | None, tb: datetime | None) -> bool | None:
    """True if ``ta`` is later, False if ``tb`` is, None when they cannot tell."""
    if ta is None or tb is None or ta == tb:
        return None
    try:
        return ta > tb
    except TypeError:  # one naive, one aware
        return None


def a_wins_ties(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when side A's change is the newer one: newest ``updated_at``, then the larger JSON (deterministic)."""
    newer = _newer(_instant(a), _instant(b))
    return newer if newer is not None else _dumps(a) >= _dumps(b)


def field_time(doc: dict[str, Any], names: Iterable[str]) -> datetime | None:
    """When any of ``names`` last changed in ``doc`` (the store keeps per-field times in ``_changed``; a field never
    changed since the record was made dates from its creation)."""
    times = doc.get(FIELD_TIMES)
    times = times if isinstance(times, dict) else {}
    found = [t for t in (_parse_instant(times.get(n)) for n in names) if t is not None]
    if not found:
        return _parse_instant(doc.get("created_at"))
    try:
        return max(found)
    except TypeError:
        return found[-1]


def _field_a_newer(a: dict[str, Any], b: dict[str, Any], names: Iterable[str], record_a_newer: bool) -> bool:
    names = tuple(names)
    newer = _newer(field_time(a, names), field_time(b, names))
    return newer if newer is not None else record_a_newer


def _merge_times(a: Any, b: Any) -> dict[str, Any]:
    out: dict[str, Any] = dict(a) if isinstance(a, dict) else {}
    for name, value in b.items() if isinstance(b, dict) else ():
        mine = out.get(name)
        if (
            mine is None
            or _newer(_parse_instant(value), _parse_instant(mine))
            or (_newer(_parse_instant(value), _parse_instant(mine)) is None and str(value) > str(mine))
        ):
            out[name] = value
    return out


# -- values ----------------------------------------------------------------------------------------------------


def merge_value(o: Any, a: Any, b: Any, a_newer: bool) -> Any:
    """Three-way merge of one value (MISSING where a side does not have it)."""
    if a == b:
        return a
    if a == o:
        return b
    if b == o:
        return a
    if isinstance(a, dict) and isinstance(b, dict):
        return _merge_dict(o if isinstance(o, dict) else {}, a, b, a_newer)
    if isinstance(a, list) and isinstance(b, list):
        return merge_list(o if isinstance(o, list) else [], a, b, a_newer)
    return a if a_newer else b


def _merge_dict(o: dict[str, Any], a: dict[str, Any], b: dict[str, Any], a_newer: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in _ordered_union(a, b):
        value = merge_value(o.get(key, MISSING), a.get(key, MISSING), b.get(key, MISSING), a_newer)
        if value is not MISSING:
            out[key] = value
    return out


def _ordered_union(*dicts: Iterable[K]) -> list[K]:
    seen: dict[K, None] = {}
    for d in dicts:
        for key in d:
            seen.setdefault(key, None)
    return list(seen)


def _identity(*lists: list[Any]) -> str | None:
    items = [item for lst in lists for item in lst]
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    for name in IDENTITY_FIELDS:
        if all(name in item and isinstance(item[name], str | int) for item in items) and all(
            len({_dumps(item[name]) for item in lst}) == len(lst) for lst in lists
        ):
            return name
    return None


def merge_list(o: list[Any], a: list[Any], b: list[Any], a_newer: bool) -> list[Any]:
    """What either side added is kept, what one side removed (and the other left alone) is removed."""
    ident = _identity(o, a, b)
    if ident is not None:
        return _merge_keyed(o, a, b, ident, a_newer)
    if not a_newer:  # the newer side's order first, so both replicas of a merge get the same list
        a, b = b, a
    in_o = {_dumps(x) for x in o}
    in_a = {_dumps(x) for x in a}
    in_b = {_dumps(x) for x in b}
    out: list[Any] = []
    seen: set[bytes] = set()
    for item in a:
        k = _dumps(item)
        if k not in seen and (k in in_b or k not in in_o):
            out.append(item)
            seen.add(k)
    for item in b:
        k = _dumps(item)
        if k not in seen and k not in in_a and k not in in_o:
            out.append(item)
            seen.add(k)
    return out


def _merge_keyed(o: list[Any], a: list[Any], b: list[Any], ident: str, a_newer: bool) -> list[Any]:
    def index(lst: list[Any]) -> dict[bytes, Any]:
        return {_dumps(item[ident]): item for item in lst}

    io, ia, ib = index(o), index(a), index(b)
    out: list[Any] = []
    for k in _ordered_union(ia, ib) if a_newer else _ordered_union(ib, ia):
        value = _merge_present(io.get(k, MISSING), ia.get(k, MISSING), ib.get(k, MISSING), a_newer)
        if value is not MISSING:
            out.append(value)
    return out


def _merge_present(o: Any, a: Any, b: Any, a_newer: bool) -> Any:
    """An item (or record) that may be absent on a side: absent + unchanged -> absent; absent + changed -> kept."""
    if a is MISSING and b is MISSING:
        return MISSING
    if a is MISSING:
        return MISSING if b == o else b
    if b is MISSING:
        return MISSING if a == o else a
    return merge_value(o if o is not MISSING else {}, a, b, a_newer)


# -- records ---------------------------------------------------------------------------------------------------


def merge_record(table: str, o: dict[str, Any], a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """One record changed on both sides, merged field by field (status fields together, by their rules)."""
    a_newer = a_wins_ties(a, b)
    out: dict[str, Any] = {}
    done: set[str] = {"updated_at"}
    group = STATUS_GROUPS.get(table)
    chosen: dict[str, Any] = {}
    if group is not None:
        fields, status, rank = group
        a_changed = any(a.get(f, MISSING) != o.get(f, MISSING) for f in fields)
        b_changed = any(b.get(f, MISSING) != o.get(f, MISSING) for f in fields)
        if a_changed and b_changed:
            ra, rb = rank.get(a.get(status), 0), rank.get(b.get(status), 0)
            winner = a if ra > rb else b if rb > ra else (a if _field_a_newer(a, b, fields, a_newer) else b)
        else:
            winner = b if b_changed else a
        chosen = {f: winner[f] for f in fields if f in winner}
        done.update(fields)
    for key in _ordered_union(a, b):
        if key in chosen:
            out[key] = chosen[key]
        elif key == "updated_at":
            out[key] = a[key] if a_newer and key in a else b.get(key, a.get(key))
        elif key == FIELD_TIMES:
            out[key] = _merge_times(a.get(key), b.get(key))
        elif key not in done:
            value = merge_value(
                o.get(key, MISSING), a.get(key, MISSING), b.get(key, MISSING), _field_a_newer(a, b, (key,), a_newer)
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
            value = _merge_present(ov, av, bv, True)
        if value is not MISSING:
            out[key] = value
    return out


# -- the whole file --------------------------------------------------------------------------------------------


def _meta(data: Data) -> dict[str, Any]:
    meta: dict[str, Any] = data[META]["1"]
    return meta


def upgrade(data: Data, what: str) -> Data:
    """Bring one side to this version's schema (a side written by a newer l10 cannot be merged here)."""
    version = _meta(data).get("schema_version", 1)
    if version > SCHEMA_VERSION:
        raise MergeError(f"{what} was written by a newer l10tui (schema {version}); upgrade l10tui on this machine")
    data = copy.deepcopy(data)
    for v in range(version, SCHEMA_VERSION):
        step = MIGRATIONS.get(v)
        if step is None:
            raise MergeError(f"{what} has schema {v}, which this version cannot upgrade")
        data = step(data)
        _meta(data)["schema_version"] = v + 1
    return data


# Tables that belong to one laptop, not to the company's history: the undo history (store/changes.py) names
# this laptop's own changes under keys it mints itself, so two laptops' entries would collide. A merge keeps ours.
LOCAL_TABLES = frozenset({"_changes"})


def merge_data(base: Data | None, ours: Data, theirs: Data, notes: MergeNotes | None = None) -> Data:
    """The merge of two versions of one store file (live or an archive year) that share ``base``."""
    notes = notes if notes is not None else MergeNotes()
    o = upgrade(base, "the common version") if base is not None else {}
    a = upgrade(ours, "our version")
    b = upgrade(theirs, "their version")
    out: Data = {}
    for name in _ordered_union(a, b):
        if name == META:
            continue
        if name in LOCAL_TABLES:  # this laptop's own undo history: never merged (keys are minted per laptop)
            if name in a:
                out[name] = a[name]
            continue
        out[name] = merge_table(name, o.get(name, {}), a.get(name, {}), b.get(name, {}), notes)
    if "scores" in out:
        out["scores"] = one_score_per_week(out["scores"])
    om = o.get(META, {}).get("1", {})
    am, bm = _meta(a), _meta(b)
    meta = _merge_dict(om, am, bm, _dumps(am) >= _dumps(bm))
    _whole_settings(meta, om, am, bm)
    counters: dict[str, int] = {}
    for side in (om, am, bm):
        for prefix, n in (side.get("counters") or {}).items():
            if isinstance(n, int) and not isinstance(n, bool):
                counters[prefix] = max(counters.get(prefix, 0), n)
    meta["counters"] = counters
    meta["schema_version"] = SCHEMA_VERSION
    merged: Data = {META: {"1": meta}, **out}
    recompute_derived(merged, notes)
    return merged


def _whole_settings(meta: dict[str, Any], om: dict[str, Any], am: dict[str, Any], bm: dict[str, Any]) -> None:
    """Settings that are one choice, never merged item by item: the funnel (the one set last wins whole)."""
    sides = [(m.get("settings") or {}).get(FUNNEL, MISSING) for m in (om, am, bm)]
    if sides[1] is MISSING and sides[2] is MISSING:
        return
    value = merge_setting(*sides)
    settings = meta.setdefault("settings", {})
    if value is MISSING:
        settings.pop(FUNNEL, None)
    else:
        settings[FUNNEL] = value


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


def recompute_derived(data: Data, notes: MergeNotes | None = None) -> None:
    """Everything in ``_meta`` that is computed from the records, recomputed after a merge: THE place to extend
    (an archive manifest, yearly summaries, digests). Today: the id counters cover every record in the file, and
    meetings of one team in one week run on two laptops are flagged (``_meta.sync.meetings_twice``)."""
    meta = _meta(data)
    counters: dict[str, int] = meta.setdefault("counters", {})
    for name, prefix in ID_PREFIX.items():
        top = max((split_key(int(k))[0] for k in data.get(name, {}) if k.isdigit()), default=0)
        if top > counters.get(prefix, 0):
            counters[prefix] = top
    twice = meetings_twice(data.get("meetings", {}).values())
    found = meta.get("sync")
    sync_meta: dict[str, Any] = found if isinstance(found, dict) else {}
    known = [list(g) for g in sync_meta.get("meetings_twice", []) if isinstance(g, list)]
    for group in twice:
        if group not in known:
            known.append(group)
            if notes is not None:
                notes.meetings_twice.append(group)
    if known:
        meta["sync"] = {**sync_meta, "meetings_twice": known}


def flagged_meetings(meta: dict[str, Any]) -> list[list[str]]:
    """The groups of meetings of one team's week run on two laptops, as the last merge flagged them."""
    found = meta.get("sync")
    groups = found.get("meetings_twice") if isinstance(found, dict) else None
    if not isinstance(groups, list):
        return []
    return [[str(i) for i in g] for g in groups if isinstance(g, list)]


def _week(doc: dict[str, Any]) -> tuple[int, int] | None:
    for name in ("actual_start", "planned_start", "created_at"):
        value = doc.get(name)
        if isinstance(value, str) and len(value) >= 10:
            try:
                year, week, _day = date.fromisoformat(value[:10]).isocalendar()
            except ValueError:
                continue
            return year, week
    return None


def _tag(record_id: str) -> str:
    return record_id[len(record_id.rstrip("abcdefghijklmnopqrstuvwxyz")) :]


def meetings_twice(docs: Iterable[dict[str, Any]]) -> list[list[str]]:
    """Groups of meeting ids of the same team(s) in the same week minted on different laptops, oldest first."""
    groups: dict[tuple[Any, ...], list[str]] = {}
    for doc in docs:
        week = _week(doc)
        teams = doc.get("teams")
        rid = doc.get("id")
        if week is None or not isinstance(teams, list) or not isinstance(rid, str):
            continue
        groups.setdefault((tuple(sorted(map(str, teams))), week), []).append(rid)
    out = []
    for ids in groups.values():
        if len(ids) > 1 and len({_tag(i) for i in ids}) > 1:
            out.append(sorted(ids))
    return sorted(out)


def check_merged(path: Path, data: Data) -> bytes:
    """The merged file's bytes, after checking that ``l10`` would read it back (else MergeError)."""
    try:
        payload = serialise(data)
        back = parse(path, payload)
        if _meta(back)["schema_version"] == SCHEMA_VERSION:
            check_records(path, back)
    except (StoreError, TypeError, ValueError) as exc:
        raise MergeError(f"the merge of {path.name} would not be a valid store: {exc}") from None
    return payload


def parse_side(path: Path, raw: bytes, what: str) -> Data | None:
    """One side of a merge as git hands it over (None for an empty base: the file was added on both sides)."""
    if not raw.strip():
        return None
    try:
        return parse(path, raw)
    except StoreError as exc:
        raise MergeError(f"{what} of {path.name} is not a store file: {exc}") from None
