"""``l10 rate`` / ``l10 vote``: attendees act from their own shell; every refusal is one line and changes nothing.

Fails on the code before issue 15 (the commands did not exist).
"""

from __future__ import annotations

from datetime import UTC

from cli_helpers import Cli, Company

from l10tui.domain.clock import FakeClock
from l10tui.meeting import CONCLUDE, IDS, MeetingRun
from l10tui.store import open_store


def _meeting(cli: Cli, clock: FakeClock) -> MeetingRun:
    return MeetingRun.open(open_store(cli.store, clock), clock, tz=UTC)


def test_two_attendees_rate_and_vote(cli: Cli, company: Company, clock: FakeClock) -> None:
    run = _meeting(cli, clock)
    cli.fail("vote", "I-3", "--as", "Ana", match="votes are taken in IDS")
    cli.fail("rate", "9", "--as", "Ana", match="ratings are given in Conclude")
    run.goto(IDS)
    assert "Ana voted for I-3 (1 vote now)" in cli.ok("vote", "I-3", "--as", "Ana").stdout
    assert "(2 votes now)" in cli.ok("vote", "i-3", "--as", "cleo").stdout
    cli.fail("vote", "I-3", "--as", "Ana", match="already voted")
    cli.fail("vote", "I-1", "--as", "Ana", match="is solved")
    cli.fail("vote", "I-99", "--as", "Ana", match="I-99")
    run.set_attendance(open_store(cli.store, clock).people.lookup("Eve").id, False)
    cli.fail("vote", "I-4", "--as", "Eve", match="marked absent")
    run.goto(CONCLUDE)
    cli.ok("rate", "9", "--as", "Ana")
    cli.fail("rate", "6", "--as", "Ben", match="what would have made it a 10")
    cli.ok("rate", "6", "--as", "Ben", "--why", "We ran over")
    cli.fail("rate", "9", "--as", "Eve", match="marked absent")
    cli.fail("rate", "0", "--as", "Ana", match="1 to 10")
    cli.fail("rate", "9", "--as", "Nobody", match="Nobody")
    cli.fail("rate", "9", "--as", "Ana", "--why", "\x1b[2J", match="comment")
    run.sync_seats()
    run.finish(backup=False)  # the record holds both ratings and the votes
    stored = open_store(cli.store, clock).meetings.get(run.meeting.id)
    scores = {r.person: (r.score, r.comment) for r in stored.ratings}
    people = {p.name: p.id for p in open_store(cli.store, clock).people.all()}
    assert scores[people["Ana"]] == (9, "") and scores[people["Ben"]] == (6, "We ran over")
    assert stored.run["votes"]["I-3"] == [people["Ana"], people["Cleo"]]
    cli.fail("rate", "9", "--as", "Ana", match="no meeting with Ana in it is in progress")


def test_no_meeting_in_progress(cli: Cli, company: Company) -> None:
    cli.fail("rate", "9", "--as", "Ana", match="no meeting with Ana")
    cli.fail("vote", "I-3", "--as", "Ana", match="no meeting with Ana")
    cli.fail("rate", "nine", "--as", "Ana", code=2)


def test_room_and_serve_refusals(cli: Cli, company: Company) -> None:
    cli.fail("room", "--team", "Ops", match="Ops")
    cli.fail("serve", "--team", "Ops", match="Ops")
    cli.fail("serve", "--port", "0", code=2)
    cli.fail("serve", "--host", " ", match="--host")
