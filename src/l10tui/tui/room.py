"""``l10 room``: the meeting in progress as the room sees it, read-only, for the projector or a second screen.

It follows the facilitator's ``l10 meet`` (another process, maybe another machine over SSH) through the store: a
worker thread re-reads the file when its (inode, size, mtime) changed and builds a
:class:`~l10tui.meeting.room.RoomSnapshot`; the event loop only renders it, and runs the timers on between two
snapshots. No dialogs, no key lines, no notices: only the agenda, the big timer and the segment with the row under
discussion highlighted. It never writes the store (:class:`ReadOnlyStore` refuses to).
"""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Middle, Vertical
from textual.widgets import Static

from l10tui.domain.clock import Clock, SystemClock
from l10tui.domain.rules import Track
from l10tui.meeting import IDS, ISSUE_SOFT_CAP_S, mmss
from l10tui.meeting.room import RoomSnapshot, room_snapshot
from l10tui.store import L10Store, StoreError

from .status import track_colour
from .themes import THEMES
from .widgets.agenda import AgendaSidebar
from .widgets.segment_timer import SegmentTimer

POLL_S = 0.3  # how often the worker looks at the store file (a stat; a re-read only when it changed)
TICK_S = 0.25
RESNAP_S = 30.0
FIXED_WIDTH = {
    "Top": 3,
    "Votes": 7,
    "Due": 6,
}  # rebuild the snapshot this often even when nothing changed (waiting -> next day, summary ages)


class ReadOnlyStore(L10Store):
    """The store as the room reads it: any change, even a schema upgrade, is refused."""

    def transaction(self) -> Any:
        raise StoreError("the room view never writes the store")

    def _migrate(self) -> None:
        raise StoreError(f"{self.path} needs an upgrade to this version; open it once with l10 first")

    def backup(self, label: str = "") -> Path | None:
        raise StoreError("the room view never writes the store")


def open_readonly(path: Path, clock: Clock) -> ReadOnlyStore:
    store = ReadOnlyStore(path, clock, create_dirs=False)
    store._check_directory()
    store._current()
    return store


class RoomTable(Static):
    """The segment's rows, the one under discussion highlighted (``▶``, reversed); when they do not all fit, the
    window of rows that does fit keeps the highlighted one in view (laid out at render time, at the real height)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._snap: RoomSnapshot | None = None

    def show(self, snap: RoomSnapshot) -> None:
        self._snap = snap
        self.refresh(layout=True)

    def render(self) -> Table:
        table = Table(expand=True, box=None, show_edge=False, pad_edge=False, header_style="bold underline")
        snap = self._snap
        if snap is None:
            return table
        table.add_column("", width=1, no_wrap=True)
        for n, name in enumerate(snap.headers):
            wide = n == (2 if snap.current == IDS else 0) or name.startswith("What")
            fixed = FIXED_WIDTH.get(name)
            if fixed is not None:
                table.add_column(Text(name), width=fixed, no_wrap=True)
            else:
                table.add_column(Text(name), ratio=3 if wide else 1, overflow="fold" if wide else "ellipsis")
        rows = list(snap.rows)
        height = max(3, self.content_size.height - 1)
        keys = [r.key for r in rows]
        at = keys.index(snap.focus) if snap.focus in keys else 0
        start = 0 if len(rows) <= height else min(max(0, at - height // 2), len(rows) - height)
        app: App[Any] = self.app
        for row in rows[start : start + height]:
            here = row.key == snap.focus
            cells: list[Text] = [Text("▶" if here else " ", style="bold")]
            for n, cell in enumerate(row.cells):
                style = track_colour(app, row.status) if n == snap.status_column and row.status else ""
                cells.append(Text(cell, style=style))
            table.add_row(*cells, style="bold reverse" if here else "")
        if not rows:
            table.add_row(Text(" "), Text("nothing here this week", style="dim"))
        return table


class RoomApp(App[None]):
    """The room's view of the meeting. ``q`` / ``ctrl+q`` closes it (nothing to save: it only reads)."""

    TITLE = "l10 room"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,ctrl+q", "quit", "Close", show=False, priority=True),
        Binding("f6", "toggle_colourblind", show=False),
    ]
    CSS = """
    Screen { layout: vertical; }
    #room-bar { height: 1; background: $primary 30%; text-style: bold; padding: 0 1; }
    #room-main { height: 1fr; }
    #room-side { width: 36; padding: 0 1; border-right: vkey $primary 50%; }
    #room-side SegmentTimer { width: 100%; padding: 1 0 0 0; }
    #room-side Digits { color: $primary; text-style: bold; }
    #room-side SegmentTimer.-over Digits, #room-side SegmentTimer.-over #timer-caption { color: $error; }
    #room-side SegmentTimer.-paused Digits { color: $text-muted; }
    #timer-caption { padding-bottom: 1; }
    #room-body { width: 1fr; padding: 0 2; }
    #room-heading { text-style: bold; padding: 1 0 0 0; height: auto; }
    #room-issue { height: auto; padding: 1 0 0 0; }
    #room-top3 { height: auto; }
    #room-table { height: 1fr; padding: 1 0 0 0; }
    #room-footer { height: auto; text-style: bold; }
    #room-wait { display: none; height: 1fr; }
    #room-wait Static { width: auto; max-width: 100; text-style: bold; }
    Screen.-waiting #room-main { display: none; }
    Screen.-waiting #room-wait { display: block; }
    #room-side AgendaSidebar { width: 100%; }
    Screen.-narrow #room-side { width: 30; }
    Screen.-narrow #room-body { padding: 0 1; }
    """

    def __init__(
        self,
        db_path: Path | None = None,
        *,
        db: L10Store | None = None,
        clock: Clock | None = None,
        team: str | None = None,
        tz: tzinfo | None = None,
        projector: bool = True,
        poll_s: float = POLL_S,
    ) -> None:
        super().__init__()
        self.clock: Clock = clock or SystemClock()
        if db is None:
            if db_path is None:
                raise ValueError("RoomApp needs a store path or a store")
            db = open_readonly(db_path, self.clock)
        self.db = db
        self.team = team
        self.tz = tz
        self.poll_s = poll_s
        self.snapshot: RoomSnapshot | None = None
        self.problem = ""
        self.reads = 0  # snapshots built (tests wait on this)
        self._reading = False
        self._last_snap = -1e9
        self.colourblind = bool(self.db.setting("colourblind", False))
        self.projector = projector
        for theme in THEMES:
            self.register_theme(theme)
        self._apply_theme()

    def _colour(self, track: Track) -> str:
        app: App[Any] = self
        return track_colour(app, track)

    def _apply_theme(self) -> None:
        base = "l10-projector" if self.projector else "l10-dark"
        self.theme = f"{base}-cb" if self.colourblind else base

    def action_toggle_colourblind(self) -> None:
        self.colourblind = not self.colourblind
        self._apply_theme()
        if self.snapshot is not None:
            self.show_snapshot(self.snapshot)

    def compose(self) -> ComposeResult:
        yield Static("", id="room-bar")
        with Horizontal(id="room-main"):
            with Vertical(id="room-side"):
                yield SegmentTimer(id="room-timer")
                yield AgendaSidebar(id="room-agenda")
            with Vertical(id="room-body"):
                yield Static("", id="room-heading")
                yield Static("", id="room-issue")
                yield Static("", id="room-top3")
                yield RoomTable(id="room-table")
                yield Static("", id="room-footer")
        with Middle(id="room-wait"):
            with Center():
                yield Static("", id="room-wait-text")

    def on_mount(self) -> None:
        self.screen.add_class("-waiting")
        self.query_one("#room-wait-text", Static).update(Text("Reading the store…"))
        self.set_interval(self.poll_s, self.poll)
        self.set_interval(TICK_S, self.tick)
        self.poll()

    def on_resize(self) -> None:
        self.screen.set_class(self.size.width < 100, "-narrow")
        if self.snapshot is not None:
            self.show_snapshot(self.snapshot)

    # -- reading (in a worker thread: the event loop never waits on the disk) ------------------------------------

    def poll(self) -> None:
        if self._reading:
            return
        self._reading = True
        self.run_worker(self._read, thread=True, exclusive=False, group="room-read")

    def _read(self) -> None:
        try:
            changed = self.db.refresh()
            now = self.clock.monotonic()
            if changed or self.snapshot is None or now - self._last_snap >= RESNAP_S:
                snap = room_snapshot(self.db, self.clock, self.team, self.tz)
                self._last_snap = now
                self.call_from_thread(self.show_snapshot, snap)
            else:
                self.call_from_thread(self._done_reading)
        except Exception as exc:  # a damaged file, a team renamed: say it on the screen, keep polling
            self.call_from_thread(self.show_problem, str(exc) or type(exc).__name__)

    def _done_reading(self) -> None:
        self._reading = False

    def show_problem(self, text: str) -> None:
        self._reading = False
        self.problem = text
        self.screen.add_class("-waiting")
        self.query_one("#room-wait-text", Static).update(Text(f"Cannot read the meeting: {text}"))

    # -- rendering -----------------------------------------------------------------------------------------------

    def show_snapshot(self, snap: RoomSnapshot) -> None:
        self._reading = False
        self.reads += 1
        self.problem = ""
        self.snapshot = snap
        waiting = snap.state != "live"
        self.screen.set_class(waiting, "-waiting")
        if snap.state == "waiting":
            text = Text(snap.title + "\n\n", style="bold")
            text.append(snap.message)
            self.query_one("#room-wait-text", Static).update(text)
            return
        if snap.state == "finished":
            text = Text(f"{snap.title}: meeting finished\n\n", style="bold")
            text.append("\n".join(snap.summary), style="")
            self.query_one("#room-wait-text", Static).update(text)
            return
        self.query_one("#room-heading", Static).update(Text(snap.heading))
        top = Text("")
        if snap.current == IDS:
            top = Text("Top 3: ", style="bold")
            top.append("   ".join(snap.top3) if snap.top3 else "— not picked yet")
        self.query_one("#room-top3", Static).update(top)
        self.query_one(RoomTable).show(snap)
        self.query_one("#room-footer", Static).update(Text(snap.footer))
        self.tick()

    def tick(self) -> None:
        snap = self.snapshot
        if snap is None or snap.state != "live" or not snap.segments:
            return
        now = self.clock.monotonic()
        seg = snap.segments[snap.current]
        remaining = snap.remaining(now)
        caption = f"{seg.name} · {int(seg.planned_s // 60)} min"
        if remaining < 0:
            caption += f" · ✗ over by {mmss(-remaining)}"
        if snap.paused:
            caption += " · ⏸ PAUSED"
        self.query_one(SegmentTimer).show(remaining, caption, paused=snap.paused)
        total = snap.total_elapsed(now)
        self.query_one(AgendaSidebar).show(snap.segments_at(now), total, snap.planned_total)
        bar = Text(f" {snap.title} ", style="bold reverse")
        bar.append(f"  {snap.current + 1}/{len(snap.segments)} {seg.name}", style="bold")
        bar.append(f"   total {mmss(total)} of {mmss(snap.planned_total)}")
        if snap.projection_text:
            bar.append(f"   {snap.projection_text}")
        if snap.paused:
            bar.append("   ⏸ PAUSED", style="bold reverse")
        self.query_one("#room-bar", Static).update(bar)
        issue = Text("")
        if snap.issue:
            secs = snap.issue_seconds(now)
            over = secs > ISSUE_SOFT_CAP_S
            issue = Text("▶ ", style="bold")
            issue.append(snap.issue_title, style="bold")
            issue.append(
                f"   {mmss(secs)} of {ISSUE_SOFT_CAP_S // 60}:00",
                style=f"bold {self._colour('off')}" if over else "",
            )
            if over:
                issue.append("  ✗ over the soft cap")
        self.query_one("#room-issue", Static).update(issue)


def run_room(db_path: Path, *, clock: Clock | None = None, team: str | None = None) -> None:
    """``l10 room``: open the room view on ``db_path`` (read-only)."""
    RoomApp(db_path, clock=clock, team=team).run()
