"""Dated copies of the store: one at the end of every meeting, the newest N kept, and pre-migration copies."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

from .atomic import copy_private

KEEP = 20


def backup_dir(store_path: Path) -> Path:
    return store_path.parent / "backups"


_STAMP = re.compile(r"^-(\d{8}-\d{6})(?:-.*)?\.json$")


def list_backups(store_path: Path) -> list[Path]:
    """This store's backups, oldest first: by the UTC time in the name, then by when the copy was made."""
    folder = backup_dir(store_path)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found: list[tuple[str, int, str]] = []
    for name in names:
        if not name.startswith(store_path.stem):
            continue
        m = _STAMP.match(name[len(store_path.stem) :])
        if m is None:
            continue
        try:
            mtime = (folder / name).stat().st_mtime_ns
        except OSError:
            continue
        found.append((m.group(1), mtime, name))
    return [folder / name for _, _, name in sorted(found)]


def make_backup(store_path: Path, when: datetime, label: str = "", keep: int = KEEP) -> Path:
    """Copy the store to ``backups/<stem>-<YYYYmmdd-HHMMSS>[-label].json`` (UTC) and prune old ones.

    The time in the name is UTC so names sort in the order the copies were made, also across a DST change.
    """
    stamp = (when.astimezone(UTC) if when.tzinfo else when).strftime("%Y%m%d-%H%M%S")
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
