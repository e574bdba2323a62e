"""Render docs/RELIABILITY.md from the figures of a real run of the reliability suite (see conftest.py)."""

from __future__ import annotations

from collections import Counter

# The figures, in the order the report gives them, with the suite item they come from.
ORDER: list[tuple[str, str]] = [
    ("1. Killed writers", "kills survived"),
    ("1. Killed writers", "confirmed writes checked after a kill"),
    ("1. Killed writers", "kills inside a commit (temp file left)"),
    ("1. Killed writers", "writes saved but killed before confirming"),
    ("1. Killed writers", "stores checked after kills"),
    ("1. Killed writers", "kills during a schema upgrade"),
    ("1. Killed writers", "schema upgrades killed before the new file was in place"),
    ("1. Killed writers", "kills during compaction"),
    ("1. Killed writers", "l10 issue add processes killed"),
    ("1. Killed writers", "killed l10 runs whose issue was saved"),
    ("1. Killed writers", "killed l10 runs that had reported it"),
    ("1. Killed writers", "issues held by the killed writers' stores"),
    ("2. Concurrent writers", "l10 issue add runs in parallel"),
    ("2. Concurrent writers", "to-do ticks by the open store"),
    ("2. Concurrent writers", "writes checked after concurrent runs"),
    ("3. Injected faults", "faults injected through the CLI"),
    ("3. Injected faults", "faults injected in-process (store API)"),
    ("3. Injected faults", "faults injected through a really full disk"),
    ("3. Injected faults", "file bytes compared after a fault"),
    ("3. Injected faults", "commands after a fault that worked"),
    ("4. Damaged files", "damaged files refused through the CLI"),
    ("4. Damaged files", "damaged files refused by the store API"),
    ("4. Damaged files", "doctor restores checked"),
    ("4. Damaged files", "doctor restores refused with nothing changed"),
    ("4. Damaged files", "mutated stores refused on start"),
    ("4. Damaged files", "mutated stores accepted and rendered"),
    ("5. Bad input", "fuzzed CLI inputs tried"),
    ("5. Bad input", "fuzzed inputs refused with no change"),
    ("5. Bad input", "fuzzed inputs stored and read back"),
    ("5. Bad input", "fuzzed store-level inputs tried"),
    ("7. Privacy", "file modes checked"),
    ("8. Clock hazards", "clock hazard cases checked"),
    ("9. Hostile text and moments", "hostile screens rendered"),
    ("9. Hostile text and moments", "hostile meeting segments rendered"),
    ("9. Hostile text and moments", "hostile CLI listings checked"),
    ("9. Hostile text and moments", "exports refused"),
    ("9. Hostile text and moments", "parallel todo add --issue"),
    ("9. Hostile text and moments", "lock waits probed during an import"),
]


def render(
    figures: dict[str, int],
    notes: dict[str, str],
    outcomes: dict[str, str],
    per_file: dict[str, float],
    seconds: float,
    machine: str,
) -> str:
    tally = Counter(outcomes.values())
    lines = [
        "# Reliability",
        "",
        "The users' whole meeting history lives in one JSON store, so the store is tested the way SQLite tests its",
        "own: by killing writers, running them concurrently, failing every step of a commit, damaging the file, and",
        "feeding it bad input. The suite is `tests/reliability/` (plus the fast store tests in `tests/store/`); CI runs",
        "it with the rest of the tests.",
        "",
        "This file is generated from a real run:",
        "",
        "```",
        "L10_RELIABILITY_REPORT=docs/RELIABILITY.md .venv/bin/pytest -n0 tests/store tests/reliability",
        "```",
        "",
        "## Last run",
        "",
        f"- Machine: {machine}",
        f"- Wall time of the run: {seconds:.0f} s (the machine's 2 cores were shared with other work)",
        f"- Tests: {tally.get('passed', 0)} passed, {tally.get('failed', 0)} failed, {tally.get('skipped', 0)} skipped",
        "",
        "## Figures (all with nothing lost)",
        "",
        "| Suite item | Figure | Count |",
        "|---|---|---:|",
    ]
    rows = [(item, name) for item, name in ORDER if name in figures]
    listed = {name for _, name in rows}
    rows += [
        ("6. The meeting survives" if "meeting" in name else "other", name) for name in sorted(set(figures) - listed)
    ]
    rows.sort(key=lambda row: row[0])  # stable: the order above within an item
    for item, name in rows:
        lines.append(f"| {item} | {name} | {figures[name]:,} |")
    lines += ["", "## Time per file", "", "| File | Tests | Seconds |", "|---|---:|---:|"]
    for file, secs in sorted(per_file.items()):
        n = sum(1 for k in outcomes if k.startswith(file + "::"))
        lines.append(f"| `{file}` | {n} | {secs:.1f} |")
    skipped = sorted(k for k, v in outcomes.items() if v == "skipped")
    failed = sorted(k for k, v in outcomes.items() if v == "failed")
    if failed:
        lines += ["", "## Failed in this run", ""] + [f"- `{k}`" for k in failed]
    if skipped:
        lines += ["", "## Skipped in this run", ""] + [f"- `{k}`" for k in skipped]
    if notes:
        lines += ["", "## Notes", ""] + [f"- {k}: {v}" for k, v in sorted(notes.items())]
    lines += ["", "## What each item checks", "", *WHAT.strip().splitlines()]
    lines += ["", "## Bugs the suite found, fixed in the store code", "", *FOUND.strip().splitlines(), ""]
    return "\n".join(lines)


WHAT = """
1. **Killed writers** (`test_killed_writers.py`): a forked child adds issues through the store API in a loop and
   prints each id after its commit returned; the parent SIGKILLs it after a seeded random number of confirmations
   plus a random delay within one commit's time. After every kill a fresh store object opens and parses the file
   and must hold every confirmed write, with contiguous ids and a matching counter; writes saved but not yet
   confirmed must stay too. The next ordinary write removes the temp files the killed writers left. A second test
   kills a process while it upgrades the schema (a patched v1 -> v2 migration): the file is then either the old
   one (upgraded on the next open) or the upgraded one with a whole pre-upgrade copy, never a mix or a double
   upgrade. A third kills the hot/cold compaction (closed records moving to yearly archives) at random moments:
   every record is still found exactly once, and the next compaction finishes the move. A fourth kills the real
   `l10 issue add` at a random moment of its run: every issue it reported added is in the store.
2. **Concurrent writers** (`test_concurrent_writers.py`): 4 processes x 50 `l10 issue add` while one process holds
   an `L10Store` open like the app does and ticks to-dos; at the end there are 200 new issues, no duplicate ids, and
   every tick is on disk. Within one process (`tests/store/test_threads.py`), the app's worker thread re-reading the
   store and its event loop writing it take turns: a re-read of the file from before a change never replaces that
   change in memory, and a transaction begun while another thread's is open waits for it instead of joining it.
3. **Injected faults** (`test_injected_faults.py`): `L10_TEST_FAULT=step:ERRNO` fails each step of a commit
   (serialise, write, flush, fsync, replace, dir fsync) with ENOSPC, EACCES, EIO or EROFS: the command exits 1 with
   one clear line, the file is byte-identical, no temp file is left, and the next command works. A read-only
   folder (root drops its DAC override with `setpriv`) gives a clear "permission denied". And a real full disk:
   a 64 KiB tmpfs in a user+mount namespace fills up under the store API; each failed commit is a clear error with
   the file intact, and the next write after freeing space works with the next id.
4. **Damaged files on start** (`test_damaged_start.py`): empty, truncated at several points, trailing garbage, the
   wrong shape, wrong types inside records, a newer schema: `l10 issue list` exits 1 with one line naming the file
   and the newest good backup, file untouched; a stale `.lock` does not block; a missing folder is a clear error;
   `l10 doctor` explains and `l10 doctor --restore BACKUP` puts a backup back after keeping the damaged file.
   `test_mutated_store.py` makes seeded random edits to the demo company's store that JSON still parses (a value
   of another type, an odd number, a bad date, a key removed): each is refused on start with one line naming the
   file, untouched, or accepted, and then every listing (issues, to-dos, scorecard, rocks, history, alignment,
   show, export) renders without an error.
5. **Bad input** (`test_fuzz_input.py`): hypothesis feeds titles, names, dates, numbers, ids, long strings,
   control and bidi characters to the CLI in-process: never a traceback, and a refused command changes nothing;
   what is accepted reads back intact.
7. **Privacy** (`test_privacy.py`): the store, its lock, backups and their folders are 0600/0700 from the start and
   after every replace, even under a permissive umask.
8. **Clock hazards** (`test_clock_hazards.py`): records are stamped in UTC across midnight and DST changes, and a
   wall-clock jump (suspended laptop) does not disturb what is recorded.

9. **Hostile text and moments** (issue 12; `test_hostile_text.py`, `test_hostile_moments.py`,
   `test_app_writes.py`): every text field of every record (live and archived) and the company name are written
   straight into the store file with markup (`[/]`, `[b]x`, `[@click=app.quit]x`, `[Q4] pricing`), an OSC title and
   a CSI clear, the one-byte CSI, U+202E, U+200B and U+E0041; every screen, every meeting segment and every CLI
   listing (text and `--json`) renders with no crash and none of those characters on the output, and `--json` still
   holds the text exactly as stored. Then one test per finding: export refuses the store, a backup, a store-like
   file and the store's folder tree; a lock file deleted under a writer cannot let a second writer's confirmed
   change be overwritten, and a waiter never keeps a lock on an unlinked file; 4 loops x 15 `todo add --issue` keep
   all 60 in the issue's list; two `l10 meet` at once make one meeting; `doctor --restore` through a symlink
   restores the real file and keeps the link; an archive year is refused as a backup; a failed backup at Finish
   says the meeting was saved; `l10 meet </dev/null` refuses in one line; `score import` never holds the lock for
   long; the app's keys and timers stay alive while another l10 holds the lock; leaving after a failed checkpoint
   or a restore says so; an unreadable archive is a permission problem, not damage; a 0666 lock file and a 0755
   `backups/` are tightened.

Item 6 (the meeting surviving SIGHUP/SIGTERM/SIGKILL, `test_meeting_survives.py`) belongs to the meeting's
engineer; its figures appear above when it ran.

The fast store tests (`tests/store/`) check the same properties at the API level: a write interrupted at each
step by an injected OSError (ENOSPC, EACCES, EIO) leaves the old file byte-identical and the in-memory store
without the half change; two processes adding 100 issues each end with 200 distinct issues; a newer schema is
refused; a migration keeps a copy; damaged files are refused naming the newest good backup.
"""


FOUND = """
- A failed directory fsync on the very first write left the new file in place while the error said "nothing was
  changed" (`atomic.py`: the new file is removed again, as the old one is put back when there was one).
- A change attempted outside a transaction stayed in the in-memory copy (TinyDB edits its cached dict before the
  write is refused), so later reads showed data that was never saved (`db.py`: the copy is dropped).
- A NaN or infinite number (a score) was written as JSON `null`, and the next start refused the whole store as
  damaged (`repo.py`: every record is checked to read back before it is stored; the change is refused instead).
- An integer too big for JSON raised orjson's TypeError as a traceback (`db.py`: a clear StoreWriteError), and a
  setting that JSON would change (NaN stored as null, a tuple as a list) was silently saved changed (`db.py`:
  `set_setting` refuses a value that would not read back the same).
- Backups were named in local time: across the DST fall-back hour, and for two copies in the same second, "the
  newest backup" named an older copy (`backups.py`: UTC names, then the copy's time, decide the order).
- When the store's folder did not exist, filelock created it 0755 before the first write (`db.py`: it is made 0700
  before the lock file goes in it; `atomic.ensure_dir` also corrects a umask-masked mode).
- Two processes opening an old store could both migrate it, the second from a copy read before it held the lock,
  overwriting the first one's writes (`db.py`: the file is re-read under the lock before migrating).
- Damaged counters (text, negative), table keys such as `01` or `²`, and a record whose id does not match its key
  passed the checks and failed later with a traceback (`db.py`: refused as damage on start, naming the backup).
- A store reached through a symlink (kept in a synced folder) had the link replaced by a plain file (`db.py`).
- Temp files of killed writers piled up (`atomic.remove_stale_temps`, run under the lock before each write).
- An unchanged (inode, size, mtime_ns) signature could hide a replaced file: ext4 hands a freed inode number to
  the very next new file, so two quick replaces of the same size within one mtime tick looked like "no change"
  and a later write could drop them (`db.py`: the store keeps the file it read open, so its inode cannot be
  reused while the signature is trusted; `test_a_recycled_inode_does_not_hide_a_change` fails without it).
"""
