from __future__ import annotations

from typing import Any

from l10tui.domain.models import Meeting

from .repo import Repo


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

    def latest(self) -> Meeting | None:
        done = self.finished()
        return done[0] if done else None
