"""The merge of ``_meta``, the store's own settings and counters (docs/SYNC.md "``_meta``"): merged as a value, the
funnel setting whole (one choice, never a mix), every id counter the maximum of the three sides."""

from __future__ import annotations

from typing import Any

from l10tui.store.funnel import SETTING as FUNNEL
from l10tui.store.funnel import merge_setting
from l10tui.store.schema import META, SCHEMA_VERSION, Data

from .values import merge_dict
from .when import MISSING, dumps


def meta_of(data: Data) -> dict[str, Any]:
    """The one ``_meta`` document of a store file."""
    meta: dict[str, Any] = data[META]["1"]
    return meta


def merge_meta(om: dict[str, Any], am: dict[str, Any], bm: dict[str, Any]) -> dict[str, Any]:
    """Three sides' ``_meta`` documents merged (``om`` is ``{}`` when there is no common version)."""
    meta = merge_dict(om, am, bm, dumps(am) >= dumps(bm))
    _whole_settings(meta, om, am, bm)
    counters: dict[str, int] = {}
    for side in (om, am, bm):
        for prefix, n in (side.get("counters") or {}).items():
            if isinstance(n, int) and not isinstance(n, bool):
                counters[prefix] = max(counters.get(prefix, 0), n)
    meta["counters"] = counters
    meta["schema_version"] = SCHEMA_VERSION
    return meta


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
