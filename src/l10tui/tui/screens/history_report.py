"""The base of the screens that read every year of history (trends, Sales-Marketing): a summary line, a body built
from the records, one read of the archives per screen, and a reload key instead of re-reading years of archives
each time another window writes."""

from __future__ import annotations

from typing import Any, ClassVar, NamedTuple

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Footer, Header, Static

from l10tui.domain.models import Issue, Meeting, Score, Todo
from l10tui.store.archive import archive_files

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
        self.stale = False

    @property
    def history(self) -> History:
        """Meetings, to-dos, issues and scores of every year (archives included), read once per screen."""
        if self._history is None:
            db = self.db
            self._history = History(db.meetings.history(), db.todos.history(), db.issues.history(), db.scores.history())
        return self._history

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id=f"{self.PREFIX}-summary", classes="board-summary")
        yield VerticalScroll(id=f"{self.PREFIX}-body")
        yield Footer()

    def on_mount(self) -> None:
        self._summary_line("Reading the history (every year)…")
        self.query_one(f"#{self.PREFIX}-body").focus()
        self.call_after_refresh(self.reload)  # a first frame now; years of archives can take a moment

    def _summary_line(self, text: str) -> None:
        self.query_one(f"#{self.PREFIX}-summary", Static).update(text)

    def body(self) -> list[Widget]:
        raise NotImplementedError

    def summary_text(self) -> str:
        raise NotImplementedError

    async def reload(self) -> None:
        widgets = self.body()
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
