"""Keeping the garbage collector's full collections out of the meeting's key presses (issue 12).

The store's records, parsed from a file of a few MB, are some 100,000 lists and dicts that CPython's collector
walks at each full collection: 50-70 ms on the event loop for a 1-year store, about once every ten seconds while
keys are pressed (every key allocates), and a key pressed then waited for it. Those records live until the next
re-read and hold no reference cycles (plain JSON), so once the store is read the app moves everything alive into
the collector's permanent generation (:func:`gc.freeze`): the collections it makes by itself then walk only what
was made since. What is frozen is still freed by reference counting when it is dropped (the records of an older
read are); a reference cycle that dies after it was frozen (a panel rebuilt, a dialog closed) waits for the next
full collection of everything, which :class:`Collector` makes only when nobody has pressed a key for ``IDLE_S``
(people talk; at most once per ``EVERY_S``), and :meth:`Collector.release` gives everything back when the app stops
(so a process that runs many apps, like the test suite, keeps nothing frozen).
"""

from __future__ import annotations

import gc
from collections.abc import Callable

IDLE_S = 2.0  # no key for this long: a full collection may run
EVERY_S = 30.0  # and at most this often


class Collector:
    def __init__(self, monotonic: Callable[[], float]) -> None:
        self.monotonic = monotonic
        self.last_key = monotonic()
        self.last_full = monotonic()
        self.full_collections = 0  # made while idle (tests count them)

    def settle(self) -> None:
        """The store was (re-)read: collect the young generations (a millisecond or two), then freeze what lives."""
        gc.collect(1)
        gc.freeze()

    def key(self) -> None:
        """A key was pressed: no full collection for ``IDLE_S``."""
        self.last_key = self.monotonic()

    def when_idle(self) -> None:
        """On a timer: nobody typing for ``IDLE_S`` and none for ``EVERY_S``: collect everything, freeze again."""
        now = self.monotonic()
        if now - self.last_key < IDLE_S or now - self.last_full < EVERY_S:
            return
        self.last_full = now
        self.full_collections += 1
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def release(self) -> None:
        """Give every frozen object back to the collector (the app is stopping)."""
        gc.unfreeze()
