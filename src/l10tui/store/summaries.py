"""The yearly summaries on the store side: written into each archive year, read back only while they match.

The figures are counted by :func:`l10tui.domain.summary.year_summary` (one function, over the year's records).
Each summary carries the digest of the records it was counted from; a summary whose digest is not the year's
records digest (which itself must match the store's manifest, see manifest.py) is stale: it is never used, the
figures are counted again from the records in hand.
"""

from __future__ import annotations

from typing import Any

from l10tui.domain.calendar import CompanyCalendar
from l10tui.domain.models import Issue, Meeting, Score, Todo
from l10tui.domain.records import RecordError, from_dict
from l10tui.domain.summary import VERSION, year_summary

from .errors import StoreDamaged
from .schema import META, Data

SUMMARY = "summary"


def count(data: Data, where: str = "archive", calendar: CompanyCalendar | None = None) -> dict[str, Any]:
    """The figures of one year file's records."""
    from pathlib import Path

    def build(name: str, model: type[Any]) -> list[Any]:
        try:
            return [from_dict(model, doc, f"{name}[{key}]") for key, doc in data.get(name, {}).items()]
        except RecordError as exc:
            raise StoreDamaged(Path(where), f"bad record {exc}", None) from None

    return year_summary(
        build("meetings", Meeting), build("todos", Todo), build("issues", Issue), build("scores", Score), calendar
    )


def attach(data: Data, digest: str, calendar: CompanyCalendar | None = None) -> None:
    """Count the year's figures and keep them in its ``_meta`` with the digest they were counted from."""
    data[META]["1"][SUMMARY] = {"digest": digest, **count(data, calendar=calendar)}


def current(
    data: Data, digest: str, trusted: bool, where: str = "archive", calendar: CompanyCalendar | None = None
) -> tuple[dict[str, Any], bool]:
    """The year's summary if it was counted from exactly these records (its digest) and is the one the manifest
    recorded (``trusted``), else counted afresh; (figures, was_stale)."""
    found = data.get(META, {}).get("1", {}).get(SUMMARY)
    zone = (calendar or CompanyCalendar.named(None)).name  # counted in another zone: its days are not ours
    if (
        trusted
        and isinstance(found, dict)
        and found.get("digest") == digest
        and found.get("version") == VERSION
        and found.get("zone") == zone
    ):
        return found, False
    return {"digest": digest, **count(data, where, calendar)}, True
