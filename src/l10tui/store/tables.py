"""TinyDB's table API over the store's data: the repositories' reads (``Table.get`` / ``all``) and the few writes
still made through TinyDB (``Scores`` removing rows). One job: the adapter. Reads come from the store's cached
parse; a TinyDB write only marks the open transaction changed (new records go in through :meth:`Store.put`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

if TYPE_CHECKING:
    from .db import Store


class _Storage(Storage):
    """TinyDB's view of our store: reads come from the cached parse, writes only mark the transaction dirty."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self._store.raw()

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        # ``data`` is the dict read() handed out, changed in place; outside a transaction this drops the
        # cached copy (TinyDB already changed it) and refuses
        self._store.mark_changed()

    def close(self) -> None:
        pass


class Tables:
    def __init__(self, store: Store) -> None:
        self._db = TinyDB(storage=_Storage, store=store)
        self._tables: dict[str, Table] = {}

    def table(self, name: str) -> Table:
        """The TinyDB table ``name`` (query cache off: the file may change under us)."""
        tbl = self._tables.get(name)
        if tbl is None:
            tbl = self._tables[name] = self._db.table(name, cache_size=0)
        return tbl
