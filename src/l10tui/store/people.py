from __future__ import annotations

from l10tui.domain.models import Person
from l10tui.domain.rules import clean_name

from .errors import Conflict
from .named import NamedRepo


class People(NamedRepo[Person]):
    table_name = "people"
    model = Person
    noun = "person"

    def add(self, name: str, teams: list[str], by: str = "") -> Person:
        name = clean_name(name, "name")
        with self.store.transaction():
            self.ensure_unique(name)
            return self._new(name=name, teams=list(dict.fromkeys(teams)), created_by=by)

    def members(self, team_id: str) -> list[Person]:
        return [p for p in self.active() if team_id in p.teams]

    def owner(self, text: str) -> Person:
        """A person to give work to: found like :meth:`lookup`, refused if they have left (the active listed)."""
        who = self.lookup(text)
        check_active(who, self.active())
        return who


def check_active(who: Person, active: list[Person]) -> None:
    """Work goes only to people still here: refuse someone who left, naming those who can take it."""
    if not who.active:
        names = ", ".join(sorted(p.name for p in active)) or "nobody (add someone first)"
        raise Conflict(f"{who.name} has left and cannot own work; active people: {names}")
