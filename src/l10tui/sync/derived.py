"""What ``_meta`` derives from the records, recomputed after every merge in one place, :func:`recompute_derived`
(THE place to extend: an archive manifest, yearly summaries, digests), and the meetings a merge flagged."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from l10tui.domain.ids import split_key
from l10tui.domain.models import ID_PREFIX
from l10tui.store.schema import Data

from .meta import meta_of
from .notes import MergeNotes


def recompute_derived(data: Data, notes: MergeNotes | None = None) -> None:
    """Everything in ``_meta`` that is computed from the records, recomputed after a merge: THE place to extend
    (an archive manifest, yearly summaries, digests). Today: the id counters cover every record in the file, and
    meetings of one team in one week run on two laptops are flagged (``_meta.sync.meetings_twice``)."""
    meta = meta_of(data)
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
