"""The shape of the store file: its tables, the record class of each, its schema version and migrations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from l10tui.domain.models import Headline, Issue, Measurable, Meeting, Person, Record, Rock, Score, Team, Todo

SCHEMA_VERSION = 2  # 2: meetings keep a snapshot of what the room saw; to-dos can be "moved" (issue 10)
META = "_meta"

TABLES: dict[str, type[Record]] = {
    "teams": Team,
    "people": Person,
    "measurables": Measurable,
    "scores": Score,
    "rocks": Rock,
    "headlines": Headline,
    "todos": Todo,
    "issues": Issue,
    "meetings": Meeting,
}

Data = dict[str, dict[str, dict[str, Any]]]


# MIGRATIONS[n] turns a store of schema n into schema n + 1. Each gets the whole parsed file and returns it.
def _v1_to_v2(data: Data) -> Data:
    from .migrate_v2 import migrate_1_to_2  # lazy: only an old store pays for it

    return migrate_1_to_2(data)


MIGRATIONS: dict[int, Callable[[Data], Data]] = {1: _v1_to_v2}


def empty_data() -> Data:
    return {META: {"1": {"schema_version": SCHEMA_VERSION, "counters": {}, "settings": {}}}}
