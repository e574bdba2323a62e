"""Reading the store file into memory: on open, and whenever another l10 replaced it.

One job: turn what is on disk into checked data the store can hold. A file of an older schema is upgraded under
the lock (a ``pre-vN`` copy is kept first; ``schema.MIGRATIONS``), and archive years on disk that the manifest does
not list are added to it (``manifest.build``). Both re-read the file under the lock first, so two processes opening
an old store upgrade it once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import schema
from .backups import make_backup
from .errors import StoreError, StoreWriteError
from .file import StoreFile, reason
from .lock import StoreLock, held
from .manifest import check_on_open as check_archives
from .schema import META, Data, empty_data

if TYPE_CHECKING:
    from .db import Store


class Opener:
    def __init__(self, store: Store, file: StoreFile, lock: StoreLock) -> None:
        self._store = store
        self._file = file
        self._lock = lock

    def load(self) -> None:
        """Read the file into memory (checking only the records that changed since the version held)."""
        file = self._file
        got = file.read()
        if got is None:
            file.adopt(empty_data(), None, None)
            return
        pin, sig, raw = got
        data = file.parse(raw)
        if data[META]["1"]["schema_version"] < schema.SCHEMA_VERSION:
            pin.close()
            self._migrate()
            return
        file.check(data, file.data)
        if check_archives(self._store, data[META]["1"]):
            pin.close()
            self._build_manifest()
            return
        file.adopt(data, sig, pin)

    def _build_manifest(self) -> None:
        """List the archive years on disk in the manifest (an older store, or a year it does not know), under the lock."""
        from .manifest import build

        file = self._file
        with held(self._lock, file.path):
            got = file.read()
            if got is None:
                file.adopt(empty_data(), None, None)
                return
            pin, sig, raw = got
            data = file.parse(raw)
            file.check(data)
            if not check_archives(self._store, data[META]["1"]):  # another process built it while we waited
                file.adopt(data, sig, pin)
                return
            pin.close()
            self._store.notices += build(self._store, data)
            file.write(data, self._lock)

    def _migrate(self) -> None:
        """Bring an older store up to date, keeping a copy of it first (under the lock, from a fresh read)."""
        file = self._file
        with held(self._lock, file.path):
            got = file.read()
            if got is None:  # it went away meanwhile
                file.adopt(empty_data(), None, None)
                return
            pin, sig, raw = got
            data = file.parse(raw)
            version = data[META]["1"]["schema_version"]
            if version == schema.SCHEMA_VERSION:  # another process upgraded it while we waited for the lock
                file.check(data)
                file.adopt(data, sig, pin)
                return
            pin.close()
            self._keep_copy()
            file.write(_upgraded(file, data, version), self._lock)

    def _keep_copy(self) -> None:
        path = self._file.path
        try:
            make_backup(path, self._store.clock.now(), label=f"pre-v{schema.SCHEMA_VERSION}", keep=0)
        except OSError as exc:
            raise StoreWriteError(
                f"could not keep a copy of {path} before upgrading it: {reason(exc)}; nothing was changed"
            ) from None


def _upgraded(file: StoreFile, data: Data, version: int) -> Data:
    for v in range(version, schema.SCHEMA_VERSION):
        step = schema.MIGRATIONS.get(v)
        if step is None:
            raise StoreError(f"store {file.path} has schema {v}, which this version cannot upgrade")
        data = step(data)
        data[META]["1"]["schema_version"] = v + 1
    file.check(data)
    return data
