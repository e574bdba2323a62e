"""Every finished meeting, newest first, read one archive year at a time (``l10 history --last 100000``).

``Meetings.recent`` holds every meeting it returns, and the report then builds every archived record to look
them up: ten years held at once. This walks the live file and then the archive years newest first, and hands
meetings over as soon as no unread year can hold a newer one, together with the to-dos and issues (read from the
same years) that say what happened in them. Only the meetings not yet handed over and the records that refer to
them are held.

When a meeting is handed over:

* a year file holds the meetings that *ended* that year (UTC day, ``archive.closed_on``), so after reading the years
  down to Y, no unread year holds a meeting that started on or after Y's 1 January; the manifest's newest start of
  each year (``newest_meeting``) narrows that further;
* what a meeting refers to (to-dos it reviewed, issues discussed in it) closed in its year or later, or at most a
  year earlier (a to-do done just before the new year and reviewed after it), as ``report.Lookup.for_meetings``
  assumes: an archived meeting is handed over once the year before its own has been read.

Live meetings newer than every archived meeting come first, in a batch of their own (``live=True``): the report
looks them up as ``history --last 10`` always did, without reading any archive.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from l10tui.domain.models import Issue, Meeting, Todo
from l10tui.domain.records import RecordError

from .errors import StoreDamaged
from .manifest import newest_meeting

if TYPE_CHECKING:
    from . import L10Store


@dataclass
class Batch:
    """Meetings ready to show (newest first) and the records first read with them."""

    meetings: list[Meeting] = field(default_factory=list)
    todos: list[Todo] = field(default_factory=list)  # to-dos that were reviewed in some meeting
    issues: list[Issue] = field(default_factory=list)  # issues discussed in some meeting
    live: bool = False


def _start(m: Meeting) -> datetime:
    return m.actual_start or m.created_at


def _year_start(year: int) -> datetime:
    return datetime(year, 1, 1, tzinfo=UTC)


def newest_first(db: L10Store, team: str | None = None) -> Iterator[Batch]:
    """Every finished meeting (of ``team``), newest first, in batches (see the module's docstring)."""

    def mine(m: Meeting) -> bool:
        return m.state == "finished" and (team is None or team in m.teams)

    def order(found: list[Meeting]) -> list[Meeting]:
        return sorted(found, key=_start, reverse=True)

    live_meetings = db.meetings.all()
    seen_meetings = {m.id for m in live_meetings}
    pending = order([m for m in live_meetings if mine(m)])
    seen_todos = {t.id for t in db.todos.all()}
    seen_issues = {i.id for i in db.issues.all()}
    first = Batch(
        todos=[t for t in db.todos.all() if t.reviews], issues=[i for i in db.issues.all() if i.meetings], live=True
    )
    files = db.archive.files()  # oldest first
    if files:
        newest = newest_meeting(db.meta, files[-1][0])
        bound = datetime.fromisoformat(newest) if newest is not None else _year_start(files[-1][0] + 1)
        first.meetings = [m for m in pending if _start(m) > bound]
        pending = pending[len(first.meetings) :]
    else:
        first.meetings, pending = pending, []
    yield first
    for index in range(len(files) - 1, -1, -1):
        year, path = files[index]
        tables = ("meetings", "todos", "issues")
        each = db.archive.records(year, path, tables)  # one record at a time: the year is never held whole
        if each is None:  # not the file the store wrote: read whole, checked (and refused if damaged)
            data = db.archive.read(path)
            each = ((name, key, doc) for name in tables for key, doc in data.get(name, {}).items())
        batch = Batch()
        try:
            for name, _key, doc in each:
                if name == "meetings":
                    if doc.get("id") not in seen_meetings:
                        m = db.meetings._build(doc)
                        seen_meetings.add(m.id)
                        if mine(m):
                            pending.append(m)
                elif name == "todos":
                    batch.todos += _fresh(db.todos, doc, seen_todos, "reviews")
                else:
                    batch.issues += _fresh(db.issues, doc, seen_issues, "meetings")
        except RecordError as exc:
            raise StoreDamaged(path, f"bad record {exc}", None) from None
        except ValueError as exc:  # cut or changed while it was read: it no longer matches its digest
            raise StoreDamaged(path, f"not valid JSON ({exc})", None) from None
        pending = order(pending)
        if index == 0:
            batch.meetings, pending = pending, []
        else:
            unread = files[index - 1][0]  # the newest year not read yet
            newest = newest_meeting(db.meta, unread)
            bound = datetime.fromisoformat(newest) if newest is not None else _year_start(unread + 1)
            ready = 0
            for m in pending:
                if _start(m) <= bound or _start(m).year - 1 <= unread:
                    break
                ready += 1
            batch.meetings, pending = pending[:ready], pending[ready:]
        yield batch
    if pending:  # live meetings older than every archive year's (none, unless the archives are gone)
        yield Batch(meetings=pending)


def _fresh(repo: Any, doc: dict[str, Any], seen: set[str], needs: str) -> list[Any]:
    """The record, if not seen in a newer place (the newest copy wins) and it refers to a meeting."""
    rid = doc.get("id")
    if rid in seen:
        return []
    seen.add(str(rid))
    return [repo._build(doc)] if doc.get(needs) else []
