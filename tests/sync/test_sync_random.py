"""Random operations on three laptops, synced in random orders: after everyone has synced twice, all three stores
are equal, no record created anywhere is missing, no id was minted twice, and nothing closed came back open."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import Laptop, git

OPS = ("add_issue", "edit_issue", "solve_issue", "add_todo", "done_todo", "edit_todo", "sync", "sync", "archive")

operations = st.lists(
    st.tuples(st.integers(0, 2), st.sampled_from(OPS), st.integers(0, 50)),
    min_size=1,
    max_size=14,
)
orders = st.tuples(st.permutations([0, 1, 2]), st.permutations([0, 1, 2]))


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=operations, rounds=orders)
def test_three_replicas_converge_and_lose_nothing(
    git_identity: None, ops: list[tuple[int, str, int]], rounds: tuple[list[int], list[int]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        hub = root / "hub.git"
        git(root, "init", "-q", "--bare", "--initial-branch=main", str(hub))
        laptops = [Laptop(root / name, name) for name in ("ana", "ben", "cleo")]
        db = laptops[0].db()
        team = db.teams.add("Sales").id
        owner = db.people.add("Ana", teams=[team]).id
        laptops[0].init(hub)
        for n, laptop in enumerate(laptops[1:], start=1):
            laptop.init(hub)
            laptop.clock.advance(n * 7)  # the laptops' clocks interleave
        created: dict[str, str] = {}  # id -> table
        solved: set[str] = set()
        done: set[str] = set()
        for who, op, pick in ops:
            laptop = laptops[who]
            laptop.tick(13)
            db = laptop.db()
            issues = sorted(i.id for i in db.issues.all())
            todos = sorted(t.id for t in db.todos.all())
            if op == "add_issue":
                new = db.issues.add(f"{laptop.name} issue {pick}", team=team).id
                assert new not in created, f"{new} minted twice"
                created[new] = "issues"
            elif op == "add_todo":
                new = db.todos.add(f"{laptop.name} to-do {pick}", owner=owner, today=laptop.clock.today()).id
                assert new not in created, f"{new} minted twice"
                created[new] = "todos"
            elif op == "edit_issue" and issues:
                db.issues.edit(issues[pick % len(issues)], title=f"{laptop.name} edit {pick}")
            elif op == "solve_issue" and issues:
                target = issues[pick % len(issues)]
                if db.issues.get(target).status == "open":
                    db.issues.solve(target, f"by {laptop.name}")
                    solved.add(target)
            elif op == "done_todo" and todos:
                target = todos[pick % len(todos)]
                db.todos.set_done(target)
                done.add(target)
            elif op == "edit_todo" and todos:
                db.todos.change(todos[pick % len(todos)], title=f"{laptop.name} edit {pick}")
            elif op == "sync":
                laptop.sync()
            elif op == "archive":  # a quarter later on this laptop: closed records move to the yearly archive
                laptop.clock.jump_wall(100 * 24 * 3600)
                laptop.db().compact()
        for order in rounds:
            for who in order:
                laptops[who].sync()
        first = laptops[0].files()
        for laptop in laptops[1:]:
            assert laptop.files() == first
        for laptop in laptops:
            assert laptop.status() == ""
            records = {table: laptop.records(table) for table in ("issues", "todos")}
            for rid, table in created.items():
                assert rid in records[table], f"{rid} is missing on {laptop.name}"
            for rid in solved:
                assert records["issues"][rid]["status"] == "solved", rid
            for rid in done:
                assert records["todos"][rid]["status"] == "done", rid
            ids = [d["id"] for table in records.values() for d in table.values()]
            assert len(ids) == len(set(ids))
