"""Issue 19 (points 1 and 4): range goals, trailing columns, notes on numbers, and the record score.

Every test here fails on the code before issue 19 (the modules ``domain/goals.py``, ``domain/trailing.py`` and
``domain/record_score.py`` did not exist, ``on_track`` knew no range, a score had no note).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from l10tui.domain.goals import Goal, check_goal, goal_label, measurable_goal, parse_goal
from l10tui.domain.models import Formula, IssueDiscussion, Measurable, Meeting, Rating, SegmentTime
from l10tui.domain.record_score import RUBRIC_TEXT, gap_text, record_score
from l10tui.domain.records import from_dict, to_dict
from l10tui.domain.rules import InputError, clean_note, on_track
from l10tui.domain.snapshot import build_snapshot, has_snapshot
from l10tui.domain.trailing import check_trailing, row_extras, row_goal, trailing, trailing_choice, trailing_weeks

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
WEEK = date(2026, 11, 16)


def measurable(**kw: object) -> Measurable:
    return Measurable(id=str(kw.pop("id", "M-1")), created_at=AT, updated_at=AT, name="MQLs", **kw)  # type: ignore[arg-type]


# -- goals ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "op", "expected"),
    [
        ("20-30", None, Goal("range", 20, 30)),
        ("20 - 30", None, Goal("range", 20, 30)),
        ("20..30", None, Goal("range", 20, 30)),
        ("20 to 30", None, Goal("range", 20, 30)),
        ("20%-30%", None, Goal("range", 20, 30)),
        ("$10k-$20k", None, Goal("range", 10_000, 20_000)),
        ("1,000-1,500", None, Goal("range", 1000, 1500)),
        ("25-25", None, Goal("range", 25, 25)),
        ("42", None, Goal(">=", 42)),
        ("42", "<=", Goal("<=", 42)),
        ("<=5", None, Goal("<=", 5)),
        (">= 120", None, Goal(">=", 120)),
        ("=2", None, Goal("==", 2)),
        ("-3", None, Goal(">=", -3)),
        ("37.5%", None, Goal(">=", 37.5)),
    ],
)
def test_parse_goal(typed: str, op: str | None, expected: Goal) -> None:
    assert parse_goal(typed, op) == expected


def test_negative_ranges_only_where_the_measurable_allows_negatives() -> None:
    assert parse_goal("-30--20", negative=True) == Goal("range", -30, -20)
    assert parse_goal("-5-5", negative=True) == Goal("range", -5, 5)
    with pytest.raises(InputError, match="may not be negative"):
        parse_goal("-5-5", negative=False)
    with pytest.raises(InputError, match="below zero"):
        check_goal(Goal("range", -5, 5), negative=False)
    assert check_goal(Goal("range", -5, 5), negative=True) == Goal("range", -5, 5)


@pytest.mark.parametrize(
    ("typed", "op", "message"),
    [
        ("30-20", None, "written backwards"),
        ("-20--30", None, "written backwards"),
        ("20-30", ">=", "a range takes no --op"),
        ("<=5", ">=", "says <= but --op says >="),
        ("abc", None, "not a number"),
        ("", None, "empty"),
        ("12,5", None, "decimal comma"),
    ],
)
def test_bad_goals_are_refused_in_one_line(typed: str, op: str | None, message: str) -> None:
    with pytest.raises(InputError, match=message) as err:
        parse_goal(typed, op, negative=True)
    assert "\n" not in str(err.value)


def test_on_track_inside_a_range_both_ends_included() -> None:
    assert [on_track(v, 20, "range", 30) for v in (19.99, 20, 25, 30, 30.01)] == ["off", "on", "on", "on", "off"]
    assert on_track(None, 20, "range", 30) == "missing"
    assert on_track(-25, -30, "range", -20) == "on"
    assert on_track(20, 20, ">=") == "on" and on_track(21, 20, "<=") == "off"  # the other directions as before


def test_goal_label() -> None:
    assert goal_label("range", 20, 30) == "20–30"
    assert goal_label("range", 20, 30, "%") == "20%–30%"
    assert goal_label(">=", 40_000, None, "$") == ">= $40,000"
    assert measurable_goal(measurable(op="range", goal=10, goal_high=16)) == "10–16"


def test_older_measurables_and_scores_decode_without_the_new_fields() -> None:
    old = {"id": "M-1", "created_at": AT.isoformat(), "updated_at": AT.isoformat(), "name": "MQLs", "op": ">="}
    m = from_dict(Measurable, old)
    assert m.goal_high is None and m.trailing == ""
    new = to_dict(measurable(op="range", goal=10, goal_high=16, trailing="avg13"))
    assert from_dict(Measurable, new).goal_high == 16 and from_dict(Measurable, new).trailing == "avg13"


# -- trailing ------------------------------------------------------------------------------------------------------


def grid_of(mid: str, values: list[float | None], last: date = WEEK) -> dict[tuple[str, date], float]:
    """values oldest first, the last one for ``last``."""
    n = len(values)
    return {(mid, last - timedelta(weeks=n - 1 - i)): v for i, v in enumerate(values) if v is not None}


def test_defaults_average_for_rates_total_for_counts() -> None:
    assert trailing_choice(measurable()) == "total13"
    assert trailing_choice(measurable(unit="$")) == "total13"
    assert trailing_choice(measurable(unit="%")) == "avg4"
    assert trailing_choice(measurable(unit="h")) == "avg4"
    assert trailing_choice(measurable(formula=Formula("M-2", "M-3"))) == "avg4"
    assert trailing_choice(measurable(trailing="none")) == "none"


def test_average_and_total_over_the_window() -> None:
    values: list[float | None] = [float(v) for v in range(1, 15)]  # 14 weeks: 1..14, the last for WEEK
    grid = grid_of("M-1", values)
    avg4 = trailing(measurable(trailing="avg4"), grid, WEEK)
    assert avg4 is not None and (avg4.value, avg4.entered, avg4.label) == (12.5, 4, "avg 4w")  # 11..14
    total13 = trailing(measurable(trailing="total13"), grid, WEEK)
    assert total13 is not None and total13.value == sum(range(2, 15)) and total13.shown() == "104"
    assert trailing(measurable(trailing="none"), grid, WEEK) is None


def test_missing_weeks_are_left_out_and_said() -> None:
    grid = grid_of("M-1", [10.0, None, 20.0, 30.0])
    figure = trailing(measurable(trailing="avg4"), grid, WEEK)
    assert figure is not None and figure.value == 20.0 and figure.shown() == "20 (3/4)"
    empty = trailing(measurable(trailing="avg4"), {}, WEEK)
    assert empty is not None and empty.value is None and empty.shown() == ""


def test_the_week_in_progress_does_not_count_until_entered() -> None:
    grid = grid_of("M-1", [10.0, 20.0, 30.0, 40.0], last=WEEK)
    this_week = WEEK + timedelta(weeks=1)  # nothing entered yet
    figure = trailing(measurable(trailing="avg4"), grid, this_week)
    assert figure is not None and (figure.value, figure.entered) == (25.0, 4)
    assert len(trailing_weeks(this_week)) == 14 and trailing_weeks(this_week)[-1] == this_week


def test_a_derived_measurable_is_averaged_from_its_inputs() -> None:
    conv = measurable(id="M-3", unit="%", formula=Formula("M-2", "M-1"))
    grid = {**grid_of("M-1", [100.0, 200.0]), **grid_of("M-2", [25.0, 30.0])}
    figure = trailing(conv, grid, WEEK)
    assert figure is not None and figure.kind == "avg" and figure.value == 20.0 and figure.shown("%") == "20% (2/4)"


def test_check_trailing() -> None:
    assert check_trailing("AVG13") == "avg13" and check_trailing("") == "" and check_trailing("default") == ""
    with pytest.raises(InputError, match="not one of"):
        check_trailing("avg5")
    with pytest.raises(InputError, match="only be an average"):
        check_trailing("total4", derived=True, name="MQL->SQL")


def test_notes_are_sanitised_one_line_user_text() -> None:
    assert clean_note("  webinar week ") == "webinar week" and clean_note("   ") == ""
    for bad in ("a\x1b[2Jb", "two\nlines", "bidi\u202e", "x" * 121):
        with pytest.raises(InputError):
            clean_note(bad)


# -- the snapshot keeps goal ranges, trailing figures and notes; older snapshots still read -------------------------


def snapshot_with(measurables: list[Measurable], grid: dict[tuple[str, date], float], notes: dict) -> dict:  # type: ignore[type-arg]
    meeting = Meeting(id="MT-1", created_at=AT, updated_at=AT, teams=["TM-1"])
    return build_snapshot(
        meeting=meeting,
        week=WEEK,
        teams={"TM-1": "Sales"},
        people={},
        measurables=measurables,
        grid=grid,
        rocks=[],
        todos_due=[],
        headlines=[],
        issues={},
        todos={},
        notes=notes,
    )


def test_the_snapshot_keeps_the_range_the_trailing_figure_and_the_note() -> None:
    demos = measurable(id="M-4", op="range", goal=10, goal_high=16, trailing="avg4")
    snap = snapshot_with([demos], grid_of("M-4", [12.0, 14.0, 17.0]), {("M-4", WEEK): "trade show"})
    row = snap["measurables"][0]
    assert (row["op"], row["goal"], row["goal_high"], row["status"]) == ("range", 10, 16, "off")
    assert row["trailing"] == {"kind": "avg", "weeks": 4, "value": 14.3333, "entered": 3}
    assert row["note"] == "trade show"
    assert row_goal(row) == "10–16" and row_extras(row) == " · avg 4w 14.3 (3/4) · note: trade show"
    meeting = Meeting(id="MT-1", created_at=AT, updated_at=AT, snapshot=snap)
    assert has_snapshot(meeting)


def test_an_older_snapshot_row_reads_without_the_new_keys() -> None:
    old_row = {"id": "M-1", "name": "MQLs", "owner": "", "unit": "", "goal": 120, "op": ">=", "value": 131}
    assert row_goal(old_row) == ">= 120" and row_extras(old_row) == ""
    snap = snapshot_with([measurable()], {}, {})
    for row in snap["measurables"]:
        for key in ("goal_high", "trailing", "note"):
            del row[key]
    assert has_snapshot(Meeting(id="MT-1", created_at=AT, updated_at=AT, snapshot=snap))


def test_a_note_with_control_characters_in_a_damaged_snapshot_prints_harmlessly() -> None:
    row = {"goal": 1, "op": ">=", "note": "evil\x1b]0;title\x07"}
    assert "\x1b" not in row_extras(row) and "\x07" not in row_extras(row)


# -- the record score --------------------------------------------------------------------------------------------


def held(
    *,
    late_min: float = 0,
    over_min: float = 0,
    segments: list[float] | None = None,
    outcomes: tuple[str, ...] = ("solved", "solved", "solved"),
    due: int = 10,
    done: int = 10,
    ratings: tuple[int, ...] = (10, 10),
) -> Meeting:
    planned = [300, 300, 300, 300, 300, 3600, 300]
    actual = segments if segments is not None else [float(s) for s in planned]
    start = AT + timedelta(minutes=late_min)
    end = start + timedelta(seconds=sum(planned)) + timedelta(minutes=over_min)
    names = ["Segue", "Scorecard", "Rock review", "Headlines", "To-do list", "IDS", "Conclude"]
    snap = snapshot_with([], {}, {})
    snap["issues"] = [
        {
            "id": f"I-{i}",
            "title": "x",
            "team": "TM-1",
            "raised_by": None,
            "raised_by_team": None,
            "source": None,
            "outcome": o,
            "seconds": 60.0,
            "notes": "",
            "solution": "",
            "todos": [],
        }
        for i, o in enumerate(outcomes)
    ]
    snap["completion"] = {"due": due, "done": done, "not_reviewed": 0}
    return Meeting(
        id="MT-1",
        created_at=AT,
        updated_at=AT,
        planned_start=AT,
        actual_start=start,
        actual_end=end,
        segments=[SegmentTime(n, p, a) for n, p, a in zip(names, planned, actual, strict=True)],
        ratings=[Rating(f"P-{i}", r) for i, r in enumerate(ratings)],
        state="finished",
        snapshot=snap,
        issues_discussed=[IssueDiscussion(f"I-{i}", 60.0, "", o) for i, o in enumerate(outcomes)],
    )


def test_a_meeting_that_did_its_job_scores_10() -> None:
    score = record_score(held())
    assert score.score == 10 and score.earned == 5 and score.known == 5
    assert [p.mark for p in score.points] == ["✓"] * 5
    assert score.lines()[0] == "✓ started on time (on time)"


def test_a_late_overrun_meeting_rated_10_shows_the_gap() -> None:
    meeting = held(late_min=7, over_min=12, outcomes=("solved", "discussed"), done=8)
    score = record_score(meeting)
    assert score.score == 2.0  # only every segment held
    assert [(p.key, p.ok) for p in score.points] == [
        ("started_on_time", False),
        ("ended_on_time", False),
        ("segments_held", True),
        ("top_issues_solved", False),
        ("todos_done", False),
    ]
    assert [p.detail for p in score.points] == [
        "7 min late",
        "ran over by 12 min",
        "all 7",
        "1 of the top 2",
        "8/10 done, 80 %",
    ]
    assert gap_text(10.0, score) == "room 10 · record 2/10 (gap +8)"


def test_each_point_on_its_own() -> None:
    assert record_score(held(late_min=1)).score == 10  # within a minute is on time
    assert record_score(held(late_min=2)).score == 8
    assert record_score(held(over_min=2)).points[1].ok is False
    skipped = record_score(held(segments=[300, 10, 300, 300, 300, 3600, 300]))
    assert skipped.points[2].ok is False and skipped.points[2].detail == "skipped Scorecard"
    only_first_three = record_score(held(outcomes=("solved", "dropped", "solved", "discussed")))
    assert only_first_three.points[3].ok is True  # the fourth was not a top issue
    assert record_score(held(outcomes=())).points[3].detail == "no issue taken up"
    assert record_score(held(due=10, done=9)).points[4].ok is True  # 90 % exactly
    assert record_score(held(due=0, done=0)).points[4].detail == "none were due"


def test_what_the_record_cannot_know_counts_neither_way() -> None:
    bare = Meeting(id="MT-1", created_at=AT, updated_at=AT, state="finished")
    assert [p.mark for p in record_score(bare).points] == ["?", "?", "?", "✗", "?"]  # no issue taken up: known
    assert record_score(bare).score == 0 and record_score(bare).known == 1
    nothing = record_score(bare)
    nothing = type(nothing)(tuple(p for p in nothing.points if p.ok is None))
    assert nothing.score is None and nothing.text() == "—"
    partly = held()
    partly.snapshot = {}
    partly.segments = []
    score = record_score(partly)
    assert score.known == 2 and score.score == 10  # scaled over what it knows: the start, the issues (own list)
    assert [p.mark for p in score.points] == ["✓", "?", "?", "✓", "?"]


def test_a_meeting_still_running_is_scored_as_if_it_ended_now() -> None:
    meeting = held()
    meeting.state, meeting.actual_end = "in-progress", None
    assert record_score(meeting).points[1].ok is None
    on_time = AT + timedelta(minutes=90)
    assert record_score(meeting, now=on_time).points[1].ok is True
    assert record_score(meeting, now=on_time + timedelta(minutes=9)).points[1].detail == "ran over by 9 min"


def test_the_rubric_names_the_five_points() -> None:
    for words in ("on time", "every segment", "top issues", "90 %"):
        assert words in RUBRIC_TEXT


# -- the record score in the trends, the yearly summaries and the Sales-Marketing view -------------------------------


def test_trends_and_the_sales_marketing_view_carry_the_record_score_beside_the_rating() -> None:
    from l10tui.domain.alignment import record_by_team
    from l10tui.domain.alignment_window import window_for
    from l10tui.domain.calendar import CompanyCalendar
    from l10tui.domain.summary import _point, _point_row
    from l10tui.domain.trends import meeting_points, summarize

    utc = CompanyCalendar(UTC, "UTC")
    good = held(ratings=(7, 7))
    bad = held(late_min=10, over_min=20, outcomes=("discussed",), done=5, ratings=(10, 10))
    bad.id, bad.teams = "MT-2", ["TM-1", "TM-2"]
    good.teams = ["TM-1"]
    bad.planned_start = bad.actual_start = AT + timedelta(weeks=1)  # a week later, 10 minutes late
    bad.actual_start = AT + timedelta(weeks=1, minutes=10)
    bad.actual_end = bad.actual_start + timedelta(minutes=110)
    points = meeting_points([good, bad], [], [], None, utc)
    assert [(p.meeting, p.rating, p.record) for p in points] == [("MT-1", 7.0, 10.0), ("MT-2", 10.0, 2.0)]
    assert summarize(points).record == 6.0 and summarize(points).rating == 8.5
    row = _point_row(points[1])
    assert len(row) == 11 and _point(row, None).record == 2.0
    assert _point(row[:10], None).record is None  # a summary written before issue 19
    by_team = record_by_team([good, bad], window_for(date(2026, 12, 2), 13, utc))
    assert {t: (s.value, s.count) for t, s in by_team.items()} == {"TM-1": (6.0, 2), "TM-2": (2.0, 1)}


def test_the_store_keeps_a_note_on_a_number_and_refuses_one_without_a_number(tmp_path: object) -> None:
    from pathlib import Path

    from l10tui.domain.clock import FakeClock
    from l10tui.store import open_store

    assert isinstance(tmp_path, Path)
    db = open_store(tmp_path / "l10.json", FakeClock(wall=AT, mono=0.0))
    team = db.teams.add("Sales")
    ann = db.people.add("Ann", [team.id])
    demos = db.measurables.add("Demos", owner=ann.id, goal=10, op="range", goal_high=16, teams=[team.id])
    before = db.path.read_bytes()
    with pytest.raises(InputError, match="enter the number first"):
        db.scores.set_note(demos.id, WEEK, "trade show")
    with pytest.raises(InputError, match="below its low end"):
        db.measurables.add("Calls", owner=ann.id, goal=30, op="range", goal_high=20)
    with pytest.raises(InputError, match="below zero"):
        db.measurables.add("Delta", owner=ann.id, goal=-5, op="range", goal_high=5)
    assert db.path.read_bytes() == before  # nothing written
    db.scores.set(demos.id, WEEK + timedelta(days=2), 12)  # any day of the week
    db.scores.set_note(demos.id, WEEK, "trade show")
    assert db.scores.notes([WEEK]) == {(demos.id, WEEK): "trade show"}
    db.scores.set_note(demos.id, WEEK, "")
    assert db.scores.notes([WEEK]) == {}
