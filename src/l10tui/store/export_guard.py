"""Where an export may be written: never into the store's own folders, never over a store, backup or archive.

``l10 export latest -o l10.json`` once replaced the store with Markdown, and ``-o backups/<newest>.json`` destroyed
the newest backup. The rule, in one place: the target (symlinks followed) must not be in the store's folder tree (its
folder, ``backups/``, ``archive/`` or any folder below), and an existing file there must not parse as an l10 store (a store, a
backup or an archive year all do: a JSON object with a ``_meta`` table).
"""

from __future__ import annotations

import os
from pathlib import Path

import orjson

from .archive import archive_dir
from .backups import backup_dir
from .errors import Conflict
from .file import real_path

SNIFF_LIMIT = 256 * 1024 * 1024  # a store is never bigger; a larger file is not one


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def looks_like_store(path: Path) -> bool:
    """True when ``path`` is a file that parses as an l10 store, backup or archive (a JSON object with ``_meta``)."""
    try:
        with open(path, "rb") as f:
            head = f.read(64).lstrip()
            if not head.startswith(b"{"):
                return False
            if os.fstat(f.fileno()).st_size > SNIFF_LIMIT:
                return False
            f.seek(0)
            data = orjson.loads(f.read())
    except (OSError, orjson.JSONDecodeError):
        return False
    return isinstance(data, dict) and isinstance(data.get("_meta"), dict)


def check_export_target(store_path: Path, target: Path) -> Path:
    """The real path to write ``target`` to, or :class:`Conflict` saying in one line why it must not be written."""
    real = real_path(target)
    store = real_path(store_path)
    if real == store:
        raise Conflict(f"refusing to write the export to {target}: it is the store itself; choose another file")
    for folder, what in (
        (backup_dir(store), "the store's backups folder"),
        (archive_dir(store), "the store's archive folder"),
        (store.parent, "the store's folder tree"),
    ):
        if _inside(real, folder):
            raise Conflict(
                f"refusing to write the export to {target}: it is in {what} ({folder}); choose a file elsewhere"
            )
    if looks_like_store(real):
        raise Conflict(
            f"refusing to write the export over {target}: it holds an l10 store (or a backup or archive of one)"
        )
    return real
