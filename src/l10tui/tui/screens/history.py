"""History: every finished meeting in a table (on time? rating? to-dos done? issues solved?), and one meeting whole."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.markdown import Markdown as RichMarkdown
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Static
from textual.worker import get_current_worker

from l10tui.domain.models import Meeting
from l10tui.domain.rules import RATING_GOAL, TODO_GOAL, Track
from l10tui.domain.summary import PastMeeting, past_meetings
from l10tui.domain.text import safe_lines
from l10tui.report import ON_TIME_S, HistoryRow, Lookup, history_rows, late_text, meeting_markdown, minutes_text
from l10tui.store.archive import archive_files
from l10tui.store.meetings import RECENT

from ..safe import plain, safe_cell
from ..status import SYMBOL, track_colour
from ..widgets.board_table import MeasuredTable, rebuild, selected_key
from ..widgets.key_footer import KeyFooter as Footer
from .base import L10Screen

FIRST_ROWS = 200  # rows shown at once (several screenfuls); the older ones follow in batches, as they are reached
BATCH_ROWS = 200
NEAR_END = 40  # rows (or lines of scroll) from the end of those shown that bring the next batch


def _mark(screen: L10Screen, shown: str, track: Track) -> Text:
    return Text(f"{SYMBOL[track]} {shown}", style=track_colour(screen.app, track))


class HistoryScreen(L10Screen):
    TITLE_TEXT = "History"
    REFRESH_WHEN_UNCOVERED = True
    RULE = (
        "Every meeting is kept: when it was planned, when it really started and ended, who came, how each issue "
        "was worked, and how each person rated it. A good meeting starts and ends on time, averages 8 or more, and "
        "finds 90 % of last week's to-dos done."
    )

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("o", "open_meeting", "Read the meeting"),
        Binding("f", "team_filter", "Filter by team"),
        Binding("A", "all_years", "All years"),
    ]

    def __init__(self, team: str | None = None, all_years: bool = False, **_: Any) -> None:
        super().__init__()
        self.team = team
        self.all_years = all_years
        self.order: list[str] = []  # the ids listed, newest first (n / p in a meeting record walk them)
        self._rest: list[PastMeeting] = []  # older meetings not in the table yet (every year: shown as needed)
        self._names: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="history-summary", classes="board-summary")
        yield MeasuredTable(id="history-table", cursor_type="row", zebra_stripes=True, cursor_background_priority="css")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()
        table = self.query_one("#history-table", DataTable)
        table.focus()
        self.watch(table, "scroll_y", self._scrolled, init=False)

    def meetings(self) -> list[Meeting]:
        """Finished meetings in the live file, newest first (the archived years are read in a worker)."""
        found = self.db.meetings.all()
        done = [m for m in found if m.state == "finished" and (self.team is None or self.team in m.teams)]
        return sorted(done, key=lambda m: m.actual_start or m.created_at, reverse=True)

    def rows(self, meetings: list[Meeting] | None = None) -> list[HistoryRow]:
        meetings = self.meetings() if meetings is None else meetings
        return history_rows(meetings, Lookup.for_meetings(self.db, meetings))

    def _cells(
        self, row: HistoryRow | None = None, past: PastMeeting | None = None, names: dict[str, str] | None = None
    ) -> tuple[str, list[Any]]:
        if row is not None:
            mid, day, teams = row.meeting, row.day, row.teams
            rating_v, done, reviewed = row.rating, row.todos_done, row.todos_reviewed
            late_s, over_s, length_s = row.late_s, row.over_s, row.length_s
            present, expected = row.present, row.expected
            issues = f"{len(row.solved)}/{len(row.dropped)}/{len(row.added)}"
        else:
            assert past is not None and names is not None
            p = past.point
            mid, day, teams = p.meeting, p.day, [names.get(t, t) for t in p.teams]
            rating_v, done, reviewed = p.rating, past.todos_done, past.todos_reviewed
            late_s, over_s, length_s = p.late_s, p.over_s, p.length_s
            present, expected = past.present, past.expected
            issues = f"{p.issues_solved}/{p.issues_dropped}/{p.issues_added}"
        late = late_s is not None and late_s > ON_TIME_S
        over = over_s is not None and over_s > ON_TIME_S
        rating: Text | str = "—"
        if rating_v is not None:
            rating = _mark(self, f"{rating_v:.1f}", "on" if rating_v >= RATING_GOAL else "off")
        todos: Text | str = "—"
        if reviewed:
            rate = done / reviewed
            todos = _mark(self, f"{round(rate * 100)}% {done}/{reviewed}", "on" if rate >= TODO_GOAL else "off")
        return (
            mid,
            [
                mid,
                f"{day:%-d %b %Y}",
                " + ".join(teams),
                rating,
                todos,
                _mark(self, late_text(late_s), "off" if late else "on") if late_s is not None else "—",
                _mark(self, late_text(over_s), "off" if over else "on") if over_s is not None else "—",
                minutes_text(length_s) if length_s is not None else "—",
                f"{present}/{expected}",
                issues,
            ],
        )

    def _past(self) -> list[PastMeeting]:
        """The archived years' meetings, from their summaries (no archived record is built: it streams a year's
        summary at a time)."""
        live = {m.id for m in self.db.meetings.all()}
        summaries = (figures for _, figures in self.db.archive.summaries())
        return past_meetings(summaries, live, self.team, self.db.todos.all())

    def refresh_data(self) -> None:
        archived = bool(archive_files(self.db.path))
        if self.all_years and archived:
            self.query_one("#history-summary", Static).update("loading… (reading the archived years; esc goes back)")
            self._load_past()
            return
        live = self.meetings()
        self._fill(live, None)
        if archived and len(live) < RECENT:  # the newest ten, as `l10 history` lists them: some are archived
            self._load_recent()

    @work(thread=True, exclusive=True, group="history")
    def _load_past(self) -> None:
        live = self.meetings()
        past = self._past()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._fill, live, past)

    @work(thread=True, exclusive=True, group="history")
    def _load_recent(self) -> None:
        meetings = self.db.meetings.recent_history(self.team)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._fill, meetings, None)

    def _fill(self, meetings: list[Meeting], past: list[PastMeeting] | None) -> None:
        """The table, newest first. Of every year's meetings (1,563 on ten years) the newest screenfuls are added at
        once, the older ones a batch at a time as the cursor or the scroll comes near them (Textual measures every
        cell of a new row before it draws: all of them at once were most of the wait, issue 14)."""
        if not self.is_attached:
            return
        table = self.query_one("#history-table", DataTable)
        out = [self._cells(row) for row in self.rows(meetings)]
        names = {t.id: t.name for t in self.db.teams.all()}
        older = past or []
        self.order = [key for key, _ in out] + [p.point.meeting for p in older]
        first = max(0, FIRST_ROWS - len(out))
        out += [self._cells(past=p, names=names) for p in older[:first]]
        # the id first: it is what `l10 show MT-12` takes, and it must show on an 80-column screen
        columns = [
            ("Id", "id"),
            ("Date", "date"),
            ("Teams", "teams"),
            ("Rating", "rating"),
            ("To-dos done", "todos"),
            ("Started late", "late"),
            ("Ran over", "over"),
            ("Length", "length"),
            ("Came", "came"),
            ("Solved/dropped/added", "issues"),
        ]
        rebuild(table, columns, out, keep=selected_key(table))
        self._rest, self._names = older[first:], names  # added as the cursor or the scroll comes near them
        team = self.db.teams.find(self.team) if self.team else None
        which = f"{team.name}'s" if team else "all teams'"
        years = "every year" if self.all_years else "recent, A: every year"
        total = len(self.order)
        count = f"{total} meeting{'' if total == 1 else 's'}"
        self.query_one("#history-summary", Static).update(
            plain(f"{count} ({which}; {years}), newest first · enter reads one · f: team")
        )

    def _more(self) -> None:
        """Add the next batch of older rows (asked for when the cursor or the scroll nears the end of those shown)."""
        if not self._rest or not self.is_attached:
            return
        table = self.query_one("#history-table", DataTable)
        batch, self._rest = self._rest[:BATCH_ROWS], self._rest[BATCH_ROWS:]
        for p in batch:
            key, cells = self._cells(past=p, names=self._names)
            table.add_row(*(safe_cell(c) for c in cells), key=key)  # user text is data, never markup

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= event.data_table.row_count - NEAR_END:
            self._more()

    def _scrolled(self, _: float) -> None:
        table = self.query_one("#history-table", DataTable)
        if table.scroll_y >= table.max_scroll_y - NEAR_END:
            self._more()

    def action_open_meeting(self) -> None:
        key = selected_key(self.query_one("#history-table", DataTable))
        if key is None:
            self.notify("No meeting yet", severity="warning")
            return
        self.l10.show("meeting_record", meeting=key, order=list(self.order))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_meeting()

    def action_team_filter(self) -> None:
        ids = [None, *(t.id for t in self.db.teams.active())]
        at = ids.index(self.team) if self.team in ids else 0
        self.team = ids[(at + 1) % len(ids)]
        self.refresh_data()

    def action_all_years(self) -> None:
        self.all_years = not self.all_years
        self.refresh_data()


class MeetingRecordScreen(L10Screen):
    TITLE_TEXT = "Meeting record"
    RULE = (
        "One meeting, whole: the agenda's planned against actual minutes, the scorecard as it stood that week, each "
        "issue worked with its time and solution, the to-dos it created, cascading messages, and every rating with "
        "what would have made it a 10. l10 export MEETING --format md writes the same for an email."
    )

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("n", "step(1)", "Older meeting"),
        Binding("p", "step(-1)", "Newer meeting"),
    ]

    def __init__(self, meeting: str, order: list[str] | None = None, **_: Any) -> None:
        super().__init__()
        self.meeting_id = meeting
        self.order = order  # the history list it was opened from (n / p walk it), else the recent meetings

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="record-body"):
            yield Static(RichMarkdown(safe_lines(self.text())), id="record-markdown")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#record-body").focus()

    def text(self) -> str:
        meeting = self.db.meetings.find(self.meeting_id)
        if meeting is None:
            return f"No meeting {self.meeting_id}."
        return meeting_markdown(meeting, Lookup.for_meetings(self.db, [meeting]))

    def refresh_data(self) -> None:
        self.query_one("#record-markdown", Static).update(RichMarkdown(safe_lines(self.text())))

    def action_step(self, step: int) -> None:
        ids = self.order if self.order is not None else [m.id for m in self.db.meetings.finished()]
        if self.meeting_id not in ids:
            return
        at = ids.index(self.meeting_id) + step
        if not 0 <= at < len(ids):
            self.notify("No older meeting" if step > 0 else "No newer meeting", timeout=2)
            return
        self.meeting_id = ids[at]
        self.refresh_data()
        self.query_one("#record-body", VerticalScroll).scroll_home(animate=False)
