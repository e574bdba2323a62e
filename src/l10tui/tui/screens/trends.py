"""Trends over the last 13 / 52 weeks or all time: rating, to-dos done, issues solved, on-time start and end, and each
measurable's line against its goal."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from l10tui.domain.goals import measurable_goal
from l10tui.domain.models import Measurable
from l10tui.domain.rules import RATING_GOAL, TODO_GOAL, Track, format_number, on_track
from l10tui.domain.summary import all_time
from l10tui.domain.trends import (
    PERIODS,
    MeasurableLine,
    MeetingPoint,
    Summary,
    in_window,
    line_weeks,
    measurable_line,
    summarize,
    window_start,
)

from ..status import SYMBOL, TREND_DOWN, TREND_UP, track_colour
from ..widgets.trend_row import TrendRow
from .history_report import HistoryReportScreen

ON_TIME_GOAL = 0.9


class TrendsScreen(HistoryReportScreen):
    TITLE_TEXT = "Trends"
    RULE = (
        "Is the meeting getting better? Average rating (goal 8+) and the record score beside it (what the record "
        "says: on time, every segment, top issues solved, to-dos done; 2 points each), to-dos done (goal 90 %), "
        "issues solved per "
        "meeting, and starting and ending on time, meeting by meeting; then each measurable's weekly line with how "
        "often it met its goal. ▲ / ▼ say whether the last number moved towards the goal or away from it."
    )

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("1", "period(0)", "13 weeks"),
        Binding("2", "period(1)", "52 weeks"),
        Binding("3", "period(2)", "All time"),
        Binding("f", "team_filter", "Filter by team"),
        Binding("r", "reload", "Reload"),
    ]

    PREFIX = "trends"

    def __init__(self, team: str | None = None, period: int = 0, **_: Any) -> None:
        super().__init__()
        self.team = team
        self.period = period
        self.points: list[MeetingPoint] = []
        self.summary: Summary | None = None
        self.lines: list[tuple[Measurable, MeasurableLine]] = []
        self.routine = ""

    def since_day(self) -> date | None:
        return window_start(self.l10.clock.today(), PERIODS[self.period][1])

    def compute(self) -> None:
        today = self.l10.clock.today()
        _, weeks = PERIODS[self.period]
        start = window_start(today, weeks)
        db = self.db
        # Every window reads the archived years' summaries (from the year it starts in) and the live records, never
        # archived records: a 52-week window costs two small summaries, not the parse of last year's whole file.
        self._history = None
        planned: dict[str, datetime | None] = {}

        def summaries() -> Iterator[dict[str, Any]]:  # one year's summary alive at a time
            for year, figures in db.archive.summaries(None if start is None else start.year, newest_first=True):
                found = figures.get("planned")
                starts = found if isinstance(found, dict) else db.archive.planned_starts(year)  # an older summary
                for mid, at in starts.items():
                    planned.setdefault(mid, datetime.fromisoformat(at))  # newest first: the newest copy wins
                yield figures

        live = db.meetings.all()
        planned.update((m.id, m.planned_start) for m in live)
        points, every = all_time(
            summaries(),
            live,
            db.todos.all(),
            db.issues.all(),
            db.scores.all(),
            self.team,
            db.calendar,
            newest_first=True,
        )
        first = min((w for _, w in every), default=None) if weeks is None else None
        self.points = in_window(points, today, weeks)
        self.routine = self._routine(planned, today, weeks)
        self.summary = summarize(self.points)
        mondays = line_weeks(today, weeks, first)
        wanted = set(mondays)
        for key in [key for key in every if key[1] not in wanted]:  # in place: ten years of cells are not copied
            del every[key]
        grid = every
        self.lines = [(m, measurable_line(m, grid, mondays)) for m in self.db.measurables.for_team(self.team)]

    def _routine(self, planned: Mapping[str, datetime | None], today: Any, weeks: int | None) -> str:
        """`` · 1 moved · 1 extra · 2 weeks skipped`` in the window (moved and skipped weeks for what they are);
        ``planned``: each meeting's planned start, by id."""
        from l10tui.domain.trends import window_start
        from l10tui.store import schedule

        teams = [self.team] if self.team else [t.id for t in self.db.teams.all()]
        changes = {t: schedule.changes(self.db, t) for t in teams}
        extra = {m for t in teams for m in schedule.extra_meetings(self.db, t)}
        moved_to = {ch.moved_to for weeks_ in changes.values() for ch in weeks_.values() if ch.moved_to}
        held = [p.meeting for p in self.points]
        start = window_start(today, weeks)
        skipped = {
            (t, w) for t, weeks_ in changes.items() for w, ch in weeks_.items()
            if ch.skipped and (start is None or w >= start) and w <= today
        }  # fmt: skip
        parts = [
            (sum(1 for mid in held if planned.get(mid) in moved_to), "moved"),
            (sum(1 for mid in held if mid in extra), "extra"),
            (len(skipped), "weeks skipped" if len(skipped) != 1 else "week skipped"),
        ]
        return "".join(f" · {n} {what}" for n, what in parts if n)

    def widgets(self) -> list[Any]:
        return self._rows()

    def summary_text(self) -> str:
        name, _ = PERIODS[self.period]
        team = self.db.teams.find(self.team) if self.team else None
        meetings = f"{len(self.points)} meeting{'' if len(self.points) == 1 else 's'}"
        return (
            f"{name} · {team.name if team else 'all teams'} · {meetings}{self.routine}   "
            "(1 / 2 / 3: 13 weeks, 52 weeks, all time · f: team)"
        )

    def _goal(self, shown: str, value: float | None, goal: float) -> Text:
        if value is None:
            return Text(f"{SYMBOL['missing']} {shown}", style=track_colour(self.app, "missing"))
        track: Track = "on" if value >= goal else "off"
        return Text(f"{SYMBOL[track]} {shown}", style=track_colour(self.app, track))

    def _rows(self) -> list[Any]:
        s = self.summary
        assert s is not None
        p = self.points

        def pct(v: float | None) -> str:
            return "—" if v is None else f"{v * 100:.0f}%"

        rows: list[Any] = [Static(Text("Meetings", style="bold"), classes="trend-heading")]
        rows.append(
            TrendRow(
                "Average rating",
                [x.rating for x in p],
                self._goal(f"{s.rating:.1f} avg (goal 8+)" if s.rating else "—", s.rating, RATING_GOAL),
            )
        )
        rows.append(  # what the record says beside what the room said (domain/record_score.py)
            TrendRow(
                "Record score",
                [x.record for x in p],
                self._goal(f"{s.record:.1f} avg of 10" if s.record is not None else "—", s.record, RATING_GOAL),
            )
        )
        rows.append(
            TrendRow(
                "To-dos done",
                [x.todo_completion for x in p],
                self._goal(f"{pct(s.todo_completion)} (goal 90%)", s.todo_completion, TODO_GOAL),
            )
        )
        solved = "—" if s.solved_per_meeting is None else f"{s.solved_per_meeting:.1f} per meeting"
        rows.append(TrendRow("Issues solved", [float(x.issues_solved) for x in p], solved))
        rows.append(
            TrendRow(
                "Started on time",
                [None if x.started_on_time is None else float(x.started_on_time) for x in p],
                self._goal(f"{pct(s.on_time_start)} of meetings", s.on_time_start, ON_TIME_GOAL),
            )
        )
        rows.append(
            TrendRow(
                "Ended on time",
                [None if x.ended_on_time is None else float(x.ended_on_time) for x in p],
                self._goal(f"{pct(s.on_time_end)} of meetings", s.on_time_end, ON_TIME_GOAL),
            )
        )
        rows.append(Static(Text("Measurables (weekly, against the goal)", style="bold"), classes="trend-heading"))
        for m, line in self.lines:
            figure = Text()
            if line.latest is None:
                figure.append(f"{SYMBOL['missing']} no numbers", style=track_colour(self.app, "missing"))
            else:
                now = on_track(line.latest, m.goal, m.op, m.goal_high)
                arrow = {1: f" {TREND_UP}", -1: f" {TREND_DOWN}", 0: ""}[line.trend]
                figure.append(
                    f"{SYMBOL[now]} {format_number(line.latest, m.unit)}{arrow}", style=track_colour(self.app, now)
                )
                met = round((line.on_goal or 0) * line.entered)
                figure.append(f" goal {measurable_goal(m)} met {met}/{line.entered}")
            rows.append(TrendRow(m.name, list(line.values), figure))
        if not self.lines:
            rows.append(Static("No measurables yet (n on the scorecard adds one)."))
        return rows

    def action_period(self, index: int) -> None:
        self.period = index
        self.call_later(self.reload)

    def action_team_filter(self) -> None:
        ids = [None, *(t.id for t in self.db.teams.active())]
        at = ids.index(self.team) if self.team in ids else 0
        self.team = ids[(at + 1) % len(ids)]
        self.call_later(self.reload)
