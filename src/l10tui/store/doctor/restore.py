"""``l10 doctor --restore``: put a good backup back as the store, under its lock, keeping the current (damaged)
file as ``<stem>.damaged-<stamp>.json`` beside it; the archives' manifest is brought up to the years on disk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..atomic import atomic_write
from ..backups import backup_dir, list_backups
from ..codec import load_file, parse
from ..errors import Conflict, NotFound, StoreBusy, StoreDamaged, StoreError, StoreTooNew, StoreWriteError
from ..file import real_path
from ..lock import LOCK_TIMEOUT_S, LockTimeout, StoreLock
from ..manifest import MANIFEST, archive_years_on_disk, entry_for, manifest
from ..schema import META
from .checks import check_backup


@dataclass(frozen=True)
class RestoreResult:
    backup: Path
    damaged_copy: Path | None


def resolve_backup(store_path: Path, text: str) -> Path:
    """A backup named by path, or by file name inside the store's backups folder."""
    given = Path(text).expanduser()
    for candidate in (given, backup_dir(store_path) / given.name):
        if candidate.is_file():
            return candidate.absolute()
    names = ", ".join(b.name for b in list_backups(store_path)[-5:])
    raise NotFound(f"no backup {text!r}" + (f"; newest backups: {names}" if names else "; there are no backups"))


def _store_state(path: Path) -> tuple[str, str]:
    """(kind, words) of the store at ``path``: ``healthy``, ``missing``, ``newer`` (written by a newer l10tui),
    ``damaged`` (or unreadable), with a few words saying so."""
    if not path.exists():
        return "missing", f"there is no store at {path}"
    try:
        load_file(path)  # refuses a newer schema (StoreTooNew) and a damaged file (StoreDamaged)
    except StoreTooNew as exc:
        return "newer", f"the store {path} was written by a newer l10tui (schema {exc.found})"
    except StoreDamaged as exc:
        return "damaged", f"the store {path} is damaged: {exc.reason}"
    except (StoreError, OSError) as exc:
        return "damaged", f"the store {path} cannot be read: {getattr(exc, 'strerror', None) or exc}"
    return "healthy", f"the store {path} is healthy"


def _store_is_good(path: Path) -> bool:
    return _store_state(path)[0] == "healthy"


def _refusal(src: Path, reason: str, store_path: Path) -> str:
    """Why ``src`` cannot be put back, and the store's real state: "not good either" only when the store is bad
    too (it used to say so whatever the store was, e.g. for an archive year given over a healthy store)."""
    kind, state = _store_state(store_path)
    if kind == "damaged":
        return f"backup {src} is not good either ({reason}); nothing was changed; {state}"
    return f"{src} cannot be restored ({reason}); nothing was changed; {state}"


def with_current_archives(path: Path, payload: bytes) -> bytes:
    """The backup, with a manifest of the archives as they are now: a backup older than the archives must neither
    refuse them (its manifest lists older versions of the years) nor hand out their ids again."""
    from ..codec import serialise

    data = parse(path, payload)
    meta = data[META]["1"]
    before: dict[str, Any] = {}
    try:
        before = manifest(parse(path, path.read_bytes())[META]["1"]) or {}
    except (StoreError, OSError):
        pass
    from_backup = manifest(meta) or {}
    on_disk = archive_years_on_disk(path)
    if not on_disk and not before and not from_backup:
        return payload
    from ..archive import Archive

    listed: dict[str, Any] = {}
    for year, arch in sorted(on_disk.items()):
        try:
            raw = arch.read_bytes()
            listed[str(year)] = entry_for(arch, Archive.load(arch), len(raw), raw)
        except (StoreError, OSError):
            if str(year) in before:
                listed[str(year)] = before[str(year)]  # still refused on read, as it was before the restore
    for key, entry in {**from_backup, **before}.items():
        listed.setdefault(key, entry)  # a listed year that is gone stays listed: it is refused, not forgotten
    meta[MANIFEST] = listed
    return serialise(data)


def restore_backup(store_path: Path, backup: str, now: datetime, *, force: bool = False) -> RestoreResult:
    """Put ``backup`` back as the store, keeping the current file as ``<stem>.damaged-<stamp>.json``."""
    path = real_path(store_path)  # through a symlink: restore the real file and keep the link
    if not path.parent.is_dir():
        raise StoreError(f"cannot restore to {path}: the directory {path.parent} does not exist")
    src = resolve_backup(path, backup)
    if real_path(src) == path:
        raise StoreError("that is the store itself, not a backup")
    info = check_backup(src)
    if not info.ok:
        raise StoreError(_refusal(src, info.reason, path))
    lock = StoreLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S)
    try:
        lock.acquire()
    except LockTimeout:
        raise StoreBusy(f"store {path} is busy: another l10 process holds its lock; close it and retry") from None
    except PermissionError:
        raise StoreError(f"cannot lock {path}.lock: permission denied") from None
    try:
        if _store_is_good(path) and not force:
            raise Conflict(
                f"store {path} is healthy; restoring {src.name} would set it back (add --force to do it anyway; "
                "the current file is kept)"
            )
        copy: Path | None = None
        try:
            payload = with_current_archives(path, src.read_bytes())
            if path.exists():
                stamp = now.strftime("%Y%m%d-%H%M%S")
                copy = path.with_name(f"{path.stem}.damaged-{stamp}.json")
                n = 1
                while copy.exists():
                    n += 1
                    copy = path.with_name(f"{path.stem}.damaged-{stamp}-{n}.json")
                atomic_write(copy, path.read_bytes())
            atomic_write(path, payload)
        except PermissionError:
            raise StoreWriteError(f"could not restore {src} to {path}: permission denied") from None
        except OSError as exc:
            raise StoreWriteError(f"could not restore {src} to {path}: {exc.strerror or exc}") from None
        return RestoreResult(backup=src, damaged_copy=copy)
    finally:
        lock.release()
