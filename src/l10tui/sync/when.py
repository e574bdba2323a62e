"""Which side changed last: the instants a merge compares (a record's ``updated_at``, the store's per-field
``_changed`` times) and the tie-breaks that make every replica pick the same side (docs/SYNC.md)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import orjson

from l10tui.store.repo import FIELD_TIMES


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # a value a side does not have (a field, a list item, a record)


def dumps(value: Any) -> bytes:
    """A value's JSON with sorted keys: the identity of a list item, the last tie-break between two sides."""
    if value is MISSING:
        return b""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def parse_instant(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def newer(ta: datetime | None, tb: datetime | None) -> bool | None:
    """True if ``ta`` is later, False if ``tb`` is, None when they cannot tell."""
    if ta is None or tb is None or ta == tb:
        return None
    try:
        return ta > tb
    except TypeError:  # one naive, one aware
        return None


def a_wins_ties(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when side A's change is the newer one: newest ``updated_at``, then the larger JSON (deterministic)."""
    found = newer(parse_instant(a.get("updated_at")), parse_instant(b.get("updated_at")))
    return found if found is not None else dumps(a) >= dumps(b)


def field_time(doc: dict[str, Any], names: Iterable[str]) -> datetime | None:
    """When any of ``names`` last changed in ``doc`` (the store keeps per-field times in ``_changed``; a field never
    changed since the record was made dates from its creation)."""
    times = doc.get(FIELD_TIMES)
    times = times if isinstance(times, dict) else {}
    found = [t for t in (parse_instant(times.get(n)) for n in names) if t is not None]
    if not found:
        return parse_instant(doc.get("created_at"))
    try:
        return max(found)
    except TypeError:
        return found[-1]


def field_a_newer(a: dict[str, Any], b: dict[str, Any], names: Iterable[str], record_a_newer: bool) -> bool:
    """True when side A changed ``names`` last (the record's own order when the field times cannot tell)."""
    names = tuple(names)
    found = newer(field_time(a, names), field_time(b, names))
    return found if found is not None else record_a_newer


def merge_times(a: Any, b: Any) -> dict[str, Any]:
    """Two ``_changed`` maps merged: each field keeps its latest change."""
    out: dict[str, Any] = dict(a) if isinstance(a, dict) else {}
    for name, value in b.items() if isinstance(b, dict) else ():
        mine = out.get(name)
        later = newer(parse_instant(value), parse_instant(mine))
        if mine is None or later or (later is None and str(value) > str(mine)):
            out[name] = value
    return out
