"""The store's parsed records are kept out of the collector's full collections while the app runs (gc_pauses.py,
issue 12): frozen once the first screen is built and again after each re-read of the store, all given back when
the app stops."""

from __future__ import annotations

import gc
from pathlib import Path

from tests.meeting.small_store import Small

from l10tui.domain.clock import FakeClock
from l10tui.store import open_store
from l10tui.tui.app import L10App


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
