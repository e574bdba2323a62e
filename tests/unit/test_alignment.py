"""The Sales-Marketing numbers on a small hand-made history whose answers are worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from l10tui.commands.alignment_render import render_text, report_json
from l10tui.domain import alignment as al
from l10tui.domain import alignment_issues as ai
from l10tui.domain import alignment_window as aw
from l10tui.domain.models import (
    Formula,
    Issue,
    Measurable,
    Meeting,
    Person,
    Rating,
    Score,
    Team,
    Todo,
    TodoReview,
)

TODAY = date(2026, 11, 25)  # a Wednesday; its week starts Monday 2026-11-23
T0 = datetime(2026, 1, 1, tzinfo=UTC)
S, M, L = "TM-1", "TM-2", "TM-3"  # Sales, Marketing, Leadership


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def team(tid: str, name: str) -> Team:
    return Team(id=tid, created_at=T0, updated_at=T0, name=name)


def person(pid: str, name: str, *teams: str) -> Person:
    return Person(id=pid, created_at=T0, updated_at=T0, name=name, teams=list(teams))


def issue(
    iid: str, owner: str, raised: str | None, created: datetime, solved: datetime | None = None, status: str = ""
) -> Issue:
    return Issue(
        id=iid,
        created_at=created,
        updated_at=created,
        title=iid,
        team=owner,
        raised_by_team=raised,
        status=status or ("solved" if solved else "open"),  # type: ignore[arg-type]
        ended_at=solved,
    )


def meeting(mid: str, day: date, ratings: list[Rating], state: str = "finished") -> Meeting:
    return Meeting(
        id=mid,
        created_at=at(day),
        updated_at=at(day),
        actual_start=at(day),
        actual_end=at(day, 10),
        ratings=ratings,
        state=state,  # type: ignore[arg-type]
    )


def todo(tid: str, owner: str, *reviews: tuple[str, bool], team_id: str | None = None) -> Todo:
    return Todo(
        id=tid,
        created_at=T0,
        updated_at=T0,
        title=tid,
        owner=owner,
        team=team_id,
        reviews=[TodoReview(m, d) for m, d in reviews],
    )


def measurable(mid: str, name: str, teams: list[str], goal: float, formula: Formula | None = None) -> Measurable:
    return Measurable(id=mid, created_at=T0, updated_at=T0, name=name, teams=teams, goal=goal, formula=formula)


def score(mid: str, week: date, value: float) -> Score:
    return Score(id=f"S-{mid}-{week}", created_at=T0, updated_at=T0, measurable=mid, week=week, value=value)


TEAMS = [team(S, "Sales"), team(M, "Marketing"), team(L, "Leadership")]
PEOPLE = [
    person("P-1", "Ana", S),
    person("P-2", "Ben", S),
    person("P-3", "Cleo", M),
    person("P-4", "Dev", S, M),  # counts for both teams
    person("P-5", "Old", S),  # no ratings
]
W = [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]  # the last four Mondays

ISSUES = [
    # Marketing raises about Sales twice (weeks 1 and 3), Sales about Marketing three times (weeks 0, 2, 3)
    issue("I-1", S, M, at(W[1]), solved=at(W[1] + timedelta(days=2))),  # 2 days
    issue("I-2", S, M, at(W[3]), solved=at(W[3] + timedelta(days=1), 21)),  # 1.5 days
    issue("I-3", M, S, at(W[0]), solved=at(W[2])),  # 14 days
    issue("I-4", M, S, at(W[2])),
    issue("I-5", M, S, at(W[3], 8)),
    issue("I-6", S, S, at(W[2])),  # own team
    issue("I-7", S, None, at(W[2]), status="dropped", solved=at(W[2], 12)),  # raiser unknown; dropped, not solved
    issue("I-8", S, M, at(date(2026, 8, 3)), solved=at(W[0])),  # created before a 4-week window: 91 days to solve
    issue("I-9", L, S, at(W[1]), status="long-term"),
]
MEETINGS = [
    meeting("MT-1", W[1], [Rating("P-1", 8), Rating("P-3", 6), Rating("P-4", 10), Rating("P-2", None, absent=True)]),
    meeting("MT-2", W[2], [Rating("P-1", 9), Rating("P-2", 7), Rating("P-3", 7), Rating("P-4", 9)]),
    meeting("MT-0", date(2026, 6, 1), [Rating("P-1", 1), Rating("P-3", 1)]),  # long ago
    meeting("MT-9", W[3], [Rating("P-1", 1)], state="in-progress"),  # not finished: not counted
]
TODOS = [
    todo("T-1", "P-1", ("MT-1", True), ("MT-2", True)),
    todo("T-2", "P-2", ("MT-2", False)),
    todo("T-3", "P-3", ("MT-1", False), ("MT-2", True)),
    todo("T-4", "P-4", ("MT-2", True)),
    todo("T-5", "P-1", ("MT-0", False)),  # long ago
    todo("T-6", "P-99", ("MT-2", True), team_id=M),  # owner gone: counts for the to-do's own team
]
MEASURABLES = [
    measurable("M-1", "MQLs", [M], 40),
    measurable("M-2", "SQLs", [S], 10),
    measurable("M-3", "Revenue", [S, M], 1000),
    measurable("M-4", "MQL->SQL", [S, M], 25, Formula("M-2", "M-1")),
]
SCORES = [
    score("M-1", W[2], 40),
    score("M-2", W[2], 8),
    score("M-1", W[3], 50),
    score("M-2", W[3], 15),
    score("M-3", W[3], 900),
    score("M-3", date(2026, 1, 5), 5000),  # outside the window
]


def report(weeks: int = 4) -> al.AlignmentReport:
    return al.alignment_report(
        teams=TEAMS,
        people=PEOPLE,
        issues=ISSUES,
        meetings=MEETINGS,
        todos=TODOS,
        measurables=MEASURABLES,
        scores=SCORES,
        today=TODAY,
        weeks=weeks,
    )


def test_window() -> None:
    w = aw.window_for(TODAY, 4)
    assert (w.start, w.end) == (W[0], date(2026, 11, 29))
    assert w.weeks == W
    assert aw.window_for(TODAY, 1).weeks == [W[3]]
    with pytest.raises(ValueError):
        aw.window_for(TODAY, 0)


def test_raised_matrix() -> None:
    w = aw.window_for(TODAY, 4)
    # I-7 was dropped: it leaves the matrix and is counted apart (issue #20)
    assert ai.raised_matrix(ISSUES, w) == {M: {S: 2}, S: {M: 3, S: 1, L: 1}}
    assert ai.raised_matrix(ISSUES, w, dropped=True) == {ai.UNKNOWN: {S: 1}}
    one = aw.window_for(TODAY, 1)
    assert ai.raised_matrix(ISSUES, one) == {M: {S: 1}, S: {M: 1}}
    long = aw.window_for(TODAY, 20)  # reaches back to August: I-8 counts
    assert ai.raised_matrix(ISSUES, long)[M] == {S: 3}


def test_cross_team_by_week_and_trend() -> None:
    w = aw.window_for(TODAY, 4)
    assert ai.cross_team_by_week(ISSUES, w) == [(W[0], 1), (W[1], 2), (W[2], 1), (W[3], 2)]
    assert ai.trend_word([1, 2, 1, 2]) == "steady"
    assert ai.trend_word([5, 4, 1, 0]) == "shrinking"
    assert ai.trend_word([0, 0, 1]) == "growing"
    assert ai.trend_word([3]) == "steady"


def test_time_to_solve() -> None:
    stats = ai.solve_stats(ISSUES, aw.window_for(TODAY, 4))
    # Sales solved in the window: I-1 (2 d), I-2 (1.5 d), I-8 (91 d, solved 11-02); I-7 was dropped, not solved
    assert stats[S] == ai.SolveStats(solved=3, median_days=2.0, mean_days=31.5, open_now=1)
    # Marketing: I-3 (14 d); open now I-4, I-5
    assert stats[M] == ai.SolveStats(solved=1, median_days=14.0, mean_days=14.0, open_now=2)
    # Leadership: a long-term issue is not open and not solved
    assert L not in stats
    one = ai.solve_stats(ISSUES, aw.window_for(TODAY, 1))
    assert one[S] == ai.SolveStats(solved=1, median_days=1.5, mean_days=1.5, open_now=1)


def test_ratings_per_team() -> None:
    ratings = al.ratings_by_team(MEETINGS, PEOPLE, aw.window_for(TODAY, 4))
    # Sales: Ana 8, 9; Ben 7 (absent once); Dev 10, 9 -> 43 / 5
    assert ratings[S] == al.RateStats(8.6, 5)
    # Marketing: Cleo 6, 7; Dev 10, 9 -> 32 / 4
    assert ratings[M] == al.RateStats(8.0, 4)
    assert set(ratings) == {S, M}


def test_todo_completion_per_team() -> None:
    todos = al.todos_by_team(TODOS, PEOPLE, MEETINGS, aw.window_for(TODAY, 4))
    # Sales: T-1 x2 done, T-2 not done, T-4 done -> 3 / 4 ; Marketing: T-3 not, done; T-4 done; T-6 done -> 3 / 4
    assert todos[S] == al.TodoStats(3, 4) and todos[S].rate == 0.75
    assert todos[M] == al.TodoStats(3, 4)
    assert al.TodoStats(0, 0).rate is None


def test_shared_and_handoff_measurables() -> None:
    r = report()
    assert [s.measurable.name for s in r.shared] == ["Revenue", "MQL->SQL"]
    (handoff,) = r.handoff
    assert handoff.values == [(W[0], None), (W[1], None), (W[2], 20.0), (W[3], 30.0)]
    assert (handoff.on, handoff.off, handoff.missing) == (1, 1, 2)
    revenue = r.shared[0]
    assert revenue.values == [(W[0], None), (W[1], None), (W[2], None), (W[3], 900.0)]
    assert (revenue.on, revenue.off, revenue.missing) == (0, 1, 3)


def test_report_json_uses_team_names() -> None:
    data = report_json(report())
    assert data["raised_matrix"] == {
        "Marketing": {"Sales": 2},
        "Sales": {"Leadership": 1, "Marketing": 3, "Sales": 1},
    }
    assert data["cross_team_total"] == 6 and data["cross_team_trend"] == "steady"
    assert data["rating"]["Sales"] == {"average": 8.6, "ratings": 5}
    assert data["todo_completion"]["Marketing"] == {"done": 3, "reviewed": 4, "rate": 0.75}
    assert data["handoff_measurables"][0]["values"]["2026-11-23"] == 30.0
    assert [t["name"] for t in data["teams"]] == ["Leadership", "Marketing", "Sales"]
    text = render_text(report())
    assert "Sales-Marketing alignment, 4 weeks (2026-11-02 to 2026-11-29)" in text
    assert "Dropped or merged, not counted: 0" in text and "8.6" in text
    assert data["dropped_matrix"] == {"(not said)": {"Sales": 1}}


def test_empty_history() -> None:
    r = al.alignment_report(
        teams=[], people=[], issues=[], meetings=[], todos=[], measurables=[], scores=[], today=TODAY
    )
    assert r.matrix == {} and r.solving == {} and r.ratings == {} and r.todos == {}
    assert "No issues raised in the window." in render_text(r)


def test_text_tables_align_by_display_width_not_by_characters() -> None:
    """Issue 17: the domain's own table padded by len(), so a wide team name (営業, 4 columns in 2 characters)
    pushed its row's numbers two columns right; the command's table pads by display width."""
    from l10tui.commands.alignment_render import _table_lines
    from l10tui.commands.common import cell_width

    lines = _table_lines(["TEAM", "SOLVED"], [["営業", "1"], ["Sales", "2"]])
    starts = {cell_width(line[: line.rindex(" ") + 1]) for line in lines}
    assert len(starts) == 1, lines
