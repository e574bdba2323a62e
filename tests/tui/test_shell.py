"""The app shell: help shows the screen's own keys and rule, the palette offers every key by name, themes switch,
and another process's write reaches the screen."""

from __future__ import annotations

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, open_store
from l10tui.tui.app import SCREENS_BY_NAME, L10App, load_screen_class
from l10tui.tui.messages import StoreChanged
from l10tui.tui.screens.help import HelpScreen


def _text(screen: HelpScreen) -> str:
    from textual.widgets import Static

    return "\n".join(str(w.render()) for w in screen.query(Static))


async def test_help_lists_the_screens_own_keys_first_and_its_rule(demo_db: L10Store, clock: FakeClock) -> None:
    app = L10App(db=demo_db, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        home = app.screen
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = dict((what, key) for key, what in app.screen.rows)
        assert "Issues board" in rows and "Scroll Up" not in rows
        first_app_key = next(i for i, (_, what) in enumerate(app.screen.rows) if what == "Projector")
        assert first_app_key > list(rows).index("Issues board")  # the screen's keys come before the app's
        assert type(home).RULE and type(home).RULE[:40] in _text(app.screen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home


async def test_palette_offers_every_screen_key(demo_db: L10Store, clock: FakeClock) -> None:
    app = L10App(db=demo_db, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        described = {b.description for b in app.screen.BINDINGS if not isinstance(b, tuple) and b.description}
        assert described <= titles, described - titles
        assert "Projector mode" in titles and "Colour-blind palette" in titles


async def test_projector_and_colourblind_toggles(demo_db: L10Store, clock: FakeClock) -> None:
    app = L10App(db=demo_db, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "l10-dark"
        await pilot.press("f5")
        assert app.theme == "l10-projector" and app.has_class("-projector")
        await pilot.press("f6")
        assert app.theme == "l10-projector-cb"
        assert open_store(demo_db.path).setting("colourblind") is True  # remembered for next time


async def test_another_process_write_reaches_the_screen(demo_db: L10Store, clock: FakeClock) -> None:
    seen: list[StoreChanged] = []

    class Watching(L10App):
        def on_store_changed(self, message: StoreChanged) -> None:  # bubbles up from the screen
            seen.append(message)

    app = Watching(db=demo_db, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        other = open_store(demo_db.path)
        other.issues.add("Raised from another terminal", team=other.teams.lookup("Sales").id)
        app.poll_store()
        await pilot.pause()
        assert seen
        assert any(i.title == "Raised from another terminal" for i in app.db.issues.all())


def test_every_registered_screen_imports() -> None:
    for name in SCREENS_BY_NAME:
        assert load_screen_class(name).__name__.endswith("Screen"), name
