"""What ``l10 doctor`` found, as data (:class:`DoctorReport`, ``--json``) and as the text it prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..backups import backup_dir
from ..schema import SCHEMA_VERSION


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
