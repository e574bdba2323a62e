"""The record score beside the room's average at Conclude (domain/record_score.py holds the rule).

``record_text`` renders it: ``Record says 4/10`` and each of the five points named with ✓ / ✗ (? when the record
cannot say), and the gap to the room's average when it is 2 or more.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import App

from l10tui.domain.models import Meeting
from l10tui.domain.record_score import RUBRIC, RUBRIC_TEXT, RecordScore, record_score
from l10tui.domain.rules import Track, rating_average

from ..status import muted, track_colour


def record_text(app: App[object], score: RecordScore, rating: float | None) -> Text:
    """``Record says 4/10 (room 9.2, gap +5.2): ✓ started on time (on time) · ✗ ended on time (ran over by
    5 min) · ...``: one paragraph that wraps, so it fits under the average at 80x24 too."""
    text = Text("Record says ", style="bold")
    text.append(score.text(), style="bold")
    if rating is not None and score.score is not None and abs(rating - score.score) >= 2:
        text.append(f" (room {rating:.1f}, gap {rating - score.score:+.1f})", style=track_colour(app, "off"))
    text.append(":")
    for n, point in enumerate(score.points):
        track: Track = "missing" if point.ok is None else ("on" if point.ok else "off")
        text.append(" · " if n else " ")
        text.append(f"{point.mark} {point.name}", style=track_colour(app, track))
        text.append(f" ({point.detail})", style=muted(app))
    return text


def meeting_record_text(app: App[object], meeting: Meeting, now: datetime | None) -> Text:
    """The Conclude line of a meeting still running (scored as if it ended ``now``)."""
    return record_text(app, record_score(meeting, now), rating_average(meeting.ratings))


def rubric_text() -> Text:
    """What a 10 means (``?`` at Conclude)."""
    text = Text("What a 10 means\n", style="bold underline")
    text.append(RUBRIC_TEXT + "\n")
    for mark, meaning in RUBRIC:
        text.append(f"{mark:>9}  ", style="bold")
        text.append(meaning + "\n")
    return text
