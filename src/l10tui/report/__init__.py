"""A finished meeting as Markdown that reads well in an email, as JSON for tools, and as a row of the history.

Imports domain and store only (never Textual), so the CLI's ``history``/``show``/``export`` and the app's history
screen can share it. Everything is computed from the stored records; times are shown in the zone given (the local
one by default).

The modules, one job each: ``text`` (small formatters), ``lookup`` (the records a meeting refers to, and its
weeks), ``reading`` (a lookup read from the store), ``summary`` (a history row), ``markdown`` (the meeting's Markdown:
heading, facts, agenda, segue, messages, ratings) with ``markdown_snapshot`` (what the room saw) and
``markdown_live`` (a meeting from before snapshots), and ``json_export``. The names below are the package's public
ones (``from l10tui import report; report.X``).
"""

from __future__ import annotations

from .json_export import meeting_json
from .lookup import Lookup, meeting_measurables, meeting_week, scorecard_week
from .markdown import meeting_markdown
from .markdown_snapshot import snapshot_sections
from .summary import (
    HISTORY_HEADERS,
    HistoryRow,
    history_rows,
    issue_outcomes,
    skipped_weeks,
    summarise,
    todo_reviews,
    week_note,
)
from .text import (
    ON_TIME_S,
    ROCK_TEXT,
    calendar_for,
    clock_text,
    indent,
    late_text,
    local,
    meeting_day,
    meeting_start,
    minutes_text,
    over_text,
    percent_text,
)

__all__ = [
    "HISTORY_HEADERS",
    "ON_TIME_S",
    "ROCK_TEXT",
    "HistoryRow",
    "Lookup",
    "calendar_for",
    "clock_text",
    "history_rows",
    "indent",
    "issue_outcomes",
    "late_text",
    "local",
    "meeting_day",
    "meeting_json",
    "meeting_markdown",
    "meeting_measurables",
    "meeting_start",
    "meeting_week",
    "minutes_text",
    "over_text",
    "percent_text",
    "scorecard_week",
    "skipped_weeks",
    "snapshot_sections",
    "summarise",
    "todo_reviews",
    "week_note",
]
