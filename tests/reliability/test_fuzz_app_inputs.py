"""Issue 5, item 5, in the app: whatever is typed into the meeting's dialogs, never a traceback, nothing stored on
a refusal, and nothing stored that breaks a later render (every stored title is drawn in the IDS panels)."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import Input, Select

from l10tui.domain.clock import FakeClock
from l10tui.store import open_store
from l10tui.tui.app import L10App
from l10tui.tui.widgets.dialogs import Dialog
from l10tui.tui.widgets.issue_panel import IssuePanel

NASTY = st.sampled_from(
    ["", " ", "\x00", "\x1b[31mred", "a\u202eevil", "\u2066x\u2069", "\t", "\n", "e\u0301", "👩‍👩‍👧", "\ud7ff", "%s{0}"]
)
TEXT = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=150, max_size=400),
    st.lists(st.one_of(NASTY, st.text(max_size=8)), max_size=6).map("".join),
)
DUE = st.one_of(st.sampled_from(["friday", "+7d", "4 Dec", "2026-13-40", "yesterday-ish", "+99999d", "\x07"]), TEXT)


async def _type_into(pilot: Pilot[None], key: str, fields: dict[str, str]) -> tuple[bool, str]:
    """Open a dialog with ``key``, fill ``fields``, save; (saved?, error shown)."""
    app = pilot.app
    await pilot.press(key)
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, Dialog), type(dialog)
    for widget_id, value in fields.items():
        dialog.query_one(f"#{widget_id}", Input).value = value
    for select in dialog.query("#issue-by").results(Select):  # the meeting asks who raises an issue
        select.value = select._options[-1][1]
    await pilot.press("ctrl+s")
    await pilot.pause()
    if app.screen is dialog:
        error = str(dialog.query_one("#dialog-error").render())
        await pilot.press("escape")
        await pilot.pause()
        return False, error
    return True, ""


@settings(
    max_examples=2,
    deadline=None,
    phases=(Phase.explicit, Phase.generate),  # shrinking a whole app session takes many minutes: report as found
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(titles=st.lists(TEXT, min_size=12, max_size=12), dues=st.lists(DUE, min_size=6, max_size=6))
@example(titles=["Leads are junk ✓", "bell\x07"] + ["x"] * 10, dues=["friday"] * 6)
def test_meeting_dialogs_survive_anything(
    tmp_path_factory: pytest.TempPathFactory, demo_template: Path, titles: list[str], dues: list[str]
) -> None:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    clock = FakeClock()
    shutil.copyfile(demo_template, folder / "demo.json")  # the demo (seed 7), built once for the session
    db = open_store(folder / "demo.json", clock)

    titles = ["Webinar leads ✓ été 日本", "a\u202eevil", *titles]  # one sure to be kept, one sure to be refused

    async def run() -> None:
        app = L10App(db=db, clock=clock, start="meeting")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            outcomes = []
            for title in titles:
                before = db.path.read_bytes()
                saved, error = await _type_into(pilot, "i", {"issue-title": title})
                outcomes.append(saved)
                if saved:
                    assert any(i.title == title.strip() for i in open_store(db.path).issues.all()), title
                else:
                    assert error.strip(), f"refused without saying why: {title!r}"
                    assert db.path.read_bytes() == before
            for title, due in zip(titles, dues, strict=False):
                before = db.path.read_bytes()
                saved, error = await _type_into(pilot, "t", {"todo-title": title, "todo-due": due})
                await pilot.pause()
                if not saved:
                    assert error.strip() and db.path.read_bytes() == before
            # Both paths really ran: the first title is always fine, the second always refused.
            assert outcomes[:2] == [True, False]
            # Everything stored is drawn: walk to IDS, where every open issue is in a panel.
            for _ in range(5):
                await pilot.press("n")
            await pilot.pause()
            shown = {i.id for p in app.screen.query(IssuePanel) for i in p.issues}
            stored = {i.id for i in open_store(db.path).issues.all() if i.status == "open"}
            assert stored <= shown
            await pilot.press("ctrl+q")

    asyncio.run(run())
