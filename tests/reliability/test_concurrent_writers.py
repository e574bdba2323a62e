"""2. Concurrent writers: 4 processes x 50 ``l10 issue add`` while an open store (like the app) ticks to-dos."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from tests.reliability.reliability_helpers import count, l10, need_cli

from l10tui.domain.clock import FakeClock
from l10tui.store import open_store

WRITERS = 4
PER_WRITER = 50

# The app's way: one L10Store held open for the whole session, reading between changes, ticking to-dos.
HOLDER = textwrap.dedent(
    """
    import json, select, sys, time
    from pathlib import Path
    from l10tui.store import open_store

    db = open_store(Path(sys.argv[1]))
    ids = sys.argv[2].split(",")
    state, ticks, rounds, seen = {}, 0, 0, []
    print("ready", flush=True)
    while True:
        for i, tid in enumerate(ids):
            done = (i + rounds) % 2 == 0
            db.todos.set_done(tid, done)
            assert db.todos.get(tid).status == ("done" if done else "open")
            state[tid] = done
            ticks += 1
            seen.append(db.issues.count())  # the app refreshes its lists from the store
            time.sleep(0.01)  # a person ticks, the app idles: leave the lock to the others now and then
        rounds += 1
        if select.select([sys.stdin], [], [], 0)[0]:
            break
    seen.append(db.issues.count())  # after the writers finished: the open store must see all their issues
    print(json.dumps({"state": state, "ticks": ticks, "rounds": rounds, "seen": seen}), flush=True)
    """
)


def writer(db: Path, w: int) -> list[int]:
    codes = []
    for k in range(PER_WRITER):
        res = l10(db, "issue", "add", f"writer {w} issue {k}", "--team", "Sales", timeout=120)
        assert "Traceback" not in res.err
        codes.append(res.code)
    return codes


@pytest.mark.slow
def test_concurrent_cli_writers_and_an_open_store(tmp_path: Path) -> None:
    need_cli("issue", "add")
    path = tmp_path / "l10.json"
    db = open_store(path, FakeClock())
    team = db.teams.add("Sales").id
    ann = db.people.add("Ann", [team]).id
    todos = [db.todos.add(f"to-do {k}", owner=ann, today=FakeClock().today()).id for k in range(12)]

    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), ",".join(todos)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline().strip() == "ready"
        with ThreadPoolExecutor(WRITERS) as pool:
            results = list(pool.map(lambda w: writer(path, w), range(WRITERS)))
        holder.stdin.write("stop\n")
        holder.stdin.flush()
        report = json.loads(holder.stdout.readline())
        assert holder.wait(timeout=120) == 0
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()

    assert all(code == 0 for codes in results for code in codes), results
    final = open_store(path)
    issues = final.issues.all()
    assert len(issues) == WRITERS * PER_WRITER
    assert len({i.id for i in issues}) == len(issues)
    assert {i.id for i in issues} == {f"I-{n}" for n in range(1, WRITERS * PER_WRITER + 1)}
    assert {i.title for i in issues} == {f"writer {w} issue {k}" for w in range(WRITERS) for k in range(PER_WRITER)}
    for tid, done in report["state"].items():
        todo = final.todos.get(tid)
        assert todo.status == ("done" if done else "open"), tid
        assert (todo.done_at is not None) == done
    # the open store saw the other processes' issues arrive without reopening
    assert report["seen"] == sorted(report["seen"]) and report["seen"][-1] == WRITERS * PER_WRITER
    assert report["rounds"] >= 2
    count("l10 issue add runs in parallel", WRITERS * PER_WRITER)
    count("to-do ticks by the open store", report["ticks"])
    count("writes checked after concurrent runs", len(issues) + len(report["state"]))
