"""``l10 doctor``'s check: the store file, its archives and its backups, read without trusting them; changes nothing."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from l10tui.domain.calendar import SETTING as ZONE_SETTING
from l10tui.domain.calendar import CompanyCalendar, ZoneError, zone_named
from l10tui.domain.records import RecordError, from_dict

from ..atomic import FILE_MODE
from ..backups import list_backups
from ..codec import load_file, parse
from ..errors import StoreBusy, StoreDamaged, StoreError
from ..file import real_path
from ..lock import LOCK_TIMEOUT_S, LockTimeout, StoreLock
from ..manifest import ArchiveDamaged, archive_years_on_disk, manifest, refuse, verify
from ..schema import META, SCHEMA_VERSION, TABLES, Data
from .references import orphan_references
from .report import BackupInfo, DoctorReport

MAX_LISTED = 20


def check_backup(path: Path) -> BackupInfo:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    try:
        data = load_file(path)
    except StoreDamaged as exc:
        return BackupInfo(path, False, exc.reason, size)
    except (StoreError, OSError) as exc:
        return BackupInfo(path, False, str(exc), size)
    version = data[META]["1"]["schema_version"]
    if version > SCHEMA_VERSION:
        return BackupInfo(path, False, f"written by a newer l10tui (schema {version})", size)
    year = data[META]["1"].get("archive_year")
    if year is not None:
        return BackupInfo(path, False, f"it is the archive of {year}, not a store or a backup of one", size)
    return BackupInfo(path, True, "", size)


def check_records(data: Data) -> tuple[dict[str, list[Any]], list[str]]:
    """Build every record of every known table; the ones that fail are listed by table and key."""
    built: dict[str, list[Any]] = {}
    bad: list[str] = []
    for name, model in TABLES.items():
        rows: list[Any] = []
        for key, doc in data.get(name, {}).items():
            try:
                rows.append(from_dict(model, doc, f"{name}[{key}]"))
            except RecordError as exc:
                bad.append(f"bad record {exc}")
        built[name] = rows
    return built, bad


def _in_use(path: Path) -> bool:
    lock = StoreLock(str(path) + ".lock", timeout=0)
    try:
        lock.acquire()
    except LockTimeout:
        return True
    except OSError:
        return False
    lock.release()
    return False


def check_store(path: Path) -> DoctorReport:
    """Everything that is wrong with the store at ``path`` (and its backups); changes nothing."""
    path = real_path(path)
    report = DoctorReport(path=path, exists=path.exists())
    report.backups = [check_backup(b) for b in list_backups(path)]
    folder = path.parent
    if not folder.is_dir():
        report.problems.append(f"the directory {folder} does not exist")
        return report
    if not report.exists:
        if report.backups:
            report.problems.append("the store file is missing, but there are backups of it")
        else:
            report.warnings.append("no store yet (it is created at the first change)")
        return report
    if path.is_dir():
        report.problems.append(f"{path} is a directory, not a store file")
        return report
    report.in_use = _in_use(path)
    # Under the store's lock, so the live file and its archives are read as one state (not half a compaction).
    lock: StoreLock | None = StoreLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S)
    try:
        assert lock is not None
        lock.acquire()
    except LockTimeout:
        raise StoreBusy(f"store {path} is busy: another l10 process holds its lock; retry in a moment") from None
    except OSError:
        lock = None  # a read-only folder or lock file: check what can be read all the same
    try:
        return _check_locked(path, report)
    finally:
        if lock is not None:
            lock.release()


def _check_locked(path: Path, report: DoctorReport) -> DoctorReport:
    try:
        raw = path.read_bytes()
    except PermissionError:
        report.problems.append("cannot read it: permission denied")
        return report
    except OSError as exc:
        report.problems.append(f"cannot read it: {exc.strerror or exc}")
        return report
    try:
        data = parse(path, raw)
    except StoreDamaged as exc:
        report.problems.append(exc.reason)
        return report
    version = data[META]["1"]["schema_version"]
    report.schema_version = version
    zone = data[META]["1"].get("settings", {}).get(ZONE_SETTING)
    report.machine_zone = CompanyCalendar.named(None).name
    if isinstance(zone, str):
        try:
            zone_named(zone)
            report.timezone = zone
        except ZoneError:
            report.warnings.append(
                f"the company time zone {zone[:64]!r} is not a time zone; the machine's ({report.machine_zone}) "
                "is used (set one with: l10 team zone NAME)"
            )
    elif zone is not None:
        report.warnings.append("the company time zone setting is not a name; the machine's zone is used")
    if version > SCHEMA_VERSION:
        report.problems.append(
            f"written by a newer l10tui (schema {version}; this version reads up to {SCHEMA_VERSION})"
        )
        return report
    if version < SCHEMA_VERSION:
        report.warnings.append(f"schema {version} will be upgraded to {SCHEMA_VERSION} when the store is next opened")
    unknown = sorted(set(data) - set(TABLES) - {META, "_changes"})
    if unknown:
        report.warnings.append(f"tables this version does not know (kept as they are): {', '.join(unknown)}")
    built, bad = check_records(data)
    report.counts = {name: len(data.get(name, {})) for name in TABLES}
    report.problems += bad[:MAX_LISTED]
    if len(bad) > MAX_LISTED:
        report.problems.append(f"... and {len(bad) - MAX_LISTED} more bad records")
    archived = _check_archives(path, data, built, report)
    report.archived = archived
    orphans = orphan_references(built)
    report.warnings += orphans[:MAX_LISTED]
    if len(orphans) > MAX_LISTED:
        report.warnings.append(f"... and {len(orphans) - MAX_LISTED} more missing references")
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if mode & 0o077:
            report.warnings.append(f"the file is readable by others (mode {mode:o}; expected {FILE_MODE:o})")
    except OSError:
        pass
    return report


def _check_archives(path: Path, data: Data, built: dict[str, list[Any]], report: DoctorReport) -> int:
    """Each archive year against the manifest (missing, emptied, swapped, changed), its records, and ids that
    name two different records across the live file and the archives; adds what it finds to ``built``."""
    meta = data[META]["1"]
    listed = manifest(meta)
    on_disk = archive_years_on_disk(path)
    if listed is None:
        if on_disk:
            report.warnings.append("the archives have no manifest yet (it is built when the store is next opened)")
        listed = {}
    seen: dict[str, dict[str, tuple[str, str]]] = {}  # table -> id -> (where, created_at)
    for name, rows in built.items():
        seen[name] = {r.id: ("the live file", str(r.created_at)) for r in rows}
    archived = 0
    for year in sorted(set(on_disk) | {int(k) for k in listed}):
        arch = on_disk.get(year)
        entry = listed.get(str(year))
        if arch is None:
            if entry is not None and "digest" not in entry:
                continue  # never written (a first write that failed): nothing is missing
            gone = path.parent / "archive" / str((entry or {}).get("file", f"{path.stem}-{year}.json"))
            report.problems.append(
                str(refuse(path, year, gone, "it is missing (the store's manifest lists it)", entry))
            )
            continue
        if entry is None and listed:
            report.warnings.append(
                f"archive {arch.name} is not in the manifest yet (added when the store is next opened)"
            )
        try:
            arch_data = parse(arch, arch.read_bytes())
            if listed and entry is not None:
                verify(path, meta, year, arch, arch_data)
        except ArchiveDamaged as exc:
            report.problems.append(str(exc))
            continue
        except StoreDamaged as exc:
            report.problems.append(str(refuse(path, year, arch, exc.reason, entry)))
            continue
        except PermissionError:
            report.problems.append(f"cannot read archive {arch.name}: permission denied (it is not damaged)")
            continue
        except OSError as exc:
            report.problems.append(f"cannot read archive {arch.name}: {exc.strerror or exc}")
            continue
        arch_built, arch_bad = check_records(arch_data)
        report.problems += [f"archive {arch.name}: {b}" for b in arch_bad[:MAX_LISTED]]
        duplicates: list[str] = []
        for name, rows in arch_built.items():
            known = seen.setdefault(name, {})
            for r in rows:
                prior = known.get(r.id)
                if prior is None:
                    known[r.id] = (f"archive {arch.name}", str(r.created_at))
                    built.setdefault(name, []).append(r)
                    archived += 1
                elif prior[1] != str(r.created_at):  # the same record twice is a finished move, not a clash
                    duplicates.append(f"{r.id} names two records: in {prior[0]} and in archive {arch.name}")
        report.problems += duplicates[:MAX_LISTED]
        if len(duplicates) > MAX_LISTED:
            report.problems.append(f"... and {len(duplicates) - MAX_LISTED} more ids used twice")
    return archived
