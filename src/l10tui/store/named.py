"""Records people refer to by name (teams, people, measurables): lookup by name or id, with helpful errors."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from l10tui.domain.models import Record

from .errors import Conflict, NotFound
from .repo import Repo

N = TypeVar("N", bound=Record)


class NamedRepo(Repo[N]):
    noun: ClassVar[str] = "record"

    def name_of(self, record: Any) -> str:
        return str(record.name)

    def active(self) -> list[N]:
        return [r for r in self.all() if getattr(r, "active", True)]

    def lookup(self, text: str) -> N:
        """By id (``P-3``) or by name, case-insensitive; a unique prefix of a name also works."""
        key = text.strip()
        by_id = self.find(key) if "-" in key or key[:1].isalpha() else None
        if by_id is not None:
            return by_id
        records = self.all()
        folded = key.casefold()
        exact = [r for r in records if self.name_of(r).casefold() == folded]
        if len(exact) == 1:
            return exact[0]
        starts = [r for r in records if self.name_of(r).casefold().startswith(folded)] if folded else []
        if len(starts) == 1:
            return starts[0]
        names = ", ".join(sorted(self.name_of(r) for r in records if getattr(r, "active", True)))
        if len(starts) > 1:
            raise NotFound(
                f"{self.noun} {key!r} is ambiguous: it could be {', '.join(self.name_of(r) for r in starts)}"
            )
        if not names:
            raise NotFound(f"no {self.noun} {key!r}: there are none yet (add one with: l10 {self.noun} add NAME)")
        raise NotFound(f"no {self.noun} {key!r}; known {self.noun}s: {names}")

    def ensure_unique(self, name: str, exclude: str | None = None) -> None:
        for r in self.all():
            if self.name_of(r).casefold() == name.casefold() and r.id != exclude:
                raise Conflict(f"there is already a {self.noun} called {self.name_of(r)!r} ({r.id})")
