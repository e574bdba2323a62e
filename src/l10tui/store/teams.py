from __future__ import annotations

from l10tui.domain.dates import weekly_rule
from l10tui.domain.models import DEFAULT_AGENDA_MINUTES, SEGMENTS, Team
from l10tui.domain.rules import InputError, clean_name

from .named import NamedRepo

PALETTE = ("#4c8dff", "#ff8c1a", "#2bb673", "#b36bff", "#e6c229", "#ff5c8a")


class Teams(NamedRepo[Team]):
    table_name = "teams"
    model = Team
    noun = "team"

    def add(
        self,
        name: str,
        *,
        colour: str | None = None,
        agenda_minutes: list[int] | None = None,
        weekday: int = 0,
        hour: int = 9,
        minute: int = 0,
        by: str = "",
    ) -> Team:
        name = clean_name(name, "team name")
        minutes = list(agenda_minutes or DEFAULT_AGENDA_MINUTES)
        check_agenda(minutes)
        rule = weekly_rule(weekday, hour, minute)
        with self.store.transaction():
            self.ensure_unique(name)
            return self._new(
                name=name,
                colour=colour or PALETTE[self.count() % len(PALETTE)],
                agenda_minutes=minutes,
                meeting_rule=rule,
                created_by=by,
            )


def check_agenda(minutes: list[int]) -> None:
    if len(minutes) != len(SEGMENTS):
        raise InputError(f"an agenda has {len(SEGMENTS)} segments ({', '.join(SEGMENTS)})")
    if any(isinstance(m, bool) or not isinstance(m, int) or not 1 <= m <= 240 for m in minutes):
        raise InputError("each segment lasts 1 to 240 whole minutes")
