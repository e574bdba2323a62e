"""report.py: history rows and the Markdown/JSON of a meeting, from records built by hand (no store)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from l10tui import report
from l10tui.domain.models import (
    Issue,
    IssueDiscussion,
    Meeting,
    Person,
    Rating,
    SegmentTime,
    Team,
    Todo,
    TodoReview,
)
from l10tui.domain.records import from_dict

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def mk_meeting(**fields: object) -> Meeting:
    base: dict[str, object] = {
        "id": "MT-7",
        "created_at": T0,
        "updated_at": T0,
        "teams": ["TM-1"],
        "planned_start": T0,
        "actual_start": T0,
        "actual_end": T0 + timedelta(minutes=90),
        "segments": [SegmentTime("Segue", 300, 300.0), SegmentTime("IDS", 5100, 5100.0)],
        "state": "finished",
    }
    base.update(fields)
    return Meeting(**base)  # type: ignore[arg-type]


LK = report.Lookup.build(
    teams=[Team(id="TM-1", created_at=T0, updated_at=T0, name="Sales")],
    people=[
        Person(id="P-1", created_at=T0, updated_at=T0, name="Ana", teams=["TM-1"]),
        Person(id="P-2", created_at=T0, updated_at=T0, name="Ben", teams=["TM-1"]),
    ],
    issues=[
        Issue(
            id="I-1",
            created_at=T0 - timedelta(days=3),
            updated_at=T0,
            title="Quotes are slow",
            team="TM-1",
            status="solved",
            meetings=["MT-7"],
            ended_at=T0 + timedelta(minutes=40),
            solution="Templates",
        ),
        Issue(
            id="I-2",
            created_at=T0 - timedelta(days=3),
            updated_at=T0,
            title="Old issue",
            team="TM-1",
            status="solved",
            meetings=["MT-7"],
            ended_at=T0 + timedelta(days=2),  # solved later, not in this meeting
        ),
    ],
    todos=[
        Todo(id="T-1", created_at=T0, updated_at=T0, title="Call", owner="P-2", reviews=[TodoReview("MT-7", True)]),
        Todo(id="T-2", created_at=T0, updated_at=T0, title="Mail", owner="P-1", reviews=[TodoReview("MT-7", False)]),
        Todo(id="T-3", created_at=T0, updated_at=T0, title="Other", owner="P-1", reviews=[TodoReview("MT-1", True)]),
    ],
)


def test_time_texts() -> None:
    assert report.minutes_text(5520) == "1 h 32 min"
    assert report.minutes_text(2880) == "48 min"
    assert report.minutes_text(29) == "0 min"
    assert report.clock_text(252) == "4:12"
    assert report.clock_text(3900) == "1:05:00"
    assert report.late_text(None) == "—"
    assert report.late_text(60) == "on time"  # within a minute
    assert report.late_text(-300) == "on time"  # early
    assert report.late_text(61) == "1 min"
    assert report.over_text(-600) == "on time"


def test_summary_row() -> None:
    m = mk_meeting(
        actual_start=T0 + timedelta(minutes=4),
        actual_end=T0 + timedelta(minutes=104),
        attendance={"P-1": True, "P-2": False},
        ratings=[Rating("P-1", 9), Rating("P-2", None, absent=True)],
    )
    row = report.summarise(m, LK)
    assert (row.late_s, row.over_s, row.length_s) == (240.0, 600.0, 6000.0)
    assert (row.present, row.expected, row.rating) == (1, 2, 9.0)
    assert (row.todos_done, row.todos_reviewed, row.todo_rate) == (1, 2, 0.5)
    # no outcome written in the discussion list: an issue ended during the meeting still counts as solved here
    assert row.solved == ["I-1"] and row.dropped == []
    assert row.cells()[:8] == ["MT-7", "2026-11-16", "Sales", "4 min", "10 min", "1 h 40 min", "1/2", "9"]
    assert row.cells()[8] == "50% (1/2)"


def test_outcomes_written_by_the_engine_win() -> None:
    m = mk_meeting(issues_discussed=[IssueDiscussion("I-2", 60.0, "", "dropped")])
    row = report.summarise(m, LK)
    assert row.dropped == ["I-2"] and row.solved == ["I-1"]


def test_markdown_leaves_out_empty_sections_and_marks_in_progress() -> None:
    m = mk_meeting(state="in-progress", actual_end=None)
    text = report.meeting_markdown(m, report.Lookup.build())
    assert "Meeting MT-7 (in progress)" in text
    for section in ("## Ratings", "## New to-dos", "## Cascading messages", "## Issues discussed", "## Headlines"):
        assert section not in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_markdown_in_another_time_zone() -> None:
    late = datetime(2026, 11, 16, 23, 30, tzinfo=UTC)
    m = mk_meeting(planned_start=late, actual_start=late, actual_end=late + timedelta(minutes=90))
    plus2 = timezone(timedelta(hours=2))
    text = report.meeting_markdown(m, LK, tz=plus2)
    assert text.startswith("# Level 10 meeting: Sales, Tuesday 17 November 2026")
    assert "started 01:30" in text
    assert report.summarise(m, LK, plus2).day.isoformat() == "2026-11-17"


def test_markdown_ratings_and_comments() -> None:
    m = mk_meeting(ratings=[Rating("P-1", 9), Rating("P-2", 6, comment="Shorter\nIDS"), Rating("P-3", 5)])
    text = report.meeting_markdown(m, LK)
    assert "- Ana: 9" in text
    assert "- Ben: 6 — what would make it a 10: Shorter\n  IDS" in text  # continuation lines indented
    assert "- P-3: 5 — (no comment)" in text  # an unknown person shows as their id
    assert "Average: 6.67" in text


def test_json_round_trips_the_meeting() -> None:
    m = mk_meeting(issues_discussed=[IssueDiscussion("I-1", 60.0, "", "solved")])
    data = report.meeting_json(m, LK)
    assert from_dict(Meeting, data["meeting"]) == m
    assert [i["id"] for i in data["issues"]] == ["I-1"]
    assert sorted(t["id"] for t in data["todos"]) == ["T-1", "T-2"]
    assert data["summary"]["issues_solved"] == ["I-1"]
