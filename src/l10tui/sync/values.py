"""The three-way merge of one value, of any shape: scalars, dicts key by key, lists as sets, lists of objects with an
identity item by item (docs/SYNC.md "Lists are unions"). Pure data; :data:`MISSING` stands for an absent value."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from .when import MISSING, dumps

K = TypeVar("K")

# fields that identify an item of a list of objects, tried in this order
IDENTITY_FIELDS = ("id", "person", "issue", "meeting", "week", "name")


def ordered_union(*dicts: Iterable[K]) -> list[K]:
    """Every key of ``dicts``, once, in the order they first appear."""
    seen: dict[K, None] = {}
    for d in dicts:
        for key in d:
            seen.setdefault(key, None)
    return list(seen)


def merge_value(o: Any, a: Any, b: Any, a_newer: bool) -> Any:
    """Three-way merge of one value (MISSING where a side does not have it)."""
    if a == b:
        return a
    if a == o:
        return b
    if b == o:
        return a
    if isinstance(a, dict) and isinstance(b, dict):
        return merge_dict(o if isinstance(o, dict) else {}, a, b, a_newer)
    if isinstance(a, list) and isinstance(b, list):
        return merge_list(o if isinstance(o, list) else [], a, b, a_newer)
    return a if a_newer else b


def merge_dict(o: dict[str, Any], a: dict[str, Any], b: dict[str, Any], a_newer: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ordered_union(a, b):
        value = merge_value(o.get(key, MISSING), a.get(key, MISSING), b.get(key, MISSING), a_newer)
        if value is not MISSING:
            out[key] = value
    return out


def _identity(*lists: list[Any]) -> str | None:
    items = [item for lst in lists for item in lst]
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    for name in IDENTITY_FIELDS:
        if all(name in item and isinstance(item[name], str | int) for item in items) and all(
            len({dumps(item[name]) for item in lst}) == len(lst) for lst in lists
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
    in_o = {dumps(x) for x in o}
    in_a = {dumps(x) for x in a}
    in_b = {dumps(x) for x in b}
    out: list[Any] = []
    seen: set[bytes] = set()
    for item in a:
        k = dumps(item)
        if k not in seen and (k in in_b or k not in in_o):
            out.append(item)
            seen.add(k)
    for item in b:
        k = dumps(item)
        if k not in seen and k not in in_a and k not in in_o:
            out.append(item)
            seen.add(k)
    return out


def _merge_keyed(o: list[Any], a: list[Any], b: list[Any], ident: str, a_newer: bool) -> list[Any]:
    def index(lst: list[Any]) -> dict[bytes, Any]:
        return {dumps(item[ident]): item for item in lst}

    io, ia, ib = index(o), index(a), index(b)
    out: list[Any] = []
    for k in ordered_union(ia, ib) if a_newer else ordered_union(ib, ia):
        value = merge_present(io.get(k, MISSING), ia.get(k, MISSING), ib.get(k, MISSING), a_newer)
        if value is not MISSING:
            out.append(value)
    return out


def merge_present(o: Any, a: Any, b: Any, a_newer: bool) -> Any:
    """An item (or record) that may be absent on a side: absent + unchanged -> absent; absent + changed -> kept."""
    if a is MISSING and b is MISSING:
        return MISSING
    if a is MISSING:
        return MISSING if b == o else b
    if b is MISSING:
        return MISSING if a == o else a
    return merge_value(o if o is not MISSING else {}, a, b, a_newer)
