"""The store's small settings (``_meta.settings``: the company name, its time zone, the measurables' order) and
the company calendar they name. One job; the :class:`Store` methods ``setting``, ``set_setting``, ``calendar`` and
``today`` hand over to :class:`Settings`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import orjson

from l10tui.domain.calendar import SETTING as ZONE_SETTING
from l10tui.domain.calendar import CompanyCalendar

from .errors import StoreWriteError

if TYPE_CHECKING:
    from .db import Store

TABLE = "_settings"  # the history's name for the settings (changes.SETTINGS)


class Settings:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._calendar: tuple[str | None, CompanyCalendar] | None = None

    def get(self, key: str, default: Any = None) -> Any:
        return self._store.meta.get("settings", {}).get(key, default)

    def set(self, key: str, value: Any) -> None:
        """Store a small JSON value; one that would not read back the same (NaN, a tuple, a huge int) is refused."""
        try:
            same = orjson.loads(orjson.dumps(value)) == value
        except (TypeError, ValueError) as exc:
            raise StoreWriteError(f"setting {key!r} cannot be stored ({exc}); nothing was changed") from None
        if not same:
            raise StoreWriteError(f"setting {key!r} would not read back as {value!r}; nothing was changed")
        store = self._store
        with store.transaction():
            store.touch(TABLE, 0, store.meta.get("settings", {}))
            store.meta.setdefault("settings", {})[key] = value
            store.mark_changed()

    @property
    def calendar(self) -> CompanyCalendar:
        """The company calendar: the zone the store names, else the machine's (see :mod:`l10tui.domain.calendar`)."""
        name = self.get(ZONE_SETTING)
        key = name if isinstance(name, str) else None
        cached = self._calendar
        if cached is None or cached[0] != key:
            cached = (key, CompanyCalendar.named(key))
            self._calendar = cached
        return cached[1]

    def today(self) -> date:
        """The company's day now (by the store's clock)."""
        return self.calendar.day(self._store.clock.now())
