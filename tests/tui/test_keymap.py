"""Remappable keys: every binding of every screen and of the app has an id; a keymap file moves keys (the footer
shows the new key and it works); a bad file gives one line of warning and the default keys. (Old code: no ids, no
keymap.)"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from tests.meeting.small_store import build_small
from textual.binding import Binding
from textual.widgets import Footer

from l10tui.domain.clock import FakeClock
from l10tui.meeting import IDS
from l10tui.store import open_store
from l10tui.tui.app import SCREENS_BY_NAME, WIDGETS_BY_PREFIX, L10App, _class_of, load_screen_class
from l10tui.tui.keymap import load_keymap
from l10tui.tui.screens.meeting import MeetingScreen
from l10tui.tui.widgets.dialogs import SolveDialog


def test_every_screen_binding_has_a_unique_id() -> None:
    widgets = [_class_of(t) for targets in WIDGETS_BY_PREFIX.values() for t in targets]
    for cls in [L10App, *(load_screen_class(name) for name in SCREENS_BY_NAME), *widgets]:
        ids = []
        for item in cls.__dict__.get("BINDINGS", []):
            assert isinstance(item, Binding) and item.id, f"{cls.__name__}: {item!r} has no id"
            ids.append(item.id)
        assert len(ids) == len(set(ids)), f"{cls.__name__}: {ids}"


def make_app(tmp_path: Path, clock: FakeClock, keymap: str | None) -> L10App:
    db = open_store(tmp_path / "l10.json", clock)
    build_small(db, clock.today())
    path = tmp_path / "keymap.toml"
    if keymap is not None:
        path.write_text(keymap, encoding="utf-8")
    app = L10App(db=db, clock=clock, start="meeting", start_kwargs={"tz": UTC}, keymap_file=path)
    app.animation_level = "none"
    return app


async def test_a_keymap_moves_a_key(tmp_path: Path, clock: FakeClock) -> None:
    app = make_app(tmp_path, clock, '[keys]\n"meeting.solve" = "S"\n"meeting.next_segment" = "n,right,N"\n')
    assert app.keymap_warning is None
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        for _ in range(IDS):
            await pilot.press("N")
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("s")  # the old key does nothing now
        await pilot.pause()
        assert not isinstance(app.screen, SolveDialog)
        footer = app.screen.query_one(Footer)
        shown = {
            (getattr(item, "key", ""), str(getattr(item, "description", ""))) for item in footer.query("FooterKey")
        }
        assert ("S", "Solved") in shown, shown
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, SolveDialog)


@pytest.mark.parametrize(
    "text", ['[keys]\n"meeting.nope" = "s"\n', "[keys\n", '[keys]\n"meeting.solve" = 5\n', '"zzz.solve" = "s"\n']
)
async def test_a_bad_keymap_warns_once_and_keeps_the_defaults(tmp_path: Path, clock: FakeClock, text: str) -> None:
    app = make_app(tmp_path, clock, text)
    assert app.keymap_warning is not None and "\n" not in app.keymap_warning
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert any("default keys" in n.message for n in app._notifications)
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None and screen.run.current == 1


def test_widget_and_dialog_keys_are_remappable(tmp_path: Path, clock: FakeClock) -> None:
    app = make_app(tmp_path, clock, '[keys]\n"dialog.save" = "ctrl+s,ctrl+w"\n"table.cursor_down" = "down,j"\n')
    assert app.keymap_warning is None
    assert app._keymap == {"dialog.save": "ctrl+s,ctrl+w", "table.cursor_down": "down,j"}


def test_no_file_no_warning(tmp_path: Path) -> None:
    assert load_keymap(tmp_path / "missing.toml", {"meeting"}) == ({}, None)
