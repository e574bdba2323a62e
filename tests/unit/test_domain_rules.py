"""The meeting's rules as plain functions (domain/rules.py)."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from l10tui.domain.models import Formula, Measurable, Meeting, Rating, SegmentTime, Todo, TodoReview
from l10tui.domain.rules import (
    MAX_NAME,
    MAX_TITLE,
    RATING_GOAL,
    TODO_GOAL,
    InputError,
    check_rating,
    clean_name,
    clean_text,
    completion_rate,
    derived_value,
    format_number,
    meeting_times,
    needs_comment,
    not_done_twice,
    on_track,
    parse_number,
    rating_average,
    week_values,
)

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
WEEK = date(2026, 11, 16)

# -- on / off track ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "goal", "op", "expected"),
    [
        (120.0, 100.0, ">=", "on"),
        (100.0, 100.0, ">=", "on"),  # meeting the goal exactly is on track
        (99.9, 100.0, ">=", "off"),
        (-1.0, 0.0, ">=", "off"),
        (2.0, 3.0, "<=", "on"),
        (3.0, 3.0, "<=", "on"),
        (3.5, 3.0, "<=", "off"),
        (0.0, 0.0, "<=", "on"),
        (5.0, 5.0, "==", "on"),
        (0.1 + 0.2, 0.3, "==", "on"),  # float noise is not a miss
        (5.1, 5.0, "==", "off"),
        (4.9, 5.0, "==", "off"),
        (None, 100.0, ">=", "missing"),
        (None, 3.0, "<=", "missing"),
        (None, 5.0, "==", "missing"),
    ],
)
def test_on_track(value: float | None, goal: float, op: str, expected: str) -> None:
    assert on_track(value, goal, op) == expected


def test_zero_is_a_number_not_a_missing_one() -> None:
    assert on_track(0.0, 1.0, ">=") == "off"
    assert on_track(0.0, 1.0, "<=") == "on"


def test_unknown_direction_is_refused() -> None:
    with pytest.raises(ValueError, match="direction"):
        on_track(1.0, 1.0, ">")


@given(st.floats(-1e9, 1e9), st.floats(-1e9, 1e9))
def test_at_least_and_at_most_agree_except_at_the_goal(value: float, goal: float) -> None:
    hi, lo = on_track(value, goal, ">="), on_track(value, goal, "<=")
    if value == goal:
        assert hi == lo == "on"
    else:
        assert {hi, lo} == {"on", "off"}


# -- derived measurables ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("num", "den", "percent", "expected"),
    [
        (30.0, 120.0, True, 25.0),
        (1.0, 3.0, True, 33.3),
        (2.0, 3.0, True, 66.7),
        (0.0, 50.0, True, 0.0),
        (60.0, 40.0, True, 150.0),
        (1.0, 3.0, False, 0.333),
        (30.0, 0.0, True, None),  # divisor 0: empty, never a crash or infinity
        (0.0, 0.0, True, None),
        (None, 40.0, True, None),  # either input missing: empty
        (30.0, None, True, None),
        (None, None, True, None),
    ],
)
def test_derived_value(num: float | None, den: float | None, percent: bool, expected: float | None) -> None:
    assert derived_value(num, den, percent) == expected


def _measurable(mid: str, formula: Formula | None = None) -> Measurable:
    return Measurable(id=mid, created_at=T0, updated_at=T0, name=mid, formula=formula, goal=20.0, unit="%")


def test_week_values_of_entered_and_derived_measurables() -> None:
    mql, sql = _measurable("M-1"), _measurable("M-2")
    conv = _measurable("M-3", Formula(numerator="M-2", denominator="M-1"))
    scores = {("M-1", WEEK): 80.0, ("M-2", WEEK): 20.0, ("M-1", WEEK - timedelta(weeks=1)): 0.0}
    assert week_values(mql, scores, WEEK) == 80.0
    assert week_values(sql, scores, WEEK) == 20.0
    assert week_values(conv, scores, WEEK) == 25.0
    prev = WEEK - timedelta(weeks=1)
    assert week_values(conv, scores, prev) is None  # SQLs missing and MQLs zero
    assert week_values(mql, scores, prev) == 0.0
    assert week_values(sql, scores, prev) is None
    assert on_track(week_values(conv, scores, WEEK), conv.goal, conv.op) == "on"


# -- to-dos -----------------------------------------------------------------------------------------------------------


def _todo(tid: str, owner: str, *reviews: tuple[str, bool], status: str = "open") -> Todo:
    return Todo(
        id=tid,
        created_at=T0,
        updated_at=T0,
        title=tid,
        owner=owner,
        status=status,  # type: ignore[arg-type]
        reviews=[TodoReview(meeting=m, done=d) for m, d in reviews],
    )


TODOS = [
    _todo("T-1", "P-1", ("MT-1", False), ("MT-2", True), status="done"),
    _todo("T-2", "P-1", ("MT-1", True), status="done"),
    _todo("T-3", "P-2", ("MT-1", False), ("MT-2", False)),
    _todo("T-4", "P-2", ("MT-2", True), status="done"),
    _todo("T-5", "P-3"),  # never reviewed yet
]


def test_completion_rate_of_a_meeting() -> None:
    assert completion_rate(TODOS, meeting="MT-1") == pytest.approx(1 / 3)
    assert completion_rate(TODOS, meeting="MT-2") == pytest.approx(2 / 3)
    assert completion_rate(TODOS, meeting="MT-9") is None


def test_completion_rate_of_a_person() -> None:
    assert completion_rate(TODOS, owner="P-1") == pytest.approx(2 / 3)
    assert completion_rate(TODOS, owner="P-2") == pytest.approx(1 / 3)
    assert completion_rate(TODOS, owner="P-3") is None  # nothing reviewed yet: no rate, not 0 %
    assert completion_rate(TODOS, meeting="MT-2", owner="P-2") == pytest.approx(1 / 2)


def test_completion_rate_overall_and_goal() -> None:
    assert completion_rate(TODOS) == pytest.approx(3 / 6)
    assert completion_rate([]) is None
    assert TODO_GOAL == 0.90
    all_done = [_todo(f"T-{i}", "P-1", ("MT-1", True)) for i in range(9)] + [_todo("T-9", "P-1", ("MT-1", False))]
    assert completion_rate(all_done, meeting="MT-1") == pytest.approx(TODO_GOAL)


def test_not_done_two_meetings_running() -> None:
    assert not_done_twice(_todo("T-1", "P-1", ("MT-1", False), ("MT-2", False)))
    assert not_done_twice(_todo("T-1", "P-1", ("MT-1", True), ("MT-2", False), ("MT-3", False)))
    assert not not_done_twice(_todo("T-1", "P-1", ("MT-1", False)))  # only once so far
    assert not not_done_twice(_todo("T-1", "P-1", ("MT-1", False), ("MT-2", True), ("MT-3", False)))  # not running
    assert not not_done_twice(_todo("T-1", "P-1"))
    # done since, even if the last two reviews said not done
    assert not not_done_twice(_todo("T-1", "P-1", ("MT-1", False), ("MT-2", False), status="done"))


# -- ratings ----------------------------------------------------------------------------------------------------------


def test_rating_average_leaves_out_the_absent() -> None:
    ratings = [
        Rating("P-1", 9),
        Rating("P-2", 7, comment="ran over"),
        Rating("P-3", None, absent=True),
        Rating("P-4", 2, absent=True),  # marked absent: a stray score does not count
        Rating("P-5", None),  # present but has not rated yet
    ]
    assert rating_average(ratings) == 8.0
    assert rating_average([Rating("P-1", 10), Rating("P-2", 9), Rating("P-3", 9)]) == 9.33
    assert rating_average([]) is None
    assert rating_average([Rating("P-1", None, absent=True)]) is None


def test_under_eight_asks_what_would_make_it_a_ten() -> None:
    assert RATING_GOAL == 8
    assert needs_comment(Rating("P-1", 7))
    assert needs_comment(Rating("P-1", 1))
    assert not needs_comment(Rating("P-1", 8))
    assert not needs_comment(Rating("P-1", 10))
    assert not needs_comment(Rating("P-1", None))
    assert not needs_comment(Rating("P-1", 5, absent=True))


@pytest.mark.parametrize("score", [1, 5, 10])
def test_check_rating_accepts_1_to_10(score: int) -> None:
    assert check_rating(score) == score


@pytest.mark.parametrize("score", [0, 11, -1, True, 7.5, "8"])
def test_check_rating_refuses_the_rest(score: object) -> None:
    with pytest.raises(InputError, match="1 to 10"):
        check_rating(score)  # type: ignore[arg-type]


# -- start / end on time ----------------------------------------------------------------------------------------------


def test_meeting_times() -> None:
    meeting = Meeting(
        id="MT-1",
        created_at=T0,
        updated_at=T0,
        planned_start=T0,
        actual_start=T0 + timedelta(minutes=4),
        actual_end=T0 + timedelta(minutes=4 + 97),
        segments=[SegmentTime("Segue", 300), SegmentTime("IDS", 5100)],
    )
    times = meeting_times(meeting)
    assert times.late_s == 240
    assert times.length_s == 97 * 60
    assert times.over_s == 97 * 60 - 5400
    empty = meeting_times(Meeting(id="MT-2", created_at=T0, updated_at=T0))
    assert (empty.late_s, empty.over_s, empty.length_s) == (None, None, None)


# -- text people type -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Leads from webinar are junk",
        "Ventes ↔ Marketing : délais",
        "Zählerstände 📈 prüfen",
        "東京オフィスの件",
        "עברית בסדר",  # right-to-left text itself is fine; only the override characters are not
        "👩‍💻 hand-off",  # a zero-width joiner inside an emoji is kept
    ],
)
def test_clean_text_keeps_unicode(text: str) -> None:
    assert clean_text(text) == text


def test_clean_text_strips_the_ends() -> None:
    assert clean_text("  Pipeline review \n") == "Pipeline review"


@pytest.mark.parametrize(
    "text",
    [
        "bell\x07",
        "esc\x1b[31mred",
        "nul\x00",
        "del\x7f",
        "two\nlines",
        "tab\there",
        "c1\x85next",
        "\u202eevil",  # right-to-left override
        "a\u2066b",  # left-to-right isolate
        "a\u200fb",  # right-to-left mark
        "line\u2028sep",
        "sur\ud800",
        "private\ue000",
    ],
)
def test_clean_text_refuses_control_and_bidi_characters(text: str) -> None:
    with pytest.raises(InputError, match="control character"):
        clean_text(text)


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_clean_text_refuses_empty(text: str) -> None:
    with pytest.raises(InputError, match="title is empty"):
        clean_text(text)


def test_clean_text_length_limit() -> None:
    assert clean_text("x" * MAX_TITLE) == "x" * MAX_TITLE
    with pytest.raises(InputError, match=f"too long \\({MAX_TITLE + 1} characters, at most {MAX_TITLE}\\)"):
        clean_text("x" * (MAX_TITLE + 1))
    assert clean_name("y" * MAX_NAME) == "y" * MAX_NAME
    with pytest.raises(InputError, match="name is too long"):
        clean_name("y" * (MAX_NAME + 1))
    with pytest.raises(InputError, match="note is too long"):
        clean_text("abcdef", "note", max_len=5)


def test_clean_text_names_what_is_wrong() -> None:
    with pytest.raises(InputError, match=r"^issue title is empty$"):
        clean_text("", "issue title")
    with pytest.raises(InputError, match=r"U\+001B"):
        clean_text("a\x1bb", "issue title")
    with pytest.raises(InputError, match="must be text"):
        clean_text(42)  # type: ignore[arg-type]


def test_multiline_text_keeps_new_lines_and_tabs() -> None:
    assert clean_text("first\n\tsecond", multiline=True) == "first\n\tsecond"
    assert clean_text("first\r\nsecond\rthird", multiline=True) == "first\nsecond\nthird"
    with pytest.raises(InputError, match="control character"):
        clean_text("first\n\x1b[2Jsecond", multiline=True)
    with pytest.raises(InputError, match="control character"):
        clean_text("first\n\u202esecond", multiline=True)


@given(st.text(min_size=1, max_size=40))
def test_clean_text_never_lets_a_control_character_through(text: str) -> None:
    try:
        out = clean_text(text)
    except InputError:
        return
    assert out and out == out.strip()
    assert not any(unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") for ch in out)
    assert not any(ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" for ch in out)


@given(st.text(min_size=1, max_size=40), st.characters(categories=["Cc"]))
def test_a_control_character_inside_is_always_refused(text: str, ch: str) -> None:
    assume(text.strip())
    with pytest.raises(InputError):
        clean_text(text.strip() + ch + "x")


@given(st.text(st.characters(categories=["L", "N", "P", "S", "Zs"]), min_size=1, max_size=MAX_TITLE))
def test_printable_text_is_kept(text: str) -> None:
    assume(text.strip())
    assert clean_text(text) == text.strip()


# -- numbers people type ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("42", 42.0),
        ("  42 ", 42.0),
        ("-3", -3.0),
        ("0", 0.0),
        ("3.5", 3.5),
        ("1,250", 1250.0),
        ("1 250", 1250.0),
        ("1_250", 1250.0),
        ("37.5%", 37.5),
        ("$12k", 12000.0),
        ("€1.5M", 1_500_000.0),
        ("£300", 300.0),
        ("2K", 2000.0),
        ("1e3", 1000.0),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "  ", "abc", "k", "%", "$", "12..5", "0x10", "1/2", "--3"])
def test_parse_number_refuses_non_numbers(text: str) -> None:
    with pytest.raises(InputError, match=r"value is (empty|not a number)"):
        parse_number(text)


@pytest.mark.parametrize("text", ["nan", "inf", "-infinity", "1e400", "2e15"])
def test_parse_number_refuses_out_of_range(text: str) -> None:
    with pytest.raises(InputError, match="out of range"):
        parse_number(text)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_parse_number_reads_back_what_python_writes(value: float) -> None:
    assert parse_number(repr(value)) == value


@given(st.text(max_size=20))
def test_parse_number_raises_only_input_error(text: str) -> None:
    try:
        value = parse_number(text, "score")
    except InputError as exc:
        assert str(exc).startswith("score ")
        return
    assert value == value and abs(value) <= 1e15


def test_format_number() -> None:
    assert format_number(None) == ""
    assert format_number(1250.0) == "1,250"
    assert format_number(42.0) == "42"
    assert format_number(37.5, "%") == "37.5%"
    assert format_number(12000.0, "$") == "$12,000"


def test_format_compact_fits_narrow_columns() -> None:
    from l10tui.domain.rules import format_compact

    assert format_compact(51234, "$") == "$51.2k"
    assert format_compact(199000, "$") == "$199k"
    assert format_compact(27.345, "%") == "27.3%"
    assert format_compact(1_250_000) == "1.25M"
    assert format_compact(12) == "12"
    assert format_compact(-15000) == "-15k"
    assert format_compact(None) == ""
