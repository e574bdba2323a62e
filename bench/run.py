"""Measure l10tui against the budgets of DESIGN.md and write the table to docs/PERFORMANCE.md.

    python bench/run.py [--quick] [--out docs/PERFORMANCE.md]

Builds 1-year and 10-year synthetic histories (bench/gen_history.py) in a temp dir, then measures medians:
commit cost in-process, `l10 issue add` as a whole process against the import floor, app start to first frame,
key press to repaint in the meeting against a bare DataTable, and peak memory. Prints ratios, never asserts on
time (run it by hand or with `pytest -m bench`).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.gen_history import generate  # noqa: E402
from l10tui.domain.clock import FakeClock, SystemClock  # noqa: E402
from l10tui.store import L10Store, open_store  # noqa: E402

END = date(2026, 11, 16)


NOTES = """## How the budgets were met (measured before and after each step, on this machine)

- **Hot/cold split** (`store/archive.py`): closed records older than the current quarter move to yearly archives,
  so a commit serialises the ~300 KiB live file, not 16 MiB of history. Commit cost in bytes does not grow with
  history (`tests/perf/test_commit_cost.py` checks it deterministically).
- **Parse cache** keyed by the file's (inode, size, mtime_ns) with the read file kept open (a recycled inode cannot
  hide a change): reads never re-parse an unchanged store. **orjson** parses and serialises the JSON.
- **Record decoding** with per-type decoders built once: 130 us -> 9 us per record (it dominated every profile).
- **Imports**: `l10 issue add` went from ~190 ms to ~100 ms. filelock's import (50-65 ms, asyncio and ssl via its
  async variants) was replaced by `fcntl.flock` (what its Unix lock does; filelock stays the fallback where fcntl is
  missing); the CLI loads one command module per run (`cli.py` + `commands/`); dateutil's parser and rrule load
  only when a date is parsed. The CLI never imports Textual (`tests/test_architecture.py`).
- **Memory**: trends / Sales-Marketing / all-years history on the 10-year store peaked at 146-151 MiB; archives are
  now read one year at a time without caching parsed years, short strings (ids) are interned and records use
  `__slots__`: 89-96 MiB.
- **DataTable**: columns are added before rows, `update_width` is never used, tables are rebuilt with
  `clear(columns=True)` (DESIGN.md's pitfall).
- **Windowed reads** (issue 14): a record is archived in the year it closed, so a view of the weeks from a day
  in year Y reads the live file and the archive years from Y on, and in them builds only the records the window
  can need (meetings and scores from its first week, issues and to-dos changed from a week before it).
  `history --last N` reads years newest first and skips a year whose newest meeting (kept in the manifest) is
  older than the N-th it already has. Tests check each against the full recount.
- **Yearly summaries** (issue 14): each archive year carries the all-time figures (meeting points, to-do reviews,
  attendance, per team-week counts, raised matrix, solve sums, scores), counted by one domain function
  (`domain/summary.py`) when the year is written. The manifest keeps the file's digest and the length of its
  `_meta`: a file that is byte for byte the one the store wrote has only its summary parsed, never its records.
  All-time trends and the every-year history list read the summaries (equal to the full recount:
  `tests/store/test_summaries.py`); a stale or edited summary is counted again, never used.
- **Workers**: trends, Sales-Marketing and every-year history count in a Textual worker when there are archives,
  with "loading…" on screen; esc leaves at once.
- **Trends from summaries at every window** (issue 14, round 3): 13 weeks, 52 weeks and all time read the yearly
  summaries of the years the window reaches (newest first) and the live records, never archived records: a 52-week
  window parsed all of last year's file (in the 1-year store that year holds a few weeks, so 52 weeks at ten years
  was 1.78x its 1-year time). Summaries also keep each meeting's planned start, so moved meetings count in archived
  weeks; a summary written before that reads the planned starts of its year's records. Equal to the full recount:
  `tests/tui/test_trends_windows.py`, `tests/store/test_summaries.py`.
- **Peak memory** (round 3): orjson needs ~15x a file's size while it parses (25 MiB at its peak for one 1.6 MiB
  archive year, measured with tracemalloc); archive years and their summaries are parsed by the standard `json`
  (~6x, ~25 % slower), still checked by the manifest's digest (`tests/store/test_archive_memory.py`). A year's
  summary is read from the head of its file while the file is hashed in chunks (never held whole); the all-time
  trends tally each year's to-do reviews as they come (newest first) instead of holding every year's reviews.
- **`l10 history` streams** (round 3): the live file, then archive years newest first
  (`store/meeting_stream.py`); a meeting is printed once no unread year can hold a newer one, with the to-dos and
  issues that refer to it indexed from the years read so far and dropped once it is printed. `--json` writes one
  valid array element by element; the text table takes its widths from the first 200 rows. Equal row for row
  to the list built at once (`tests/store/test_history_stream.py`).
- **Sales-Marketing from summaries** (issue 14, round 4): each year's summary also keeps what the Sales-Marketing
  numbers need (`alignment`: one row per issue with its raised-by team and person, owning team, status, days
  created and ended and days to solve; per meeting its day, teams, record score, ratings and the to-dos its
  snapshot shows; each reviewed to-do's owner), counted by `domain/alignment_all.py`. All time (`4` on the view,
  `l10 alignment --all`) folds the live records and the summaries newest first, never an archived record, and
  equals the report over every record figure for figure (`tests/store/test_alignment_summaries.py`,
  `tests/unit/test_alignment_all.py`); a summary edited by hand is counted again, one written before these figures
  is counted from its year's records.
- **History over every year as a window** (round 4): Textual's DataTable measures every cell of every new row
  before it draws; 1,563 rows at once were most of the every-year history's time. The table holds the newest 200
  rows and gets 200 more each time the cursor or the scroll comes within 40 of its end (n / p walk every meeting).
- `l10 issue add` is timed with l10tui compiled to bytecode, as pip installs it (and as the floor's tinydb and click
  are); the key-press figures include Pilot's own pause, the same for both sides of the ratio.
"""


def median_ms(fn: Callable[[], object], n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def build(folder: Path, years: float) -> Path:
    path = folder / f"h{years:g}y" / "l10.json"
    path.parent.mkdir(parents=True)
    clock = FakeClock()
    db = open_store(path, clock)
    t0 = time.perf_counter()
    generate(db, clock, years=years, teams=3, seed=1, end=END)
    print(f"  built {years:g}-year history in {time.perf_counter() - t0:.1f} s", flush=True)
    return path


def fresh_copy(path: Path, folder: Path) -> Path:
    dest = folder / path.parent.name
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(path.parent, dest)
    return dest / path.name


def commit_costs(path: Path, n: int) -> dict[str, float]:
    db: L10Store = open_store(path, SystemClock())
    team = db.teams.lookup("Sales").id
    person = db.people.all()[0].id
    measurable = db.measurables.all()[0].id
    todos = [t.id for t in db.todos.open()]
    it = iter(todos * 10)
    return {
        "issue add": median_ms(lambda: db.issues.add("Bench issue", team=team, raised_by=person), n),
        "to-do done": median_ms(lambda: db.todos.set_done(next(it)), n),
        "score set": median_ms(lambda: db.scores.set(measurable, END, 42.0), n),
    }


def process_ms(cmd: list[str], n: int, env: dict[str, str] | None = None) -> float:
    return median_ms(lambda: subprocess.run(cmd, check=True, capture_output=True, env=env), n)


# `l10 ...` in a process of its own that prints its peak memory (MiB) last, on stderr
CLI_PEAK = textwrap.dedent(
    """
    import resource, sys
    from l10tui.cli import main
    try:
        main(sys.argv[1:], standalone_mode=True)
    except SystemExit:
        pass
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, file=sys.stderr)
    """
)
CLI_PEAK_ARGS = [sys.executable, "-c", CLI_PEAK]


def process_peak(cmd: list[str], n: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(median ms, max peak RSS in MiB) of a CLI_PEAK process."""
    times, peaks = [], []
    for _ in range(n):
        t0 = time.perf_counter()
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
        times.append((time.perf_counter() - t0) * 1000)
        peaks.append(float(out.stderr.strip().splitlines()[-1]))
    return statistics.median(times), max(peaks)


APP_START = textwrap.dedent(
    """
    import sys, time, resource
    t0 = time.perf_counter()
    mode = sys.argv[1]
    if mode == "bare":
        from textual.app import App
        from textual.widgets import Static
        class Bare(App):
            def compose(self):
                yield Static("hello")
        app = Bare()
    else:
        from l10tui.tui.app import L10App
        app = L10App(__import__("pathlib").Path(sys.argv[2]), start=mode)
    async def first_frame(pilot):
        await pilot.pause()
        print(f"{(time.perf_counter() - t0) * 1000:.1f}")
        extra = sys.argv[3:] if len(sys.argv) > 3 else []
        for key in extra:
            await pilot.press(key)
            await pilot.pause()
        await app.workers.wait_for_complete()  # a screen that loads in a worker: its data, not its first frame
        await pilot.pause()
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        app.exit()
    app.run(headless=True, size=(120, 40), auto_pilot=first_frame)
    """
)


def app_start(mode: str, path: Path | None, n: int, keys: tuple[str, ...] = ()) -> tuple[float, float]:
    """(median ms from the first line of the program to the first frame, max peak RSS in MiB)."""
    starts, peaks = [], []
    for _ in range(n):
        out = subprocess.run(
            [sys.executable, "-c", APP_START, mode, str(path or ""), *keys],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "TERM": "xterm-256color"},
        )
        lines = out.stdout.strip().splitlines()
        starts.append(float(lines[-2]))  # from the script's first line (imports included) to the first frame
        peaks.append(float(lines[-1]))
    return statistics.median(starts), max(peaks)


KEY_REPAINT = textwrap.dedent(
    """
    import asyncio, os, sys, time, statistics
    from pathlib import Path
    mode, path, presses = sys.argv[1], sys.argv[2], int(sys.argv[3])
    nav = sys.argv[4:]

    async def main():
        importer = None
        if os.environ.get("L10_BENCH_IMPORT"):  # issue 12: another l10 writes a big import meanwhile
            import subprocess
            cmd = [sys.executable, "-m", "l10tui", "--db", path, "score", "import", os.environ["L10_BENCH_IMPORT"]]
            importer = subprocess.Popen([*cmd, "--skip-bad"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if mode == "datatable":
            from textual.app import App
            from textual.widgets import DataTable
            class Bare(App):
                def compose(self):
                    yield DataTable()
                def on_mount(self):
                    t = self.query_one(DataTable)
                    t.add_columns("Measurable", *[f"W{i}" for i in range(13)])
                    for r in range(12):
                        t.add_row(f"row {r}", *[str(r * c) for c in range(13)])
                    t.focus()
            app = Bare()
        else:
            from l10tui.tui.app import L10App
            # "moved": open this week's meeting now; without it a run away from the slot measured the off-slot question
            app = L10App(Path(path), start="meeting", start_kwargs={"off_slot": "moved"})
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause()
            for key in nav:
                await pilot.press(key)
                await pilot.pause()
            if mode != "datatable" and type(app.screen).__name__ != "MeetingScreen":  # not a dialog over it
                raise SystemExit(f"the meeting is not on screen: {type(app.screen).__name__}")
            times = []
            for i in range(presses):
                key = "down" if (i // 6) % 2 == 0 else "up"
                t0 = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                times.append((time.perf_counter() - t0) * 1000)
            p99 = sorted(times)[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
            busy = importer is not None and importer.poll() is None
            print(statistics.median(times), p99, int(busy))
        if importer is not None:
            importer.wait()
    asyncio.run(main())
    """
)


def key_repaint(mode: str, path: Path | None, presses: int, nav: tuple[str, ...] = ()) -> float:
    return key_repaint_stats(mode, path, presses, nav)[0]


def key_repaint_stats(
    mode: str, path: Path | None, presses: int, nav: tuple[str, ...] = (), import_csv: Path | None = None
) -> tuple[float, float, bool]:
    """(median ms, p99 ms, whether the import was still running at the last press)."""
    env = {**os.environ, **({"L10_BENCH_IMPORT": str(import_csv)} if import_csv else {})}
    out = subprocess.run(
        [sys.executable, "-c", KEY_REPAINT, mode, str(path or ""), str(presses), *nav],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    median, p99, busy = out.stdout.strip().splitlines()[-1].split()
    return float(median), float(p99), busy == "1"


def import_rows(path: Path, work: Path, presses: int, row: Callable[[str, str, str, str], None]) -> None:
    """Issue 12: key press to repaint while another l10 imports 6,400 scores into the same store, p99 of the
    meeting against the p99 of a bare DataTable under the same import (the app never waits on the lock)."""
    meeting_path = fresh_copy(path, work / "run-import")
    csv_path = import_csv(meeting_path, work / "import-6400.csv")
    med, p99, running = key_repaint_stats("meeting", meeting_path, presses, ("n",), csv_path)
    table_path = fresh_copy(path, work / "run-import")
    base_med, base99, base_running = key_repaint_stats("datatable", table_path, presses, (), csv_path)
    ended = "" if running and base_running else " (import ended early)"
    row(
        "key press to repaint during `score import` of 6,400 rows (p99)",
        f"{p99:.1f} ms",
        f"{p99 / base99:.2f}x DataTable p99",
        "<= 1.5x" + ended,
    )
    row("  ... bare DataTable under the same import (p99)", f"{base99:.1f} ms", "", "")
    row("  ... median of the same presses", f"{med:.1f} ms", f"{med / base_med:.2f}x DataTable", "")


def import_csv(path: Path, target: Path, rows: int = 6400) -> Path:
    """A CSV of ``rows`` weekly numbers for the store's measurables (the weeks before its newest scores)."""
    db = open_store(path)
    names = [m.name for m in db.measurables.all() if m.formula is None and m.active]
    today = SystemClock().today()
    monday = today - timedelta(days=today.weekday())
    lines = []
    week = 0
    while len(lines) < rows:
        day = monday - timedelta(weeks=week)
        lines += [f"{name},{day.isoformat()},{week % 50}" for name in names][: rows - len(lines)]
        week += 1
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


SCREEN_LOAD = textwrap.dedent(
    """
    import asyncio, sys, time, resource
    from pathlib import Path
    from datetime import datetime, UTC
    from l10tui.domain.clock import FakeClock
    from l10tui.tui.app import L10App
    mode, path = sys.argv[1], sys.argv[2]
    keys = sys.argv[3:]

    async def main():
        clock = FakeClock(wall=datetime(2026, 11, 23, 9, tzinfo=UTC))
        app = L10App(Path(path), start="home", clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            t0 = time.perf_counter()
            app.show(mode)
            for key in keys:
                await pilot.pause()
                await app.workers.wait_for_complete()
                t0 = time.perf_counter()  # the time of the last window asked for
                await pilot.press(key)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            print((time.perf_counter() - t0) * 1000)
            print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    asyncio.run(main())
    """
)


def screen_load(mode: str, path: Path, n: int, keys: tuple[str, ...] = ()) -> tuple[float, float]:
    """(median ms from asking for a screen / window until its numbers are on screen, max peak RSS in MiB)."""
    took, peaks = [], []
    for _ in range(n):
        out = subprocess.run(
            [sys.executable, "-c", SCREEN_LOAD, mode, str(path), *keys],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "TERM": "xterm-256color"},
        )
        lines = out.stdout.strip().splitlines()
        took.append(float(lines[-2]))
        peaks.append(float(lines[-1]))
    return statistics.median(took), max(peaks)


# (label, screen, keys) of the views that read history: windowed ones and all-time ones
VIEWS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("trends, 13 weeks", "trends", ()),
    ("trends, 52 weeks", "trends", ("2",)),
    ("trends, all time", "trends", ("3",)),
    ("Sales-Marketing, 13 weeks", "alignment", ()),
    ("Sales-Marketing, 52 weeks", "alignment", ("3",)),
    ("Sales-Marketing, all time", "alignment", ("4",)),
    ("history, every year", "history", ("A",)),
)


def view_rows(
    short_path: Path,
    long_path: Path,
    long_years: int,
    work: Path,
    n: int,
    row: Callable[[str, str, str, str], None],
    only: str | None = None,
) -> None:
    """Windowed and all-time views at 1 and N years (time and ratio), peak memory per screen against home's;
    ``only``: just the rows whose label holds one of its |-separated phrases (home's memory always)."""

    def wanted(label: str) -> bool:
        return only is None or any(word.strip() in label for word in only.split("|"))

    l10 = shutil.which("l10", path=str(Path(sys.executable).parent)) or "l10"
    env = {**os.environ, "L10_TODAY": "2026-11-23"}
    cli_rows = (
        (["alignment", "--weeks", "13"], "<= 1.3x"),
        (["alignment", "--all"], "<= 2x"),
        (["history", "--last", "10"], "<= 1.3x"),
    )
    for args, budget in cli_rows:
        if not wanted(f"`l10 {' '.join(args)}`"):
            continue
        one = process_ms([l10, "--db", str(fresh_copy(short_path, work / "run-v1")), *args], n, env)
        ten = process_ms([l10, "--db", str(fresh_copy(long_path, work / "run-v10")), *args], n, env)
        row(f"`l10 {' '.join(args)}`, {long_years}-year history", f"{ten:.0f} ms", f"{ten / one:.2f}x 1-year", budget)
    for args in (["history", "--last", "100000"], ["history", "--last", "100000", "--json"]):
        if not wanted(f"`l10 {' '.join(args)}`"):
            continue
        db_copy = str(fresh_copy(long_path, work / "run-v10"))
        ten, peak = process_peak([*CLI_PEAK_ARGS, "--db", db_copy, *args], max(1, n // 3), env)
        one, one_peak = process_peak(
            [*CLI_PEAK_ARGS, "--db", str(fresh_copy(short_path, work / "run-v1")), *args], max(1, n // 3), env
        )
        row(
            f"`l10 {' '.join(args)}`, {long_years}-year history (time, peak memory)",
            f"{ten:.0f} ms, {peak:.0f} MiB",
            f"{peak / one_peak:.2f}x 1-year memory",
            "streams",
        )
    short_copy = fresh_copy(short_path, work / "run-s1")
    long_copy = fresh_copy(long_path, work / "run-s10")
    _, home = screen_load("home", long_copy, n)  # its highest of n runs, as each screen's peak below
    peaks = {"home": home}
    for label, screen, keys in VIEWS:
        if not wanted(label):
            continue
        one, _ = screen_load(screen, short_copy, n, keys)
        ten, peak = screen_load(screen, long_copy, n, keys)
        peaks[label] = peak
        budget = "<= 2x" if "all time" in label or "every year" in label else "<= 1.3x"
        row(f"app: {label}, {long_years}-year history, to numbers", f"{ten:.0f} ms", f"{ten / one:.2f}x 1-year", budget)
    for label, peak in peaks.items():
        if label != "home":
            row(
                f"peak memory: {label}, {long_years}-year history",
                f"{peak:.0f} MiB",
                f"{peak / home:.2f}x home",
                "<= 1.3x",
            )
    row(f"peak memory: home, {long_years}-year history", f"{home:.0f} MiB", "", "")


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu or 'unknown CPU'}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer repetitions and a 3-year 'long' history")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "PERFORMANCE.md")
    ap.add_argument("--keep", type=Path, help="build the histories here and keep them")
    ap.add_argument("--views-only", action="store_true", help="only the history views (e.g. to measure old code)")
    ap.add_argument("--repeat", type=int, help="runs per figure of the history views (their median; default 5)")
    ap.add_argument(
        "--only", help="with --views-only: only the views whose label holds one of these |-separated phrases"
    )
    ap.add_argument(
        "--import-only",
        action="store_true",
        help="only key press to repaint during a `score import` of 6,400 rows, on the 1-year history (issue 12)",
    )
    args = ap.parse_args(argv)
    n = 7 if args.quick else 21
    long_years = 3 if args.quick else 10
    work = args.keep or Path(tempfile.mkdtemp(prefix="l10bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"bench: histories in {work}", flush=True)
    short_path = build(work / "src", 1) if not (work / "src" / "h1y").exists() else work / "src" / "h1y" / "l10.json"
    empty_path = work / "empty" / "l10.json"
    empty_path.parent.mkdir(parents=True, exist_ok=True)
    if not empty_path.exists():
        open_store(empty_path).teams.add("Sales")

    rows: list[tuple[str, str, str, str]] = []

    def row(what: str, value: str, ratio: str, budget: str) -> None:
        rows.append((what, value, ratio, budget))
        print(f"  {what:<58} {value:>12} {ratio:>14}   budget {budget}", flush=True)

    if args.import_only:
        import_rows(short_path, work, 36 if args.quick else 108, row)
        return 0
    long_dir = work / "src" / f"h{long_years}y"
    long_path = build(work / "src", long_years) if not long_dir.exists() else long_dir / "l10.json"

    if args.views_only:
        view_rows(short_path, long_path, long_years, work, args.repeat or max(3, n // 4), row, args.only)
        return 0

    # 1. commit cost in-process
    c_short = commit_costs(fresh_copy(short_path, work / "run-short"), n * 2)
    c_long = commit_costs(fresh_copy(long_path, work / "run-long"), n * 2)
    for name in c_short:
        row(
            f"commit: {name}, {long_years}-year history (median)",
            f"{c_long[name]:.1f} ms",
            f"{c_long[name] / c_short[name]:.2f}x 1-year",
            "<= 25 ms, <= 1.3x",
        )

    # 2. l10 issue add as a whole process
    l10 = shutil.which("l10", path=str(Path(sys.executable).parent)) or "l10"
    target = fresh_copy(long_path, work / "run-cli")
    # As installed: pip compiles every package to bytecode at install, tinydb and click here included. Do the
    # same for l10tui (an editable checkout under PYTHONDONTWRITEBYTECODE=1 would recompile it on every run).
    import compileall

    import l10tui

    compileall.compile_dir(str(Path(l10tui.__file__).parent), quiet=1)
    as_installed = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    floor = process_ms([sys.executable, "-c", "import tinydb, click"], n, as_installed)
    cli = process_ms([l10, "--db", str(target), "issue", "add", "Bench issue", "--team", "Sales"], n, as_installed)
    row(f"`l10 issue add`, {long_years}-year history (median)", f"{cli:.0f} ms", f"{cli / floor:.2f}x floor", "<= 2.5x")
    row("floor: python -c 'import tinydb, click'", f"{floor:.0f} ms", "", "")

    # 3. app start to first frame of home
    bare, _ = app_start("bare", None, n)
    empty, _ = app_start("home", empty_path, n)
    full, peak_home = app_start("home", fresh_copy(long_path, work / "run-app"), n)
    row(
        f"app start to first frame of home, {long_years}-year history",
        f"{full:.0f} ms",
        f"{full / empty:.2f}x empty",
        "<= 1.2x",
    )
    row("  ... on an empty store / a bare Textual app", f"{empty:.0f} / {bare:.0f} ms", f"{empty / bare:.2f}x bare", "")

    # 4. key press to repaint in the meeting vs a bare DataTable
    presses = 12 if args.quick else 36
    try:
        base = key_repaint("datatable", None, presses)
        meeting_path = fresh_copy(long_path, work / "run-keys")
        score = key_repaint("meeting", meeting_path, presses, ("n",))
        ids = key_repaint("meeting", meeting_path, presses, ("n", "n", "n", "n", "n"))
        row(
            "key press to repaint: meeting scorecard (median)",
            f"{score:.1f} ms",
            f"{score / base:.2f}x DataTable",
            "<= 1.5x",
        )
        row("key press to repaint: meeting IDS (median)", f"{ids:.1f} ms", f"{ids / base:.2f}x DataTable", "<= 1.5x")
        row("  ... bare DataTable cursor move (median)", f"{base:.1f} ms", "", "")
        import_rows(long_path, work, presses * 3, row)
    except subprocess.CalledProcessError as exc:
        row("key press to repaint", "failed", "", (exc.stderr or "")[-80:].replace("\n", " "))

    # 5. peak memory: home, the meeting up to IDS, and the screens that read every archived year
    peaks = {"home": peak_home}
    for screen, keys in (("meeting", ("n",) * 5), ("trends", ()), ("alignment", ()), ("history", ("A",))):
        try:
            _, peaks[screen] = app_start(screen, fresh_copy(long_path, work / f"run-mem-{screen}"), 1, keys)
        except subprocess.CalledProcessError:
            peaks[screen] = float("nan")
    worst = max(peaks, key=lambda k: peaks[k])
    detail = ", ".join(f"{k} {v:.0f}" for k, v in peaks.items())
    row(
        f"peak memory, app open on the {long_years}-year history (worst: {worst})",
        f"{peaks[worst]:.0f} MiB",
        detail,
        "<= 100 MiB",
    )

    # 6. the views that read history, windowed and all time; peak memory per screen
    view_rows(short_path, long_path, long_years, work, args.repeat or max(3, n // 4), row)

    live = long_path.stat().st_size / 1024
    archives = sum(p.stat().st_size for p in (long_path.parent / "archive").glob("*.json")) / 2**20
    text = [
        "# Performance",
        "",
        f"Measured by `python bench/run.py{' --quick' if args.quick else ''}` on {machine()}, {time.strftime('%Y-%m-%d')}.",
        f"Histories from `bench/gen_history.py` (3 teams, weekly meetings): the {long_years}-year store has a "
        f"{live:.0f} KiB live file and {archives:.1f} MiB of yearly archives (hot/cold split, DESIGN.md).",
        "Medians; ratios are what the budgets of DESIGN.md constrain, since absolute times vary by machine.",
        "Measured on a shared 2-core machine (seven other sessions ran builds and tests meanwhile): absolute times "
        "are noisy, compare the ratios within one run.",
        "",
        "| what | value | ratio | budget |",
        "|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows],
        "",
        NOTES,
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(text))
    print(f"bench: wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
