"""A measurable's weekly goal as people set it: ``>= 120``, ``<= 5``, ``== 3`` or a range ``20-30``.

The one home of the rule (the CLI's ``--goal``, the app's measurable form and the engine all read goals here;
:func:`l10tui.domain.rules.on_track` says on / off track, a range being on track inside it, both ends included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Measurable
from .rules import InputError, format_number, parse_number

DIRECTIONS: tuple[str, ...] = (">=", "<=", "==", "range")

# ``20-30``, ``20 - 30``, ``20..30``, ``20 to 30``, ``-30--20``, ``-5-5``, ``$10k-$20k``, ``20%-30%``.
# The low end may start with a minus; the separator is the first ``-`` (or ``..``/``to``) after the low end's digits.
_RANGE = re.compile(r"^\s*(-?[^-.\s]+(?:\.\d+)?%?)\s*(?:-|–|\.\.|to)\s*(-?.+?)\s*$", re.IGNORECASE)
_PREFIX = re.compile(r"^\s*(>=|<=|==|=|≥|≤)\s*(.+)$")


@dataclass(frozen=True, slots=True)
class Goal:
    op: str
    goal: float
    high: float | None = None


def parse_goal(text: str, op: str | None = None, *, negative: bool = False) -> Goal:
    """``--goal`` as typed: a number (with ``op``, default ``>=``), a number after its direction (``<=5``) or a
    range ``LOW-HIGH`` (on track inside it, both ends included).

    A range written backwards (``30-20``) is refused, and so is a range below zero for a measurable whose numbers
    may not be negative (``negative`` false), so nothing is written.
    """
    typed = text.strip()
    if not typed:
        raise InputError("goal is empty")
    prefix = _PREFIX.match(typed)
    if prefix:
        sign = {"=": "==", "≥": ">=", "≤": "<="}.get(prefix.group(1), prefix.group(1))
        if op is not None and op != sign:
            raise InputError(f"goal {typed[:40]!r} says {sign} but --op says {op}")
        return Goal(sign, parse_number(prefix.group(2), "goal"))
    found = _RANGE.match(typed)
    if found and not _plain_number(typed):
        if op is not None and op != "range":
            raise InputError(f"goal {typed[:40]!r} is a range; a range takes no --op {op}")
        low = _end(found.group(1), "goal's low end", negative)
        high = _end(found.group(2), "goal's high end", negative)
        if high < low:
            raise InputError(
                f"goal range {typed[:40]!r} is written backwards: the low end comes first "
                f"({format_number(high)}-{format_number(low)})"
            )
        return Goal("range", low, high)
    if op == "range":
        raise InputError(f"a range goal is LOW-HIGH, e.g. 20-30 (got {typed[:40]!r})")
    return Goal(op or ">=", parse_number(typed, "goal"))


def _plain_number(text: str) -> bool:
    try:
        parse_number(text, "goal")
    except InputError:
        return False
    return True


def _end(text: str, what: str, negative: bool) -> float:
    value = parse_number(text, what)
    if value < 0 and not negative:
        raise InputError(
            f"{what} may not be negative ({value:g}): the measurable's numbers may not be; "
            "if they may, say so with --negative"
        )
    return value


def goal_label(op: str, goal: float, high: float | None, unit: str = "") -> str:
    """``>= 120``, ``<= $5k``, ``20-30%`` as the scorecard, the CLI and the exports show a goal."""
    if op == "range":
        top = goal if high is None else high
        return f"{format_number(goal, unit)}–{format_number(top, unit)}"
    return f"{op} {format_number(goal, unit)}"


def measurable_goal(m: Measurable) -> str:
    return goal_label(m.op, m.goal, m.goal_high, m.unit)


def check_goal(goal: Goal, *, negative: bool) -> Goal:
    """The store's last check: a known direction, a range the right way round, below zero only where allowed."""
    if goal.op not in DIRECTIONS:
        raise InputError(f"goal direction {goal.op!r} is not one of >=, <=, ==, or a range LOW-HIGH")
    if goal.op == "range" and (goal.high is None or goal.high < goal.goal):
        raise InputError("a range goal's high end is below its low end")
    if goal.op == "range" and not negative and goal.goal < 0:
        raise InputError("a range goal may not go below zero unless the measurable's numbers may (--negative)")
    return goal
