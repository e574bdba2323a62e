"""5. Bad input, fuzzed with hypothesis through the CLI in-process: never a traceback, never a change on refusal,
and whatever is accepted reads back and renders later."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.reliability.reliability_helpers import TODAY, count, need_cli

from l10tui.domain.clock import FakeClock
from l10tui.store import open_store
from l10tui.store.db import load_file

EXAMPLES = 300
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# fmt: off
WEIRD = [
    "\x00", "\x07", "\x1b[31m", "\r", "\n", "\t", "\x7f", "\u0085", "\u2028", "\u202e", "\u202d", "\u2066",
    "\u2069", "\u200e", "\u200f", "\u061c", "\ufeff", "\u200b", "\u0301", "\U0001f600", "\U0001f1eb\U0001f1f7",
    "\u05d0\u05d1", "\u0627\u0644", "\u4e2d\u6587", "%s", "{}", "{0}", "[red]", "[/]", "'", '"', "\\", "--", "-",
    " ", "  ", "\ud800", "\udcff", "\ue000", "\U0010ffff", "I-1", "Sales", "ann",
]
# fmt: on
pieces = st.one_of(st.sampled_from(WEIRD), st.text(max_size=6))
# Printable text of any script (accepted, and must read back and render), and hostile text (must be refused cleanly).
nice = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), min_size=1, max_size=60)
hostile = st.one_of(
    st.text(max_size=30),
    st.lists(pieces, min_size=1, max_size=8).map("".join),
    st.integers(min_value=150, max_value=6000).map(lambda n: "x" * n),
    st.text(min_size=190, max_size=210),
    st.just(""),
)
texts = st.integers(0, 3).flatmap(lambda k: hostile if k == 0 else nice)  # mostly printable
known = st.sampled_from(["Sales", "sales", "SAL", "Marketing", "Ann", "ann", "P-1", "TM-1", "TM-2"])
names = st.integers(0, 3).flatmap(lambda k: texts if k == 0 else known)
dates = st.one_of(
    st.dates().map(str),
    st.sampled_from(
        [
            "friday",
            "+7d",
            "+2w",
            "4 Dec",
            "tomorrow",
            "yesterday",
            "+99999999d",
            "-1d",
            "2026-02-30",
            "0000-00-00",
            "9999-12-31",
            "0001-01-01",
            "+1e9d",
            "31/12/2026",
            "12/31/2026",
            "now",
            "",
            " ",
        ]
    ),
    texts,
)
numbers = st.one_of(
    st.floats().map(repr),
    st.integers().map(str),
    st.sampled_from(
        [
            "1,250",
            "37.5%",
            "$12k",
            "nan",
            "inf",
            "-inf",
            "1e308",
            "1e400",
            "0x10",
            "\uff11\uff12",
            "\u0663",
            "--1",
            "1_000",
            "1e15",
            "1e16",
            "-0",
            "k",
            "$",
            "%",
            "1.2.3",
            "",
            "1" * 400,
        ]
    ),
    texts,
)
ids = st.one_of(
    st.sampled_from(
        [
            "I-1",
            "i1",
            "1",
            " I - 1 ",
            "I-0",
            "I--1",
            "I-99999999999",
            "T-1",
            "t-1",
            "MT-1",
            "R-1",
            "latest",
            "\u2160-1",
            "I-\u0661",
            "I-\u00b2",
            "",
            "-1",
        ]
    ),
    texts,
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz-template") / "l10.json"
    clock = FakeClock()
    db = open_store(path, clock)
    sales = db.teams.add("Sales").id
    db.teams.add("Marketing")
    ann = db.people.add("Ann", [sales]).id
    db.issues.add("Leads go cold", team=sales)
    db.todos.add("Call back", owner=ann, today=clock.today())
    db.measurables.add("Revenue", owner=ann, goal=1000.0, teams=[sales])
    return path


@pytest.fixture
def work(template: Path, tmp_path: Path) -> Path:
    return tmp_path / "l10.json"


RUNNER = CliRunner()
RENDERS = (
    ["issue", "list", "--all"],
    ["issue", "list", "--json", "--all"],
    ["todo", "list", "--all"],
    ["team", "list"],
    ["person", "list"],
    ["measurable", "list"],
    ["score", "show"],
    ["rock", "list"],
)


def invoke(path: Path, args: list[str]) -> Result:
    from l10tui.cli import main

    return RUNNER.invoke(main, ["--db", str(path), *args], env={"L10_TODAY": TODAY, "NO_COLOR": "1", "L10_DB": None})


def no_traceback(res: Result, args: list[str]) -> None:
    assert res.exception is None or isinstance(res.exception, SystemExit), (args, repr(res.exception))
    assert "Traceback" not in res.output and "Traceback" not in res.stderr, args
    assert not res.stderr.startswith("l10: error: unexpected "), (args, res.stderr)  # the CLI's last-resort catch


def try_command(template: Path, work: Path, args: list[str]) -> bool:
    """Run one fuzzed command; True if it was accepted (and then everything still loads and renders)."""
    shutil.copy2(template, work)
    before = work.read_bytes()
    res = invoke(work, args)
    no_traceback(res, args)
    count("fuzzed CLI inputs tried")
    if res.exit_code != 0:
        assert res.exit_code in (1, 2), (args, res.exit_code, res.stderr)
        lines = [line for line in res.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("l10: error: "), (args, res.stderr)
        assert work.read_bytes() == before, args
        count("fuzzed inputs refused with no change")
        return False
    load_file(work)  # every record still has its shape
    for render in RENDERS:
        shown = invoke(work, render)
        no_traceback(shown, render)
        assert shown.exit_code == 0, (args, render, shown.stderr)
    count("fuzzed inputs stored and read back")
    return True


@pytest.fixture(autouse=True)
def _cli() -> None:
    need_cli("issue", "add")


@pytest.mark.slow
@FUZZ
@given(title=texts, team=names, details=st.one_of(st.none(), texts), by=st.one_of(st.none(), names))
def test_issue_add(template: Path, work: Path, title: str, team: str, details: str | None, by: str | None) -> None:
    args = ["issue", "add", title, "--team", team]
    args += ["--details", details] if details is not None else []
    args += ["--by", by] if by is not None else []
    if try_command(template, work, args):
        issue = open_store(work).issues.all()[-1]
        assert (issue.id, issue.title) == ("I-2", title.strip())  # stored exactly as typed (trimmed)
        assert issue.details == (details or "").strip()


@pytest.mark.slow
@FUZZ
@given(title=texts, owner=names, due=st.one_of(st.none(), dates))
def test_todo_add(template: Path, work: Path, title: str, owner: str, due: str | None) -> None:
    try_command(template, work, ["todo", "add", title, "--owner", owner, *(["--due", due] if due is not None else [])])


@pytest.mark.slow
@FUZZ
@given(kind=st.sampled_from(["team", "person"]), name=texts, team=names, colour=st.one_of(st.none(), texts))
def test_team_and_person_add(template: Path, work: Path, kind: str, name: str, team: str, colour: str | None) -> None:
    if kind == "team":
        args = ["team", "add", name, *(["--colour", colour] if colour is not None else [])]
    else:
        args = ["person", "add", name, "--team", team]
    try_command(template, work, args)


@pytest.mark.slow
@FUZZ
@given(name=names, goal=numbers, unit=st.one_of(st.none(), texts), value=numbers, week=st.one_of(st.none(), dates))
def test_measurable_and_score(
    template: Path, work: Path, name: str, goal: str, unit: str | None, value: str, week: str | None
) -> None:
    try_command(template, work, ["measurable", "add", name, "--owner", "Ann", "--goal", goal,
                                 *(["--unit", unit] if unit is not None else [])])  # fmt: skip
    try_command(template, work, ["score", "set", name, value, *(["--week", week] if week is not None else [])])


@pytest.mark.slow
@FUZZ
@given(
    command=st.sampled_from(
        [["issue", "solve"], ["issue", "drop"], ["todo", "done"], ["show"], ["export"], ["rock", "status"]]
    ),
    record=ids,
    extra=st.one_of(st.just([]), st.lists(texts, max_size=2)),
)
def test_ids(template: Path, work: Path, command: list[str], record: str, extra: list[str]) -> None:
    try_command(template, work, [*command, record, *extra])


@pytest.mark.slow
@FUZZ
@given(
    title=texts, owner=names, quarter=st.one_of(st.none(), st.sampled_from(["2026-Q4", "2026-Q5", "Q4", "2026"]), texts)
)
def test_rock_add(template: Path, work: Path, title: str, owner: str, quarter: str | None) -> None:
    try_command(template, work, ["rock", "add", title, "--owner", owner, *(["--quarter", quarter] if quarter else [])])


cells = st.one_of(
    st.sampled_from(["Revenue", "revenue", "M-1", "Leads", "2026-11-23", "4 Dec", "friday", "+7d", "42", "1,250"]),
    numbers,
    dates,
    texts,
)
rows = st.lists(st.lists(cells, min_size=0, max_size=5), min_size=0, max_size=6)


def to_csv(table: list[list[str]], header: bool) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerow(["measurable", "week", "value"])
    for row in table:
        writer.writerow(row)
    return out.getvalue()


@pytest.mark.slow
@FUZZ
@given(
    table=rows,
    header=st.booleans(),
    raw=st.one_of(st.none(), st.binary(max_size=80), st.text(max_size=80)),
    skip_bad=st.booleans(),
)
def test_score_import_csv(
    template: Path, work: Path, table: list[list[str]], header: bool, raw: bytes | str | None, skip_bad: bool
) -> None:
    """CSV rows: well-formed rows of fuzzed cells, and raw bytes/text that may not be CSV or UTF-8 at all."""
    need_cli("score", "import")
    csv_file = work.with_name("scores.csv")
    if raw is None:
        csv_file.write_text(to_csv(table, header), encoding="utf-8", errors="surrogatepass")
    elif isinstance(raw, bytes):
        csv_file.write_bytes(raw)
    else:
        csv_file.write_text(raw, encoding="utf-8", errors="surrogatepass")
    try_command(template, work, ["score", "import", str(csv_file), *(["--skip-bad"] if skip_bad else [])])


# The store API as the app calls it: any sequence of changes, accepted or refused, leaves memory equal to disk.
floats = st.one_of(st.floats(), st.sampled_from([float("nan"), float("inf"), -0.0, 1e308, 5e-324]), st.integers())
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), texts),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(texts, inner, max_size=3)),
    max_leaves=6,
)
record_ids = st.one_of(ids, st.sampled_from(["I-1", "I-2", "T-1", "T-2"]))
operations = st.one_of(
    st.tuples(st.just("issue"), texts),
    st.tuples(st.just("todo"), texts, st.integers(min_value=-800_000, max_value=800_000)),
    st.tuples(st.just("score"), floats, st.integers(min_value=-800_000, max_value=800_000)),
    st.tuples(st.just("team"), names),
    st.tuples(st.just("headline"), texts, st.sampled_from(["customer", "employee", "other"])),
    st.tuples(st.just("solve"), record_ids),
    st.tuples(st.just("done"), record_ids, st.booleans()),
    st.tuples(st.just("edit"), record_ids, texts),
    st.tuples(st.just("setting"), texts, json_values),
)


def apply(db: Any, op: tuple[Any, ...]) -> None:
    from datetime import timedelta

    today = date.fromisoformat(TODAY)
    kind = op[0]
    if kind == "issue":
        db.issues.add(op[1], team="TM-1")
    elif kind == "todo":
        db.todos.add(op[1], owner="P-1", today=today, due=today + timedelta(days=op[2]))
    elif kind == "score":
        db.scores.set("M-1", today + timedelta(days=op[2]), op[1])
    elif kind == "team":
        db.teams.add(op[1])
    elif kind == "headline":
        db.headlines.add(op[1], kind=op[2], by="P-1")
    elif kind == "solve":
        db.issues.solve(op[1], "fuzzed")
    elif kind == "done":
        db.todos.set_done(op[1], op[2])
    elif kind == "edit":
        db.issues.edit(op[1], title=op[2])
    else:
        db.set_setting(op[1], op[2])


@pytest.mark.slow
@settings(FUZZ, max_examples=150)
@given(ops=st.lists(operations, min_size=1, max_size=12))
def test_store_api_sequences_keep_memory_equal_to_disk(template: Path, work: Path, ops: list[tuple[Any, ...]]) -> None:
    from l10tui.domain.dates import DateError
    from l10tui.domain.records import RecordError
    from l10tui.domain.rules import InputError
    from l10tui.store import StoreError

    shutil.copy2(template, work)
    db = open_store(work, FakeClock())
    for op in ops:
        before = work.read_bytes()
        try:
            apply(db, op)
        except (StoreError, InputError, RecordError, DateError, OverflowError):
            assert work.read_bytes() == before, op
        count("fuzzed store-level inputs tried")
        in_memory = orjson.dumps(db.raw(), option=orjson.OPT_SORT_KEYS)
        assert in_memory == orjson.dumps(open_store(work).raw(), option=orjson.OPT_SORT_KEYS), op
        load_file(work)
