from __future__ import annotations

from l10tui.domain.models import Headline, HeadlineKind
from l10tui.domain.rules import InputError, clean_text

from .repo import Repo


class Headlines(Repo[Headline]):
    table_name = "headlines"
    model = Headline
    noun = "headline"

    def add(
        self, text: str, *, kind: HeadlineKind, by: str, meeting: str | None = None, team: str | None = None
    ) -> Headline:
        if kind not in ("customer", "employee"):
            raise InputError("a headline is about a customer or an employee")
        text = clean_text(text, "headline")
        return self._new(kind=kind, text=text, by=by, meeting=meeting, team=team, created_by=by)
