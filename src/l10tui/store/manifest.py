"""The archive belongs to the store: ``_meta`` keeps a manifest of the yearly archive files.

``_meta["1"]["archives"]`` maps each archived year to what was written there::

    {"2024": {"file": "l10-2024.json", "size": 1234567, "digest": "sha256:...",
              "counts": {"issues": 520, ...}, "max_ids": {"issues": 1410, ...}}}

* ``digest`` is a SHA-256 of the year's records (every archived table, as written), so a file that was swapped,
  emptied or edited by hand no longer matches and is refused with a message naming it and its backup (a copy
  written beside the store's backups each time the year is written).
* ``max_ids`` keeps the id counters above every archived id, also after an older backup is restored.
* A year being rewritten (a compaction) is first recorded as ``pending`` (the new entry) before the file is
  replaced, and promoted once the live file no longer holds the moved records: a crash in between leaves a file
  that matches one of the two, never a refused store.

A store that has archives but no manifest (written before it existed) gets one built on first open, under the lock;
the store says so through :attr:`Store.notices`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from l10tui.domain.calendar import SETTING as ZONE_SETTING
from l10tui.domain.calendar import CompanyCalendar
from l10tui.domain.ids import split_key

from . import atomic
from .backups import backup_dir
from .errors import StoreDamaged, StoreError, StoreWriteError
from .schema import META, Data

if TYPE_CHECKING:
    from .db import Store

MANIFEST = "archives"
ARCHIVED_TABLES = ("issues", "todos", "meetings", "scores", "headlines", "rocks")


class ArchiveDamaged(StoreDamaged):
    """An archive year is missing, emptied, swapped or changed since the store wrote it."""

    def __init__(self, path: Path, reason: str, backup: Path | None) -> None:
        super().__init__(path, reason, backup)
        hint = f"its backup: {backup} (copy it back: cp {backup} {path})" if backup else "no good backup of it found"
        StoreError.__init__(self, f"archive {path} is damaged: {self.reason}; nothing was changed; {hint}")


def archive_years_on_disk(store_path: Path) -> dict[int, Path]:
    from .archive import archive_files

    return {int(p.stem.rsplit("-", 1)[-1]): p for p in archive_files(store_path)}


def archive_backup_path(store_path: Path, year: int) -> Path:
    """The copy of a year kept beside the store's backups (not a dated store backup: list_backups skips it)."""
    return backup_dir(store_path) / f"{store_path.stem}-archive-{year}.json"


def records_digest(data: Data) -> str:
    """SHA-256 of a year's records, every archived table in the order the file holds them."""
    h = hashlib.sha256()
    for name in ARCHIVED_TABLES:
        h.update(name.encode())
        h.update(orjson.dumps(data.get(name, {})))
    return "sha256:" + h.hexdigest()


def file_digest(raw: bytes) -> str:
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def file_matches(meta: dict[str, Any], year: int, raw: bytes) -> int | None:
    """When ``raw`` is byte for byte the file the store wrote for that year (records and summary): the length of
    its ``_meta`` (see :func:`meta_span`); else None."""
    entry = (manifest(meta) or {}).get(str(year))
    if not isinstance(entry, dict):
        return None
    digest = file_digest(raw)
    for e in _accepted(entry):
        span = e.get("meta_bytes")
        if e.get("file_digest") == digest and isinstance(span, int):
            return span
    return None


def file_head(
    meta: dict[str, Any], year: int, path: Path, chunk: int = 1 << 18
) -> tuple[bytes, int, dict[str, Any]] | None:
    """:func:`file_matches` without holding the file: it is hashed in chunks and only its head (``_meta``, with
    the summary) is kept; (head, span, the manifest's entry it matched) when the file is byte for byte the one the
    store wrote, else None."""
    entry = (manifest(meta) or {}).get(str(year))
    if not isinstance(entry, dict):
        return None
    spans = [e.get("meta_bytes") for e in _accepted(entry)]
    keep = len(META_HEAD) + max((s for s in spans if isinstance(s, int)), default=0)
    h = hashlib.sha256()
    head = b""
    try:
        with path.open("rb") as f:
            while block := f.read(chunk):
                h.update(block)
                if len(head) < keep:
                    head += block[: keep - len(head)]
    except OSError:
        return None
    digest = "sha256:" + h.hexdigest()
    for e in _accepted(entry):
        span = e.get("meta_bytes")
        if e.get("file_digest") == digest and isinstance(span, int):
            return head, span, e
    return None


def aligned_span(data: Data, raw: bytes | None, span: int | None) -> list[int] | None:
    """[offset, length] of the summary's Sales-Marketing figures in the file, so a view that does not need them
    (the trends) parses the summary without them (issue 14); None when they are not in the file's head."""
    found = data.get(META, {}).get("1", {}).get("summary")
    if raw is None or span is None or not isinstance(found, dict) or "alignment" not in found:
        return None
    key = b'"alignment":'
    at = raw.find(key + orjson.dumps(found["alignment"]), len(META_HEAD), len(META_HEAD) + span)
    return None if at < 0 else [at + len(key), len(orjson.dumps(found["alignment"]))]


def entry_for(path: Path, data: Data, size: int, raw: bytes | None = None) -> dict[str, Any]:
    counts = {name: len(data.get(name, {})) for name in ARCHIVED_TABLES if data.get(name)}
    # the number part of each key (a tagged id, issue 16, is stored as tag_index * 10**9 + number)
    max_ids = {name: max(split_key(int(k))[0] for k in data[name]) for name in ARCHIVED_TABLES if data.get(name)}
    starts = [str(m.get("actual_start") or m.get("created_at")) for m in data.get("meetings", {}).values()]
    starts = [s for s in starts if s and s != "None"]
    return {
        "file": path.name,
        "size": size,
        "digest": records_digest(data),
        "counts": counts,
        "max_ids": max_ids,
        "newest_meeting": max(starts, default=None),  # lets ``history --last N`` skip a year without reading it
        "summary_digest": summary_digest(data),
        "file_digest": file_digest(raw) if raw is not None else None,
        "meta_bytes": meta_span(data, raw),
        "aligned": aligned_span(data, raw, meta_span(data, raw)),
    }


def meta_span(data: Data, raw: bytes | None) -> int | None:
    """How many bytes after ``{"_meta":`` the year's ``_meta`` (with its summary) takes, so the all-time views
    parse the summary alone; None when the file does not start with it."""
    if raw is None:
        return None
    meta = orjson.dumps(data.get(META))
    return len(meta) if raw[len(META_HEAD) : len(META_HEAD) + len(meta)] == meta else None


META_HEAD = b'{"_meta":'


def summary_digest(data: Data) -> str | None:
    """SHA-256 of the year's summary as written: a summary edited or left behind is never used."""
    found = data.get(META, {}).get("1", {}).get("summary")
    if not isinstance(found, dict):
        return None
    return "sha256:" + hashlib.sha256(orjson.dumps(found)).hexdigest()


def summary_ok(meta: dict[str, Any], year: int, data: Data) -> bool:
    """True when the year's summary is the one the manifest recorded with these records."""
    entry = (manifest(meta) or {}).get(str(year))
    if not isinstance(entry, dict):
        return False
    digest, records = summary_digest(data), records_digest(data)
    return digest is not None and any(
        e.get("summary_digest") == digest and e.get("digest") == records for e in _accepted(entry)
    )


def newest_meeting(meta: dict[str, Any], year: int) -> str | None:
    """The latest meeting start (ISO) the year holds, if the manifest knows it."""
    entry = (manifest(meta) or {}).get(str(year))
    if not isinstance(entry, dict):
        return None
    found = [e.get("newest_meeting") for e in _accepted(entry)]
    if any(not isinstance(f, str) for f in found):
        return None
    return max(str(f) for f in found)


def manifest(meta: dict[str, Any]) -> dict[str, dict[str, Any]] | None:
    found = meta.get(MANIFEST)
    return found if isinstance(found, dict) else None


def _accepted(entry: dict[str, Any]) -> list[dict[str, Any]]:
    out = [entry]
    pending = entry.get("pending")
    if isinstance(pending, dict):
        out.append(pending)
    return out


def archived_max_id(meta: dict[str, Any], table: str) -> int:
    """The highest id number of ``table`` in any archived year (0 when none): id counters never go below it."""
    best = 0
    for entry in (manifest(meta) or {}).values():
        if not isinstance(entry, dict):
            continue
        for e in _accepted(entry):
            n = e.get("max_ids", {}).get(table, 0)
            if isinstance(n, int) and n > best:
                best = n
    return best


def good_backup(store_path: Path, year: int, entry: dict[str, Any] | None) -> Path | None:
    """The kept copy of a year, if it matches what the manifest says the year holds."""
    from .codec import parse

    copy = archive_backup_path(store_path, year)
    if entry is None or not copy.is_file():
        return None
    try:
        data = parse(copy, copy.read_bytes())
    except (StoreError, OSError):
        return None
    digest = records_digest(data)
    return copy if any(digest == e.get("digest") for e in _accepted(entry)) else None


def refuse(store_path: Path, year: int, path: Path, reason: str, entry: dict[str, Any] | None) -> ArchiveDamaged:
    return ArchiveDamaged(path, reason, good_backup(store_path, year, entry))


def check_on_open(store: Store, meta: dict[str, Any]) -> bool:
    """True when the manifest must be (re)built: archives but no manifest yet, or a year on disk it does not list.

    Nothing is refused here: the live file is fine on its own, and the id counters stay above every archived id
    through the manifest even when a year's file is gone. A year is refused when it is read (see :func:`year_files`).
    """
    listed = manifest(meta)
    on_disk = archive_years_on_disk(store.path)
    if listed is None:
        return bool(on_disk)
    return any(str(year) not in listed for year in on_disk)


def year_files(store_path: Path, meta: dict[str, Any]) -> list[tuple[int, Path]]:
    """Every archived year, oldest first: the manifest's years and any on disk; a listed year that is missing or
    emptied is refused (history would silently lose a year)."""
    listed = manifest(meta) or {}
    on_disk = archive_years_on_disk(store_path)
    out = []
    for year in sorted(set(on_disk) | {int(k) for k in listed}):
        path = on_disk.get(year)
        entry = listed.get(str(year))
        if path is None:
            assert entry is not None
            if "digest" not in entry:
                continue  # a first write of this year that failed or was cut short: there is nothing to miss
            path = store_path.parent / "archive" / str(entry.get("file", f"{store_path.stem}-{year}.json"))
            raise refuse(store_path, year, path, "it is missing (the store's manifest lists it)", entry)
        out.append((year, path))
    return out


def build(store: Store, data: Data) -> list[str]:
    """Add every archive year on disk that the manifest does not list (under the store's lock); notes to show."""
    from .archive import Archive
    from .codec import serialise
    from .summaries import attach

    meta = data[META]["1"]
    listed = manifest(meta)
    first = listed is None
    listed = dict(listed or {})
    adopted = []
    for year, path in sorted(archive_years_on_disk(store.path).items()):
        if str(year) in listed:
            continue
        year_data = Archive.load(path)
        own = year_data.get(META, {}).get("1", {}).get("archive_year")
        if own is not None and own != year:
            raise ArchiveDamaged(path, f"it holds the year {own}, not {year} (swapped?)", None)
        # the year gets its summary now (a store from before summaries); its records are not touched
        year_data[META]["1"]["archive_year"] = year
        attach(year_data, records_digest(year_data), calendar_of(data))
        payload = serialise(year_data)
        try:
            atomic.atomic_write(path, payload)
        except OSError as exc:
            raise StoreWriteError(f"could not write the archive {path}: {exc.strerror}; nothing was changed") from None
        listed[str(year)] = entry_for(path, year_data, len(payload), payload)
        keep_backup(store.path, year, path)
        adopted.append(str(year))
    meta[MANIFEST] = listed
    if not adopted:
        return []
    if first:
        return [f"l10: listed {len(adopted)} yearly archive(s) ({', '.join(adopted)}) in the store's new manifest"]
    return [
        f"l10: archive year(s) {', '.join(adopted)} were not in the store's manifest (an older copy restored?): added"
    ]


def keep_backup(store_path: Path, year: int, path: Path) -> None:
    try:
        atomic.ensure_dir(backup_dir(store_path))
        atomic.copy_private(path, archive_backup_path(store_path, year))
    except OSError:
        pass  # the archive itself is safe; a missing copy only means no copy to offer


def verify(store_path: Path, meta: dict[str, Any], year: int, path: Path, data: Data) -> None:
    """Refuse a year whose records are not the ones the manifest lists."""
    listed = manifest(meta)
    if listed is None:
        return  # an older store before its manifest is built (doctor reads files without opening the store)
    entry = listed.get(str(year))
    if entry is None:
        raise refuse(store_path, year, path, "it is not in the store's manifest of archives", None)
    own = data.get(META, {}).get("1", {}).get("archive_year")
    if own is not None and own != year:
        raise refuse(store_path, year, path, f"it holds the year {own}, not {year} (swapped?)", entry)
    digest = records_digest(data)
    if all(digest != e.get("digest") for e in _accepted(entry)):
        raise refuse(store_path, year, path, "its records changed since it was archived (digest differs)", entry)


def write_year(store: Store, live: Data, year: int, path: Path, year_data: Data) -> None:
    """Write one archive year (with its summary) and record it in the live data's manifest as ``pending``.

    The caller holds the lock and writes the live file afterwards; :func:`promote` then makes the entry final.
    """
    from .codec import serialise
    from .summaries import attach

    year_data[META]["1"]["archive_year"] = year
    attach(
        year_data, records_digest(year_data), calendar_of(live)
    )  # the all-time views' figures, counted from these records
    payload = serialise(year_data)
    meta = live[META]["1"]
    listed = meta.setdefault(MANIFEST, {})
    new = entry_for(path, year_data, len(payload), payload)
    old = listed.get(str(year))
    if old is None:
        listed[str(year)] = {"pending": new}  # a year not written yet: only its pending entry (see year_files)
    else:
        old["pending"] = new
    store._write(live)  # the manifest accepts the new file before it exists: a crash now leaves the old one valid
    try:
        atomic.atomic_write(path, payload)
    except OSError as exc:
        raise StoreWriteError(f"could not write the archive {path}: {exc.strerror}; nothing was moved") from None
    keep_backup(store.path, year, path)


def settle(meta: dict[str, Any], year: int, data: Data) -> None:
    """A year file that matches its pending entry (a compaction finished writing it) makes that entry final."""
    entry = (manifest(meta) or {}).get(str(year))
    pending = entry.get("pending") if entry else None
    if isinstance(pending, dict) and records_digest(data) == pending.get("digest"):
        meta[MANIFEST][str(year)] = pending


def promote(live: Data) -> None:
    """Every pending entry becomes the year's entry (the live file no longer holds what moved)."""
    for key, entry in list((manifest(live[META]["1"]) or {}).items()):
        pending = entry.get("pending")
        if isinstance(pending, dict):
            live[META]["1"][MANIFEST][key] = pending


def calendar_of(data: Data) -> CompanyCalendar:
    """The company calendar named in a live file's own ``_meta`` (not ``store.calendar``, which would load the
    store again while it is being loaded: the manifest is built inside that load)."""
    name = data.get(META, {}).get("1", {}).get("settings", {}).get(ZONE_SETTING)
    return CompanyCalendar.named(name if isinstance(name, str) else None)
