"""The meeting's rules as plain functions (L10-RULES.md)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .models import Measurable, Meeting, Person, Rating, Todo
from .text import TextError, check_text

TODO_GOAL = 0.90
RATING_GOAL = 8.0
MAX_TITLE = 200
MAX_TEXT = 4000
MAX_NAME = 60

Track = Literal["on", "off", "missing"]
# Status is never colour alone: the one map of a track to its symbol and its words (the app, CLI, reports use it).
TRACK_SYMBOL: dict[str, str] = {"on": "✓", "off": "✗", "missing": "·"}
TRACK_WORDS: dict[str, str] = {"on": "on track", "off": "off track", "missing": "not entered"}


def track_label(track: str) -> str:
    """``✓ on track``, ``✗ off track``, ``· not entered``."""
    return f"{TRACK_SYMBOL[track]} {TRACK_WORDS[track]}"


class InputError(ValueError):
    """Text a person typed that cannot be stored as it is."""


def on_track(value: float | None, goal: float, op: str, high: float | None = None) -> Track:
    """A weekly number against its goal: on, off, or missing when nobody entered it.

    ``op`` "range" is on track from ``goal`` to ``high``, both included (domain/goals.py reads ``--goal 20-30``).
    """
    if value is None:
        return "missing"
    if op == "range":
        top = goal if high is None else high
        ok = goal - 1e-9 <= value <= top + 1e-9
    elif op == ">=":
        ok = value >= goal
    elif op == "<=":
        ok = value <= goal
    elif op == "==":
        ok = abs(value - goal) < 1e-9
    else:
        raise ValueError(f"unknown goal direction {op!r}")
    return "on" if ok else "off"


def derived_value(numerator: float | None, denominator: float | None, percent: bool = True) -> float | None:
    """A ratio of two measurables; empty when either is missing or the divisor is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    ratio = numerator / denominator
    return round(ratio * 100, 1) if percent else round(ratio, 3)


def week_values(
    measurable: Measurable,
    scores: Mapping[tuple[str, date], float],
    week: date,
) -> float | None:
    """A measurable's number for a week, computing derived ones from their two inputs."""
    if measurable.formula is None:
        return scores.get((measurable.id, week))
    f = measurable.formula
    return derived_value(scores.get((f.numerator, week)), scores.get((f.denominator, week)), f.percent)


def completion_rate(todos: Iterable[Todo], meeting: str | None = None, owner: str | None = None) -> float | None:
    """Share of to-dos reviewed done (in ``meeting`` if given, for ``owner`` if given); None when none reviewed."""
    done = total = 0
    for todo in todos:
        if owner is not None and todo.owner != owner:
            continue
        for review in todo.reviews:
            if meeting is not None and review.meeting != meeting:
                continue
            total += 1
            done += review.done
    return None if total == 0 else done / total


def not_done_twice(todo: Todo) -> bool:
    """True when the last two meetings that reviewed this open to-do both found it not done (a done or moved
    to-do never is: see todo_life.py for the whole life of a to-do)."""
    if todo.status != "open" or len(todo.reviews) < 2:
        return False
    return not todo.reviews[-1].done and not todo.reviews[-2].done


def team_of_person(person: Person | None, preferred: Iterable[str] = ()) -> str | None:
    """The team a person speaks for (an issue's ``raised_by_team``, a to-do's team): the first of their teams among
    ``preferred`` (the meeting's teams, the issue's team), else their first team; None for nobody or no team.
    The CLI, the issues board and the meeting all use this rule."""
    if person is None:
        return None
    wanted = list(preferred)
    return next((t for t in person.teams if t in wanted), person.teams[0] if person.teams else None)


def rating_average(ratings: Sequence[Rating]) -> float | None:
    scores = [r.score for r in ratings if not r.absent and r.score is not None]
    return round(sum(scores) / len(scores), 2) if scores else None


def needs_comment(rating: Rating) -> bool:
    """A rating under 8 asks "what would have made it a 10?"."""
    return not rating.absent and rating.score is not None and rating.score < RATING_GOAL


def check_rating(score: int) -> int:
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 10:
        raise InputError("a rating is a whole number from 1 to 10")
    return score


@dataclass(frozen=True)
class MeetingTimes:
    late_s: float | None
    over_s: float | None
    length_s: float | None


def meeting_times(meeting: Meeting) -> MeetingTimes:
    """Started late by / ran over by / length, in seconds (negative lateness means early)."""
    late = over = length = None
    planned_total = sum(s.planned_s for s in meeting.segments)
    if meeting.actual_start and meeting.planned_start:
        late = (meeting.actual_start - meeting.planned_start).total_seconds()
    if meeting.actual_start and meeting.actual_end:
        length = (meeting.actual_end - meeting.actual_start).total_seconds()
        over = length - planned_total
    return MeetingTimes(late, over, length)


def clean_text(text: str, what: str = "title", *, max_len: int = MAX_TITLE, multiline: bool = False) -> str:
    """Check a title, name or note typed by a person (the rule lives in :mod:`l10tui.domain.text`).

    Leading and trailing white space is dropped. ``multiline`` text (details, notes) may hold new lines and tabs.
    """
    try:
        return check_text(text, what, max_len=max_len, multiline=multiline)
    except TextError as exc:
        raise InputError(str(exc)) from None


MAX_NOTE = 120


def clean_note(text: str) -> str:
    """A one-line note on a week's number ("webinar week"): sanitised like all user text, one line, short."""
    return clean_text(text, "note", max_len=MAX_NOTE) if text.strip() else ""


def clean_name(text: str, what: str = "name") -> str:
    return clean_text(text, what, max_len=MAX_NAME)


# A comma is a thousands separator only where it is followed by exactly three digits and starts no more than three
# digits in: ``1,200``, ``$40,000``, ``1,234,567.5``. Any other comma (``12,5``, ``0,75``, ``1,2345``) is taken for a
# decimal comma and refused with a hint, never read as a bigger number (``12,5`` was stored as 125).
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


def parse_number(text: str, what: str = "value", *, negative: bool = True) -> float:
    """A number as typed: ``42``, ``1,250``, ``37.5%``, ``$12k``, ``-3`` are all fine.

    ``12,5`` is refused ("write 12.5"): see ``_THOUSANDS`` for when a comma is a thousands separator. With
    ``negative`` false a value below zero is refused too.
    """
    typed = text.strip()
    raw = typed.replace("_", "").replace(" ", "")
    if not raw:
        raise InputError(f"{what} is empty")
    mult = 1.0
    raw = raw.lstrip("$€£").rstrip("%")
    if raw[-1:].lower() == "k":
        mult, raw = 1000.0, raw[:-1]
    elif raw[-1:].lower() == "m":
        mult, raw = 1_000_000.0, raw[:-1]
    raw = raw.lstrip("$€£")  # -$5 and $-5 alike
    if "," in raw:
        if not _THOUSANDS.match(raw):
            hint = raw.replace(".", "").replace(",", ".", 1) if raw.count(",") == 1 else ""
            tip = f": write {hint}" if hint and _is_float(hint) else " (use a point for decimals: 12.5)"
            raise InputError(f"{what} {typed[:40]!r} has a decimal comma{tip}")
        raw = raw.replace(",", "")
    try:
        value = float(raw) * mult
    except ValueError:
        raise InputError(f"{what} is not a number: {typed[:40]!r}") from None
    if value != value or value in (float("inf"), float("-inf")) or abs(value) > 1e15:
        raise InputError(f"{what} is out of range: {typed[:40]!r}")
    if value < 0 and not negative:
        raise InputError(f"{what} may not be negative ({typed[:40]})")
    return value + 0.0  # no -0.0


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def parse_score(text: str, measurable: Measurable) -> float:
    """A weekly number typed for ``measurable`` (the CLI, CSV import, the scorecard and the meeting all use it)."""
    return check_score(parse_number(text, "value"), measurable)


def check_score(value: float, measurable: Measurable) -> float:
    """Refuse a negative number for a measurable that may not be negative (counts, rates, percentages)."""
    if value < 0 and not measurable.negative:
        raise InputError(
            f"{measurable.name} may not be negative ({value:g}); if it may, say so: l10 measurable add ... --negative"
        )
    return value


def format_number(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    text = f"{value:,.0f}" if float(value).is_integer() and abs(value) >= 1000 else f"{value:g}"
    if unit == "%":
        return f"{text}%"
    if unit in ("$", "€", "£"):
        return f"{unit}{text}"
    return text


def format_compact(value: float | None, unit: str = "") -> str:
    """A number in at most about five characters for narrow columns: ``51.2k``, ``$199k``, ``27.3%``, ``1.2M``."""
    if value is None:
        return ""
    size = abs(value)
    if size >= 1_000_000:
        text = f"{value / 1_000_000:.3g}M"
    elif size >= 10_000:
        text = f"{value / 1000:.3g}k"
    elif float(value).is_integer():
        text = f"{value:.0f}"
    else:
        text = f"{value:.3g}"
    if unit == "%":
        return f"{text}%"
    if unit in ("$", "€", "£"):
        return f"{unit}{text}"
    return text
