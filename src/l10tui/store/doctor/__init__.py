"""``l10 doctor``: check a store file without trusting it, list its backups, and put a good backup back.

The check (``checks.py``, with ``references.py``) never changes anything; ``report.py`` says what it found;
``restore.py`` takes the store's lock, keeps the current (damaged) file as ``<stem>.damaged-<stamp>.json`` beside
it, and replaces the store with the backup atomically.
"""

from __future__ import annotations

from .checks import check_backup, check_records, check_store
from .references import orphan_references
from .report import BackupInfo, DoctorReport, render_text, zone_line
from .restore import RestoreResult, resolve_backup, restore_backup, with_current_archives

__all__ = [
    "BackupInfo",
    "DoctorReport",
    "RestoreResult",
    "check_backup",
    "check_records",
    "check_store",
    "orphan_references",
    "render_text",
    "resolve_backup",
    "restore_backup",
    "with_current_archives",
    "zone_line",
]
