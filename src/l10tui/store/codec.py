"""The store file's codec: bytes to checked data and back, with no file locking, caching or TinyDB.

* :func:`parse` checks the shape (a JSON object, a ``_meta`` table with a schema version and counters, tables of
  numbered documents whose ids match their keys) and raises :class:`StoreDamaged` naming what is wrong;
* :func:`check_records` builds every record of the current schema once, so a bad field is caught on open, not later;
* :func:`serialise` is the one way data becomes bytes;
* :func:`load_file` / :func:`newest_good_backup` read a file through both checks (backups, doctor, sync).

:mod:`.db` (the live store), :mod:`.archive` and :mod:`.manifest` (the yearly files), :mod:`.doctor` and the git
merge driver all read and write through here, so a file is judged the same way wherever it is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from l10tui.domain.ids import format_id, valid_key
from l10tui.domain.models import ID_PREFIX
from l10tui.domain.records import RecordError, from_dict

from . import atomic
from .backups import list_backups
from .errors import StoreDamaged, StoreError, StoreTooNew
from .schema import META, SCHEMA_VERSION, TABLES, Data


def serialise(data: Data) -> bytes:
    atomic.inject("serialise")
    return orjson.dumps(data)


def _check_meta(meta: dict[str, Any]) -> str | None:
    counters = meta.get("counters", {})
    if not isinstance(counters, dict):
        return "_meta.counters is not an object"
    for prefix, n in counters.items():
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            return f"_meta.counters[{prefix!r}] is {n!r}, not a count"
    if not isinstance(meta.get("settings", {}), dict):
        return "_meta.settings is not an object"
    return None


def parse(path: Path, raw: bytes, loads: Callable[[bytes], Any] | None = None) -> Data:
    """Parse and check the shape of a store file; raise :class:`StoreDamaged` (without backup hint) if wrong.

    ``loads``: another parser for the JSON (``archive.lean_loads`` for yearly archives); orjson by default."""

    def damaged(reason: str) -> StoreDamaged:
        return StoreDamaged(path, reason, None)

    if not raw.strip():
        raise damaged("the file is empty")
    try:
        data = (loads or orjson.loads)(raw)
    except ValueError as exc:  # orjson's and json's JSONDecodeError both are ValueErrors
        raise damaged(f"not valid JSON ({exc}); it may have been cut short") from None
    if not isinstance(data, dict):
        raise damaged(f"expected a JSON object at the top, found {type(data).__name__}")
    meta = data.get(META)
    if not isinstance(meta, dict) or not isinstance(meta.get("1"), dict):
        raise damaged("it has no _meta table (is it an l10tui store?)")
    version = meta["1"].get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise damaged(f"_meta.schema_version is {version!r}, not a version number")
    problem = _check_meta(meta["1"])
    if problem:
        raise damaged(problem)
    for name, table in data.items():
        if not isinstance(table, dict):
            raise damaged(f"table {name!r} is not an object")
        prefix = ID_PREFIX.get(name)
        for key, doc in table.items():
            # TinyDB turns keys into ints: "07" would collide with "7", and "²".isdigit() but int("²") fails
            if not (key.isascii() and key.isdigit() and str(int(key)) == key) or not isinstance(doc, dict):
                raise damaged(f"table {name!r} has a malformed entry {str(key)[:40]!r}")
            if prefix is not None:
                if not valid_key(int(key)):
                    raise damaged(f"table {name!r} has a malformed entry {str(key)[:40]!r}")
                expected = format_id(prefix, int(key))
                if doc.get("id") != expected:
                    raise damaged(f"{name}[{key}] has id {str(doc.get('id'))[:40]!r}, expected {expected}")
    return data


def check_records(path: Path, data: Data, checked: Data | None = None) -> None:
    """Every record of every known table must build its dataclass; the first one that does not is reported.

    ``checked``: data that passed this check before (the version in memory); a record equal to its copy there is
    not built again (re-reading a 1.5 MB store another l10 changed took ~0.1 s of building, issue 12)."""
    for name, model in TABLES.items():
        before = checked.get(name, {}) if checked is not None else {}
        for key, doc in data.get(name, {}).items():
            if before and before.get(key) == doc:
                continue
            try:
                from_dict(model, doc, f"{name}[{key}]")
            except RecordError as exc:
                raise StoreDamaged(path, f"bad record {exc}", None) from None


def load_file(path: Path) -> Data:
    """Read, parse and check a store file (used for the live file and to check backups)."""
    data = parse(path, path.read_bytes())
    version = data[META]["1"]["schema_version"]
    if version > SCHEMA_VERSION:
        raise StoreTooNew(path, version, SCHEMA_VERSION)
    if version == SCHEMA_VERSION:
        check_records(path, data)
    return data


def newest_good_backup(path: Path) -> Path | None:
    for candidate in reversed(list_backups(path)):
        try:
            load_file(candidate)
        except (StoreError, OSError):
            continue
        return candidate
    return None
