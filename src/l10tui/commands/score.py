"""``l10 score``: enter, import and show the weekly numbers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from l10tui.domain.corrections import check_week_started
from l10tui.domain.dates import DateError, parse_date, week_monday, weeks_back
from l10tui.domain.rules import InputError, clean_note, format_number, on_track, parse_number, parse_score, week_values
from l10tui.domain.trailing import NOTE_MARK, trailing, trailing_weeks
from l10tui.store import StoreError

from .common import (
    Env,
    Names,
    emit_json,
    emit_records,
    formula_text,
    goal_text,
    json_option,
    parse_day,
    pass_env,
    record_json,
    render_table,
    say,
    track_mark,
)

if TYPE_CHECKING:
    from l10tui.domain.models import Measurable, Score
    from l10tui.store import L10Store

SCORE_WEEKS_LIVE = 13


@click.group()
def score() -> None:
    """Weekly numbers: set, import, show."""


@score.command("clear")
@click.argument("measurable_name", metavar="MEASURABLE")
@click.option("--week", metavar="DATE", help="Any day of the week (default: the week a meeting today reports).")
@click.option("--yes", is_flag=True, help="Do not ask; clear it.")
@pass_env
def score_clear(env: Env, measurable_name: str, week: str | None, yes: bool) -> None:
    """Clear a wrongly entered number (after a confirmation)."""
    day = parse_day(env, week, "--week", past=True)
    db = env.db()
    m = db.measurables.lookup(measurable_name)
    monday = week_monday(day) if day else default_week(db, m.teams, env.today)
    current = db.scores.grid([monday]).get((m.id, monday))
    if current is None:
        raise InputError(f"{m.name} has no number for the week of {monday.isoformat()}")
    shown = format_number(current, m.unit)
    if not yes and not click.confirm(f"Clear {m.name} = {shown} for the week of {monday.isoformat()}?"):
        raise InputError("nothing cleared")
    db.scores.clear(m.id, monday)
    say(f"Cleared {m.name} for the week of {monday.isoformat()} (was {shown})")


def default_week(db: L10Store, teams: Sequence[str], today: date) -> date:
    """The week a number entered today is for: the one a meeting today would report (the teams' setting)."""
    from l10tui.domain.schedule import reported_week
    from l10tui.store.schedule import reports_for

    return reported_week(today, reports_for(db, list(teams) or [t.id for t in db.teams.active()]))


def check_enterable(m: Measurable, by_id: Mapping[str, Measurable]) -> None:
    if m.formula is not None:
        raise InputError(f"{m.name} is computed from {formula_text(m, by_id)}; enter those numbers instead")


@score.command("set", context_settings={"ignore_unknown_options": True})
@click.argument("measurable_name", metavar="MEASURABLE")
@click.argument("value")
@click.option(
    "--week", metavar="DATE", help="Any day of the week (default: the week a meeting today reports, as the team says)."
)
@click.option("--note", metavar="TEXT", help='A one-line note on the number ("webinar week"; "" removes it).')
@json_option
@pass_env
def score_set(env: Env, measurable_name: str, value: str, week: str | None, note: str | None, as_json: bool) -> None:
    """Enter (or correct) a measurable's number for a week."""
    parse_number(value, "value")  # a typo is told before the store is opened
    if note is not None:
        clean_note(note)  # and a bad note too
    day = parse_day(env, week, "--week", past=True)
    if day is not None:
        check_week_started(day, env.today)
    db = env.db()
    m = db.measurables.lookup(measurable_name)
    day = day or default_week(db, m.teams, env.today)
    check_enterable(m, {x.id: x for x in db.measurables.all()})
    number = parse_score(value, m)
    saved = db.scores.set(m.id, day, number, note=note)
    if as_json:
        emit_records(db, saved)
        return
    track = on_track(saved.value, m.goal, m.op, m.goal_high)
    say(
        f"{m.name}, week of {saved.week.isoformat()}: {format_number(saved.value, m.unit)} "
        f"{track_mark(track)} {track} track (goal {goal_text(m)})" + (f" — note: {saved.note}" if saved.note else "")
    )


@dataclass
class CsvRow:
    line: int
    measurable: Measurable
    week: date
    value: float


def read_score_csv(env: Env, db: L10Store, text: str) -> tuple[list[CsvRow], list[str]]:
    """Rows of ``measurable, week, value`` (a header row is optional, and may order the columns); bad rows by line.

    A row of two cells, ``measurable, value``, is for the default week: the one a meeting today reports.
    """
    import csv
    import io

    by_id = {m.id: m for m in db.measurables.all()}
    good: list[CsvRow] = []
    bad: list[str] = []
    seen: dict[tuple[str, date], int] = {}
    columns = (0, 1, 2)
    reader = csv.reader(io.StringIO(text, newline=""))
    for index, cells in enumerate(reader):
        line = reader.line_num
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        folded = [c.casefold() for c in cells]
        if index == 0 and {"measurable", "week", "value"} <= set(folded):
            columns = (folded.index("measurable"), folded.index("week"), folded.index("value"))
            continue
        if index == 0 and len(cells) == 3 and looks_like_header(cells, env.today):
            continue  # a header with other names ("metric,date,number"): neither a week nor a number
        if len(cells) == 2 and columns == (0, 1, 2):
            try:
                m = db.measurables.lookup(cells[0])
                check_enterable(m, by_id)
                week = default_week(db, m.teams, env.today)
                value = parse_number(cells[1], "value")
            except (StoreError, InputError, DateError) as exc:
                bad.append(f"line {line}: {exc}")
                continue
            if (m.id, week) in seen:
                bad.append(
                    f"line {line}: {m.name} for the week of {week.isoformat()} is already on line {seen[(m.id, week)]}"
                )
                continue
            seen[(m.id, week)] = line
            good.append(CsvRow(line, m, week, value))
            continue
        if len(cells) < 3 or len(cells) > max(3, max(columns) + 1):
            bad.append(f"line {line}: expected 3 columns (measurable, week, value), found {len(cells)}")
            continue
        try:
            m = db.measurables.lookup(cells[columns[0]])
            check_enterable(m, by_id)
            week = check_week_started(parse_date(cells[columns[1]], env.today, past=True), env.today)
            value = parse_score(cells[columns[2]], m)
        except (StoreError, InputError, DateError) as exc:
            bad.append(f"line {line}: {exc}")
            continue
        key = (m.id, week)
        if key in seen:
            bad.append(f"line {line}: {m.name} for the week of {week.isoformat()} is already on line {seen[key]}")
            continue
        seen[key] = line
        good.append(CsvRow(line, m, week, value))
    return good, bad


def looks_like_header(cells: Sequence[str], today: date) -> bool:
    try:
        parse_date(cells[1], today)
        return False
    except DateError:
        pass
    try:
        parse_number(cells[2])
        return False
    except InputError:
        return True


CHUNK_S = 0.08  # the longest this import holds the store's lock at a time (a meeting may be waiting to save)
YIELD_S = 0.02  # the pause between chunks, longer than a lock waiter's poll (store/lock.py POLL_S)


def import_in_chunks(db: L10Store, rows: Sequence[CsvRow]) -> list[Score]:
    """Save the rows in several short transactions, so the store's lock is never held for long.

    A meeting open in another terminal waits for the lock on every save; a 6,400-row import in one transaction
    held it for many seconds. Each chunk re-reads the store under the lock (so changes others made in between are
    kept) and commits within about ``CHUNK_S``. If a chunk fails, the chunks before it are saved and the message
    says how many rows were imported.
    """
    import time

    saved: list[Score] = []
    committed = 0
    while committed < len(rows):
        chunk: list[Score] = []
        try:
            with db.transaction():
                started = time.monotonic()  # plumbing (how long we hold the lock), not meeting logic
                for r in rows[committed:]:
                    chunk.append(db.scores.set(r.measurable.id, r.week, r.value))
                    if time.monotonic() - started >= CHUNK_S:
                        break
        except StoreError as exc:
            if not committed:
                raise
            raise StoreError(
                f"{exc}; the first {committed} of {len(rows)} scores were imported and are saved, the rest were not"
            ) from None
        saved += chunk
        committed += len(chunk)
        if committed < len(rows):
            time.sleep(YIELD_S)  # let a waiting writer (the meeting) in: lock waiters poll, they would starve
    return saved


@score.command("import")
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--skip-bad", is_flag=True, help="Import the good rows even if some are bad.")
@json_option
@pass_env
def score_import(env: Env, csv_file: Path, skip_bad: bool, as_json: bool) -> None:
    """Import weekly numbers from a CSV (columns: measurable, week, value; header optional; a row of measurable, value is for the week a meeting today reports)."""
    try:
        text = csv_file.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"no such file: {csv_file}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{csv_file} is not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"cannot read {csv_file}: {exc.strerror}") from None
    import csv

    db = env.db()
    try:
        good, bad = read_score_csv(env, db, text)
    except csv.Error as exc:
        raise InputError(f"{csv_file} is not a readable CSV: {exc}") from None
    if bad and not skip_bad:
        shown = "; ".join(bad[:5]) + (f"; and {len(bad) - 5} more" if len(bad) > 5 else "")
        raise InputError(f"{len(bad)} bad row{'s' if len(bad) != 1 else ''} in {csv_file}, nothing imported: {shown}")
    if not good and not bad:
        raise InputError(f"{csv_file} has no rows")
    before = db.scores.grid({r.week for r in good})
    saved = import_in_chunks(db, good)
    new = sum(1 for r in good if (r.measurable.id, r.week) not in before)
    changed = sum(
        1 for r in good if (r.measurable.id, r.week) in before and before[(r.measurable.id, r.week)] != r.value
    )
    if as_json:
        names = Names(db)
        emit_json(
            {
                "imported": len(good),
                "new": new,
                "changed": changed,
                "skipped": bad,
                "scores": [record_json(s, names) for s in saved],
            }
        )
        return
    say(f"Imported {len(good)} score{'s' if len(good) != 1 else ''} ({new} new, {changed} changed)")
    if bad:
        say(f"Skipped {len(bad)} bad row{'s' if len(bad) != 1 else ''}:")
        for reason in bad:
            say(f"  {reason}")


@score.command("show")
@click.option("--weeks", type=click.IntRange(1, 520), default=13, show_default=True, help="How many weeks.")
@click.option("--team", "team_name", metavar="TEAM", help="Only this team's measurables.")
@json_option
@pass_env
def score_show(env: Env, weeks: int, team_name: str | None, as_json: bool) -> None:
    """The scorecard: each measurable over the last weeks, ✓ on track, ✗ off, · missing."""
    db = env.db()
    items = db.measurables.for_team(db.teams.lookup(team_name).id) if team_name else db.measurables.ordered()
    mondays = weeks_back(env.today, weeks)
    live = weeks <= SCORE_WEEKS_LIVE  # the live file always holds the last 13 weeks; older ones may be archived
    all_scores = db.scores.all() if live else db.scores.history()
    grid = {(s.measurable, s.week): s.value for s in all_scores if s.week >= mondays[0]}
    # The trailing column (domain/trailing.py) reads up to 13 weeks back from the newest week shown.
    window = trailing_weeks(mondays[-1])[0]
    trailing_grid = {(s.measurable, s.week): s.value for s in all_scores if s.week >= window}
    notes = {(s.measurable, s.week): s.note for s in all_scores if s.note and s.week >= mondays[0]}
    if as_json:
        wanted = {w.isoformat() for w in mondays}
        ids = {m.id for m in items} | {
            p for m in items if m.formula for p in (m.formula.numerator, m.formula.denominator)
        }
        names = Names(db)
        out_rows = []
        for m in items:
            values = {w.isoformat(): week_values(m, grid, w) for w in mondays}
            status = {w: on_track(v, m.goal, m.op, m.goal_high) for w, v in values.items()}
            figure = trailing(m, trailing_grid, mondays[-1])
            out_rows.append(
                {
                    "measurable": record_json(m, names),
                    "values": values,
                    "status": status,
                    "trailing": figure.as_json() if figure else None,
                    "notes": {w.isoformat(): n for (mid, w), n in sorted(notes.items()) if mid == m.id},
                }
            )
        scores = [record_json(s, names) for s in all_scores if s.measurable in ids and s.week.isoformat() in wanted]
        emit_json({"weeks": [w.isoformat() for w in mondays], "rows": out_rows, "scores": scores})
        return
    if not items:
        say("No measurables yet.")
        return
    names = Names(db)
    headers = ["MEASURABLE", "OWNER", "GOAL", *(w.strftime("%m-%d") for w in mondays), "TRAILING"]
    rows = []
    noted: list[str] = []
    for m in items:
        cells = []
        for w in mondays:
            v = week_values(m, grid, w)
            mark = NOTE_MARK if (m.id, w) in notes else ""
            cells.append(
                f"{format_number(v, m.unit)}{mark} {track_mark(on_track(v, m.goal, m.op, m.goal_high))}".strip()
            )
            if mark:
                noted.append(f"{NOTE_MARK} {m.name}, week of {w.isoformat()}: {notes[(m.id, w)]}")
        figure = trailing(m, trailing_grid, mondays[-1])
        shown = f"{figure.label} {figure.shown(m.unit) or '—'}" if figure else ""
        rows.append([m.name, names.person(m.owner), goal_text(m), *cells, shown])
    say(render_table(headers, rows))
    for line in noted:
        say(line)
