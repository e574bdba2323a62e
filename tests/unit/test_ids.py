"""Ids that never collide across laptops (domain/ids.py, docs/SYNC.md); existing ids keep their meaning."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from l10tui.domain.clock import FakeClock
from l10tui.domain.ids import (
    TAG_LETTERS,
    IdError,
    format_id,
    key_of,
    parse_key,
    sort_key,
    split_key,
    tag_index,
    tag_of_index,
)
from l10tui.store import NotFound, StoreDamaged, StoreError, open_store

tags = st.one_of(
    st.just(""),
    st.sampled_from(TAG_LETTERS),
    st.tuples(st.sampled_from(TAG_LETTERS), st.sampled_from(TAG_LETTERS)).map("".join),
)


@given(st.integers(1, 999_999_999), tags)
def test_key_and_text_round_trip(number: int, tag: str) -> None:
    key = key_of(number, tag)
    assert split_key(key) == (number, tag)
    text = format_id("I", key)
    assert text == f"I-{number}{tag}"
    assert parse_key(text, "I") == key
    assert parse_key(text.lower().replace("-", " "), "I") == key
    assert parse_key(text.upper(), "I") == key


def test_plain_ids_keep_their_keys() -> None:
    assert key_of(142) == 142
    assert parse_key("I-142", "I") == 142
    assert parse_key("i142", "I") == 142
    assert parse_key("142", "I") == 142
    assert format_id("MT", 7) == "MT-7"


def test_tag_indexes_are_a_bijection() -> None:
    seen = {tag_index(t) for t in ["", *TAG_LETTERS, *(a + b for a in TAG_LETTERS for b in TAG_LETTERS)]}
    assert seen == set(range(len(seen)))
    assert all(tag_index(tag_of_index(i)) == i for i in seen)


@pytest.mark.parametrize("bad", ["I-12lo", "I-12abc", "T-12", "I-", "12-I", "I-1234567890", "I-12 km x"])
def test_bad_ids_are_refused(bad: str) -> None:
    with pytest.raises(IdError):
        parse_key(bad, "I")


def test_sort_key_orders_by_number_then_tag() -> None:
    ids = ["I-10km", "I-9", "I-10", "I-100", "I-10a"]
    assert sorted(ids, key=sort_key) == ["I-9", "I-10", "I-10a", "I-10km", "I-100"]


def test_a_tagged_replica_mints_tagged_ids_that_read_back(tmp_path: Path) -> None:
    path = tmp_path / "l10.json"
    db = open_store(path, FakeClock())
    team = db.teams.add("Sales").id
    first = db.issues.add("From the first laptop", team=team)
    assert first.id == "I-1"
    (tmp_path / "l10.json.device").write_text("km\n")
    second = db.issues.add("From the second laptop", team=team)  # the same open store object picks the tag up
    assert second.id == "I-2km"
    again = open_store(path, FakeClock())
    assert again.issues.get("i2KM").title == "From the second laptop"
    assert again.issues.get("I-1").title == "From the first laptop"
    assert [i.id for i in again.issues.history()] == ["I-1", "I-2km"]
    with pytest.raises(NotFound):
        again.issues.get("I-2")
    assert again.issues.change("I-2km", title="Edited").title == "Edited"


def test_a_bad_device_tag_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "l10.json"
    db = open_store(path, FakeClock())
    (tmp_path / "l10.json.device").write_text("Ö1")
    with pytest.raises(StoreError, match="device tag"):
        db.teams.add("Sales")
    assert not path.exists()


def test_a_record_under_the_wrong_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "l10.json"
    db = open_store(path, FakeClock())
    (tmp_path / "l10.json.device").write_text("km")
    db.teams.add("Sales")
    raw = path.read_text().replace('"TM-1km"', '"TM-1"')
    path.write_text(raw)
    with pytest.raises(StoreDamaged, match="expected TM-1km"):
        open_store(path, FakeClock())


def test_every_command_that_takes_an_id_accepts_a_tagged_one(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from l10tui.cli import main

    path = tmp_path / "l10.json"
    db = open_store(path, FakeClock())
    team = db.teams.add("Sales").id
    person = db.people.add("Ana", teams=[team]).id
    (tmp_path / "l10.json.device").write_text("km")
    issue = db.issues.add("Tagged", team=team).id
    todo = db.todos.add("Tagged to-do", owner=person, today=FakeClock().today()).id
    assert (issue, todo) == ("I-1km", "T-1km")
    runner = CliRunner()
    for args in (["issue", "show", "i1KM"], ["issue", "solve", "I-1km"], ["todo", "done", "t1km"]):
        result = runner.invoke(main, ["--db", str(path), *args])
        assert result.exit_code == 0, (args, result.output)
    again = open_store(path, FakeClock())
    assert again.issues.get(issue).status == "solved" and again.todos.get(todo).status == "done"
