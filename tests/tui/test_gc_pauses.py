"""The store's parsed records are kept out of the collector's full collections while the app runs (gc_pauses.py,
issue 12): frozen once the first screen is built and again after each re-read of the store, collected in full only
while nobody types, all given back when the app stops."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from tests.meeting.small_store import Small

from l10tui.domain.clock import FakeClock
from l10tui.store import open_store
from l10tui.tui.app import L10App
from l10tui.tui.gc_pauses import EVERY_S, IDLE_S


async def test_the_records_read_are_frozen_while_the_app_runs(small_meeting: Small, late_clock: FakeClock) -> None:
    path: Path = small_meeting.db.path
    gc.unfreeze()
    app = L10App(db=open_store(path, late_clock), clock=late_clock, start="home")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        frozen = gc.get_freeze_count()
        assert frozen > 0
        other = open_store(path, late_clock)
        for n in range(50):
            other.issues.add(f"Outside {n}", team=small_meeting.sales)
        records = list(app.db.raw()["issues"])
        app.store_watch.poll()
        app.store_watch.poll()  # still since the last look: re-read in the worker, then frozen
        for _ in range(100):
            await pilot.pause()
            if not app.store_watch.pending:
                break
        assert len(app.db.raw()["issues"]) == len(records) + 50
        issues = app.db.raw()["issues"]
        newest = issues[max(issues, key=int)]
        assert newest["title"] == "Outside 49"
        assert gc.is_tracked(newest) and not any(o is newest for o in gc.get_objects())  # frozen: out of the walks
    assert gc.get_freeze_count() == 0  # the app stopped: everything is the collector's again


class _Node:
    """A reference cycle (like a rebuilt panel's widgets): freed only by a full collection."""

    def __init__(self) -> None:
        self.me = self


async def test_a_full_collection_waits_until_nobody_types(small_meeting: Small, late_clock: FakeClock) -> None:
    """A cycle frozen with the store and dropped later is collected, but only once no key came for IDLE_S (and at
    most once per EVERY_S): the full walk costs tens of milliseconds, never in the middle of typing."""
    app = L10App(db=open_store(small_meeting.db.path, late_clock), clock=late_clock, start="home")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        collector = app.collector
        late_clock.advance(1.0)
        await pilot.press("down")
        assert collector.last_key == late_clock.monotonic()  # a key noted (by the app, for every key)
        # from here on nothing awaits: the app's own once-a-second look cannot run in between
        node = _Node()
        gone = weakref.ref(node)
        collector.settle()  # a re-read: the cycle is frozen with everything else
        del node
        gc.collect()
        assert gone() is not None  # frozen: the collector's own walks do not see it
        late_clock.advance(EVERY_S)
        collector.key()  # someone types
        late_clock.advance(IDLE_S / 2)
        collector.when_idle()
        assert collector.full_collections == 0 and gone() is not None
        late_clock.advance(IDLE_S)  # quiet for IDLE_S
        collector.when_idle()
        assert collector.full_collections == 1 and gone() is None  # collected, everything else frozen again
        assert gc.get_freeze_count() > 0
        late_clock.advance(IDLE_S)
        collector.when_idle()
        assert collector.full_collections == 1  # at most once per EVERY_S
