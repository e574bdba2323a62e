"""``IssuePanel``: one team's open issues in rank order, with their top-3 slot, who raised them and from where.

Reusable by any screen::

    panel = IssuePanel(team, issues, people=names, teams=team_names, top3=[...], id="panel-TM-1")
    panel.set_issues(issues, top3)          # after a change

* Column "Top" shows ``1`` ``2`` ``3`` for picked issues (text, not colour); "From" shows the raising team when it
  is not the owning team (``← Sales``), and ``⇠ M-3`` style source links for items dropped from the scorecard etc.
* ``enter`` on a row posts :class:`IssuePanel.Opened`; moving the cursor posts :class:`IssuePanel.Highlighted`.
* :attr:`IssuePanel.selected_id` is the issue under the cursor.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from l10tui.domain.models import Issue, Team
from l10tui.domain.text import safe_text

from ..safe import plain, safe_colour
from ..status import muted
from .row_table import RowTable

SOURCE_MARK = {"measurable": "scorecard", "rock": "rock", "headline": "headline", "todo": "to-do"}


class IssuePanel(Vertical):
    DEFAULT_CSS = """
    IssuePanel { height: 1fr; min-width: 24; border: round $primary; }
    IssuePanel:focus-within { border: double $accent; }
    IssuePanel > .panel-title { height: 1; padding: 0 1; text-style: bold; }
    IssuePanel > RowTable { height: 1fr; }
    """

    class Opened(Message):
        """``enter`` on an issue: start IDS on it / open it."""

        def __init__(self, panel: IssuePanel, issue_id: str) -> None:
            super().__init__()
            self.panel = panel
            self.issue_id = issue_id

        @property
        def control(self) -> IssuePanel:
            return self.panel

    class Highlighted(Message):
        def __init__(self, panel: IssuePanel, issue_id: str | None) -> None:
            super().__init__()
            self.panel = panel
            self.issue_id = issue_id

        @property
        def control(self) -> IssuePanel:
            return self.panel

    def __init__(
        self,
        team: Team,
        issues: Sequence[Issue],
        *,
        people: dict[str, str] | None = None,
        teams: dict[str, str] | None = None,
        top3: Sequence[str | None] = (),
        current: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.team = team
        self.issues = list(issues)
        self.people = people or {}
        self.teams = teams or {}
        self.top3 = list(top3)
        self.current = current
        self.votes: dict[str, int] = {}  # issue id -> attendees' votes (l10 vote), shown after the title
        self._built_layout: tuple[int | None, bool] | None = None

    def compose(self) -> ComposeResult:
        yield Static(self._title(), classes="panel-title")
        yield RowTable(id=f"{self.id or 'panel'}-table")

    def on_mount(self) -> None:
        self._build()

    @property
    def table(self) -> RowTable:
        return self.query_one(RowTable)

    @property
    def selected_id(self) -> str | None:
        """The issue under the cursor; None while the panel is still being built (a key pressed as IDS opens)."""
        tables = self.query(RowTable)
        return tables.first().selected_key if tables else None

    def _title(self) -> Text:
        # The team's colour on a square, its name in the text colour (a red or blue name on black read at 2-5:1).
        t = Text()
        t.append("■ ", style=f"bold {safe_colour(self.team.colour)}")
        t.append(safe_text(self.team.name), style="bold")
        t.append(f"  {len(self.issues)} open", style="")
        return t

    def set_issues(self, issues: Sequence[Issue], top3: Sequence[str | None] = (), current: str | None = None) -> None:
        self.issues = list(issues)
        self.top3 = list(top3)
        self.current = current
        if not self.is_mounted:
            return  # on_mount shows them
        self.query_one(".panel-title", Static).update(self._title())
        self._build()

    # Widths of the fixed columns, and the panel width from which "From" gets a column of its own.
    RANK_W, TOP_W, FROM_W, FROM_ABOVE = 2, 3, 18, 56

    def _layout(self) -> tuple[int | None, bool]:
        """(width of the title column, whether "From" fits) for the panel's current width.

        The title is what the room reads, so it gets all the width the panel has instead of running off its
        right edge behind a horizontal scroll; "From" only shows where there is room for both."""
        inner = self.size.width - 2  # the border
        if inner <= 0:
            return None, True  # not laid out yet: natural widths
        show_from = inner >= self.FROM_ABOVE
        padding = 2 * (4 if show_from else 3)  # DataTable pads each cell by one on each side
        fixed = self.RANK_W + self.TOP_W + (self.FROM_W if show_from else 0) + padding
        return max(8, inner - fixed), show_from

    def on_resize(self) -> None:
        if self._layout() != self._built_layout:
            self._build()

    def _build(self) -> None:
        table = self.table
        keep = table.selected_key
        title_w, show_from = self._built_layout = self._layout()
        table.clear(columns=True)
        table.add_column("#", key="rank", width=self.RANK_W)
        table.add_column("Top", key="top", width=self.TOP_W)
        table.add_column("Issue", key="title", width=title_w)
        if show_from:
            table.add_column("From", key="from", width=self.FROM_W if title_w else None)
        for n, issue in enumerate(self.issues, start=1):
            slot = self.top3.index(issue.id) + 1 if issue.id in self.top3 else None
            top = Text(f"#{slot}", style="bold reverse") if slot else Text("")
            title = plain(issue.title, style="bold" if issue.id == self.current else "")
            if issue.id == self.current:
                title = Text("▶ ", style="bold").append(title)
            votes = self.votes.get(issue.id, 0)
            if votes:
                title.append(f"  {votes} vote{'s' if votes != 1 else ''}", style="bold")
            cells = [str(n), top, title, self._origin(issue)] if show_from else [str(n), top, title]
            # A long title wraps onto a second line (then an ellipsis) rather than running off the panel.
            wrapped = len(title) > (title_w or 10_000)
            if wrapped and title_w:
                title.truncate(2 * title_w - 6, overflow="ellipsis")  # room for word-wrap slack
            table.add_row(*cells, key=issue.id, height=2 if wrapped else 1)
        table.select_key(keep)

    def _origin(self, issue: Issue) -> Text:
        parts = []
        if issue.raised_by:
            parts.append(self.people.get(issue.raised_by, issue.raised_by))
        if issue.raised_by_team and issue.raised_by_team != issue.team:
            parts.append(f"← {self.teams.get(issue.raised_by_team, issue.raised_by_team)}")
        if issue.source is not None:
            parts.append(f"⇠ {SOURCE_MARK.get(issue.source.kind, issue.source.kind)}")
        return plain(" ".join(parts), style=muted(self.app))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Opened(self, str(event.row_key.value)))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self, None if event.row_key.value is None else str(event.row_key.value)))
