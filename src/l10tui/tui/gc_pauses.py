"""Keeping the garbage collector's full collections out of the meeting's key presses (issue 12).

The store's records, parsed from a file of a few MB, are some 100,000 lists and dicts that CPython's collector
walks at each full collection: 50-70 ms on the event loop for a 1-year store, about once every ten seconds while
keys are pressed (every key allocates), and a key pressed then waited for it. Those records live until the next
re-read and hold no reference cycles (plain JSON), so once the store is read the app moves everything alive into
the collector's permanent generation (:func:`gc.freeze`): full collections then walk only what was made since.
What is frozen is still freed by reference counting when it is dropped (the records of an older read are); only a
reference cycle that is garbage at a freeze waits for :func:`release`, which the app calls when it stops (so a
process that runs many apps, like the test suite, does not keep them).
"""

from __future__ import annotations

import gc


def settle() -> None:
    """The store was (re-)read: collect the young generations (a millisecond or two), then freeze what is alive."""
    gc.collect(1)
    gc.freeze()


def release() -> None:
    """Give every frozen object back to the collector (the app is stopping)."""
    gc.unfreeze()
