"""``l10 issue``: add, list, show, solve and drop issues."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from l10tui.domain.corrections import shown_ranks
from l10tui.domain.rules import clean_text

from .common import Env, Names, answer, clip, emit_records, first_team, json_option, pass_env, print_table, say

if TYPE_CHECKING:
    from l10tui.domain.calendar import CompanyCalendar
    from l10tui.domain.models import Issue


@click.group()
def issue() -> None:
    """Issues: add, list, show, edit, solve, drop, reopen, trash."""


@issue.command("add")
@click.argument("title")
@click.option("--team", "team_name", required=True, metavar="TEAM", help="The team whose list it goes on.")
@click.option("--by", "by_person", metavar="PERSON", help="Who raised it.")
@click.option("--by-team", metavar="TEAM", help="The team that raised it (default: that person's first team).")
@click.option("--details", default="", help="More about it.")
@json_option
@pass_env
def issue_add(
    env: Env, title: str, team_name: str, by_person: str | None, by_team: str | None, details: str, as_json: bool
) -> None:
    """Add an issue to a team's list."""
    title = clean_text(title, "issue title")
    if details.strip():
        clean_text(details, "details", max_len=4000, multiline=True)
    db = env.db()
    owner = db.teams.lookup(team_name)
    raiser = db.people.lookup(by_person) if by_person else None
    raised_team = db.teams.lookup(by_team).id if by_team else (first_team(raiser) if raiser else None)
    for same in db.issues.duplicates(title, owner.id):
        say(f"l10: note: {same.id} on {owner.name}'s list has the same title", err=True)
    new = db.issues.add(
        title,
        team=owner.id,
        raised_by=raiser.id if raiser else None,
        raised_by_team=raised_team,
        details=details,
        by=raiser.id if raiser else "",
    )
    if as_json:
        emit_records(db, new)
    else:
        say(f"Added {new.id} to {owner.name} (#{new.rank}): {new.title}")


ISSUE_ORDER = {"open": 0, "long-term": 1, "solved": 2, "dropped": 3, "merged": 4}


@issue.command("list")
@click.option("--team", "team_name", metavar="TEAM", help="Only this team's issues.")
@click.option("--all", "show_all", is_flag=True, help="Also long-term and closed issues.")
@json_option
@pass_env
def issue_list(env: Env, team_name: str | None, show_all: bool, as_json: bool) -> None:
    """List open issues, by team and rank."""
    db = env.db()
    tid = db.teams.lookup(team_name).id if team_name else None
    names = Names(db)
    every = db.issues.history() if show_all else db.issues.all()  # --all: closed ones from the archives too
    issues = [i for i in every if (tid is None or i.team == tid) and (show_all or i.status == "open")]
    issues.sort(key=lambda i: (names.team(i.team).casefold(), ISSUE_ORDER.get(i.status, 9), i.rank, i.created_at))
    if as_json:
        emit_records(db, issues)
        return
    shown = shown_ranks({i.id: (i.team, i.rank) for i in issues if i.status == "open"})
    rows = []
    for i in issues:
        raised = " · ".join(x for x in (names.team(i.raised_by_team), names.person(i.raised_by)) if x)
        age = db.calendar.age_days(i.created_at, env.today)
        row = [
            i.id,
            names.team(i.team),
            str(shown.get(i.id, "")) if i.status == "open" else "",
            clip(i.title),
            raised,
            f"{age}d",
        ]
        if show_all:
            row.append(i.status)
        rows.append(row)
    headers = ["ID", "TEAM", "#", "TITLE", "RAISED BY", "AGE"] + (["STATUS"] if show_all else [])
    print_table(headers, rows, "No open issues." if not show_all else "No issues.")


def issue_lines(i: Issue, names: Names, cal: CompanyCalendar) -> list[str]:
    raised = " · ".join(x for x in (names.team(i.raised_by_team), names.person(i.raised_by)) if x) or "—"
    lines = [
        f"{i.id}  {i.title}",
        f"  team:      {names.team(i.team)}",
        f"  status:    {i.status}" + (f" (rank {i.rank})" if i.status == "open" else ""),
        f"  raised by: {raised}",
        f"  created:   {cal.day(i.created_at).isoformat()}",
    ]
    if i.source:
        lines.append(f"  source:    {i.source.kind} {i.source.id}")
    if i.ended_at:
        lines.append(f"  ended:     {cal.day(i.ended_at).isoformat()}" + (f" ({i.end_reason})" if i.end_reason else ""))
    if i.merged_into:
        lines.append(f"  merged into {i.merged_into}")
    if i.solution:
        lines.append(f"  solution:  {i.solution}")
    if i.todos:
        lines.append(f"  to-dos:    {', '.join(i.todos)}")
    if i.meetings:
        lines.append(f"  discussed: {', '.join(i.meetings)}")
    if i.details:
        lines.append("  details:")
        lines.extend(f"    {line}" for line in i.details.splitlines())
    return lines


@issue.command("show")
@click.argument("issue_id", metavar="ID")
@json_option
@pass_env
def issue_show(env: Env, issue_id: str, as_json: bool) -> None:
    """Show one issue whole."""
    db = env.db()
    found = db.issues.get(issue_id)
    if as_json:
        emit_records(db, found)
    else:
        say("\n".join(issue_lines(found, Names(db), db.calendar)))


@issue.command("solve")
@click.argument("issue_id", metavar="ID")
@click.option("--solution", default="", help="What was decided.")
@json_option
@pass_env
def issue_solve(env: Env, issue_id: str, solution: str, as_json: bool) -> None:
    """Mark an issue solved (it stays in history)."""
    if solution.strip():
        clean_text(solution, "solution", max_len=4000, multiline=True)
    db = env.db()
    done = db.issues.solve(issue_id, solution)
    answer(db, done, as_json, f"Solved {done.id}: {done.title}")


@issue.command("drop")
@click.argument("issue_id", metavar="ID")
@click.option("--reason", default="", help="Why it is dropped.")
@json_option
@pass_env
def issue_drop(env: Env, issue_id: str, reason: str, as_json: bool) -> None:
    """Drop (kill) an issue (it stays in history)."""
    if reason.strip():
        reason = clean_text(reason, "reason", max_len=500)
    db = env.db()
    done = db.issues.drop(issue_id, reason)
    answer(db, done, as_json, f"Dropped {done.id}: {done.title}")


@issue.command("reopen")
@click.argument("issue_id", metavar="ID")
@json_option
@pass_env
def issue_reopen(env: Env, issue_id: str, as_json: bool) -> None:
    """Bring back a dropped, merged, solved or long-term issue (how it had ended is kept in its notes)."""
    db = env.db()
    back = db.issues.reopen(issue_id)

    def line() -> str:
        place = len(db.issues.open_for(back.team))
        return f"Reopened {back.id} on {Names(db).team(back.team)}'s list (#{place}): {back.title}"

    answer(db, back, as_json, line)


@issue.command("edit")
@click.argument("issue_id", metavar="ID")
@click.option("--title", help="New wording.")
@click.option("--details", help="New details ('' clears them).")
@click.option("--by", "by_person", metavar="PERSON", help="Who raised it.")
@click.option("--by-team", metavar="TEAM", help="The team that raised it.")
@json_option
@pass_env
def issue_edit(
    env: Env,
    issue_id: str,
    title: str | None,
    details: str | None,
    by_person: str | None,
    by_team: str | None,
    as_json: bool,
) -> None:
    """Reword an issue, or change who (which team) raised it."""
    if all(v is None for v in (title, details, by_person, by_team)):
        raise click.UsageError("say what to change: --title, --details, --by or --by-team")
    if title is not None:
        title = clean_text(title, "issue title")
    db = env.db()
    with db.transaction():
        raiser = db.people.lookup(by_person) if by_person else None
        raised_team = db.teams.lookup(by_team).id if by_team else None
        if raiser is not None and raised_team is None and len(raiser.teams) == 1:
            raised_team = raiser.teams[0]
        changed = db.issues.edit(
            issue_id,
            title=title,
            details=details,
            raised_by=raiser.id if raiser else None,
            raised_by_team=raised_team,
        )
    answer(db, changed, as_json, lambda: "\n".join(issue_lines(changed, Names(db), db.calendar)))


@issue.command("trash")
@click.option("--team", "team_name", metavar="TEAM", help="Only this team's issues.")
@json_option
@pass_env
def issue_trash(env: Env, team_name: str | None, as_json: bool) -> None:
    """Dropped and merged issues, newest first (bring one back with: l10 issue reopen ID)."""
    db = env.db()
    tid = db.teams.lookup(team_name).id if team_name else None
    gone = [i for i in db.issues.history() if i.status in ("dropped", "merged") and (tid is None or i.team == tid)]
    gone.sort(key=lambda i: (i.ended_at or i.updated_at, i.id), reverse=True)
    if as_json:
        emit_records(db, gone)
        return
    names = Names(db)
    rows = [
        [
            i.id,
            names.team(i.team),
            i.status,
            db.calendar.day(i.ended_at).isoformat() if i.ended_at else "",
            clip(i.end_reason, 30),
            clip(i.title),
        ]
        for i in gone
    ]
    print_table(["ID", "TEAM", "STATUS", "ENDED", "WHY", "TITLE"], rows, "The trash is empty.")
