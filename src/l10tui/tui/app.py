"""The l10 app: opens the store, registers themes and styles, and shows screens from a lazy registry.

Screens are imported the first time they are shown, so starting the app costs only the screen it opens.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import Notification, Notify, SeverityLevel
from textual.screen import Screen

from l10tui import __version__
from l10tui.domain.calendar import CompanyClock
from l10tui.domain.clock import Clock, SystemClock
from l10tui.domain.text import safe_lines, safe_text
from l10tui.store import L10Store, StoreError, open_store
from l10tui.testing_seam import headless_frame

from . import gc_pauses, key_burst
from .key_order import KeyOrder
from .keymap import keymap_path, load_keymap, screen_prefix, with_ids
from .keys import screen_keys
from .messages import StoreChanged
from .notices import NoticeBoard, notice_timeout
from .refresh import POLL_S, StoreWatch
from .styles import css_paths
from .themes import THEMES
from .writer import StoreWriter

# name -> "module:Class"; screens register here and are imported on first use.
SCREENS_BY_NAME: dict[str, str] = {
    "home": "l10tui.tui.screens.home:HomeScreen",
    "setup": "l10tui.tui.screens.setup:SetupScreen",
    "meeting": "l10tui.tui.screens.meeting:MeetingScreen",
    "issues": "l10tui.tui.screens.issues_board:IssuesBoardScreen",
    "scorecard": "l10tui.tui.screens.scorecard:ScorecardScreen",
    "rocks": "l10tui.tui.screens.rocks:RocksScreen",
    "todos": "l10tui.tui.screens.todos:TodosScreen",
    "history": "l10tui.tui.screens.history:HistoryScreen",
    "meeting_record": "l10tui.tui.screens.history:MeetingRecordScreen",
    "trends": "l10tui.tui.screens.trends:TrendsScreen",
    "alignment": "l10tui.tui.screens.alignment:AlignmentScreen",
    "people": "l10tui.tui.screens.people:PeopleScreen",
}


def load_screen_class(name: str) -> type[Screen[Any]]:
    target = SCREENS_BY_NAME[name]
    module_name, _, cls_name = target.partition(":")
    cls: type[Screen[Any]] = getattr(importlib.import_module(module_name), cls_name)
    return cls


_SCREEN_BY_PREFIX = {screen_prefix(target.partition(":")[2]): name for name, target in SCREENS_BY_NAME.items()}


# Keys of widgets and dialogs (shared by many screens), by keymap prefix.
WIDGETS_BY_PREFIX: dict[str, tuple[str, ...]] = {
    "table": ("l10tui.tui.widgets.row_table:RowTable",),
    "scorecard_grid": ("l10tui.tui.widgets.scorecard_grid:ScorecardGrid",),
    "form": ("l10tui.tui.widgets.board_form:FormDialog",),
    "help": ("l10tui.tui.screens.help:HelpScreen",),
    "dialog": ("l10tui.tui.widgets.dialogs:Dialog",),
    "confirm": ("l10tui.tui.widgets.dialogs:ConfirmDialog",),
    "summary": ("l10tui.tui.screens.meeting:SummaryScreen",),
}


def _class_of(target: str) -> Any:
    module_name, _, cls_name = target.partition(":")
    return getattr(importlib.import_module(module_name), cls_name)


def _ids_of(prefix: str) -> set[str]:
    """The binding ids of one screen or widget (imported only when a keymap file names it), or of the app."""
    if prefix == "screen":
        return {"screen.go_back"}
    if prefix in WIDGETS_BY_PREFIX:
        bindings = [b for target in WIDGETS_BY_PREFIX[prefix] for b in _class_of(target).__dict__["BINDINGS"]]
    else:
        bindings = L10App.BINDINGS if prefix == "app" else load_screen_class(_SCREEN_BY_PREFIX[prefix]).BINDINGS
    return {b.id for b in bindings if isinstance(b, Binding) and b.id}


class L10App(App[None]):
    """The weekly Level 10 meeting, on a laptop or a projector."""

    TITLE = "l10"
    SUB_TITLE = "Level 10 meeting"
    CSS_PATH: ClassVar[list[str | PurePath]] = list(css_paths())
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = with_ids(
        "app",
        [
            Binding("question_mark", "help", "Help", key_display="?"),
            Binding("f5", "toggle_projector", "Projector"),
            Binding("f6", "toggle_colourblind", "Colour-blind palette", show=False),
            Binding("ctrl+q", "quit", "Quit", priority=True),
            Binding("ctrl+z", "undo", "Undo the last change", show=False),
            # tab / shift+tab move the focus before the next key is handed out: letters typed right after a tab (a
            # fast typist, a paste, a terminal that sends them in one burst) land in the new field, not the old one.
            Binding("tab", "focus_next", show=False, priority=True),
            Binding("shift+tab", "focus_previous", show=False, priority=True),
        ],
    )

    def __init__(
        self,
        db_path: Path | None = None,
        *,
        db: L10Store | None = None,
        clock: Clock | None = None,
        start: str = "home",
        start_kwargs: dict[str, Any] | None = None,
        team: str | None = None,
        projector: bool = False,
        keymap_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.notices = NoticeBoard()  # the newest notice of each kind (see notify)
        base: Clock = clock or SystemClock()
        if db is None:
            if db_path is None:
                raise ValueError("L10App needs a store path or a store")
            db = open_store(db_path, base)
            db.daily_backup = True
        self.db: L10Store = db
        # "today" on every screen is the company's day (the store's zone), not the machine's or UTC's
        self.clock: Clock = CompanyClock(base, lambda: self.db.calendar)
        self.key_order = KeyOrder(self)  # keys handled one after another, in the order typed (key_order.py)
        self.writer = StoreWriter(self, db)  # every store write of the screens goes through it (see writer.py)
        db.reads_refreshed_by_poll = True  # another l10's changes are read by the store watch, in a worker
        self.collector = gc_pauses.Collector(self.clock.monotonic)  # the collector's full walks when nobody types
        self.store_watch = StoreWatch(
            db, self.writer, self._store_changed, self._store_problem, self.clock.monotonic, self.collector.settle
        )
        self.start = start
        self.start_kwargs = dict(start_kwargs or {})
        if team is not None:
            self.start_kwargs.setdefault("team", team)
        self.projector = projector
        self.colourblind = bool(self.db.setting("colourblind", False))
        for theme in THEMES:
            self.register_theme(theme)
        self._apply_theme()
        keymap, self.keymap_warning = load_keymap(
            keymap_path() if keymap_file is None else keymap_file,
            set(_SCREEN_BY_PREFIX) | set(WIDGETS_BY_PREFIX) | {"app", "screen"},
            _ids_of,
        )
        if keymap:
            self.set_keymap(keymap)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is plain text: messages quote titles and names, which are data, never markup.

        Notices are short and never stack: the newest of a kind replaces the one before (see :mod:`.notices`)."""
        notice = Notification(
            safe_lines(message), safe_text(title), severity, notice_timeout(severity, timeout), markup=False
        )
        self.notices.made(notice)
        self.post_message(Notify(notice))

    def _on_notify(self, event: Notify) -> None:
        old = self.notices.replaced(event.notification)
        if old is not None and old in self._notifications:
            self._unnotify(old, refresh=False)
        super()._on_notify(event)

    # -- screens -------------------------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.title = safe_text(self.db.setting("company", "l10"))
        self.sub_title = "Level 10 meeting"
        if self.projector:
            self.add_class("-projector")
        if self.keymap_warning:
            self.notify(self.keymap_warning, title="Keymap", severity="warning", timeout=10)
        try:
            self.db.compact()  # hot/cold: last quarter's closed records go to the yearly archives
        except StoreError as exc:
            self.notify(str(exc), title="Could not archive old records", severity="warning", timeout=10)
        name = self.start
        if name == "home" and self.db.is_empty():
            name = "setup"
        self.show(name, **self.start_kwargs)
        self.set_interval(POLL_S, self.store_watch.poll)
        self.call_after_refresh(self.collector.settle)  # the store is read and the first screen built (gc_pauses.py)
        self.set_interval(1.0, self.collector.when_idle)
        self.sync_in_background()

    def on_unmount(self) -> None:
        self.collector.release()

    def sync_in_background(self) -> None:
        """On start and after Finish: sync if this laptop turned it on (``l10 sync auto on``), in a thread."""
        self.run_worker(self._sync_worker, thread=True, group="sync", exclusive=True, exit_on_error=False)

    def _sync_worker(self) -> None:
        """Never on the event loop; what came in shows up through the store poll, like a change made by ``l10`` in
        another terminal."""
        from l10tui.sync.git import auto_enabled, sync

        try:
            if not auto_enabled(self.db.path):
                return
            line = sync(self.db.path).line()
        except StoreError as exc:
            self.call_from_thread(self.notify, str(exc), title="Sync", severity="warning", timeout=10, markup=False)
            return
        self.call_from_thread(self.notify, line, title="Synced", timeout=6, markup=False)

    def show(self, name: str, **kwargs: Any) -> None:
        """Open screen ``name`` of the registry on top of the current one."""
        self.push_screen(load_screen_class(name)(**kwargs))

    def switch_to(self, name: str, **kwargs: Any) -> None:
        """Replace the current screen with screen ``name`` (e.g. set-up -> home)."""
        self.switch_screen(load_screen_class(name)(**kwargs))

    def _store_changed(self) -> None:
        """Another l10 changed the store (refresh.py decided it is time to show it): the screen re-reads."""
        self.screen.post_message(StoreChanged())

    def _store_problem(self, error: StoreError) -> None:
        self.notify(str(error), title="Store problem", severity="error", timeout=15)

    def poll_store(self) -> None:
        """Tell the screen when another process changed the store, so it shows the new issue without a restart."""
        try:
            changed = self.db.refresh()
        except StoreError as exc:
            self.notify(str(exc), title="Store problem", severity="error", timeout=15)
            return
        if changed:
            self.store_watch.shown = self.db.generation
            self.screen.post_message(StoreChanged())

    # -- keys typed in a burst ----------------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self.collector.key()
            if self.key_order.hold(event):  # an earlier key is still on its way: this one waits its turn
                return
            key_burst.tag(self, event)
            target = self.focused or self.screen
            await super().on_event(event)
            self.key_order.handed_on(target)
            return
        await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        """A key that came back unhandled, meant for a dialog, a drop-down or a field that an earlier key of the same
        burst opened or focused: sent there (tui/key_burst.py)."""
        key_burst.redirect(self, event)

    # -- app-wide actions ---------------------------------------------------------------------------------------

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(self.screen))

    def action_undo(self) -> None:
        """Undo the store's last change (named, e.g. "undo: dropped I-12"), in a worker: never waits on the lock
        on the event loop. Not in the live meeting, whose engine holds the meeting's state."""
        if getattr(self.screen, "NO_UNDO", False) or type(self.screen).__name__ == "MeetingScreen":
            self.notify("Undo is for between meetings; in the meeting, change the item itself", severity="warning")
            return
        self.run_worker(self._undo_in_thread, thread=True, exclusive=True, group="undo")

    def _undo_in_thread(self) -> None:
        from l10tui.store import changes

        try:
            own = open_store(self.db.path, self.clock)  # its own store object: nothing shared across threads
            names = changes.undo(own)
        except StoreError as exc:
            self.call_from_thread(self.notify, str(exc), title="Not undone", severity="error", timeout=8)
            return
        self.call_from_thread(self._undone, names)

    def _undone(self, names: list[str]) -> None:
        self.notify("; ".join(f"undo: {n}" for n in names), timeout=4)
        self.db.refresh()
        self.screen.post_message(StoreChanged())

    async def action_quit(self) -> None:
        """Quit; a screen with ``before_quit()`` (the live meeting) may ask first and quit itself."""
        before = getattr(self.screen, "before_quit", None)
        if callable(before) and before():
            return
        self.exit()

    def action_toggle_projector(self) -> None:
        self.projector = not self.projector
        self.set_class(self.projector, "-projector")
        self._apply_theme()
        self.notify("Projector mode on" if self.projector else "Projector mode off", timeout=2)

    def action_toggle_colourblind(self) -> None:
        self.colourblind = not self.colourblind

        def done(_result: object, error: BaseException | None) -> None:
            if error is not None:
                self.notify(str(error), severity="error")

        try:  # through the writer: never wait on another l10's lock on the event loop
            self.writer.run(self.db.set_setting, ("colourblind", self.colourblind), {}, done)
        except StoreError as exc:
            self.notify(str(exc), severity="error")
        self._apply_theme()
        self.notify("Blue/orange status colours" if self.colourblind else "Green/red status colours", timeout=2)
        self.screen.post_message(StoreChanged())

    def _apply_theme(self) -> None:
        base = "l10-projector" if self.projector else "l10-dark"
        # NO_COLOR: every colour becomes its grey, so the status palette is chosen for greys (off-track brightest).
        self.theme = f"{base}-nc" if self.no_color else f"{base}-cb" if self.colourblind else base

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette lists every key of the current screen by name, then the app's own commands."""
        seen: set[str] = set()
        for _key, active in screen_keys(screen):
            b = active.binding
            if not b.description or b.action in seen or b.action in ("command_palette",):
                continue
            seen.add(b.action)
            node = active.node

            async def run(action: str = b.action, node: Any = node) -> None:
                await self.run_action(action, node)

            key = b.key_display or self.get_key_display(b)
            yield SystemCommand(b.description, f"key: {key}", run)
        yield SystemCommand("Projector mode", "High-contrast theme and big timer (f5)", self.action_toggle_projector)
        yield SystemCommand(
            "Colour-blind palette", "Blue/orange instead of green/red (f6)", self.action_toggle_colourblind
        )
        yield from super().get_system_commands(screen)


def run_app(
    db_path: Path,
    *,
    start: str = "home",
    team: str | None = None,
    projector: bool = False,
    clock: Clock | None = None,
    off_slot: str | None = None,
) -> None:
    """Open the app on ``db_path`` (the CLI calls this; store errors were already reported by opening it)."""
    if headless_frame():
        # Packaging smoke test: start headless, render the first frame, exit.
        import asyncio

        async def one_frame() -> None:
            app = L10App(db_path, clock=clock, start=start, team=team, projector=projector)
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                print(f"l10 {__version__}: first frame of {type(app.screen).__name__} rendered")

        asyncio.run(one_frame())
        return
    if not terminal_attached():
        from l10tui.domain.rules import InputError

        what = "the meeting" if start == "meeting" else "the app"
        raise InputError(
            f"{what} needs a terminal, and this l10 has none (its input or output is a file, a pipe or /dev/null: "
            "a script or cron?); run it in a terminal, or use the l10 commands that print"
        )
    kwargs = {"off_slot": off_slot} if off_slot else {}
    app = L10App(db_path, clock=clock, start=start, start_kwargs=kwargs, team=team, projector=projector)
    try:
        app.run()
    finally:
        app.writer.close()  # a change still queued behind another l10's lock is saved before we exit


def terminal_attached() -> bool:
    """True when both standard input and output are a terminal (without one, Textual would read EOF forever)."""
    try:
        return os.isatty(sys.stdin.fileno()) and os.isatty(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        return False
