"""A rock closed done / not done at quarter end IN the meeting's Rock review (o / f stay): the keys have ids a keymap
can move, the footer shows them, the Rock review shows the rock's milestones, and the record keeps the closing."""

from __future__ import annotations

from datetime import UTC, date
from pathlib import Path

from tests.meeting.small_store import build_small
from textual.widgets import DataTable, Footer

from l10tui.domain.clock import FakeClock
from l10tui.store import milestones, open_store
from l10tui.tui.app import L10App
from l10tui.tui.screens.meeting import MeetingScreen


async def test_close_a_rock_in_the_rock_review_with_remapped_keys(tmp_path: Path, clock: FakeClock) -> None:
    db = open_store(tmp_path / "l10.json", clock)
    small = build_small(db, clock.today())
    milestones.add(db.rocks, small.rock_s, "Price list", date(2026, 11, 20))  # late on 23 Nov
    milestones.add(db.rocks, small.rock_s, "Launch", date(2026, 12, 18))
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keys]\n"meeting.rock_done" = "D"\n"meeting.rock_not_done" = "N"\n', encoding="utf-8")
    app = L10App(db=db, clock=clock, start="meeting", start_kwargs={"tz": UTC}, keymap_file=keymap)
    app.animation_level = "none"
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        await pilot.press("n", "n")  # Rock review
        await pilot.pause()
        table = screen.query_one("#rocks", DataTable)
        table.move_cursor(row=table.get_row_index(small.rock_s))
        await pilot.pause()
        assert "0/2 late" in " ".join(str(c) for c in table.get_row(small.rock_s))
        shown = {
            (getattr(item, "key", ""), str(getattr(item, "description", "")))
            for item in screen.query_one(Footer).query("FooterKey")
        }
        assert ("D", "Done (quarter end)") in shown and ("N", "Not done (quarter end)") in shown
        assert ("o", "On track") in shown and ("f", "Off track") in shown
        await pilot.press("N")
        await pilot.pause()
        assert db.rocks.get(small.rock_s).final == "not-done"
        await pilot.press("D")  # changed its mind before the meeting ends
        await pilot.pause()
        assert db.rocks.get(small.rock_s).final == "done"
        screen.run.finish(backup=False)
    record = db.meetings.finished()[0]
    row = next(r for r in record.snapshot["rocks"] if r["id"] == small.rock_s)
    assert row["status"] == "done" and row["changed"] is True
    assert row["milestones"]["total"] == 2 and row["milestones"]["next_late"] is True
