"""``l10 sync``'s entry points for the commands and the app (docs/SYNC.md); each lives in a module of one job:

* :mod:`.steps` — ``sync``: fetch, snapshot, merge, move the working copy, push (its order is its safety);
* :mod:`.setup` — ``init`` (the repository, what travels, the clone's settings) and ``auto``;
* :mod:`.doctor` — ``check``, what ``l10 doctor`` says about the repository;
* :mod:`.driver` — ``run_driver``, git's merge driver for the store's files;
* below them: :mod:`.gitrun` (running git), :mod:`.replica` (one clone and its lock), :mod:`.remote` (the
  network), :mod:`.commits` (trees and commits off the working copy), :mod:`.conflicts` (two histories made one),
  :mod:`.checkout` (the journaled move of the working files), :mod:`.devices` (device tags), :mod:`.report` (the
  one line), and the merge of the store's data, :mod:`.merge`.
"""

from __future__ import annotations

from .doctor import check
from .driver import run_driver
from .errors import SyncError
from .killpoints import KILL_STEPS
from .report import SyncResult
from .setup import auto_enabled, init, set_auto
from .steps import sync

__all__ = [
    "KILL_STEPS",
    "SyncError",
    "SyncResult",
    "auto_enabled",
    "check",
    "init",
    "run_driver",
    "set_auto",
    "sync",
]
