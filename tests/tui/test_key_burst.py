"""Issue 13 point 10: keys typed in one burst (tmux, a loaded machine) land where the person was looking, even when an
earlier key of the burst opened the dialog or the drop-down they are meant for. The burst is posted to the app in one
go, before any of it is handled (Pilot's ``press`` would wait after each key). The tmux twin is in
tests/e2e/test_key_burst_tmux.py."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC

from textual import events
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Input, Select

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store
from l10tui.tui.app import L10App
from l10tui.tui.widgets.dialogs import Dialog, NewIssueDialog, NewTodoDialog
from l10tui.tui.widgets.row_table import RowTable


def burst(app: L10App, *keys: str) -> None:
    """Post every key to the app at once: ``"text:..."`` types each character."""
    for key in keys:
        if key.startswith("text:"):
            for char in key[5:]:
                name = "space" if char == " " else char
                app.post_message(events.Key(name, char))
        else:
            char = {"enter": "\r", "tab": "\t", "escape": "\x1b"}.get(key)
            app.post_message(events.Key(key, char))


async def settle(pilot: Pilot[None], done: Callable[[], bool]) -> None:
    """Let the app work until ``done`` (a loaded machine needs more turns), at most 40 pauses."""
    for _ in range(40):
        await pilot.pause()
        if done():
            break
    await pilot.pause()


async def test_a_todo_typed_in_one_burst_with_its_owner_picked_in_the_drop_down(
    demo_db: L10Store, clock: FakeClock
) -> None:
    """``t`` and the title in one burst; then tab to Owner, enter opens the list, "Lena" searches it, enter picks,
    ctrl+s saves, in one burst. Before: the letters typed as the list opened were lost and the list stayed open (the
    e2e tests retried)."""
    app = L10App(db=demo_db, clock=clock, start="meeting", start_kwargs={"tz": UTC})
    app.animation_level = "none"
    title = "Send the pricing sheet to Nordwind"
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        before = {t.id for t in demo_db.todos.all()}
        burst(app, "t", f"text:{title}")
        await settle(pilot, lambda: isinstance(app.screen, Dialog) and bool(app.screen.query(Input)[0].value))
        assert isinstance(app.screen, NewTodoDialog)
        assert app.screen.text("todo-title") == title  # every letter typed while the dialog opened
        burst(app, "tab", "enter", "text:Lena", "enter", "ctrl+s")
        await settle(pilot, lambda: not isinstance(app.screen, Dialog))
        assert not isinstance(app.screen, NewTodoDialog), "the dialog is still open"
        made = [t for t in demo_db.todos.all() if t.id not in before]
        assert len(made) == 1, made
        assert made[0].title == title
        assert demo_db.people.get(made[0].owner).name == "Lena Vogel"


async def test_an_issue_typed_in_one_burst(demo_db: L10Store, clock: FakeClock) -> None:
    """``i``, the title and enter in one burst (reported: "issue title is empty"): the title lands and enter moves on
    to the next field (Raised by); then enter, "Aisha", enter, ctrl+s in one burst picks and saves."""
    app = L10App(db=demo_db, clock=clock, start="meeting", start_kwargs={"tz": UTC})
    app.animation_level = "none"
    title = "SDRs only check leads twice a day"
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        before = {i.id for i in demo_db.issues.all()}
        burst(app, "i", f"text:{title}", "enter")
        await settle(pilot, lambda: isinstance(app.screen, Dialog) and bool(app.screen.query(Input)[0].value))
        dialog = app.screen
        assert isinstance(dialog, NewIssueDialog)
        assert dialog.text("issue-title") == title
        assert app.focused is dialog.query_one("#issue-by", Select)
        burst(app, "enter", "text:Aisha", "enter", "ctrl+s")
        await settle(pilot, lambda: not isinstance(app.screen, Dialog))
        made = [i for i in demo_db.issues.all() if i.id not in before]
        assert len(made) == 1, made
        assert made[0].title == title
        assert made[0].raised_by is not None and demo_db.people.get(made[0].raised_by).name == "Aisha Khan"


async def test_keys_read_after_the_dialog_opened_wait_for_the_ones_still_on_their_way(
    demo_db: L10Store, clock: FakeClock
) -> None:
    """The tmux flake, made certain: ``t`` and "Sen" are read while the meeting is on top; the meeting's table is slow
    to hand "Sen" back (a loaded machine), and the rest of the title is read once the dialog is open. Before: the rest
    went straight to the title and "Sen" came last ("d the pricing sheet to NordwindSen"). Now a key is read only once
    the one before has been handled (tui/key_order.py)."""
    app = L10App(db=demo_db, clock=clock, start="meeting", start_kwargs={"tz": UTC})
    app.animation_level = "none"
    title = "Send the pricing sheet to Nordwind"
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        slow = app.focused
        assert slow is not None
        gate = asyncio.Event()
        dispatch = slow._dispatch_message

        async def held_back(message: Message) -> None:
            if isinstance(message, events.Key) and message.key == "S":
                await gate.wait()
            await dispatch(message)

        slow._dispatch_message = held_back  # type: ignore[method-assign]
        burst(app, "t", f"text:{title[:3]}")
        await settle(pilot, lambda: isinstance(app.screen, NewTodoDialog) and app.focused is not None)
        assert isinstance(app.screen, NewTodoDialog)
        burst(app, f"text:{title[3:]}")
        for _ in range(5):
            await pilot.pause()
        gate.set()
        await settle(pilot, lambda: len(app.screen.query(Input)[0].value) == len(title))
        assert app.screen.text("todo-title") == title


async def test_an_enter_sent_to_the_dialog_before_its_field_had_the_focus_moves_on(
    demo_db: L10Store, clock: FakeClock
) -> None:
    """The burst's enter, read while the new dialog had no focus yet (so sent to the dialog itself) and handled once
    the title had it, moves on to the next field. Before: it was dropped, and the name typed next for "Raised by"
    landed in the title ("SDRs only check leads twice a dayAisha", seen in tmux)."""
    app = L10App(db=demo_db, clock=clock, start="meeting", start_kwargs={"tz": UTC})
    app.animation_level = "none"
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        burst(app, "i", "text:Leads")
        await settle(pilot, lambda: isinstance(app.focused, Input) and app.focused.value == "Leads")
        dialog = app.screen
        assert isinstance(dialog, NewIssueDialog)
        enter = events.Key("enter", "\r")
        enter._l10_to = dialog  # type: ignore[attr-defined]  # as the app tags a key it sends to the dialog
        dialog.post_message(enter)
        await settle(pilot, lambda: not isinstance(app.focused, Input))
        assert app.focused is dialog.query_one("#issue-by", Select)
        assert dialog.text("issue-title") == "Leads"


async def test_a_key_read_as_the_held_one_is_let_go_waits_behind_it(demo_db: L10Store, clock: FakeClock) -> None:
    """The rock review flake (tests/e2e/test_demo_meeting.py), made certain: ``down down f`` in one burst; the second
    ``down`` waits while the first is handled, and ``f`` reaches the app just as that ``down`` is let go (sent to the
    back of the app's queue). Before: with nothing held any more and no key on its way, ``f`` was handed on at once,
    ahead of the ``down`` let go before it, and marked the rock one row up off track. Now ``f`` waits its turn."""
    app = L10App(db=demo_db, clock=clock, start="meeting", start_kwargs={"tz": UTC})
    app.animation_level = "none"
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n", "n")
        await settle(pilot, lambda: isinstance(app.focused, RowTable) and app.focused.id == "rocks")
        table = app.focused
        assert isinstance(table, RowTable) and table.id == "rocks" and table.cursor_row == 0
        rows = [str(row.value) for row in table.rows]
        before = {r: demo_db.rocks.get(r).status for r in rows}
        release = app.key_order._release_next
        arrived: list[str] = []

        def f_arrives_then_release() -> None:  # the terminal delivers f a moment before the held down is let go
            if app.key_order.held and not arrived:
                arrived.append("f")
                app.post_message(events.Key("f", "f"))
            release()

        app.key_order._release_next = f_arrives_then_release  # type: ignore[method-assign]
        burst(app, "down", "down")
        await settle(pilot, lambda: bool(arrived) and demo_db.rocks.get(rows[2]).status == "off")
        assert arrived, "the second down was never held: not a burst"
        assert table.cursor_row == 2
        assert demo_db.rocks.get(rows[2]).status == "off", "f marked another row"
        assert {r: demo_db.rocks.get(r).status for r in rows[:2]} == {r: before[r] for r in rows[:2]}
