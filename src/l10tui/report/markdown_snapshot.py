"""The sections of a finished meeting as the room saw them, from its snapshot (names as they were then): scorecard,
funnel, rocks, headlines, to-do review, issues discussed, new issues, new to-dos. One function a section; each
returns its lines (none when the snapshot has nothing there)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from l10tui.domain.rules import format_number, track_label
from l10tui.domain.snapshot import funnel_line
from l10tui.domain.trailing import row_extras, row_goal

from .text import ROCK_TEXT, clock_text, indent

Namer = Callable[[Any], str]  # a record id -> its name


def namer(snap: dict[str, Any] | None, kind: str, live: Any) -> Any:
    """A name as the snapshot recorded it (people and teams may be renamed later), else today's."""
    names: dict[str, str] = (snap or {}).get(kind) or {}

    def name(record_id: str | None) -> str:
        return names.get(record_id or "") or str(live(record_id))

    return name


def snapshot_sections(snap: dict[str, Any], person: Any, team: Any) -> list[str]:
    """The sections of a meeting that show what the room saw, from its snapshot."""
    return [
        *incomplete_note(snap),
        *scorecard(snap, person),
        *funnel(snap),
        *rocks(snap, person),
        *headlines(snap, person),
        *todo_review(snap, person),
        *issues_discussed(snap, person, team),
        *new_issues(snap, person, team),
        *new_todos(snap, person),
    ]


def incomplete_note(snap: dict[str, Any]) -> list[str]:
    if snap.get("complete", True):
        return []
    return ["Note: this record was made before meetings kept everything the room saw; not known: "
            + "; ".join(snap.get("unknown", [])) + ".", ""]  # fmt: skip


def scorecard(snap: dict[str, Any], person: Namer) -> list[str]:
    if not snap.get("measurables"):
        return []
    out = [f"## Scorecard, week of {snap.get('week')}", ""]
    for m in snap["measurables"]:
        value = m.get("value")
        shown = format_number(value, m.get("unit", "")) if value is not None else "—"
        owner = f" ({person(m['owner'])})" if m.get("owner") else ""
        out.append(
            f"- {m['name']}{owner}: {shown}, goal {row_goal(m)} — {track_label(m.get('status', 'missing'))}"
            + row_extras(m)
        )
    return [*out, ""]


def funnel(snap: dict[str, Any]) -> list[str]:
    """The funnel line the room saw under the scorecard (issue #18)."""
    line = funnel_line(snap)
    return [f"{line}", ""] if line else []


def _milestones_text(value: Any) -> str:
    """``, 2 of 5 milestones, next 4 Dec LATE`` from a snapshot's rock row (empty for none or an older snapshot)."""
    from l10tui.domain.milestones import Progress

    if not isinstance(value, dict) or not isinstance(value.get("total"), int) or not value.get("total"):
        return ""
    try:
        nxt = date.fromisoformat(value["next_due"]) if value.get("next_due") else None
    except (TypeError, ValueError):
        nxt = None
    done = value.get("done") or 0
    if not isinstance(done, int) or isinstance(done, bool):
        return ""  # a damaged record says nothing rather than something made up (tests/reliability: mutated stores)
    prog = Progress(done, value["total"], str(value.get("next") or ""), nxt, bool(value.get("next_late")))
    return ", " + prog.text()


def rocks(snap: dict[str, Any], person: Namer) -> list[str]:
    if not snap.get("rocks"):
        return []
    out = ["## Rocks", ""]
    for r in snap["rocks"]:
        changed = " (changed in this meeting)" if r.get("changed") else ""
        steps = _milestones_text(r.get("milestones"))
        out.append(f"- {r['id']} {r['title']} ({person(r.get('owner'))}): {ROCK_TEXT[r.get('status')]}{steps}{changed}")
    return [*out, ""]


def headlines(snap: dict[str, Any], person: Namer) -> list[str]:
    if not snap.get("headlines"):
        return []
    out = ["## Headlines", ""]
    out += [f"- {str(h.get('kind', '')).capitalize()}: {h['text']} ({person(h.get('by'))})" for h in snap["headlines"]]
    return [*out, ""]


def todo_review(snap: dict[str, Any], person: Namer) -> list[str]:
    if not snap.get("todos"):
        return []
    out = ["## To-do review", ""]
    box = {"done": "[x]", "not done": "[ ]", "not reviewed": "[?]"}
    for t in snap["todos"]:
        moved = f", moved to {t['moved_to']}" if t.get("moved_to") else ""
        outcome = t.get("outcome", "not reviewed")
        out.append(f"- {box.get(outcome, '[?]')} {t['id']} {t['title']} ({person(t.get('owner'))}): {outcome}{moved}")
    return [*out, ""]


def issue_line(i: dict[str, Any], person: Namer, team: Namer) -> str:
    raised = " · ".join(x for x in (team(i.get("raised_by_team")), person(i.get("raised_by"))) if x)
    return f"{i['id']} {i['title']} ({team(i.get('team'))}" + (f", raised by {raised})" if raised else ")")


def issues_discussed(snap: dict[str, Any], person: Namer, team: Namer) -> list[str]:
    if not snap.get("issues"):
        return []
    out = ["## Issues discussed", ""]
    for i in snap["issues"]:
        out += [f"### {issue_line(i, person, team)}", ""]
        out.append(f"- Outcome: {i.get('outcome') or 'discussed'} (time spent {clock_text(i.get('seconds', 0.0))})")
        if i.get("notes"):
            out.append(f"- Notes: {indent(i['notes'])}")
        if i.get("solution"):
            out.append(f"- Solution: {indent(i['solution'])}")
        if i.get("todos"):
            out.append("- To-dos: " + "; ".join(f"{t['id']} {t['title']} ({person(t['owner'])})" for t in i["todos"]))
        out.append("")
    return out


def new_issues(snap: dict[str, Any], person: Namer, team: Namer) -> list[str]:
    if not snap.get("issues_added"):
        return []
    out = ["## New issues", ""]
    for i in snap["issues_added"]:
        src = i.get("source")
        source = f" [from {src['kind']} {src['id']}]" if src else ""
        out.append(f"- {issue_line(i, person, team)}{source}")
    return [*out, ""]


def new_todos(snap: dict[str, Any], person: Namer) -> list[str]:
    if not snap.get("todos_created"):
        return []
    out = ["## New to-dos", ""]
    for t in sorted(snap["todos_created"], key=lambda t: person(t.get("owner")).casefold()):
        due = f", due {t['due']}" if t.get("due") else ""
        out.append(f"- {t['id']} {t['title']} ({person(t.get('owner'))}{due})")
    return [*out, ""]
