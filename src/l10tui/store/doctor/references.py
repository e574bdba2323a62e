"""References from one record to another that is not in the store (``issue I-3: team TM-9 does not exist``).

``l10 doctor`` lists them as warnings, not problems: the store still opens.
"""

from __future__ import annotations

from typing import Any

from l10tui.domain.models import Headline, Issue, Measurable, Meeting, Person, Rock, Score, Todo


def orphan_references(built: dict[str, list[Any]]) -> list[str]:
    """References to records that are not in the store (``issue I-3: team TM-9 does not exist``)."""
    ids = {name: {r.id for r in rows} for name, rows in built.items()}
    out: list[str] = []

    def need(owner: str, what: str, ref: str | None, table: str) -> None:
        if ref and ref not in ids.get(table, set()):
            out.append(f"{owner}: {what} {ref} does not exist")

    for p in built.get("people", []):
        assert isinstance(p, Person)
        for t in p.teams:
            need(f"person {p.id}", "team", t, "teams")
    for m in built.get("measurables", []):
        assert isinstance(m, Measurable)
        need(f"measurable {m.id}", "owner", m.owner, "people")
        for t in m.teams:
            need(f"measurable {m.id}", "team", t, "teams")
        if m.formula is not None:
            need(f"measurable {m.id}", "numerator", m.formula.numerator, "measurables")
            need(f"measurable {m.id}", "denominator", m.formula.denominator, "measurables")
    for s in built.get("scores", []):
        assert isinstance(s, Score)
        need(f"score {s.id}", "measurable", s.measurable, "measurables")
    for r in built.get("rocks", []):
        assert isinstance(r, Rock)
        need(f"rock {r.id}", "owner", r.owner, "people")
        need(f"rock {r.id}", "team", r.team, "teams")
    for h in built.get("headlines", []):
        assert isinstance(h, Headline)
        need(f"headline {h.id}", "person", h.by, "people")
        need(f"headline {h.id}", "meeting", h.meeting, "meetings")
        need(f"headline {h.id}", "team", h.team, "teams")
    for td in built.get("todos", []):
        assert isinstance(td, Todo)
        need(f"to-do {td.id}", "owner", td.owner, "people")
        need(f"to-do {td.id}", "meeting", td.created_in_meeting, "meetings")
        need(f"to-do {td.id}", "issue", td.source_issue, "issues")
        need(f"to-do {td.id}", "team", td.team, "teams")
        for review in td.reviews:
            need(f"to-do {td.id}", "reviewing meeting", review.meeting, "meetings")
    source_table = {"measurable": "measurables", "rock": "rocks", "headline": "headlines", "todo": "todos"}
    for i in built.get("issues", []):
        assert isinstance(i, Issue)
        need(f"issue {i.id}", "team", i.team, "teams")
        need(f"issue {i.id}", "raised-by team", i.raised_by_team, "teams")
        need(f"issue {i.id}", "raised-by person", i.raised_by, "people")
        if i.source is not None:
            need(f"issue {i.id}", f"source {i.source.kind}", i.source.id, source_table[i.source.kind])
        for t in i.todos:
            need(f"issue {i.id}", "to-do", t, "todos")
        for mt in i.meetings:
            need(f"issue {i.id}", "meeting", mt, "meetings")
        need(f"issue {i.id}", "merged-into issue", i.merged_into, "issues")
    for mt in built.get("meetings", []):
        assert isinstance(mt, Meeting)
        where = f"meeting {mt.id}"
        for t in mt.teams:
            need(where, "team", t, "teams")
        for p in mt.attendance:
            need(where, "attendee", p, "people")
        for rating in mt.ratings:
            need(where, "rater", rating.person, "people")
        for t in mt.todos_created:
            need(where, "to-do", t, "todos")
        for iid in mt.issues_added:
            need(where, "added issue", iid, "issues")
        for d in mt.issues_discussed:
            need(where, "discussed issue", d.issue, "issues")
        for hid in mt.headlines:
            need(where, "headline", hid, "headlines")
    return out
