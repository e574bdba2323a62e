"""``l10 history`` printed as it is read: one archive year at a time, never every meeting at once.

Rows come from ``store.meeting_stream.newest_first`` (live meetings first, then each archive year newest first) and
are printed as soon as they are ready; ``--json`` writes one valid JSON array, element by element, in the same
format as ``emit_json`` would (``json.dumps(..., indent=2)``). The text table takes its column widths from the
first rows (up to ``WIDTH_ROWS``; for a list that short, exactly as ``render_table``); a later, wider cell widens
only its own line.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from l10tui.domain.ids import TAG_BASE, parse_key
from l10tui.domain.models import ID_PREFIX, Issue, Meeting, Todo
from l10tui.domain.records import to_dict
from l10tui.domain.text import safe_text

from .common import Names, cell_width, json_text, say, with_names

if TYPE_CHECKING:
    from l10tui.report import HistoryRow
    from l10tui.store import L10Store

WIDTH_ROWS = 200


def _issue_order(issue: Issue) -> tuple[int, int]:
    k = parse_key(issue.id, ID_PREFIX["issues"])
    return (k % TAG_BASE, k // TAG_BASE)  # as Repo.history orders them: I-9, I-10, I-10km


def rows(db: L10Store, last: int, team: str | None) -> Iterator[tuple[Meeting, HistoryRow]]:
    """The ``last`` newest finished meetings (of ``team``) with their rows, newest first, as they are read."""
    from l10tui import report
    from l10tui.store.meeting_stream import newest_first

    base = report.Lookup.from_parts(db)
    reviews: dict[str, list[tuple[Todo, bool]]] = {}
    discussed: dict[str, list[Issue]] = {}
    shown = 0
    for batch in newest_first(db, team):
        for todo in batch.todos:
            for review in todo.reviews:
                reviews.setdefault(review.meeting, []).append((todo, review.done))
        for issue in batch.issues:
            for mid in issue.meetings:
                discussed.setdefault(mid, []).append(issue)
        if not batch.meetings:
            continue
        if batch.live:  # newer than every archived meeting: looked up as `history --last 10` always was
            lk = report.Lookup.for_meetings(db, batch.meetings[: last - shown])
        else:
            lk = base.with_index(
                {m.id: reviews.pop(m.id, []) for m in batch.meetings},
                {m.id: sorted(discussed.pop(m.id, []), key=_issue_order) for m in batch.meetings},
            )
        for m in batch.meetings:
            yield m, report.summarise(m, lk)
            shown += 1
            if shown >= last:
                return


def print_history(db: L10Store, last: int, team: str | None, as_json: bool) -> tuple[list[date], set[str]]:
    """Print the rows (a table, or a JSON array); the days and ids of the meetings shown (for the notes printed
    after the table; none for JSON)."""
    from l10tui import report

    found = rows(db, last, team)
    if as_json:
        names = Names(db)
        from .meetings import history_json

        click.echo("[", nl=False)
        first = True
        for m, row in found:
            element = history_json(row.to_json(), with_names(to_dict(m), names))
            text = "\n".join("  " + line for line in json_text(element).splitlines())
            click.echo(("\n" if first else ",\n") + text, nl=False)
            first = False
        click.echo("]" if first else "\n]")
        return [], set()
    days: list[date] = []
    ids: set[str] = set()
    head: list[list[str]] = []
    widths = [cell_width(h) for h in report.HISTORY_HEADERS]
    for m, row in found:
        days.append(row.day)
        ids.add(m.id)
        cells = row.cells()
        if len(head) < WIDTH_ROWS:
            head.append(cells)
            if len(head) < WIDTH_ROWS:
                continue
            _widen(widths, head)
            say(_line(widths, report.HISTORY_HEADERS))
            for cells_ in head:
                say(_line(widths, cells_))
            continue
        say(_line(widths, cells))
    if len(head) < WIDTH_ROWS:  # a short list: printed whole at the end, as it always was
        if not head:
            say("No finished meetings yet.")
            return days, ids
        _widen(widths, head)
        say(_line(widths, report.HISTORY_HEADERS))
        for cells_ in head:
            say(_line(widths, cells_))
    return days, ids


def _widen(widths: list[int], rows_: list[list[str]]) -> None:
    for cells in rows_:
        for i, cell in enumerate(cells):
            widths[i] = max(widths[i], cell_width(cell))


def _line(widths: list[int], cells: Any) -> str:
    cells = [safe_text(c) for c in cells]
    return "  ".join(c + " " * max(0, widths[i] - cell_width(c)) for i, c in enumerate(cells)).rstrip()
