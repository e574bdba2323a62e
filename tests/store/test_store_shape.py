"""Issue 17: the store stays a set of modules of one job each, with ``Store`` a small facade.

``store/db.py`` was 576 lines (its ``Store`` 478: reading, pinning, parsing, migration, locking, transactions,
writing, backups, ids, settings, the calendar) and ``store/doctor.py`` 509; an issue title's way to disk entered
``db.py`` three times. These checks fail on that code.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.perf.test_insert_path import _setup, dialog_to_disk, trace_insert

STORE = Path(__file__).resolve().parents[2] / "src" / "l10tui" / "store"
MODULE_LINES = 400  # "no module over ~400 lines"
FACADE_LINES = 230  # Store hands every job to a collaborator (file.py, opening.py, txn.py, lock.py, ...)


def test_no_store_module_is_over_400_lines() -> None:
    sizes = {str(p.relative_to(STORE)): len(p.read_text().splitlines()) for p in STORE.rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > MODULE_LINES} == {}


def test_the_store_class_is_a_small_facade() -> None:
    tree = ast.parse((STORE / "db.py").read_text())
    (store,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Store"]
    assert store.end_lineno is not None
    assert store.end_lineno - store.lineno + 1 <= FACADE_LINES


def test_an_issue_title_enters_db_py_twice_on_its_way_to_disk(tmp_path: Path) -> None:
    db, run, team, person = _setup(tmp_path)
    path = dialog_to_disk(trace_insert(db, run, team, person))
    assert [f for f in path if f.startswith("store/db.py")] == [
        "store/db.py:Store.put",
        "store/db.py:Store.transaction",
    ]
    assert path[-2:] == ["store/file.py:StoreFile.write", "store/atomic.py:atomic_write"]
