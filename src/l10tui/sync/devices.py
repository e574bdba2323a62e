"""Device tags (docs/SYNC.md "Ids that never collide"): each clone but the repository's first draws one or two
letters that every id it mints carries, checked against the tags already in the repository and recorded in the
store's ``_meta.devices`` (which travels), so no later clone draws it again."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import Any

from l10tui.domain.ids import TAG_LETTERS, split_key
from l10tui.store import atomic
from l10tui.store.db import parse
from l10tui.store.schema import META, Data

from .errors import SyncError
from .replica import Replica


def taken_tags(data: Data, archives: list[Data]) -> set[str]:
    """Every tag in the registry and in the ids of the store and its archive years."""
    tags = set(_devices(data).keys())
    for d in [data, *archives]:
        for name, docs in d.items():
            if name == META:
                continue
            for key in docs:
                if key.isdigit():
                    with contextlib.suppress(Exception):
                        tags.add(split_key(int(key))[1])
    return tags


def pick_tag(clone_id: str, taken: set[str]) -> str:
    """Two letters drawn from this clone's random id, skipping the tags already in the repository's history."""
    for attempt in range(10_000):
        digest = hashlib.sha256(f"{clone_id}:{attempt}".encode()).digest()
        tag = TAG_LETTERS[digest[0] % len(TAG_LETTERS)] + TAG_LETTERS[digest[1] % len(TAG_LETTERS)]
        if tag not in taken:
            return tag
    raise SyncError("every device tag is taken; nothing was changed")  # pragma: no cover - 529 tags


def _devices(data: Data) -> dict[str, Any]:
    found = data.get(META, {}).get("1", {}).get("devices") or {}
    return found if isinstance(found, dict) else {}


def draw_tag(rep: Replica, clone_id: str) -> str:
    """This clone's tag: the one it has, else a new one when another clone is the repository's first replica
    (written beside the store, where git does not take it), else "" (this clone is the first replica)."""
    tag = rep.device_tag()
    if rep.device_path.exists():
        return tag
    data = parse(rep.store_path, rep.store_path.read_bytes()) if rep.store_path.exists() else {}
    devices = _devices(data)
    first = devices.get("", {}).get("clone") if isinstance(devices.get(""), dict) else None
    if devices and first != clone_id:  # another clone is the first replica: this one (a new clone) draws a tag
        archives = [parse(p, p.read_bytes()) for p in rep.archive_files()]
        tag = pick_tag(clone_id, taken_tags(data, archives))
        atomic.atomic_write(rep.device_path, (tag + "\n").encode())
    return tag


def register_device(store_path: Path, tag: str, clone_id: str) -> None:
    """Record this replica's tag in the store's ``_meta.devices`` (synced), so no later clone draws it again."""
    from l10tui.store import open_store

    db = open_store(store_path)
    devices = db.meta.get("devices")
    if isinstance(devices, dict) and devices.get(tag, {}).get("clone") == clone_id:
        return
    with db.transaction():
        meta = db.meta
        found = meta.get("devices")
        if not isinstance(found, dict):
            found = meta["devices"] = {}
        found[tag] = {"clone": clone_id}
        db.mark_changed()
