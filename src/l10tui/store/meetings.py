from __future__ import annotations

from datetime import datetime
from typing import Any

from l10tui.domain.models import Meeting

from .manifest import newest_meeting
from .repo import Repo

# "Recent" history, in `l10 history` (its --last default) and on the app's history screen: the ten newest finished
# meetings, archived years included, so that both list the same meetings as trends count.
RECENT = 10


class Meetings(Repo[Meeting]):
    table_name = "meetings"
    model = Meeting
    noun = "meeting"

    def add(self, **fields: Any) -> Meeting:
        """A new meeting record (the live engine, meeting/, fills in every field)."""
        return self._new(**fields)

    def in_progress(self, teams: list[str] | None = None) -> Meeting | None:
        """The unfinished meeting for exactly these teams (None = any), newest first."""
        found = [
            m for m in self.all() if m.state == "in-progress" and (teams is None or sorted(m.teams) == sorted(teams))
        ]
        return max(found, key=lambda m: m.created_at) if found else None

    def finished(self) -> list[Meeting]:
        """Finished meetings, newest first."""
        done = [m for m in self.all() if m.state == "finished"]
        return sorted(done, key=lambda m: m.actual_start or m.created_at, reverse=True)

    def recent(self, n: int, team: str | None = None) -> list[Meeting]:
        """The ``n`` newest finished meetings (of ``team``), newest first, reading archive years newest first and
        only as many as it takes (``l10 history --last 10`` on ten years reads the live file alone)."""

        def pick(found: list[Meeting]) -> list[Meeting]:
            done = [m for m in found if m.state == "finished" and (team is None or team in m.teams)]
            return sorted(done, key=lambda m: m.actual_start or m.created_at, reverse=True)

        got = pick(self.all())
        seen = {m.id for m in got}
        for year, path in reversed(self.store.archive.files()):
            # a year file holds meetings that ended that year: none started after the n-th newest we have
            if len(got) >= n:
                nth = got[n - 1].actual_start or got[n - 1].created_at
                if nth.year > year:
                    break
                newest = newest_meeting(self.store.meta, year)
                if newest is not None and datetime.fromisoformat(newest) < nth:
                    continue  # the manifest says every meeting of that year started before the n-th newest
            docs = self.store.archive.read(path).get(self.table_name, {})
            older = [self._build(doc) for key, doc in docs.items() if doc.get("state") == "finished"]
            got = pick([*got, *(m for m in older if m.id not in seen)])
            seen |= {m.id for m in older}
        return got[:n]

    def recent_history(self, team: str | None = None) -> list[Meeting]:
        """The history screen's list: every finished meeting of the live file and at least the :data:`RECENT`
        newest, archived years read as far as it takes (so it starts with what ``l10 history`` prints)."""
        live = [m for m in self.all() if m.state == "finished" and (team is None or team in m.teams)]
        return self.recent(max(RECENT, len(live)), team)

    def latest(self) -> Meeting | None:
        done = self.finished()
        return done[0] if done else None
