"""The base of the screens that read every year of history (trends, Sales-Marketing): a summary line, a body built
from the records, one read of the archives per screen, and a reload key instead of re-reading years of archives
each time another window writes."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, NamedTuple

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from l10tui.domain.models import Issue, Meeting, Score, Todo
from l10tui.store.archive import archive_files, window_keep
from l10tui.store.repo import histories

from ..widgets.key_footer import KeyFooter as Footer
from .base import L10Screen


class History(NamedTuple):
    meetings: list[Meeting]
    todos: list[Todo]
    issues: list[Issue]
    scores: list[Score]


class HistoryReportScreen(L10Screen):
    """Subclasses set ``PREFIX`` (widget ids ``<prefix>-summary`` / ``<prefix>-body``) and implement
    :meth:`body` (the widgets, from :attr:`history`) and :meth:`summary_text` (the line above them)."""

    PREFIX: ClassVar[str] = "report"

    def __init__(self, **_: Any) -> None:
        super().__init__()
        self._history: History | None = None
        self._since: date | None = None  # the first day ``_history`` covers (None: every year)
        self.stale = False

    def since_day(self) -> date | None:
        """The first day of the current window (None: all time). Subclasses narrow it."""
        return None

    @property
    def history(self) -> History:
        """Meetings, to-dos, issues and scores of the archive years the window reaches (records are archived in the
        year they closed, so a window starting in year Y needs no year before Y), read once per screen and widened
        only when a wider window asks for older years."""
        since = self.since_day()
        covered = self._history is not None and (self._since is None or (since is not None and since >= self._since))
        if not covered:
            self._history = None  # not held while the wider window is read (the peak is what counts)
            db = self.db
            year = since.year if since is not None else None
            tables = ("meetings", "todos", "issues", "scores")
            keeps = [window_keep(t, since) if since is not None else None for t in tables]
            meetings, todos, issues, scores = histories([db.meetings, db.todos, db.issues, db.scores], year, keeps)
            self._history = History(meetings, todos, issues, scores)
            self._since = since
        assert self._history is not None
        return self._history

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id=f"{self.PREFIX}-summary", classes="board-summary")
        yield VerticalScroll(id=f"{self.PREFIX}-body")
        yield Footer()

    def on_mount(self) -> None:
        self._summary_line("loading…")
        self.query_one(f"#{self.PREFIX}-body").focus()
        self.call_after_refresh(self.reload)  # a first frame now; years of archives can take a moment

    def _summary_line(self, text: str) -> None:
        self.query_one(f"#{self.PREFIX}-summary", Static).update(text)

    def compute(self) -> object:
        """Read and count (no widgets: it may run in a worker thread)."""
        raise NotImplementedError

    def widgets(self) -> list[Widget]:
        """The body's widgets, from what :meth:`compute` left."""
        raise NotImplementedError

    def body(self) -> list[Widget]:
        self.compute()
        return self.widgets()

    def summary_text(self) -> str:
        raise NotImplementedError

    async def reload(self) -> None:
        if archive_files(self.db.path):
            # Years of archives take longer than a frame: count in a worker, keep keys (esc) alive meanwhile.
            self._summary_line("loading… (reading the archived years; esc goes back)")
            self._load_in_worker()
            return
        self.compute()
        await self._show()

    @work(thread=True, exclusive=True, group="history-report")
    def _load_in_worker(self) -> None:
        self.compute()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded)

    def _loaded(self) -> None:
        self.call_later(self._show)

    async def _show(self) -> None:
        if not self.is_attached:
            return
        widgets = self.widgets()
        body = self.query_one(f"#{self.PREFIX}-body", VerticalScroll)
        await body.remove_children()
        await body.mount_all(widgets)
        self._summary_line(self.summary_text())

    def refresh_data(self) -> None:
        """Another process wrote. With years of archives, re-reading is slow: say so and let ``r`` do it."""
        if archive_files(self.db.path):
            self.stale = True
            self._summary_line("The store changed in another window: r reloads these numbers.")
            return
        self.action_reload()

    def action_reload(self) -> None:
        self._history = None
        self.stale = False
        self.call_later(self.reload)
