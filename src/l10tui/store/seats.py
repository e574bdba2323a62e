"""Attendees act from their own seats: ``l10 rate 8 --as Ann`` in Conclude and ``l10 vote I-12 --as Ann`` while the
top three are picked. One home for these rules (a store-side service), shared by the CLI and the meeting engine.

They write to the open meeting through the store, under its lock, one transaction each; a refusal raises before
anything changed, so the file stays byte-for-byte as it was. The facilitator's running ``l10 meet`` picks the change
up on its next store refresh and never overwrites it (see :meth:`MeetingRun._merge_seats` and :func:`merge_ratings`).

Votes live in the meeting's checkpoint (``run["votes"]``: issue id -> the ids of the people who voted for it); the
engine never changes them, it only carries them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from l10tui.domain.models import SEGMENTS, Issue, Meeting, Person, Rating
from l10tui.domain.rules import InputError, check_rating, clean_text, needs_comment

if TYPE_CHECKING:
    from . import L10Store

IDS = SEGMENTS.index("IDS")
CONCLUDE = SEGMENTS.index("Conclude")
VOTES_EACH = 3  # one vote for each place of the top three


class SeatError(InputError):
    """An attendee's rating or vote that the meeting cannot take now (one clear line; nothing was written)."""


def merge_ratings(base: Sequence[Rating], mine: Sequence[Rating], theirs: Sequence[Rating]) -> list[Rating]:
    """A three-way merge per person: ``mine`` where it changed since ``base`` (the version both started from),
    else ``theirs`` (what the store holds now: a rating an attendee wrote meanwhile)."""
    b = {r.person: r for r in base}
    m = {r.person: r for r in mine}
    t = {r.person: r for r in theirs}
    out: list[Rating] = []
    for person in dict.fromkeys([*t, *m]):
        chosen = m.get(person) if m.get(person) != b.get(person) else t.get(person)
        if chosen is not None:
            out.append(chosen)
    return out


def seat_rating(
    name: str, person_id: str, present: bool, score: int | None, comment: str = "", *, hint: str = ""
) -> Rating:
    """The rating rule: 1-10, nobody marked absent, under 8 says what would have made it a 10."""
    if not present:
        raise SeatError(f"{name} is marked absent")
    text = clean_text(comment, "comment", max_len=1000) if comment.strip() else ""
    if score is not None:
        check_rating(score)
        if needs_comment(Rating(person_id, score)) and not text:
            raise SeatError(f"a rating under 8: what would have made it a 10?{hint}")
    return Rating(person=person_id, score=score, comment=text)


@dataclass(frozen=True)
class SeatResult:
    meeting: Meeting
    person: Person
    message: str


def _expected(db: L10Store, meeting: Meeting, person: Person) -> bool:
    return person.id in meeting.attendance or any(t in meeting.teams for t in person.teams)


def open_meeting_of(db: L10Store, person: Person, team: str | None = None) -> Meeting:
    """The meeting in progress this person sits in (``team``: the one of that team when several run)."""
    found = [m for m in db.meetings.all() if m.state == "in-progress" and _expected(db, m, person)]
    if team is not None:
        tid = db.teams.lookup(team).id
        found = [m for m in found if tid in m.teams]
    if not found:
        raise SeatError(f"no meeting with {person.name} in it is in progress (the facilitator starts it: l10 meet)")
    if len(found) > 1:
        names = ", ".join(m.id for m in found)
        raise SeatError(f"several meetings are in progress ({names}); say which with --team")
    return found[0]


def _segment(meeting: Meeting) -> int:
    current = meeting.run.get("current", 0)
    return current if isinstance(current, int) and not isinstance(current, bool) else 0


def _segment_name(meeting: Meeting) -> str:
    i = _segment(meeting)
    return meeting.segments[i].name if 0 <= i < len(meeting.segments) else "?"


def rate(db: L10Store, who: str, score: int, why: str = "", team: str | None = None) -> SeatResult:
    """``l10 rate``: the person's 1-10 rating of the meeting in progress, in Conclude only."""
    with db.transaction():
        person = db.people.lookup(who)
        meeting = open_meeting_of(db, person, team)
        if _segment(meeting) != CONCLUDE:
            raise SeatError(
                f"{meeting.id} is in {_segment_name(meeting)}; ratings are given in Conclude (the last segment)"
            )
        present = meeting.attendance.get(person.id, True)
        rating = seat_rating(person.name, person.id, present, score, why, hint=' (say it with --why "...")')
        meeting.ratings = [r for r in meeting.ratings if r.person != person.id] + [rating]
        db.meetings.save(meeting)
    return SeatResult(meeting, person, f"{person.name} rated {meeting.id} {score}/10")


def _open_issue_of(db: L10Store, meeting: Meeting, issue_id: str) -> Issue:
    issue = db.issues.get(issue_id)
    if issue.team not in meeting.teams:
        raise SeatError(f"{issue.id} is not on the issues list of {meeting.id}'s teams")
    if issue.status != "open":
        raise SeatError(f"{issue.id} is {issue.status}")
    return issue


def vote(db: L10Store, issue_id: str, who: str, team: str | None = None) -> SeatResult:
    """``l10 vote``: one vote for an issue while the top three are picked (IDS); three votes each at most."""
    with db.transaction():
        person = db.people.lookup(who)
        meeting = open_meeting_of(db, person, team)
        if _segment(meeting) != IDS:
            raise SeatError(
                f"{meeting.id} is in {_segment_name(meeting)}; votes are taken in IDS, while the top three are picked"
            )
        if not meeting.attendance.get(person.id, True):
            raise SeatError(f"{person.name} is marked absent")
        issue = _open_issue_of(db, meeting, issue_id)
        votes: dict[str, list[str]] = {k: list(v) for k, v in dict(meeting.run.get("votes", {})).items()}
        if person.id in votes.get(issue.id, []):
            raise SeatError(f"{person.name} already voted for {issue.id}")
        mine = [iid for iid, who_ids in votes.items() if person.id in who_ids and _still_open(db, iid)]
        if len(mine) >= VOTES_EACH:
            raise SeatError(f"{person.name} has voted for {VOTES_EACH} issues already ({', '.join(mine)})")
        votes.setdefault(issue.id, []).append(person.id)
        meeting.run["votes"] = votes
        db.meetings.save(meeting)
    n = len(votes[issue.id])
    return SeatResult(meeting, person, f"{person.name} voted for {issue.id} ({n} vote{'s' if n != 1 else ''} now)")


def _still_open(db: L10Store, issue_id: str) -> bool:
    found = db.issues.find(issue_id)
    return found is not None and found.status == "open"
