from __future__ import annotations

from datetime import date

from l10tui.domain.dates import quarter_last_day, week_monday
from l10tui.domain.models import Rock, RockWeek
from l10tui.domain.rules import InputError, clean_text

from .errors import Conflict
from .repo import Repo


class Rocks(Repo[Rock]):
    table_name = "rocks"
    model = Rock
    noun = "rock"

    def add(self, title: str, *, owner: str, team: str, quarter: str, due: date | None = None, by: str = "") -> Rock:
        title = clean_text(title, "rock title")
        last = quarter_last_day(quarter)
        return self._new(title=title, owner=owner, team=team, quarter=quarter, due=due or last, created_by=by)

    def set_status(self, rock_id: str, status: str, today: date) -> Rock:
        """``on``/``off`` for this week (replacing this week's entry), ``done``/``not-done`` to close it."""
        with self.store.transaction():
            rock = self.get(rock_id)
            self.store.name_change(f"{rock.id} {status}")
            if status in ("on", "off"):
                if rock.final is not None:
                    raise InputError(f"{rock.id} is already closed as {rock.final}; reopen it first")
                week = week_monday(today)
                rock.history = [h for h in rock.history if h.week != week]
                rock.history.append(RockWeek(week=week, status=status))  # type: ignore[arg-type]
            elif status in ("done", "not-done"):
                rock.final = status  # type: ignore[assignment]
            else:
                raise InputError(f"rock status {status!r} is not one of on, off, done, not-done")
            return self.save(rock)

    def reopen(self, rock_id: str) -> Rock:
        """Take back a rock's done/not-done: it is open again, its weekly on/off history kept."""
        with self.store.transaction():
            rock = self.get(rock_id)
            if rock.final is None:
                raise Conflict(f"{rock.id} is not closed")
            self.store.name_change(f"reopened {rock.id}")
            rock.final = None
            return self.save(rock)

    def edit(
        self,
        rock_id: str,
        *,
        title: str | None = None,
        owner: str | None = None,
        team: str | None = None,
        quarter: str | None = None,
        due: date | None = None,
    ) -> Rock:
        """Reword, reassign (``owner``/``team``: ids), move to another quarter, or change the due date."""
        with self.store.transaction():
            rock = self.get(rock_id)
            what = [w for w, v in (("reworded", title), ("reassigned", owner or team), ("moved", quarter or due)) if v]
            self.store.name_change(f"{' and '.join(what) or 'edited'} {rock.id}")
            if title is not None:
                rock.title = clean_text(title, "rock title")
            if owner is not None:
                rock.owner = owner
            if team is not None:
                rock.team = team
            if quarter is not None and quarter != rock.quarter:
                rock.quarter = quarter
                if due is None:
                    rock.due = quarter_last_day(quarter)
            if due is not None:
                rock.due = due
            return self.save(rock)

    def for_quarter(self, quarter: str, team: str | None = None) -> list[Rock]:
        return [r for r in self.all() if r.quarter == quarter and (team is None or r.team == team)]
