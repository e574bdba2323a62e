"""The facilitator's meeting screen shows attendees' votes and ratings (written by ``l10 vote`` / ``l10 rate`` from
another shell) on its next store poll, and checkpoints the row under its cursor for the room view.

Fails on the code before issue 15 (no votes, no focus in the checkpoint, ratings overwritten by the next change).
"""

from __future__ import annotations

from datetime import UTC

from tests.meeting.small_store import Small

from l10tui.domain.clock import FakeClock
from l10tui.meeting import CONCLUDE, IDS
from l10tui.store import open_store, seats
from l10tui.tui.app import L10App
from l10tui.tui.screens.meeting import MeetingScreen
from l10tui.tui.widgets.issue_panel import IssuePanel
from l10tui.tui.widgets.row_table import RowTable


async def test_votes_ratings_and_focus(small_meeting: Small, late_clock: FakeClock) -> None:
    clock, small, path = late_clock, small_meeting, small_meeting.db.path
    app = L10App(db=open_store(path, clock), clock=clock, start="meeting", start_kwargs={"tz": UTC})
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        for _ in range(IDS):
            await pilot.press("n")
        await pilot.pause()
        seats.vote(open_store(path, clock), small.issue_m1, "Dan")  # another shell: l10 vote I-3 --as Dan
        seats.vote(open_store(path, clock), small.issue_m1, "Cat")
        app.poll_store()  # the app's 1 s store poll
        await pilot.pause()
        await pilot.pause()
        panel = app.screen.query_one(f"#panel-{small.marketing}", IssuePanel)
        row = panel.table.get_row(small.issue_m1)
        assert "2 votes" in str(row[2])

        screen.query_one(f"#panel-{small.sales}", IssuePanel).table.focus()
        await pilot.press("down")
        clock.advance(1)
        screen.tick()
        assert open_store(path, clock).meetings.get(screen.run.meeting.id).run["focus"] == small.issue_s2

        while screen.run.current < CONCLUDE:
            await pilot.press("n")
        seats.rate(open_store(path, clock), "Bob", 9)  # l10 rate 9 --as Bob
        app.poll_store()
        await pilot.pause()
        await pilot.pause()
        ratings = app.screen.query_one("#ratings", RowTable)
        assert "9" in str(ratings.get_row(small.bob)[1])
        await pilot.press("c")  # the facilitator's next change keeps Bob's rating
        await pilot.press(*"Tell finance", "enter")
        await pilot.pause()
        stored = open_store(path, clock).meetings.get(screen.run.meeting.id)
        assert {r.person: r.score for r in stored.ratings}[small.bob] == 9
        assert stored.cascading_messages == ["Tell finance"]
