"""Dated copies of the store: one at the end of every meeting, the newest N kept, and pre-migration copies."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from .atomic import copy_private

KEEP = 20


def backup_dir(store_path: Path) -> Path:
    return store_path.parent / "backups"


def list_backups(store_path: Path) -> list[Path]:
    """This store's backups, oldest first (the names sort by time)."""
    folder = backup_dir(store_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{store_path.stem}-*.json"))


def make_backup(store_path: Path, when: datetime, label: str = "", keep: int = KEEP) -> Path:
    """Copy the store to ``backups/<stem>-<YYYYmmdd-HHMMSS>[-label].json`` and prune old ones."""
    stamp = when.strftime("%Y%m%d-%H%M%S")
    name = f"{store_path.stem}-{stamp}{'-' + label if label else ''}.json"
    dest = backup_dir(store_path) / name
    n = 1
    while dest.exists():
        n += 1
        dest = dest.with_name(f"{store_path.stem}-{stamp}{'-' + label if label else ''}-{n}.json")
    copy_private(store_path, dest)
    if keep > 0:
        regular = [p for p in list_backups(store_path) if "-pre-" not in p.name]
        for old in regular[:-keep]:
            try:
                old.unlink()
            except OSError:
                pass
    return dest
