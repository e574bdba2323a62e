"""New ids: counters in ``_meta`` that only go up, above every id in the live file and the archives, minted with
this replica's device tag (``I-13km`` on a laptop ``l10 sync init`` tagged ``km``), so an id is never handed out
twice, not even on two laptops. One job; :meth:`Store.next_id` calls it inside a transaction.
"""

from __future__ import annotations

from pathlib import Path

from l10tui.domain.ids import IdError, format_id, key_of, split_key, valid_tag

from .errors import StoreError
from .manifest import archived_max_id
from .schema import META, Data

DEVICE_SUFFIX = ".device"


def device_path(store_path: Path) -> Path:
    """This replica's device tag file (``l10 sync init`` writes it; git ignores it): beside the store, never synced."""
    return Path(str(store_path) + DEVICE_SUFFIX)


def device_tag(store_path: Path) -> str:
    """The tag this replica mints ids with ("" on the first replica and on a store that is not synced)."""
    where = device_path(store_path)
    try:
        tag = where.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"cannot read the device tag {where}: {exc}") from None
    if not valid_tag(tag):
        raise StoreError(f"the device tag in {where} is {tag[:8]!r}, not one or two letters")
    return tag


def mint(data: Data, table: str, prefix: str, tag: str) -> tuple[str, int]:
    """The next id of ``table`` in ``data`` (its counter is moved on in place): ``("I-13", key)``."""
    meta = data[META]["1"]
    counters: dict[str, int] = meta.setdefault("counters", {})
    existing = data.get(table, {})
    archived = archived_max_id(meta, table)  # above the archives' ids too, also after an older backup is restored
    n = max(counters.get(prefix, 0), max((split_key(int(k))[0] for k in existing), default=0), archived) + 1
    try:
        key = key_of(n, tag)
    except IdError as exc:
        raise StoreError(f"cannot hand out a new id: {exc}") from None
    counters[prefix] = n
    return format_id(prefix, key), key
