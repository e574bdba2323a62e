"""What the dialogs dismiss with: plain values, no Textual."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from l10tui.domain.models import HeadlineKind


@dataclass(frozen=True)
class NewIssue:
    title: str
    team: str
    raised_by: str | None
    details: str = ""


@dataclass(frozen=True)
class TodoSpec:
    title: str
    owner: str
    due: date


@dataclass(frozen=True)
class NewHeadline:
    kind: HeadlineKind
    text: str
    by: str


@dataclass(frozen=True)
class Solution:
    text: str
    todos: list[TodoSpec] = field(default_factory=list)
