"""A change that fails inside a larger change must not be half-saved by the outer transaction."""

from __future__ import annotations

import pytest

from l10tui.store import L10Store, StoreError


def test_caught_failure_after_a_write_poisons_the_outer_transaction(db: L10Store) -> None:
    team = db.teams.add("Sales").id
    before = db.path.read_bytes()
    with pytest.raises(StoreError, match="failed part-way"):
        with db.transaction():
            db.issues.add("kept?", team=team)
            try:
                with db.transaction():
                    db.issues.add("half", team=team)
                    raise ValueError("boom")
            except ValueError:
                pass  # the caller carries on as if nothing happened
    assert db.path.read_bytes() == before
    assert db.issues.all() == []


def test_caught_refusal_before_any_write_is_harmless(db: L10Store) -> None:
    team = db.teams.add("Sales").id
    with db.transaction():
        db.issues.add("first", team=team)
        try:
            db.issues.add("", team=team)  # refused by validation before touching the data
        except ValueError:
            pass
        db.issues.add("second", team=team)
    assert [i.title for i in db.issues.all()] == ["first", "second"]
