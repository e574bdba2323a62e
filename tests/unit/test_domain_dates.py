"""Week, quarter and due-date maths and the dates people type (domain/dates.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10tui.domain.dates import (
    DateError,
    default_todo_due,
    next_meeting,
    parse_date,
    parse_quarter,
    quarter_first_day,
    quarter_last_day,
    quarter_of,
    week_monday,
    weekly_rule,
    weeks_back,
)
from l10tui.domain.models import DEFAULT_MEETING_RULE

TODAY = date(2026, 11, 23)  # a Monday
sane_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))

# -- the Monday of a week -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "monday"),
    [
        (date(2026, 11, 23), date(2026, 11, 23)),  # a Monday is its own week's Monday
        (date(2026, 11, 22), date(2026, 11, 16)),  # Sunday belongs to the week before (ISO weeks)
        (date(2026, 11, 29), date(2026, 11, 23)),  # the Sunday that ends the week
        (date(2026, 11, 24), date(2026, 11, 23)),
        (date(2026, 12, 31), date(2026, 12, 28)),  # year end
        (date(2027, 1, 1), date(2026, 12, 28)),
        (date(2027, 1, 3), date(2026, 12, 28)),  # a week across New Year has one Monday, last year's
        (date(2027, 1, 4), date(2027, 1, 4)),
        (date(2024, 3, 1), date(2024, 2, 26)),  # across a leap day
        (date(2026, 3, 1), date(2026, 2, 23)),
        (date(2026, 3, 29), date(2026, 3, 23)),  # European DST change day (a Sunday)
    ],
)
def test_week_monday(day: date, monday: date) -> None:
    assert week_monday(day) == monday


@given(sane_dates)
def test_week_monday_is_a_monday_within_the_week(day: date) -> None:
    monday = week_monday(day)
    assert monday.weekday() == 0
    assert 0 <= (day - monday).days <= 6
    assert monday.isocalendar()[:2] == day.isocalendar()[:2]


def test_weeks_back_are_13_mondays_oldest_first_ending_this_week() -> None:
    weeks = weeks_back(date(2026, 11, 25), 13)
    assert len(weeks) == 13
    assert weeks[-1] == date(2026, 11, 23)
    assert weeks[0] == date(2026, 8, 31)
    assert all(w.weekday() == 0 for w in weeks)
    assert all(b - a == timedelta(weeks=1) for a, b in pairwise(weeks))
    assert weeks_back(TODAY, 0) == []


def test_weeks_back_across_year_end() -> None:
    assert weeks_back(date(2027, 1, 2), 2) == [date(2026, 12, 21), date(2026, 12, 28)]


# -- quarters -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (date(2026, 1, 1), "2026-Q1"),
        (date(2026, 3, 31), "2026-Q1"),
        (date(2026, 4, 1), "2026-Q2"),
        (date(2026, 6, 30), "2026-Q2"),
        (date(2026, 7, 1), "2026-Q3"),
        (date(2026, 9, 30), "2026-Q3"),
        (date(2026, 10, 1), "2026-Q4"),
        (date(2026, 11, 23), "2026-Q4"),
        (date(2026, 12, 31), "2026-Q4"),
        (date(2024, 2, 29), "2024-Q1"),
    ],
)
def test_quarter_of(day: date, quarter: str) -> None:
    assert quarter_of(day) == quarter


@pytest.mark.parametrize(
    ("quarter", "first", "last"),
    [
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-Q2", date(2026, 4, 1), date(2026, 6, 30)),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31)),
        ("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)),
        ("9999-Q4", date(9999, 10, 1), date(9999, 12, 31)),
        (" 2026-q4 ", date(2026, 10, 1), date(2026, 12, 31)),
    ],
)
def test_quarter_first_and_last_day(quarter: str, first: date, last: date) -> None:
    assert quarter_first_day(quarter) == first
    assert quarter_last_day(quarter) == last


def test_leap_year_q1_is_a_day_longer() -> None:
    leap = (quarter_last_day("2024-Q1") - quarter_first_day("2024-Q1")).days + 1
    common = (quarter_last_day("2026-Q1") - quarter_first_day("2026-Q1")).days + 1
    assert (leap, common) == (91, 90)


@given(sane_dates)
def test_a_day_lies_within_its_quarter(day: date) -> None:
    q = quarter_of(day)
    assert quarter_first_day(q) <= day <= quarter_last_day(q)
    assert quarter_of(quarter_last_day(q) + timedelta(days=1)) != q


@pytest.mark.parametrize("text", ["2026-Q5", "2026-Q0", "2026Q4", "Q4", "26-Q4", "0000-Q1", "", "2026-Q4x"])
def test_bad_quarters_are_refused(text: str) -> None:
    with pytest.raises(DateError, match="not a quarter"):
        parse_quarter(text)
    with pytest.raises(DateError):
        quarter_last_day(text)


# -- to-dos are due a week later --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meeting_day", "due"),
    [
        (date(2026, 11, 23), date(2026, 11, 30)),
        (date(2026, 11, 30), date(2026, 12, 7)),  # across a month end
        (date(2026, 12, 28), date(2027, 1, 4)),  # across a year end
        (date(2028, 2, 28), date(2028, 3, 6)),  # across a leap day
        (date(2026, 2, 23), date(2026, 3, 2)),
        # DST change days: the dates are naive calendar dates, so a week is still seven calendar days.
        (date(2026, 3, 23), date(2026, 3, 30)),  # across Europe's spring change (Sunday 29 March)
        (date(2026, 3, 29), date(2026, 4, 5)),
        (date(2026, 10, 19), date(2026, 10, 26)),  # across Europe's autumn change (Sunday 25 October)
        (date(2026, 10, 25), date(2026, 11, 1)),
        (date(2026, 3, 2), date(2026, 3, 9)),  # across the US spring change (Sunday 8 March)
        (date(2026, 3, 8), date(2026, 3, 15)),
        (date(2026, 10, 26), date(2026, 11, 2)),  # across the US autumn change (Sunday 1 November)
        (date(2026, 11, 1), date(2026, 11, 8)),
    ],
)
def test_default_todo_due_is_seven_calendar_days_later(meeting_day: date, due: date) -> None:
    assert default_todo_due(meeting_day) == due
    assert due.weekday() == meeting_day.weekday()


# -- reading typed dates ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("2026-12-04", TODAY, date(2026, 12, 4)),  # year first is always year-month-day, never 12 April
        ("2026/12/04", TODAY, date(2026, 12, 4)),
        ("2026-1-5", TODAY, date(2026, 1, 5)),  # an explicit year is kept even when past
        ("4 Dec", TODAY, date(2026, 12, 4)),
        ("Dec 4", TODAY, date(2026, 12, 4)),
        ("4 december", TODAY, date(2026, 12, 4)),
        ("December 4th", TODAY, date(2026, 12, 4)),
        ("4/12/2026", TODAY, date(2026, 12, 4)),  # numbers without a leading year are read day first
        ("23 Nov", TODAY, date(2026, 11, 23)),  # today itself is not past
        ("22 Nov", TODAY, date(2027, 11, 22)),  # yesterday without a year is next year's
        ("4 Jan", date(2026, 12, 20), date(2027, 1, 4)),  # year wrap
        ("Jan 4", date(2026, 12, 31), date(2027, 1, 4)),
        ("31 Dec", date(2026, 12, 31), date(2026, 12, 31)),
        ("29 Feb", TODAY, date(2028, 2, 29)),  # the next year that has it
        ("29 Feb", date(2028, 1, 10), date(2028, 2, 29)),
        ("4 Dec 2025", TODAY, date(2025, 12, 4)),
        ("friday", TODAY, date(2026, 11, 27)),
        ("Friday", date(2026, 11, 27), date(2026, 12, 4)),  # never today: a Friday's "friday" is next week
        ("fri", TODAY, date(2026, 11, 27)),
        ("monday", TODAY, date(2026, 11, 30)),
        ("sunday", TODAY, date(2026, 11, 29)),
        ("thursday", date(2026, 12, 31), date(2027, 1, 7)),
        ("+7d", TODAY, date(2026, 11, 30)),
        ("+2w", TODAY, date(2026, 12, 7)),
        ("+ 3 D", TODAY, date(2026, 11, 26)),
        ("+10d", date(2026, 12, 28), date(2027, 1, 7)),
        ("+1m", date(2026, 1, 31), date(2026, 2, 28)),
        ("+0d", TODAY, TODAY),
        ("today", TODAY, TODAY),
        ("  TODAY ", TODAY, TODAY),
        ("tomorrow", date(2026, 12, 31), date(2027, 1, 1)),
        ("fri 10:00", TODAY, date(2026, 11, 27)),  # a weekday with a time of day
        ("10:30", TODAY, TODAY),  # a time of day alone is today
        ("Thu 4 Dec", TODAY, date(2026, 12, 4)),
        ("10", TODAY, date(2026, 12, 10)),  # a day alone is the next such day of a month
        ("30", date(2027, 2, 1), date(2027, 3, 30)),  # February has no 30th
    ],
)
def test_parse_date(text: str, today: date, expected: date) -> None:
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "garbage",
        "next friday please",
        "2026-02-30",
        "2026-13-01",
        "0000-01-01",
        "31 Feb 2026",
        "+7x",
        "-7d",
        "+12345d",
        "4 Dec\x00",
        "x" * 41,
        "\u202e4 Dec",
    ],
)
def test_garbage_is_refused_with_date_error(text: str) -> None:
    with pytest.raises(DateError):
        parse_date(text, TODAY)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=30), sane_dates)
def test_parse_date_raises_nothing_but_date_error(text: str, today: date) -> None:
    try:
        result = parse_date(text, today)
    except DateError:
        return
    assert isinstance(result, date)


date_like = st.text(alphabet="0123456789 -/.:+dwmDecJanFebNovfriMonTtodayAMPMth,", max_size=16)


@settings(max_examples=400, deadline=None)
@given(date_like, sane_dates)
def test_parse_date_on_date_like_noise(text: str, today: date) -> None:
    try:
        parse_date(text, today)
    except DateError:
        pass


@given(sane_dates, st.integers(min_value=0, max_value=400))
def test_relative_days_and_weeks(today: date, n: int) -> None:
    assert parse_date(f"+{n}d", today) == today + timedelta(days=n)
    assert parse_date(f"+{n}w", today) == today + timedelta(weeks=n)


@given(sane_dates, st.sampled_from(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]))
def test_a_weekday_is_within_the_next_seven_days_never_today(today: date, name: str) -> None:
    result = parse_date(name, today)
    assert 1 <= (result - today).days <= 7
    assert result.strftime("%A").lower() == name


@given(sane_dates, st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_day_month_without_year_is_the_next_one_on_or_after_today(today: date, target: date) -> None:
    result = parse_date(target.strftime("%d %b"), today)
    assert (result.month, result.day) == (target.month, target.day)
    assert result >= today
    assert (result - today).days < 366 * 8  # a 29 February may be up to 8 years away (2096 -> 2104)


# -- the next meeting of a weekly rule --------------------------------------------------------------------------------


def test_next_meeting_from_the_default_rule() -> None:
    assert next_meeting(DEFAULT_MEETING_RULE, datetime(2026, 11, 23, 8, 59)) == datetime(2026, 11, 23, 9, 0)
    # strictly after: at 09:00 on the day, the next one is a week later
    assert next_meeting(DEFAULT_MEETING_RULE, datetime(2026, 11, 23, 9, 0)) == datetime(2026, 11, 30, 9, 0)
    assert next_meeting(DEFAULT_MEETING_RULE, datetime(2026, 11, 25, 12, 0)) == datetime(2026, 11, 30, 9, 0)
    assert next_meeting(DEFAULT_MEETING_RULE, datetime(2026, 12, 29, 0, 0)) == datetime(2027, 1, 4, 9, 0)


def test_next_meeting_from_weekly_rule() -> None:
    rule = weekly_rule(3, 14, 30)  # Thursdays 14:30
    assert rule == "FREQ=WEEKLY;BYDAY=TH;BYHOUR=14;BYMINUTE=30"
    assert next_meeting(rule, datetime(2026, 11, 23, 9, 0)) == datetime(2026, 11, 26, 14, 30)
    # naive local times: the DST change day does not move the wall-clock hour
    assert next_meeting(weekly_rule(6, 9, 0), datetime(2026, 3, 28, 10, 0)) == datetime(2026, 3, 29, 9, 0)


@given(
    st.integers(0, 6),
    st.integers(0, 23),
    st.integers(0, 59),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
)
def test_next_meeting_is_within_a_week_on_the_right_day_and_time(
    wd: int, hour: int, minute: int, after: datetime
) -> None:
    nxt = next_meeting(weekly_rule(wd, hour, minute), after)
    assert nxt is not None
    assert after < nxt <= after + timedelta(weeks=1)
    assert (nxt.weekday(), nxt.hour, nxt.minute, nxt.second) == (wd, hour, minute, 0)


@pytest.mark.parametrize("rule", ["garbage", "", "FREQ=WEEKLY;BYDAY=XX", "FREQ=", "FREQ=WEEKLY;BYHOUR=99"])
def test_bad_meeting_rules_are_refused(rule: str) -> None:
    with pytest.raises(DateError, match="not a meeting rule"):
        next_meeting(rule, datetime(2026, 11, 23, 9, 0))


def test_a_rule_that_has_ended_has_no_next_meeting() -> None:
    assert next_meeting("FREQ=WEEKLY;BYDAY=MO;UNTIL=20200101T000000", datetime(2026, 11, 23, 9, 0)) is None


@pytest.mark.parametrize(("wd", "h", "m"), [(7, 9, 0), (-1, 9, 0), (0, 24, 0), (0, 9, 60)])
def test_weekly_rule_out_of_range(wd: int, h: int, m: int) -> None:
    with pytest.raises(DateError):
        weekly_rule(wd, h, m)


def test_past_dates_look_back_for_score_weeks() -> None:
    from datetime import date

    from l10tui.domain.dates import parse_date

    today = date(2026, 11, 23)  # a Monday
    assert parse_date("16 Nov", today, past=True) == date(2026, 11, 16)
    assert parse_date("16 Nov", today) == date(2027, 11, 16)  # a due date looks forward
    assert parse_date("30 Dec", today, past=True) == date(2025, 12, 30)
    assert parse_date("friday", today, past=True) == date(2026, 11, 20)
    assert parse_date("monday", today, past=True) == today
    assert parse_date("29 Feb", today, past=True) == date(2024, 2, 29)
    assert parse_date("2026-12-04", today, past=True) == date(2026, 12, 4)  # a full date is taken as typed
