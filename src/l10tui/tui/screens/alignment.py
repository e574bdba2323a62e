"""The Sales-Marketing view: who raises issues about whom, how fast each team solves its issues, the shared and
hand-off numbers, and each team's rating and to-do completion; is the finger-pointing shrinking?"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from l10tui.domain.alignment import AlignmentReport, Series, alignment_report
from l10tui.domain.alignment_issues import (
    ALL_TEAMS,
    COUNTING_RULES,
    UNKNOWN,
    trend_word,
)
from l10tui.domain.alignment_window import window_for
from l10tui.domain.funnel import Funnel
from l10tui.domain.goals import measurable_goal
from l10tui.domain.rules import RATING_GOAL, TODO_GOAL, Track, format_compact, on_track
from l10tui.store.alignment_reads import ALL_TIME_FUNNEL_WEEKS, read_alignment_all_time
from l10tui.store.funnel import read_funnel

from ..safe import add_safe_row, plain
from ..status import SYMBOL, TREND_DOWN, TREND_UP, track_colour
from ..widgets.funnel_bars import FunnelBars, funnel_heading
from ..widgets.trend_row import TrendRow
from .history_report import HistoryReportScreen

WINDOWS: tuple[int | None, ...] = (13, 26, 52, None)  # None: all time, from the yearly summaries
SIDE_BY_SIDE_WEEKS = 8
BLOCK_WEEKS = 4
WEEK_COLUMN_W = 9  # '✗ $51.2k' and a space
NARROW = 110  # columns: below this, 3 weeks and no team column


class AlignmentScreen(HistoryReportScreen):
    TITLE_TEXT = "Sales-Marketing alignment"
    RULE = (
        "Issues carry the team that owns them and the team that raised them, so the board can show who raises "
        "issues about whom, and whether that shrinks. The hand-off between the teams is measured, not argued "
        "about: shared measurables both teams answer for, and derived ones such as MQL -> SQL conversion.\n\n"
        + COUNTING_RULES
    )

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("1", "window(0)", "13 weeks"),
        Binding("2", "window(1)", "26 weeks"),
        Binding("3", "window(2)", "52 weeks"),
        Binding("4", "window(3)", "All time"),
        Binding("r", "reload", "Reload"),
    ]

    PREFIX = "align"

    def __init__(self, weeks: int | None = 13, **_: Any) -> None:
        super().__init__()
        self.weeks = weeks
        self.report: AlignmentReport | None = None
        self.funnel: Funnel | None = None

    def since_day(self) -> date | None:
        return None if self.weeks is None else window_for(self.l10.clock.today(), self.weeks).start

    def compute(self) -> AlignmentReport:
        db = self.db
        if self.weeks is None:
            return self._all_time()
        h = self.history
        self.report = alignment_report(
            teams=db.teams.all(),
            people=db.people.all(),
            issues=h.issues,
            meetings=h.meetings,
            todos=h.todos,
            measurables=db.measurables.all(),
            scores=h.scores,
            today=self.l10.clock.today(),
            calendar=db.calendar,
            weeks=self.weeks,
        )
        self.funnel = read_funnel(db, self.l10.clock.today(), self.weeks)  # issue #18 (store/funnel.py)
        return self.report

    def _all_time(self) -> AlignmentReport:
        """All time from the archived years' summaries and the live records, never the archived records (issue 14;
        equal to the recount: tests/store/test_alignment_summaries.py)."""
        db = self.db
        self._history = None  # the windows' records are not held beside ten years of figures
        today = self.l10.clock.today()
        self.report = read_alignment_all_time(db, today)
        self.funnel = read_funnel(db, today, ALL_TIME_FUNNEL_WEEKS)
        return self.report

    def widgets(self) -> list[Any]:
        assert self.report is not None
        return self._widgets(self.report)

    def summary_text(self) -> str:
        r = self.report
        assert r is not None
        span = "All time" if self.weeks is None else f"{self.weeks} weeks"
        keys = "(1/2/3/4: 13, 26, 52 weeks, all time)"  # one line at 80 columns
        return f"{span}, {r.window.start:%-d %b %Y} to {r.window.end:%-d %b %Y}   {keys}"

    # -- pieces --------------------------------------------------------------------------------------------------

    def _mark(self, shown: str, track: Track) -> Text:
        return Text(f"{SYMBOL[track]} {shown}", style=track_colour(self.app, track))

    def _matrix(self, r: AlignmentReport) -> Table | Text:
        order = r.team_order()
        raisers = [t for t in order if t in r.matrix] + [x for x in (ALL_TEAMS, UNKNOWN) if x in r.matrix]
        owners = [t for t in order if any(t in row for row in r.matrix.values())]
        if not raisers or not owners:
            return Text("No issues raised in the window.")
        table = Table(box=None, padding=(0, 2), header_style="bold", title_justify="left")
        table.add_column("raised by ↓  about →", no_wrap=True)
        for owner in owners:
            table.add_column(plain(r.name(owner)), justify="right", no_wrap=True)
        for raiser in raisers:
            cells: list[Text | str] = [r.name(raiser)]
            for owner in owners:
                n = r.matrix.get(raiser, {}).get(owner, 0)
                cross = raiser not in (owner, UNKNOWN, ALL_TEAMS)
                cells.append(Text(f"{n} ⇄" if cross and n else str(n), style="bold" if cross and n else ""))
            add_safe_row(table, *cells)
        return table

    def _cross(self, r: AlignmentReport) -> TrendRow:
        total = sum(n for _, n in r.cross_by_week)
        word = r.trend
        if word == "shrinking":
            figure = self._mark(f"{total} in all, {TREND_DOWN} shrinking", "on")
        elif word == "growing":
            figure = self._mark(f"{total} in all, {TREND_UP} growing", "off")
        else:
            figure = Text(f"= {total} in all, steady")
        return TrendRow("Cross-team per week", [float(n) for _, n in r.cross_by_week], figure)

    def _over_time(self, r: AlignmentReport) -> Table | Text:
        """Cross-team issues per direction (Marketing -> Sales...), in blocks of four weeks, oldest first."""
        narrow = self.app.size.width < NARROW
        shown = r.over_time[-3:] if narrow else r.over_time[-8:]  # equal blocks of four weeks, ending with this week
        windows = [w for w, _ in shown]
        counts = [m for _, m in shown]
        pairs = sorted(
            {(a, b) for m in counts for a, row in m.items() for b in row if a not in (b, UNKNOWN, ALL_TEAMS)},
            key=lambda p: (r.name(p[0]).casefold(), r.name(p[1]).casefold()),
        )
        if not pairs:
            return Text("No issue raised by one team about another in the window.")
        table = Table(box=None, padding=(0, 2), header_style="bold")
        table.add_column("Raised by → about", no_wrap=True)
        for w in windows:
            table.add_column(f"{w.start:%-d %b}", justify="right", no_wrap=True)
        table.add_column("Trend", no_wrap=True)
        for a, b in pairs:
            series = [m.get(a, {}).get(b, 0) for m in counts]
            word = trend_word(series)
            mark: Text | str = "= steady"
            if word == "shrinking":
                mark = self._mark(f"{TREND_DOWN} shrinking", "on")
            elif word == "growing":
                mark = self._mark(f"{TREND_UP} growing", "off")
            add_safe_row(table, f"{r.name(a)} → {r.name(b)}", *(str(n) for n in series), mark)
        return table

    def _solving(self, r: AlignmentReport) -> Table | Text:
        if not r.solving:
            return Text("No issues.")
        table = Table(box=None, padding=(0, 2), header_style="bold")
        for name in ("Team", "Solved", "Median days", "Mean days", "Open now"):
            table.add_column(name, justify="left" if name == "Team" else "right", no_wrap=True)
        for team, s in sorted(r.solving.items(), key=lambda kv: r.name(kv[0]).casefold()):
            add_safe_row(
                table,
                r.name(team),
                str(s.solved),
                "—" if s.median_days is None else f"{s.median_days:.1f}",
                "—" if s.mean_days is None else f"{s.mean_days:.1f}",
                str(s.open_now),
            )
        return table

    def _per_team(self, r: AlignmentReport) -> Table | Text:
        teams = [t for t in r.team_order() if t in r.ratings or t in r.todos]
        if not teams:
            return Text("No finished meetings in the window.")
        table = Table(box=None, padding=(0, 2), header_style="bold")
        table.add_column("Team", no_wrap=True)
        table.add_column("Avg rating (goal 8+)", justify="right", no_wrap=True)
        table.add_column("Record score", justify="right", no_wrap=True)  # what the record says, beside the room
        table.add_column("To-dos done (goal 90%)", justify="right", no_wrap=True)
        for team in teams:
            rate = r.ratings.get(team)
            todo = r.todos.get(team)
            rating: Text | str = "—"
            if rate is not None and rate.value is not None:
                rating = self._mark(f"{rate.value:.1f} ({rate.count})", "on" if rate.value >= RATING_GOAL else "off")
            done: Text | str = "—"
            if todo is not None and todo.rate is not None:
                shown = f"{todo.rate * 100:.0f}% ({todo.done}/{todo.reviewed})"
                done = self._mark(shown, "on" if todo.rate >= TODO_GOAL else "off")
            record = r.records.get(team)
            said: Text | str = "—"
            if record is not None and record.value is not None:
                said = self._mark(f"{record.value:.1f}", "on" if record.value >= RATING_GOAL else "off")
            add_safe_row(table, r.name(team), rating, said, done)
        return table

    def _side_by_side(self, r: AlignmentReport, items: list[Series], empty: str) -> Table | Text:
        if not items:
            return Text(empty)
        narrow = self.app.size.width < NARROW
        # As many weeks as fit beside the names, so no number is cut to an ellipsis.
        name_w = min(30, max(len(s.measurable.name) for s in items))
        teams_w = 0 if narrow else min(24, max(len(" + ".join(r.name(t) for t in s.measurable.teams)) for s in items))
        fixed = name_w + teams_w + 12 + 7 + 6  # goal, on/off, padding
        n = max(3, min(SIDE_BY_SIDE_WEEKS, (self.app.size.width - 6 - fixed) // WEEK_COLUMN_W))
        weeks = items[0].values[-n:]
        table = Table(box=None, padding=(0, 1), header_style="bold")
        table.add_column("Measurable", no_wrap=True)
        if not narrow:
            table.add_column("Teams", no_wrap=True)
        table.add_column("Goal", no_wrap=True)
        for w, _ in weeks:
            table.add_column(f"{w:%-d %b}", justify="right", no_wrap=True)
        table.add_column("On/off", justify="right", no_wrap=True)
        for s in items:
            m = s.measurable
            cells: list[Text | str] = [m.name]
            if not narrow:
                cells.append(" + ".join(r.name(t) for t in m.teams) or "—")
            cells.append(measurable_goal(m))
            for _, v in s.values[-n:]:
                track = on_track(v, m.goal, m.op, m.goal_high)
                cells.append(self._mark(format_compact(v, m.unit) if v is not None else "—", track))
            cells.append(f"{s.on}/{s.off}")
            add_safe_row(table, *cells)
        return table

    def _widgets(self, r: AlignmentReport) -> list[Any]:
        def heading(text: str) -> Static:
            return Static(Text(text, style="bold"), classes="trend-heading")

        return [
            Static(Text(r.quarters.text() if r.quarters else ""), id="align-quarters"),
            heading(funnel_heading(self.funnel)),
            FunnelBars(self.funnel, id="align-funnel"),
            heading("Who raises issues about whom (issues created in the window; ⇄ = about another team)"),
            Static(self._matrix(r), id="align-matrix"),
            self._cross(r),
            Static(
                Text(f"Dropped or merged, not counted above: {r.dropped_cross} raised by one team about another"),
                id="align-dropped",
            ),
            heading(f"Each direction over time (issues raised per {BLOCK_WEEKS} weeks, from the week shown)"),
            Static(self._over_time(r), id="align-over-time"),
            heading("Time to solve, per owning team (issues solved in the window)"),
            Static(self._solving(r), id="align-solving"),
            heading("Hand-off numbers (derived from two others, e.g. MQL -> SQL)"),
            Static(self._side_by_side(r, r.handoff, "No derived measurable yet."), id="align-handoff"),
            heading("Shared measurables, side by side"),
            Static(self._side_by_side(r, r.shared, "No shared measurable yet."), id="align-shared"),
            heading("Meetings, per team"),
            Static(self._per_team(r), id="align-teams"),
        ]

    def action_window(self, index: int) -> None:
        self.weeks = WINDOWS[index]
        self.call_later(self.reload)
