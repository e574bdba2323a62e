"""The base of the repository modules: one per kind of record, the only code that touches TinyDB tables."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from l10tui.domain.ids import TAG_BASE, IdError, format_id, parse_key
from l10tui.domain.models import ID_PREFIX, Record
from l10tui.domain.records import RecordError, from_dict, to_dict

from .errors import NotFound, StoreDamaged

if TYPE_CHECKING:
    from .db import Store

R = TypeVar("R", bound=Record)


def parse_id(text: str, prefix: str) -> int:
    """``I-12``, ``i12``, ``12``, ``I-12km`` -> the record's key for prefix ``I`` (domain/ids.py); else refused."""
    try:
        return parse_key(text, prefix)
    except IdError as exc:
        raise NotFound(str(exc)) from None


class Repo(Generic[R]):
    table_name: ClassVar[str]
    model: ClassVar[type[Any]]
    noun: ClassVar[str] = "record"

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def prefix(self) -> str:
        return ID_PREFIX[self.table_name]

    def _table(self) -> Any:
        return self.store.table(self.table_name)

    def _build(self, doc: dict[str, Any]) -> R:
        obj: R = from_dict(self.model, doc, self.table_name)
        return obj

    def _doc(self, n: int) -> dict[str, Any] | None:
        """A record by number from the live file, else from the yearly archives."""
        doc: dict[str, Any] | None = self._table().get(doc_id=n)
        if doc is None:
            doc = self.store.archive.get(self.table_name, n)
        return doc

    def find(self, record_id: str) -> R | None:
        try:
            n = parse_id(record_id, self.prefix)
        except NotFound:
            return None
        doc = self._doc(n)
        return None if doc is None else self._build(doc)

    def get(self, record_id: str) -> R:
        n = parse_id(record_id, self.prefix)
        doc = self._doc(n)
        if doc is None:
            raise NotFound(f"no {self.noun} {format_id(self.prefix, n)}")
        return self._build(doc)

    def all(self) -> list[R]:
        """The records in the live file: everything open, current and recent."""
        return [self._build(doc) for doc in self._table().all()]

    def history(self, since: int | None = None, keep: Callable[[dict[str, Any]], bool] | None = None) -> list[R]:
        """Every record, archived years included (live copies win), in id order. For history, trends, exports.

        ``since``: only the archive years from that one on (a record is archived in the year it closed, so a view
        of the weeks from a day in year Y on needs no year before Y). Built one archive year at a time, so only the
        records (not ten years of parsed JSON) stay in memory. ``keep``: archived documents it refuses are not
        built (a window's filter on the raw fields, see ``archive.window_keep``)."""
        live = {int(doc.doc_id): doc for doc in self._table().all()}
        found: dict[int, R] = {}
        for path, docs in self.store.archive.years(self.table_name, since):
            for key, doc in docs.items():
                n = int(key)
                if n not in live and (keep is None or keep(doc)):
                    try:
                        found[n] = self._build(doc)
                    except RecordError as exc:
                        raise StoreDamaged(path, f"bad record {exc}", None) from None
        for n, doc in live.items():
            found[n] = self._build(doc)
        return [found[n] for n in sorted(found, key=lambda k: (k % TAG_BASE, k // TAG_BASE))]  # I-9, I-10, I-10km

    def matching(self, **fields: Any) -> list[R]:
        """Live records whose stored fields equal ``fields``; filters the raw documents before building any."""
        items = list(fields.items())
        return [self._build(d) for d in self._table().all() if all(d.get(k) == v for k, v in items)]

    def count(self) -> int:
        return len(self._table())

    def _new(self, **fields: Any) -> R:
        """Insert a new record with a fresh id and timestamps (in the caller's transaction, else in its own)."""
        if not self.store.in_transaction:
            with self.store.transaction():
                return self._new(**fields)
        record_id, n = self.store.next_id(self.table_name, self.prefix)
        now = self.store.clock.now()
        try:
            obj: R = self.model(id=record_id, created_at=now, updated_at=now, **fields)
            doc = _checked(self.model, obj)
        except BaseException:
            self.store.failed_part_way()  # the id was handed out: nothing of this change may be saved
            raise
        self.store.touch(self.table_name, n, None)
        self.store.put(self.table_name, n, doc)
        return obj

    def save(self, obj: R) -> R:
        """Write back a changed record (its ``updated_at`` is set now)."""
        if not self.store.in_transaction:
            with self.store.transaction():
                return self.save(obj)
        n = parse_id(obj.id, self.prefix)
        obj.updated_at = self.store.clock.now()
        doc = _checked(self.model, obj)
        old = self._table().get(doc_id=n)
        if old is None:
            old = self.store.archive.get(self.table_name, n)  # changed after archiving: back to the live file
            if old is None:
                raise NotFound(f"no {self.noun} {obj.id}")
            self.store.touch(self.table_name, n, None)
        else:
            self.store.touch(self.table_name, n, old)
        stamp_changes(old, doc)
        self.store.put(self.table_name, n, doc)
        return obj

    def change(self, record_id: str, **fields: Any) -> R:
        """Get, set ``fields``, save: one small change in one transaction."""
        with self.store.transaction():
            obj = self.get(record_id)
            obj = dataclasses.replace(obj, **fields)
            return self.save(obj)


FIELD_TIMES = "_changed"


def stamp_changes(old: dict[str, Any], doc: dict[str, Any]) -> None:
    """Keep, in the stored record, when each field last changed (``_changed``: field -> instant), so that a merge
    of two laptops' edits of one record takes the newest change of each field (sync/records.py). Dataclasses ignore
    the key; it lives in the stored document only."""
    times = old.get(FIELD_TIMES)
    times = dict(times) if isinstance(times, dict) else {}
    for name, value in doc.items():
        if name not in ("updated_at", FIELD_TIMES) and old.get(name) != value:
            times[name] = doc["updated_at"]
    if times:
        doc[FIELD_TIMES] = times


def _checked(model: type[Any], obj: Any) -> dict[str, Any]:
    """The record as it will be stored; refused (RecordError) if it would not read back, e.g. a NaN, which JSON
    would store as null and so make the whole file unreadable on the next start."""
    doc = to_dict(obj)
    from_dict(model, doc, str(obj.id))
    return doc


def histories(
    repos: Sequence[Repo[Any]], since: int | None, keeps: Sequence[Callable[[dict[str, Any]], bool] | None]
) -> list[list[Any]]:
    """``[repo.history(since, keep) for repo, keep in zip(repos, keeps)]`` with each archive year parsed once for
    all of them (a windowed view reads four tables of the same years)."""
    if not repos:
        return []
    store = repos[0].store
    lives = [{int(doc.doc_id): doc for doc in r._table().all()} for r in repos]
    found: list[dict[int, Any]] = [{} for _ in repos]
    slot = {repo.table_name: i for i, repo in enumerate(repos)}
    for year, path in store.archive.files():
        if since is not None and year < since:
            continue
        each = store.archive.records(year, path, list(slot))  # one record at a time: the year is never held whole
        if each is None:  # not the file the store wrote: read whole, checked (and refused if damaged)
            data = store.archive.read(path)
            each = ((name, key, doc) for name in slot for key, doc in data.get(name, {}).items())
        try:
            for name, key, doc in each:
                i = slot[name]
                n = int(key)
                if n not in lives[i] and (keeps[i] is None or keeps[i](doc)):  # type: ignore[misc]
                    found[i][n] = repos[i]._build(doc)
        except RecordError as exc:
            raise StoreDamaged(path, f"bad record {exc}", None) from None
        except ValueError as exc:  # cut or changed while it was read: it no longer matches its digest
            raise StoreDamaged(path, f"not valid JSON ({exc})", None) from None
    result = []
    for repo, live, out in zip(repos, lives, found, strict=True):
        for n, doc in live.items():
            out[n] = repo._build(doc)
        result.append([out[n] for n in sorted(out)])
    return result
