"""``l10 history``, ``l10 show`` and ``l10 export``: finished meetings, listed, shown whole and exported."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from l10tui.domain.rules import InputError
from l10tui.domain.text import safe_lines
from l10tui.store import NotFound
from l10tui.store.meetings import RECENT

from .common import Env, Names, emit_json, json_option, json_text, pass_env, say, with_names

if TYPE_CHECKING:
    from l10tui.domain.models import Meeting
    from l10tui.store import L10Store


@click.command()
@click.option("--last", type=click.IntRange(1, 100000), default=RECENT, show_default=True, help="How many meetings.")
@click.option("--team", "team_name", metavar="TEAM", help="Only meetings of this team.")
@json_option
@pass_env
def history(env: Env, last: int, team_name: str | None, as_json: bool) -> None:
    """Past meetings: late start, overrun, attendance, rating, to-dos, issues."""
    from l10tui import report

    db = env.db()
    tid = db.teams.lookup(team_name).id if team_name else None
    from .history_out import print_history  # printed as read, one archive year at a time (issue 14)

    days, shown = print_history(db, last, tid, as_json)
    if as_json:
        return
    from l10tui.sync.derived import flagged_meetings  # meetings of one week run on two laptops (l10 sync)

    for group in flagged_meetings(db.meta):
        if shown & set(group):
            say(f"note: {' and '.join(group)} are one team's week run on two laptops (kept as separate records)")

    # skipped weeks: all of them, or those since the oldest meeting shown when --last cut the list
    oldest = min(days, default=None) if len(days) >= last else None
    ctx = report.Lookup.from_parts(db)
    skipped = [s for s in report.skipped_weeks(ctx) if oldest is None or s[0] >= oldest - timedelta(days=6)]
    skipped = [s for s in skipped if tid is None or s[1] == db.teams.get(tid).name]
    for week, team, reason in skipped:
        say(f"skipped: {team}, week of {week.isoformat()}" + (f" ({reason})" if reason else ""))


def history_json(row: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    """A history row under the --json contract: ``id`` is the meeting's id (``meeting`` is kept as an alias),
    ``teams`` holds ids and ``teams_names`` their names, as in every other record."""
    return {"id": record["id"], **row, "teams": record["teams"], "teams_names": row["teams"], "record": record}


def finished_meetings(db: L10Store, *, live_only: bool = False) -> list[Meeting]:
    """Every finished meeting (archived years included unless ``live_only``), newest first."""
    done = [m for m in (db.meetings.all() if live_only else db.meetings.history()) if m.state == "finished"]
    return sorted(done, key=lambda m: m.actual_start or m.created_at, reverse=True)


def find_meeting(db: L10Store, ref: str) -> Meeting:
    if ref.strip().lower() == "latest":
        done = finished_meetings(db, live_only=True) or finished_meetings(db)  # archived ones are all older
        if not done:
            raise NotFound("no finished meeting yet")
        return done[0]
    return db.meetings.get(ref)


@click.command()
@click.argument("meeting_ref", metavar="MEETING")
@json_option
@pass_env
def show(env: Env, meeting_ref: str, as_json: bool) -> None:
    """Show a meeting whole (MEETING is an id like MT-3, or latest)."""
    from l10tui import report

    db = env.db()
    meeting = find_meeting(db, meeting_ref)
    ctx = report.Lookup.for_meetings(db, [meeting])
    if as_json:
        emit_json(with_names(report.meeting_json(meeting, ctx), Names(db)))
    else:
        say(report.meeting_markdown(meeting, ctx).rstrip("\n"))


@click.command()
@click.argument("meeting_ref", metavar="MEETING|latest")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
@pass_env
def export(env: Env, meeting_ref: str, fmt: str, output: Path | None) -> None:
    """Export a meeting as Markdown (to mail around) or JSON."""
    from l10tui import report
    from l10tui.store.atomic import atomic_write

    db = env.db()
    target: Path | None = None
    if output is not None:  # refused before anything is read or written
        from l10tui.store.export_guard import check_export_target

        target = check_export_target(db.path, output)
        if not target.parent.is_dir():
            raise InputError(f"cannot write {output}: the directory {target.parent} does not exist")
    with db.reading():  # under the lock: the live file and its archives as one state
        meeting = find_meeting(db, meeting_ref)
        ctx = report.Lookup.for_meetings(db, [meeting])
        if fmt == "md":
            text = safe_lines(report.meeting_markdown(meeting, ctx))
        else:
            text = json_text(with_names(report.meeting_json(meeting, ctx), Names(db))) + "\n"
    if target is None:
        say(text, nl=False)
        return
    try:
        atomic_write(target, text.encode("utf-8"))
    except PermissionError:
        raise InputError(f"cannot write {output}: permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None
    say(f"Wrote {meeting.id} to {output}")
