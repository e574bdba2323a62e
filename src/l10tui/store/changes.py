"""The store's own history of changes, for undo (``l10 undo``, the app's ctrl+z).

Every committed transaction that changed records appends one entry to the ``_changes`` table, in the same atomic
write as the change itself: its name ("dropped I-12"), when, and the before/after image of each record it touched.
The table is bounded (the newest :data:`KEEP` entries). A store without the table simply has no history yet.

Undo takes the newest entry, checks under the store lock that every record it touched is still exactly as that
change left it (so a later change made by another process, or by hand, is never overwritten), puts the before
images back and removes the entry. The undo itself is not recorded.

The meeting record (the engine's checkpoint of a running meeting) is not kept in the history: undo is for the
records people work on between meetings.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC
from typing import TYPE_CHECKING, Any

import orjson

from l10tui.domain.clock import iso
from l10tui.domain.models import ID_PREFIX

from .backups import list_backups, make_backup
from .errors import Conflict, StoreWriteError
from .file import reason

if TYPE_CHECKING:
    from .db import Store

TABLE = "_changes"
KEEP = 100
SETTINGS = "_settings"  # the pseudo-table for _meta.settings (the company name, the measurables' order)
NOT_KEPT = frozenset({"meetings"})
MAX_RECORDS = 200  # a bigger change (building the demo, an import) is named in the history but cannot be undone
MAX_BYTES = 96_000  # the history's whole size in the file: every commit rewrites it, so it stays small
MAX_ENTRY_BYTES = MAX_BYTES // 3


@dataclass(frozen=True)
class Change:
    """One entry of the history, as ``l10 undo --list`` shows it."""

    n: int
    name: str
    at: str
    ids: tuple[str, ...]


def record_id(table: str, key: int) -> str:
    prefix = ID_PREFIX.get(table)
    return f"{prefix}-{key}" if prefix else table


def default_name(changes: list[dict[str, Any]]) -> str:
    """ "added T-4", "changed I-12", or "changed I-3, I-5" when nothing more specific was said."""
    if len(changes) == 1:
        c = changes[0]
        verb = "added" if c["before"] is None else "removed" if c["after"] is None else "changed"
        return f"{verb} {c['id']}"
    ids = [c["id"] for c in changes]
    return "changed " + ", ".join(ids[:4]) + (f" and {len(ids) - 4} more" if len(ids) > 4 else "")


def record(store: Store, touched: dict[tuple[str, int], Any], name: str | None) -> None:
    """Append the entry for the transaction being committed (the caller holds the lock, data in memory)."""
    data = store.raw()
    meta = data["_meta"]["1"]
    changes: list[dict[str, Any]] = []
    for (table, key), before in touched.items():
        if table in NOT_KEPT:
            continue
        if table == SETTINGS:
            after = copy.deepcopy(meta.get("settings", {}))
        else:
            now = data.get(table, {}).get(str(key))
            after = None if now is None else copy.deepcopy(dict(now))
        if after == before:
            continue
        changes.append({"table": table, "key": key, "id": record_id(table, key), "before": before, "after": after})
    if not changes:
        return
    history = data.setdefault(TABLE, {})
    n = max((int(k) for k in history), default=0) + 1
    entry: dict[str, Any] = {"name": name or default_name(changes), "at": iso(store.clock.now()), "changes": changes}
    size = len(orjson.dumps(entry)) if len(changes) <= MAX_RECORDS else MAX_ENTRY_BYTES + 1
    if size > MAX_ENTRY_BYTES:
        entry["changes"], entry["too_big"] = [], len(changes)
        size = len(orjson.dumps(entry))
    entry["bytes"] = size
    history[str(n)] = entry
    total = 0
    for i, key in enumerate(sorted((int(k) for k in history), reverse=True)):
        doc = history[str(key)]
        total += int(doc.get("bytes", 0)) if isinstance(doc.get("bytes"), int) else 0
        if i >= KEEP or total > MAX_BYTES:
            del history[str(key)]


def entries(store: Store) -> list[Change]:
    """The history, newest first."""
    history = store.raw().get(TABLE, {})
    out = []
    for key in sorted((int(k) for k in history), reverse=True):
        doc = history[str(key)]
        ids = tuple(str(c.get("id", "")) for c in doc.get("changes", []))
        out.append(Change(key, str(doc.get("name", "")), str(doc.get("at", "")), ids))
    return out


def undo(store: Store, steps: int = 1) -> list[str]:
    """Undo the newest ``steps`` changes, newest first; return their names. All or nothing, under the lock."""
    if steps < 1:
        raise Conflict("undo at least one step")
    done: list[str] = []
    with store.transaction():
        data = store.raw()
        history = data.get(TABLE, {})
        keys = sorted((int(k) for k in history), reverse=True)
        if not keys:
            raise Conflict("nothing to undo: the store has no history of changes yet")
        if steps > len(keys):
            raise Conflict(f"only {len(keys)} change(s) can be undone; nothing was undone")
        for key in keys[:steps]:
            entry = history[str(key)]
            name = str(entry.get("name", ""))
            changes = entry.get("changes", [])
            if entry.get("too_big"):
                raise Conflict(
                    f"cannot undo {name!r}: it changed too much to keep ({entry['too_big']} records); "
                    "restore the day's backup instead (l10 doctor --restore); nothing was undone"
                )
            for c in changes:
                if _current_image(data, c["table"], int(c["key"])) != c["after"]:
                    raise Conflict(
                        f"cannot undo {name!r}: {c['id']} was changed since (by another change not in the history); "
                        "nothing was undone"
                    )
            for c in reversed(changes):
                _put(data, c["table"], int(c["key"]), c["before"])
            del history[str(key)]
            done.append(name)
        store.mark_changed()
    return done


def _current_image(data: dict[str, Any], table: str, key: int) -> Any:
    if table == SETTINGS:
        return data["_meta"]["1"].get("settings", {})
    doc = data.get(table, {}).get(str(key))
    return None if doc is None else dict(doc)


def _put(data: dict[str, Any], table: str, key: int, image: Any) -> None:
    if table == SETTINGS:
        data["_meta"]["1"]["settings"] = copy.deepcopy(image or {})
        return
    rows = data.setdefault(table, {})
    if image is None:
        rows.pop(str(key), None)
    else:
        rows[str(key)] = copy.deepcopy(image)


def before_commit(store: Store, touched: dict[tuple[str, int], Any], name: str | None) -> None:
    """What goes with a transaction's change, before it is written: its history entry (in the same write), and
    the copy of the file before the day's first change (when the store keeps daily backups)."""
    if store.keep_history and touched:
        record(store, touched, name)
    if store.daily_backup:
        try:
            backup_if_first_today(store)
        except OSError as exc:
            raise StoreWriteError(
                f"could not keep the day's first copy of {store.path}: {reason(exc)}; nothing was changed"
            ) from None


def backup_if_first_today(store: Store) -> None:
    """Keep a copy of the file as it was before the first change of the (UTC) day."""
    if not store.path.exists():
        return
    now = store.clock.now()
    today = (now.astimezone(UTC) if now.tzinfo else now).strftime("%Y%m%d")
    found = list_backups(store.path)
    if found and found[-1].name[len(store.path.stem) + 1 :][:8] == today:
        return
    make_backup(store.path, now if now.tzinfo else now.replace(tzinfo=UTC), label="daily")
