from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from tinydb import Query
from tinydb.table import Document

from l10tui.domain.dates import week_monday
from l10tui.domain.models import Score
from l10tui.domain.records import to_dict
from l10tui.domain.rules import InputError, clean_note

from .repo import Repo


class Scores(Repo[Score]):
    table_name = "scores"
    model = Score
    noun = "score"

    def set(self, measurable: str, week: date, value: float, by: str = "", note: str | None = None) -> Score:
        """Enter (or correct) a measurable's number for the week containing ``week``.

        ``note`` is a one-line note on the number ("webinar week"): None keeps the one it has, "" removes it.
        """
        monday = week_monday(week)
        note = None if note is None else clean_note(note)
        q = Query()
        with self.store.transaction():
            found = self._table().get((q.measurable == measurable) & (q.week == monday.isoformat()))
            if isinstance(found, Document):
                score = self._build(found)
                score.value = float(value)
                score.created_by = by or score.created_by
                if note is not None:
                    score.note = note
                return self.save(score)
            return self._new(measurable=measurable, week=monday, value=float(value), created_by=by, note=note or "")

    def set_note(self, measurable: str, week: date, note: str) -> Score:
        """Write (or, with "", remove) the note on a week's number; refused when the week has no number."""
        monday = week_monday(week)
        note = clean_note(note)
        q = Query()
        with self.store.transaction():
            found = self._table().get((q.measurable == measurable) & (q.week == monday.isoformat()))
            if not isinstance(found, Document):
                raise InputError(f"no number for the week of {monday.isoformat()}: enter the number first")
            score = self._build(found)
            score.note = note
            return self.save(score)

    def notes(self, weeks: Iterable[date]) -> dict[tuple[str, date], str]:
        """{(measurable id, monday): note} for the given Mondays (numbers without a note are left out)."""
        wanted = {w.isoformat() for w in weeks}
        return {
            (doc["measurable"], date.fromisoformat(doc["week"])): str(doc["note"])
            for doc in self._docs()
            if doc.get("week") in wanted and doc.get("note")
        }

    def clear(self, measurable: str, week: date) -> bool:
        """Remove a wrongly entered number (a score is a value, not a record of work: correcting it is fine)."""
        q = Query()
        with self.store.transaction():
            cond = (q.measurable == measurable) & (q.week == week_monday(week).isoformat())
            for doc in self._table().search(cond):
                self.store.touch(self.table_name, int(doc.doc_id), doc)
            removed = self._table().remove(cond)
            return bool(removed)

    def grid(self, weeks: Iterable[date]) -> dict[tuple[str, date], float]:
        """{(measurable id, monday): value} for the given Mondays."""
        wanted = {w.isoformat() for w in weeks}
        out: dict[tuple[str, date], float] = {}
        for doc in self._docs():
            if doc.get("week") in wanted:
                out[(doc["measurable"], date.fromisoformat(doc["week"]))] = float(doc["value"])
        return out

    def _docs(self) -> Iterable[dict[str, Any]]:
        """The live scores as parsed, read only. ``Table.all()`` copies each into a Document: ~40 ms for the 6,400
        of an import, twice per scorecard the meeting shows (issue 12: on the event loop, while keys wait)."""
        docs: dict[str, dict[str, Any]] = self.store.raw().get(self.table_name, {})
        return docs.values()

    def as_dict(self, score: Score) -> dict[str, object]:
        return to_dict(score)
