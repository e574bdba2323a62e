"""The three-way merge of two store files, record by record (the git merge driver and ``l10 sync`` both use it).

Rules (docs/SYNC.md), each in its own module:

* a record added on either side is kept; one removed on one side (moved to an archive year) and unchanged on the
  other is removed; one removed on one side and changed on the other is kept (a live copy wins over an archived one);
  a record changed on one side takes that change; changed on both, it is merged field by field (:mod:`.records`);
* a field changed on both takes the value of the side that changed it last (the store keeps when each field last
  changed, ``_changed``; else the record's ``updated_at``), ties broken by the record's ``updated_at`` and then by
  comparing the two sides' JSON, so every replica picks the same one (:mod:`.when`);
* a status and the fields that go with it (an issue's status, when and why it ended; a to-do's done and done-at) move
  together, and when both sides changed them the further-along status wins (solved beats open, done beats open), so
  a solved issue does not reopen because the other side edited its title (:data:`.records.STATUS_GROUPS`);
* lists are merged as sets (what either side added is kept, what one side removed is removed); lists of objects
  with an identity (ratings by person, discussions by issue, rock weeks by week) are merged item by item
  (:mod:`.values`);
* ``_meta``: counters take the maximum (:mod:`.meta`); everything derived from the records is recomputed in one
  place, :func:`.derived.recompute_derived`.

This module merges whole files: both sides brought to this version's schema, every table merged, and the result
checked with the store's own parser and record checks before anyone writes it: a merge never produces a file ``l10``
would refuse (:class:`MergeError` otherwise, and git reports a conflict).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import NamedTuple

from l10tui.store.codec import check_records, parse, serialise
from l10tui.store.errors import StoreError
from l10tui.store.schema import META, MIGRATIONS, SCHEMA_VERSION, Data

from .derived import recompute_derived
from .errors import MergeError
from .meta import merge_meta, meta_of
from .notes import MergeNotes
from .records import merge_table, one_score_per_week
from .values import merge_list, ordered_union

# Tables that belong to one laptop, not to the company's history: the undo history (store/changes.py) names
# this laptop's own changes under keys it mints itself, so two laptops' entries would collide. A merge keeps ours.
LOCAL_TABLES = frozenset({"_changes"})

# how a merge's three sides are named in its messages (git's merge driver and a sync)
SIDES = ("the common version", "our version", "their version")


def upgrade(data: Data, what: str) -> Data:
    """Bring one side to this version's schema (a side written by a newer l10 cannot be merged here)."""
    version = meta_of(data).get("schema_version", 1)
    if version > SCHEMA_VERSION:
        raise MergeError(f"{what} was written by a newer l10tui (schema {version}); upgrade l10tui on this machine")
    data = copy.deepcopy(data)
    for v in range(version, SCHEMA_VERSION):
        step = MIGRATIONS.get(v)
        if step is None:
            raise MergeError(f"{what} has schema {v}, which this version cannot upgrade")
        data = step(data)
        meta_of(data)["schema_version"] = v + 1
    return data


def merge_data(base: Data | None, ours: Data, theirs: Data, notes: MergeNotes | None = None) -> Data:
    """The merge of two versions of one store file (live or an archive year) that share ``base``."""
    notes = notes if notes is not None else MergeNotes()
    o = upgrade(base, SIDES[0]) if base is not None else {}
    a = upgrade(ours, SIDES[1])
    b = upgrade(theirs, SIDES[2])
    out: Data = {}
    for name in ordered_union(a, b):
        if name == META:
            continue
        if name in LOCAL_TABLES:  # this laptop's own undo history: never merged (keys are minted per laptop)
            if name in a:
                out[name] = a[name]
            continue
        out[name] = merge_table(name, o.get(name, {}), a.get(name, {}), b.get(name, {}), notes)
    if "scores" in out:
        out["scores"] = one_score_per_week(out["scores"])
    meta = merge_meta(o.get(META, {}).get("1", {}), meta_of(a), meta_of(b))
    merged: Data = {META: {"1": meta}, **out}
    recompute_derived(merged, notes)
    return merged


def check_merged(path: Path, data: Data) -> bytes:
    """The merged file's bytes, after checking that ``l10`` would read it back (else MergeError)."""
    try:
        payload = serialise(data)
        back = parse(path, payload)
        if meta_of(back)["schema_version"] == SCHEMA_VERSION:
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


class Side(NamedTuple):
    """One side of a merge as bytes: the file it was read from and how a refusal names it."""

    path: Path
    raw: bytes
    what: str


def merge_bytes(base: Side | None, ours: Side, theirs: Side, *, empty: str, notes: MergeNotes | None = None) -> bytes:
    """Three versions of one store file merged into checked bytes (``empty``: the refusal when our or their side is
    empty). MergeError when they cannot be merged."""
    o = parse_side(*base) if base is not None else None
    a = parse_side(*ours)
    b = parse_side(*theirs)
    if a is None or b is None:
        raise MergeError(empty)
    return check_merged(ours.path, merge_data(o, a, b, notes))


__all__ = [
    "LOCAL_TABLES",
    "MergeError",
    "MergeNotes",
    "Side",
    "check_merged",
    "merge_bytes",
    "merge_data",
    "merge_list",
    "parse_side",
    "recompute_derived",
    "upgrade",
]
