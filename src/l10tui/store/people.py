from __future__ import annotations

from l10tui.domain.models import Person
from l10tui.domain.rules import clean_name

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
