"""``l10 doctor``: check a store file without trusting it, list its backups, and put a good backup back.

The check never changes anything. A restore takes the store's lock, keeps the current (damaged) file as
``<stem>.damaged-<stamp>.json`` beside it, and replaces the store with the backup atomically.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from l10tui.domain.calendar import SETTING as ZONE_SETTING
from l10tui.domain.calendar import CompanyCalendar, ZoneError, zone_named
from l10tui.domain.models import Headline, Issue, Measurable, Meeting, Person, Rock, Score, Todo
from l10tui.domain.records import RecordError, from_dict

from .atomic import FILE_MODE, atomic_write
from .backups import backup_dir, list_backups
from .codec import load_file, parse
from .errors import Conflict, NotFound, StoreBusy, StoreDamaged, StoreError, StoreWriteError
from .file import real_path
from .lock import LOCK_TIMEOUT_S, LockTimeout, StoreLock
from .manifest import MANIFEST, ArchiveDamaged, archive_years_on_disk, entry_for, manifest, refuse, verify
from .schema import META, SCHEMA_VERSION, TABLES, Data

MAX_LISTED = 20


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    ok: bool
    reason: str
    size: int


@dataclass
class DoctorReport:
    path: Path
    exists: bool
    schema_version: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    backups: list[BackupInfo] = field(default_factory=list)
    in_use: bool = False
    archived: int = 0  # records in the yearly archives (not counted in ``counts``)
    timezone: str | None = None  # the company's zone as the store names it (None: the machine's is used)
    machine_zone: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def newest_good_backup(self) -> Path | None:
        good = [b.path for b in self.backups if b.ok]
        return good[-1] if good else None

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "exists": self.exists,
            "ok": self.ok,
            "schema_version": self.schema_version,
            "supported_schema_version": SCHEMA_VERSION,
            "counts": dict(self.counts),
            "problems": list(self.problems),
            "warnings": list(self.warnings),
            "in_use": self.in_use,
            "archived": self.archived,
            "timezone": self.timezone,
            "zone_in_use": self.timezone or self.machine_zone,
            "backups": [{"path": str(b.path), "ok": b.ok, "reason": b.reason, "size": b.size} for b in self.backups],
            "newest_good_backup": str(self.newest_good_backup) if self.newest_good_backup else None,
        }


# -- checking ------------------------------------------------------------------------------------------------------


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


def orphan_references(built: dict[str, list[Any]]) -> list[str]:
    """References to records that are not in the store (``issue I-3: team TM-9 does not exist``)."""
    ids = {name: {r.id for r in rows} for name, rows in built.items()}
    out: list[str] = []

    def need(owner: str, what: str, ref: str | None, table: str) -> None:
        if ref and ref not in ids.get(table, set()):
            out.append(f"{owner}: {what} {ref} does not exist")

    for p in built.get("people", []):
        assert isinstance(p, Person)
        for t in p.teams:
            need(f"person {p.id}", "team", t, "teams")
    for m in built.get("measurables", []):
        assert isinstance(m, Measurable)
        need(f"measurable {m.id}", "owner", m.owner, "people")
        for t in m.teams:
            need(f"measurable {m.id}", "team", t, "teams")
        if m.formula is not None:
            need(f"measurable {m.id}", "numerator", m.formula.numerator, "measurables")
            need(f"measurable {m.id}", "denominator", m.formula.denominator, "measurables")
    for s in built.get("scores", []):
        assert isinstance(s, Score)
        need(f"score {s.id}", "measurable", s.measurable, "measurables")
    for r in built.get("rocks", []):
        assert isinstance(r, Rock)
        need(f"rock {r.id}", "owner", r.owner, "people")
        need(f"rock {r.id}", "team", r.team, "teams")
    for h in built.get("headlines", []):
        assert isinstance(h, Headline)
        need(f"headline {h.id}", "person", h.by, "people")
        need(f"headline {h.id}", "meeting", h.meeting, "meetings")
        need(f"headline {h.id}", "team", h.team, "teams")
    for td in built.get("todos", []):
        assert isinstance(td, Todo)
        need(f"to-do {td.id}", "owner", td.owner, "people")
        need(f"to-do {td.id}", "meeting", td.created_in_meeting, "meetings")
        need(f"to-do {td.id}", "issue", td.source_issue, "issues")
        need(f"to-do {td.id}", "team", td.team, "teams")
        for review in td.reviews:
            need(f"to-do {td.id}", "reviewing meeting", review.meeting, "meetings")
    source_table = {"measurable": "measurables", "rock": "rocks", "headline": "headlines", "todo": "todos"}
    for i in built.get("issues", []):
        assert isinstance(i, Issue)
        need(f"issue {i.id}", "team", i.team, "teams")
        need(f"issue {i.id}", "raised-by team", i.raised_by_team, "teams")
        need(f"issue {i.id}", "raised-by person", i.raised_by, "people")
        if i.source is not None:
            need(f"issue {i.id}", f"source {i.source.kind}", i.source.id, source_table[i.source.kind])
        for t in i.todos:
            need(f"issue {i.id}", "to-do", t, "todos")
        for mt in i.meetings:
            need(f"issue {i.id}", "meeting", mt, "meetings")
        need(f"issue {i.id}", "merged-into issue", i.merged_into, "issues")
    for mt in built.get("meetings", []):
        assert isinstance(mt, Meeting)
        where = f"meeting {mt.id}"
        for t in mt.teams:
            need(where, "team", t, "teams")
        for p in mt.attendance:
            need(where, "attendee", p, "people")
        for rating in mt.ratings:
            need(where, "rater", rating.person, "people")
        for t in mt.todos_created:
            need(where, "to-do", t, "todos")
        for iid in mt.issues_added:
            need(where, "added issue", iid, "issues")
        for d in mt.issues_discussed:
            need(where, "discussed issue", d.issue, "issues")
        for hid in mt.headlines:
            need(where, "headline", hid, "headlines")
    return out


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


def zone_line(timezone: str | None, machine: str) -> str:
    """How the company's days are counted, said once (doctor, set-up, home)."""
    if timezone:
        return f"days and weeks in {timezone} (the company's time zone)"
    return f"days and weeks in {machine}, this machine's zone (no company zone set: l10 team zone NAME)"


def render_text(report: DoctorReport) -> str:
    lines = [f"Store: {report.path}"]
    if report.exists and report.schema_version is not None:
        counts = ", ".join(f"{n} {name}" for name, n in report.counts.items() if n)
        lines.append(f"  schema {report.schema_version}; {counts or 'no records yet'}")
        if report.archived:
            lines.append(f"  and {report.archived} closed records in the yearly archives")
    if report.exists and report.schema_version is not None:
        lines.append(f"  {zone_line(report.timezone, report.machine_zone)}")
    if report.in_use:
        lines.append("  another l10 process has it open for writing right now")
    lines.append("  OK: nothing wrong found" if report.ok else f"  {len(report.problems)} problem(s):")
    lines += [f"  ✗ {p}" for p in report.problems]
    lines += [f"  ! {w}" for w in report.warnings]
    lines.append("")
    if report.backups:
        lines.append(f"Backups in {backup_dir(report.path)} (oldest first):")
        for b in report.backups:
            state = "good" if b.ok else f"bad: {b.reason}"
            lines.append(f"  {b.path.name}  {b.size} bytes  {state}")
    else:
        lines.append("No backups yet (one is made at the end of every meeting).")
    newest = report.newest_good_backup
    if not report.ok:
        lines.append("")
        if newest is not None:
            lines.append(f"To put the newest good backup back: l10 doctor --restore {newest}")
            lines.append("(the current file is kept beside it as a .damaged-<time>.json copy)")
        else:
            lines.append("No good backup to restore; keep the file and look at it by hand.")
    return "\n".join(lines)


# -- restoring -----------------------------------------------------------------------------------------------------


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


def _store_is_good(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        data = load_file(path)
    except (StoreError, OSError):
        return False
    version: int = data[META]["1"]["schema_version"]
    return version <= SCHEMA_VERSION


def with_current_archives(path: Path, payload: bytes) -> bytes:
    """The backup, with a manifest of the archives as they are now: a backup older than the archives must neither
    refuse them (its manifest lists older versions of the years) nor hand out their ids again."""
    from .codec import serialise

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
    from .archive import Archive

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
        raise StoreError(f"backup {src} is not good either ({info.reason}); nothing was changed")
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
