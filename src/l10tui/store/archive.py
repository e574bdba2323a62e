"""Hot and cold: closed records older than the current quarter move out of the live file into yearly archives.

The live file then holds only what the weekly meeting touches, so a commit costs the same in year ten as in week
one. Archives (``archive/<stem>-2026.json`` beside the store, same format and privacy as the store) are written
only by :func:`compact`, under the store's lock, and read lazily (cached by each file's signature) when history,
trends or an old id need them.

A crash between writing an archive and the live file leaves a record in both places; readers prefer the live copy,
and the next compaction finishes the move. A record changed after it was archived (rare: an old issue re-opened)
simply comes back into the live file and the live copy wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from l10tui.domain.dates import quarter_first_day, quarter_of

from . import atomic
from .errors import StoreDamaged, StoreError
from .manifest import (
    META_HEAD,
    _accepted,
    file_head,
    manifest,
    promote,
    records_digest,
    refuse,
    settle,
    summary_ok,
    verify,
    write_year,
    year_files,
)
from .schema import META

if TYPE_CHECKING:
    from .db import Store
    from .schema import Data

SCORE_WEEKS_LIVE = 13


def archive_dir(store_path: Path) -> Path:
    return store_path.parent / "archive"


def archive_path(store_path: Path, year: int) -> Path:
    return archive_dir(store_path) / f"{store_path.stem}-{year}.json"


def archive_files(store_path: Path) -> list[Path]:
    folder = archive_dir(store_path)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{store_path.stem}-*.json") if p.stem.rsplit("-", 1)[-1].isdigit())


def year_of(path: Path) -> int:
    return int(path.stem.rsplit("-", 1)[-1])


def _day(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def closed_on(table: str, doc: dict[str, Any], cutoff: date, score_cutoff: date) -> date | None:
    """The day a record closed, if it is closed and older than the cut-off (so it belongs in an archive)."""
    end: date | None = None
    if table == "issues":
        if doc.get("status") in ("solved", "dropped", "merged"):
            end = _day(doc.get("ended_at")) or _day(doc.get("updated_at"))
    elif table == "todos":
        if doc.get("status") == "done":
            end = _day(doc.get("done_at")) or _day(doc.get("updated_at"))
    elif table == "meetings":
        if doc.get("state") == "finished":
            end = _day(doc.get("actual_end")) or _day(doc.get("actual_start")) or _day(doc.get("created_at"))
    elif table == "scores":
        week = _day(doc.get("week"))
        return week if week is not None and week < score_cutoff else None
    elif table == "headlines":
        end = _day(doc.get("created_at"))
    elif table == "rocks":
        quarter = doc.get("quarter")
        if isinstance(quarter, str) and quarter < quarter_of(cutoff):
            end = _day(doc.get("due")) or _day(doc.get("updated_at"))
    if end is not None and end < cutoff:
        return end
    return None


def window_keep(table: str, start: date) -> Callable[[dict[str, Any]], bool]:
    """Which archived documents of ``table`` a view of the weeks from ``start`` on can need, by their raw fields:
    meetings held and scores of weeks from ``start``; issues and to-dos changed from a week before it (a to-do
    reviewed, an issue raised or solved in the window was saved then; ``updated_at`` only grows). Archive years
    before ``start``'s are not read at all (``Repo.history(since=...)``)."""
    day = start.isoformat()
    margin = (start - timedelta(days=7)).isoformat()
    if table == "meetings":
        return lambda d: str(d.get("actual_start") or d.get("planned_start") or d.get("created_at"))[:10] >= day
    if table == "scores":
        return lambda d: str(d.get("week"))[:10] >= day
    return lambda d: str(d.get("updated_at"))[:10] >= margin


ARCHIVED_TABLES = ("issues", "todos", "meetings", "scores", "headlines", "rocks")


_WS = re.compile(r"[ \t\n\r]*")


def _each_record(text: str, names: frozenset[str]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Walk a store file's top-level object (``{"table": {"key": {...}, ...}, ...}``) and yield the records of the
    tables ``names`` one at a time (the standard parser's ``raw_decode`` for each record, other tables skipped)."""
    import json
    from json.decoder import scanstring  # type: ignore[attr-defined]  # the C scanner's string reader

    decoder = json.JSONDecoder(parse_constant=_no_constant)

    def ws(at: int) -> int:
        found = _WS.match(text, at)
        return found.end() if found else at

    def expect(at: int, ch: str) -> int:
        at = ws(at)
        if text[at : at + 1] != ch:
            raise ValueError(f"expected {ch!r} at {at}")
        return ws(at + 1)

    def opening_quote(at: int) -> int:  # just after the quote (a string's leading spaces are its own)
        at = ws(at)
        if text[at : at + 1] != '"':
            raise ValueError(f"expected a string at {at}")
        return at + 1

    at = expect(0, "{")
    while text[at : at + 1] != "}":
        name, at = scanstring(text, opening_quote(at))
        at = expect(at, ":")
        if name in names and text[at : at + 1] == "{":
            at = ws(at + 1)
            while text[at : at + 1] != "}":
                key, at = scanstring(text, opening_quote(at))
                doc, at = decoder.raw_decode(text, expect(at, ":"))
                yield name, key, doc
                at = ws(at)
                if text[at : at + 1] == ",":
                    at = ws(at + 1)
            at += 1
        else:
            _, at = decoder.raw_decode(text, at)  # a table not asked for (or _meta): parsed and dropped
        at = ws(at)
        if text[at : at + 1] == ",":
            at = ws(at + 1)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def lean_loads(raw: bytes) -> Any:
    """The standard library's parser, for the yearly archives: orjson needs ~15x a file's size while it parses
    (25 MiB at its peak for one 1.6 MiB year, measured), ``json`` ~6x, for ~25 % more time. NaN and Infinity are
    refused as orjson refuses them; what orjson could not write back (a lone surrogate) fails the digest check."""
    import json

    try:
        return json.loads(raw, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("nested too deeply") from None


class Archive:
    """Read access to a store's yearly archives.

    Nothing parsed is kept: ten years of archives parse into ~80 MiB of dicts, more than the whole app may use
    (DESIGN.md: <= 100 MiB on a 10-year history). Each read parses one year at a time and keeps only what the
    caller asked for, so history, trends and exports cost one year's parse plus the records they build.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.stale_summaries = 0
        self.recounted = 0  # years whose summary lacked the Sales-Marketing figures (aligned_summaries)

    @staticmethod
    def load(path: Path, *, lean: bool = False) -> Data:
        """One archive file, parsed and checked for shape (records are checked as they are built); ``lean``:
        parsed by :func:`lean_loads` (a read that the manifest's digest then checks)."""
        from .codec import parse

        try:
            return parse(path, path.read_bytes(), lean_loads if lean else None)
        except StoreDamaged as exc:
            raise StoreDamaged(path, exc.reason, None) from None
        except PermissionError:  # not damaged: say what it is (issue 12)
            raise StoreError(
                f"cannot read the archive {path}: permission denied (the file is not damaged; check its owner and "
                "mode, it should be readable by you and no one else: 0600)"
            ) from None
        except OSError as exc:
            raise StoreDamaged(path, f"cannot be read ({exc.strerror})", None) from None

    def files(self) -> list[tuple[int, Path]]:
        """(year, file) of every archived year, oldest first; a year the manifest lists but is gone is refused."""
        return year_files(self.store.path, self.store.meta)

    def read(self, path: Path) -> Data:
        """One archive year, refused unless its records are the ones the store's manifest lists."""
        year = year_of(path)
        try:
            data = self.load(path, lean=True)
        except StoreDamaged as exc:
            entry = (manifest(self.store.meta) or {}).get(str(year))
            raise refuse(self.store.path, year, path, exc.reason, entry) from None
        try:
            verify(self.store.path, self.store.meta, year, path, data)
        except TypeError:  # orjson cannot write it back (a lone surrogate, a huge number): not what the store wrote
            entry = (manifest(self.store.meta) or {}).get(str(year))
            raise refuse(self.store.path, year, path, "it holds values the store never writes", entry) from None
        return data

    def summaries(
        self, since: int | None = None, *, newest_first: bool = False, aligned: bool = False
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        """(year, its summary figures) for every archived year (from ``since`` on), oldest first (or newest first);
        a stale summary (not counted from the year's records as they are) is never used: it is counted again
        (``stale_summaries`` counts them). Without ``aligned``, the Sales-Marketing figures may be left unparsed."""
        from .summaries import current

        files = self.files()
        for year, path in reversed(files) if newest_first else files:
            if since is not None and year < since:
                continue
            figures = self._summary_fast(year, path, aligned)
            if figures is not None:
                yield year, figures
                continue
            data = self.read(path)
            trusted = summary_ok(self.store.meta, year, data)
            figures, stale = current(data, records_digest(data), trusted, str(path), self.store.calendar)
            self.stale_summaries += stale
            yield year, figures

    def aligned_summaries(self) -> Iterator[dict[str, Any]]:
        """Every archived year's summary, newest first, with its Sales-Marketing figures
        (domain/alignment_all.py): a year whose summary was written before them is counted again from its records
        (``recounted`` counts them); a stale one is counted again by :meth:`summaries` as always."""
        from l10tui.domain.alignment_all import VERSION as ALIGNED

        from .summaries import count

        for year, figures in self.summaries(newest_first=True, aligned=True):
            found = figures.get("alignment")
            if not isinstance(found, dict) or found.get("version") != ALIGNED:
                path = dict(self.files())[year]
                figures = count(self.read(path), str(path), self.store.calendar)
                self.recounted += 1
            yield figures

    def planned_starts(self, year: int) -> dict[str, str]:
        """Each archived meeting's planned start (ISO) of one year, from its records (for a summary written before
        summaries kept them)."""
        for found, path in self.files():
            if found == year:
                docs = self.read(path).get("meetings", {}).values()
                return {str(d.get("id")): str(d["planned_start"]) for d in docs if d.get("planned_start")}
        return {}

    def _summary_fast(self, year: int, path: Path, aligned: bool = True) -> dict[str, Any] | None:
        """The summary of a year file that is byte for byte the one the store wrote (its digest in the manifest),
        parsed alone: ``_meta`` comes first in every archive file, so the records are never parsed."""

        head = file_head(self.store.meta, year, path)  # hashed in chunks: the file is never held whole
        if head is None:
            return None
        raw, span, entry = head
        cut = entry.get("aligned")  # the Sales-Marketing figures, left out (as null) when not asked for
        if not aligned and isinstance(cut, list) and len(cut) == 2 and all(isinstance(n, int) for n in cut):
            raw = raw[: cut[0]] + b"null" + raw[cut[0] + cut[1] :]
            span -= cut[1] - len(b"null")
        try:  # the standard parser: orjson's own peak (~15x) would be most of the all-time view's (issue 14)
            meta = lean_loads(raw[len(META_HEAD) : len(META_HEAD) + span])
        except ValueError:
            return None
        found = meta.get("1", {}).get("summary") if isinstance(meta, dict) else None
        from l10tui.domain.summary import VERSION

        if not isinstance(found, dict) or found.get("version") != VERSION:
            return None
        if found.get("zone") != self.store.calendar.name:  # counted in another zone: recount (the slow path)
            return None
        return found

    def records(self, year: int, path: Path, names: Sequence[str]) -> Iterator[tuple[str, str, dict[str, Any]]] | None:
        """(table, key, document) of the tables ``names`` of one year, parsed one record at a time, when the file is
        byte for byte the one the store wrote (its digest in the manifest): the year's tables are never held whole
        (a windowed view keeps a few weeks of a year). None otherwise: the caller reads it whole (``read``), which
        checks and refuses it."""
        from .manifest import file_digest

        try:
            raw = path.read_bytes()
        except OSError:
            return None
        entry = (manifest(self.store.meta) or {}).get(str(year))
        digest = file_digest(raw)
        if not isinstance(entry, dict) or all(e.get("file_digest") != digest for e in _accepted(entry)):
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
        del raw
        return _each_record(text, frozenset(names))

    def year_data(self, since: int | None = None) -> Iterator[tuple[Path, Data]]:
        """(file, the whole year, checked) for each year from ``since`` on, oldest first, one alive at a time."""
        for year, path in self.files():
            if since is None or year >= since:
                yield path, self.read(path)

    def years(self, name: str, since: int | None = None) -> Iterator[tuple[Path, dict[str, dict[str, Any]]]]:
        """(file, table ``name`` of that year) for each year (from ``since`` on), oldest first, one parsed file
        alive at a time."""
        for year, path in self.files():
            if since is None or year >= since:
                yield path, self.read(path).get(name, {})

    def table(self, name: str) -> dict[str, dict[str, Any]]:
        """Every archived record of table ``name`` across all years, by doc id."""
        out: dict[str, dict[str, Any]] = {}
        for _, docs in self.years(name):
            out.update(docs)
        return out

    def get(self, name: str, doc_id: int) -> dict[str, Any] | None:
        key = str(doc_id)
        for _, path in reversed(self.files()):
            doc = self.read(path).get(name, {}).get(key)
            if doc is not None:
                return doc
        return None


def compact(store: Store, today: date | None = None) -> int:
    """Move closed records older than the current quarter into yearly archives; return how many moved."""
    from .schema import empty_data

    today = today or store.calendar.day(store.clock.now())
    cutoff = quarter_first_day(quarter_of(today))
    score_cutoff = min(cutoff, today - timedelta(weeks=SCORE_WEEKS_LIVE))
    moved = 0
    with store.transaction():
        data = store.raw()
        by_year: dict[int, dict[str, dict[str, dict[str, Any]]]] = {}
        for name in ARCHIVED_TABLES:
            for key, doc in data.get(name, {}).items():
                end = closed_on(name, doc, cutoff, score_cutoff)
                if end is not None:
                    by_year.setdefault(end.year, {}).setdefault(name, {})[key] = doc
        if not by_year:
            return 0
        folder = archive_dir(store.path)
        if not archive_files(store.path) and store.path.exists():
            # The first split of a single-file store is a change of layout: keep a copy of the file as it was.
            store.backup(label="pre-split")
        atomic.ensure_dir(folder)
        for year, tables in sorted(by_year.items()):
            path = archive_path(store.path, year)
            atomic.remove_stale_temps(path)  # left by a compaction that was killed; we hold the lock
            current: Data = store.archive.read(path) if path.exists() else empty_data()
            settle(data[META]["1"], year, current)
            for name, docs in tables.items():
                current.setdefault(name, {}).update(docs)
            write_year(store, data, year, path, current)
        # Only once every archive is safely on disk do the records leave the live file.
        for tables in by_year.values():
            for name, docs in tables.items():
                live = data[name]
                for key in docs:
                    del live[key]
                    moved += 1
        promote(data)
        store.mark_changed()
    return moved
