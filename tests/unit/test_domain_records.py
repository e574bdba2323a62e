"""Records to JSON-able dicts and back, and refusal of records of the wrong shape (domain/records.py, clock.iso)."""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, Union, get_args, get_origin

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10tui.domain import models
from l10tui.domain.clock import FakeClock, iso, parse_iso
from l10tui.domain.models import (
    Formula,
    Issue,
    IssueDiscussion,
    Measurable,
    Meeting,
    Rating,
    Record,
    Rock,
    RockWeek,
    SegmentTime,
    SourceLink,
    Todo,
    TodoReview,
)
from l10tui.domain.records import RecordError, from_dict, to_dict

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

# Every record kind the store keeps, found by looking at models.py (a new model is covered without editing this).
RECORD_MODELS: list[type[Record]] = sorted(
    (
        obj
        for obj in vars(models).values()
        if isinstance(obj, type) and issubclass(obj, Record) and obj is not Record and dataclasses.is_dataclass(obj)
    ),
    key=lambda c: c.__name__,
)


def test_every_record_kind_is_covered() -> None:
    names = {m.__name__ for m in RECORD_MODELS}
    assert {"Team", "Person", "Measurable", "Score", "Rock", "Headline", "Todo", "Issue", "Meeting"} <= names


# -- strategies built from the dataclasses' own type hints ------------------------------------------------------------

utc_seconds = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)).map(
    lambda d: d.replace(microsecond=0, tzinfo=UTC)
)
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


def strategy_for(tp: Any) -> st.SearchStrategy[Any]:
    origin = get_origin(tp)
    if origin is Union or origin is types.UnionType:
        return st.one_of(*(strategy_for(a) for a in get_args(tp)))
    if origin is typing.Literal:
        return st.sampled_from(get_args(tp))
    if origin is list:
        return st.lists(strategy_for(get_args(tp)[0]), max_size=3)
    if origin is dict:
        return st.dictionaries(st.text(max_size=6), strategy_for(get_args(tp)[1]), max_size=3)
    if tp is type(None):
        return st.none()
    if tp is Any:
        return json_values
    if dataclasses.is_dataclass(tp):
        return dataclass_strategy(tp)  # type: ignore[arg-type]
    simple: dict[Any, st.SearchStrategy[Any]] = {
        datetime: utc_seconds,
        date: st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
        float: st.floats(allow_nan=False, allow_infinity=False),
        int: st.integers(-(2**53), 2**53),
        bool: st.booleans(),
        str: st.text(max_size=12),
    }
    return simple[tp]


def dataclass_strategy(cls: type) -> st.SearchStrategy[Any]:
    hints = typing.get_type_hints(cls)
    return st.builds(cls, **{f.name: strategy_for(hints[f.name]) for f in dataclasses.fields(cls)})


@pytest.mark.parametrize("model", RECORD_MODELS, ids=lambda m: m.__name__)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_round_trip_through_json(model: type[Record], data: st.DataObject) -> None:
    obj = data.draw(dataclass_strategy(model))
    encoded = to_dict(obj)
    back = from_dict(model, orjson.loads(orjson.dumps(encoded)))
    assert back == obj
    assert to_dict(back) == encoded


@pytest.mark.parametrize("model", RECORD_MODELS, ids=lambda m: m.__name__)
def test_defaults_round_trip(model: type[Record]) -> None:
    obj = model(id="X-1", created_at=T0, updated_at=T0)
    encoded = to_dict(obj)
    assert encoded["created_at"] == "2026-11-23T09:00:00+00:00"
    assert from_dict(model, encoded) == obj


def test_a_full_meeting_round_trips() -> None:
    meeting = Meeting(
        id="MT-3",
        created_at=T0,
        updated_at=T0 + timedelta(hours=2),
        created_by="P-1",
        teams=["TM-1", "TM-2"],
        planned_start=T0,
        actual_start=T0 + timedelta(minutes=3),
        actual_end=T0 + timedelta(minutes=95),
        attendance={"P-1": True, "P-2": False},
        segments=[SegmentTime("Segue", 300, 310.5), SegmentTime("IDS", 3600, 3400.0)],
        issues_discussed=[IssueDiscussion("I-4", 420.0, "root cause: no SLA", "solved")],
        todos_created=["T-9"],
        cascading_messages=["Tell support about the new SLA"],
        ratings=[Rating("P-1", 9), Rating("P-2", None, absent=True), Rating("P-3", 6, comment="ran over")],
        state="finished",
        run={"segment": 6, "elapsed": [310.5, 290.0], "paused": None},
    )
    encoded = to_dict(meeting)
    assert encoded["ratings"][1] == {"person": "P-2", "score": None, "absent": True, "comment": ""}
    assert encoded["segments"][0] == {"name": "Segue", "planned_s": 300, "actual_s": 310.5}
    assert from_dict(Meeting, orjson.loads(orjson.dumps(encoded))) == meeting


def test_nested_records_round_trip() -> None:
    rock = Rock(
        id="R-1",
        created_at=T0,
        updated_at=T0,
        title="Launch partner programme",
        quarter="2026-Q4",
        due=date(2026, 12, 31),
        history=[RockWeek(date(2026, 11, 16), "on"), RockWeek(date(2026, 11, 23), "off")],
    )
    assert rock.status == "off"
    assert to_dict(rock)["history"] == [{"week": "2026-11-16", "status": "on"}, {"week": "2026-11-23", "status": "off"}]
    assert from_dict(Rock, to_dict(rock)) == rock
    m = Measurable(id="M-3", created_at=T0, updated_at=T0, name="MQL->SQL", teams=["TM-1", "TM-2"])
    m.formula = Formula("M-2", "M-1")
    assert m.shared and m.derived
    assert from_dict(Measurable, to_dict(m)) == m
    issue = Issue(id="I-1", created_at=T0, updated_at=T0, title="x", source=SourceLink("todo", "T-3"))
    assert from_dict(Issue, to_dict(issue)).source == SourceLink("todo", "T-3")
    todo = Todo(id="T-1", created_at=T0, updated_at=T0, reviews=[TodoReview("MT-1", False)])
    assert from_dict(Todo, to_dict(todo)).reviews == [TodoReview("MT-1", False)]


def test_unknown_keys_are_ignored_for_forward_compatibility() -> None:
    doc = to_dict(Rating("P-1", 8)) | {"added_in_v9": 1}
    assert from_dict(Rating, doc) == Rating("P-1", 8)


def test_ints_are_accepted_where_floats_are_expected() -> None:
    doc = to_dict(SegmentTime("IDS", 3600, 12.0)) | {"actual_s": 12}
    value = from_dict(SegmentTime, doc).actual_s
    assert value == 12.0 and isinstance(value, float)


def test_to_dict_refuses_non_dataclasses() -> None:
    with pytest.raises(TypeError):
        to_dict({"id": "X-1"})
    with pytest.raises(TypeError):
        to_dict(Rating)


# -- wrong shapes are refused, naming the field -----------------------------------------------------------------------

WRONG: dict[Any, Any] = {
    str: 5,
    float: "12",
    int: 1.5,
    bool: "yes",
    date: 20261123,
    datetime: 1700000000,
}


def wrong_value(tp: Any) -> Any:
    """A JSON value of the wrong type for ``tp`` (None when every value fits, as for ``Any``)."""
    origin = get_origin(tp)
    if origin is Union or origin is types.UnionType:
        return wrong_value(next(a for a in get_args(tp) if a is not type(None)))
    if origin is typing.Literal:
        return "no-such-choice"
    if origin is list:
        return {"not": "a list"}
    if origin is dict:
        return ["not", "an object"]
    if dataclasses.is_dataclass(tp):
        return "not an object"
    return WRONG.get(tp)


FIELD_CASES = [
    (model, f.name)
    for model in RECORD_MODELS
    for f in dataclasses.fields(model)
    if wrong_value(typing.get_type_hints(model)[f.name]) is not None
]


@pytest.mark.parametrize(("model", "field"), FIELD_CASES, ids=[f"{m.__name__}.{f}" for m, f in FIELD_CASES])
def test_a_wrong_type_is_refused_naming_the_field(model: type[Record], field: str) -> None:
    doc = to_dict(model(id="X-1", created_at=T0, updated_at=T0))
    doc[field] = wrong_value(typing.get_type_hints(model)[field])
    with pytest.raises(RecordError) as info:
        from_dict(model, doc, model.__name__.lower())
    assert f"{model.__name__.lower()}.{field}" in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("model", "doc_change", "where", "says"),
    [
        (Rating, {"score": True}, "Rating.score", "expected an integer, got bool"),
        (Rating, {"absent": 1}, "Rating.absent", "expected true/false"),
        (SegmentTime, {"actual_s": float("nan")}, "SegmentTime.actual_s", "not a finite number"),
        (SegmentTime, {"actual_s": float("inf")}, "SegmentTime.actual_s", "not a finite number"),
        (SegmentTime, {"actual_s": False}, "SegmentTime.actual_s", "expected a number"),
        (Rock, {"final": "half"}, "Rock.final", "'half' is not one of 'done', 'not-done'"),
        (Rock, {"due": "2026-13-01"}, "Rock.due", "is not an ISO date"),
        (Rock, {"history": [{"week": "2026-11-16", "status": "maybe"}]}, "Rock.history[0].status", "not one of"),
        (Rock, {"history": [{"status": "on"}]}, "Rock.history[0]", "missing field 'week'"),
        (Todo, {"done_at": "yesterday"}, "Todo.done_at", "is not an ISO date-time"),
        (Meeting, {"attendance": {"P-1": "yes"}}, "Meeting.attendance.P-1", "expected true/false"),
        (Meeting, {"ratings": [{"person": "P-1", "score": "9"}]}, "Meeting.ratings[0].score", "expected an integer"),
        (Measurable, {"formula": {"numerator": "M-1"}}, "Measurable.formula", "missing field 'denominator'"),
        (Measurable, {"op": ">"}, "Measurable.op", "is not one of"),
        (Issue, {"source": {"kind": "email", "id": "x"}}, "Issue.source.kind", "not one of"),
        (Issue, {"todos": ["T-1", 2]}, "Issue.todos[1]", "expected text, got int"),
    ],
)
def test_wrong_values_are_explained(model: type[Any], doc_change: dict[str, Any], where: str, says: str) -> None:
    base = model("P-1") if model is Rating else model("IDS", 60) if model is SegmentTime else None
    doc = to_dict(base) if base is not None else to_dict(model(id="X-1", created_at=T0, updated_at=T0))
    doc.update(doc_change)
    with pytest.raises(RecordError) as info:
        from_dict(model, doc)
    assert str(info.value).startswith(where + ":") or where + "." in str(info.value), str(info.value)
    assert says in str(info.value)


@pytest.mark.parametrize("missing", ["id", "created_at", "updated_at"])
def test_missing_required_field(missing: str) -> None:
    doc = to_dict(Todo(id="T-1", created_at=T0, updated_at=T0))
    del doc[missing]
    with pytest.raises(RecordError, match=f"todos\\[3\\]: missing field '{missing}'"):
        from_dict(Todo, doc, "todos[3]")


@pytest.mark.parametrize("doc", [None, [], "T-1", 3])
def test_not_an_object(doc: Any) -> None:
    with pytest.raises(RecordError, match="Todo: expected an object"):
        from_dict(Todo, doc)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from([f.name for f in dataclasses.fields(Issue)]), json_values, max_size=8))
def test_any_json_object_is_read_or_refused_with_record_error(doc: dict[str, Any]) -> None:
    try:
        issue = from_dict(Issue, doc)
    except RecordError:
        return
    assert isinstance(issue, Issue)


# -- timestamps -------------------------------------------------------------------------------------------------------


def test_iso_is_utc_to_the_second() -> None:
    cet = timezone(timedelta(hours=1))
    assert iso(datetime(2026, 11, 23, 10, 0, 30, 999, tzinfo=cet)) == "2026-11-23T09:00:30+00:00"
    # a naive datetime is UTC, as parse_iso reads it, whatever the machine's time zone
    assert iso(datetime(2026, 11, 23, 9, 0)) == "2026-11-23T09:00:00+00:00"
    assert parse_iso("2026-11-23T09:00:00") == T0
    assert parse_iso("2026-11-23T10:00:00+01:00") == T0
    assert parse_iso(iso(T0)) == T0


@given(st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=9))])))
def test_iso_parse_iso_round_trip(dt: datetime) -> None:
    assert parse_iso(iso(dt)) == dt.replace(microsecond=0)


def test_fake_clock() -> None:
    clock = FakeClock()
    assert clock.now() == T0 and clock.today() == date(2026, 11, 23) and clock.today().weekday() == 0
    start = clock.monotonic()
    clock.advance(90)
    assert clock.monotonic() - start == 90 and clock.now() == T0 + timedelta(seconds=90)
    clock.jump_wall(-3600)  # the wall clock jumps back; the monotonic clock does not
    assert clock.monotonic() - start == 90 and clock.now() == T0 - timedelta(seconds=3510)
