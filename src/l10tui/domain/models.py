"""The records of the meeting, as plain dataclasses (DESIGN.md, "Data").

Every record has a stable, human-typable id (``I-12``), created/updated timestamps and the person who created it.
Nothing is hard-deleted: ended records keep their status and when/why they ended.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

# The id prefix of each kind of record. Ids are never reused (a counter per prefix only goes up).
ID_PREFIX: dict[str, str] = {
    "teams": "TM",
    "people": "P",
    "measurables": "M",
    "scores": "S",
    "rocks": "R",
    "headlines": "H",
    "todos": "T",
    "issues": "I",
    "meetings": "MT",
}

Op = Literal[">=", "<=", "==", "range"]  # range: on track from ``goal`` to ``goal_high``, inclusive
IssueStatus = Literal["open", "solved", "dropped", "merged", "long-term"]
TodoStatus = Literal["open", "done", "moved"]  # moved: sent to the issues list (``moved_to``)
RockWeekStatus = Literal["on", "off"]
RockFinal = Literal["done", "not-done"]
HeadlineKind = Literal["customer", "employee"]
SourceKind = Literal["measurable", "rock", "headline", "todo"]
MeetingState = Literal["in-progress", "finished"]

SEGMENTS: tuple[str, ...] = (
    "Segue",
    "Scorecard",
    "Rock review",
    "Headlines",
    "To-do list",
    "IDS",
    "Conclude",
)
DEFAULT_AGENDA_MINUTES: tuple[int, ...] = (5, 5, 5, 5, 5, 60, 5)
DEFAULT_MEETING_RULE = "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"


@dataclass(slots=True)
class Record:
    id: str
    created_at: datetime
    updated_at: datetime
    created_by: str = ""


@dataclass(slots=True)
class Team(Record):
    name: str = ""
    colour: str = "#4c8dff"
    agenda_minutes: list[int] = field(default_factory=lambda: list(DEFAULT_AGENDA_MINUTES))
    meeting_rule: str = DEFAULT_MEETING_RULE
    active: bool = True


@dataclass(slots=True)
class Person(Record):
    name: str = ""
    teams: list[str] = field(default_factory=list)
    active: bool = True


@dataclass(slots=True)
class Formula:
    """A measurable derived from two others: numerator / denominator (x100 when ``percent``)."""

    numerator: str
    denominator: str
    percent: bool = True


@dataclass(slots=True)
class Measurable(Record):
    name: str = ""
    owner: str = ""
    teams: list[str] = field(default_factory=list)
    goal: float = 0.0
    op: Op = ">="
    unit: str = ""
    formula: Formula | None = None
    active: bool = True
    negative: bool = False  # may a week's number be below zero? (counts, rates and percentages may not)
    goal_high: float | None = None  # the top of a range goal (op "range"); None for the other directions
    trailing: str = ""  # the trailing column (domain/trailing.py): "avg4", "total13", "none"...; "" = the default

    @property
    def shared(self) -> bool:
        return len(self.teams) > 1

    @property
    def derived(self) -> bool:
        return self.formula is not None


@dataclass(slots=True)
class Score(Record):
    measurable: str = ""
    week: date = date(1970, 1, 5)
    value: float = 0.0
    note: str = ""  # a one-line note on the week's number ("webinar week")


@dataclass(slots=True)
class RockWeek:
    week: date
    status: RockWeekStatus


@dataclass(slots=True)
class Milestone:
    """A dated step of a rock (``R-3.2``: the rock's id, a dot, a number and the minting replica's tag).

    Kept inside its rock, so it moves, archives and merges with it (sync merges the list item by item, by id)."""

    id: str
    title: str
    due: date
    done_at: datetime | None = None
    dropped: bool = False
    created_at: datetime | None = None


@dataclass(slots=True)
class Rock(Record):
    title: str = ""
    owner: str = ""
    team: str = ""
    quarter: str = ""
    due: date | None = None
    history: list[RockWeek] = field(default_factory=list)
    final: RockFinal | None = None
    milestones: list[Milestone] = field(default_factory=list)  # absent in records written before milestones

    @property
    def status(self) -> RockWeekStatus | None:
        return self.history[-1].status if self.history else None


@dataclass(slots=True)
class Headline(Record):
    kind: HeadlineKind = "customer"
    text: str = ""
    by: str = ""
    meeting: str | None = None
    team: str | None = None


@dataclass(slots=True)
class TodoReview:
    """How a to-do stood when a meeting reviewed it."""

    meeting: str
    done: bool


@dataclass(slots=True)
class Todo(Record):
    title: str = ""
    owner: str = ""
    due: date | None = None
    status: TodoStatus = "open"
    done_at: datetime | None = None
    created_in_meeting: str | None = None
    source_issue: str | None = None
    team: str | None = None
    reviews: list[TodoReview] = field(default_factory=list)
    moved_to: str | None = None  # the issue it became after two meetings not done (that issue's source names it)


@dataclass(slots=True)
class SourceLink:
    kind: SourceKind
    id: str


@dataclass(slots=True)
class Issue(Record):
    title: str = ""
    details: str = ""
    team: str = ""
    raised_by_team: str | None = None
    raised_by: str | None = None
    source: SourceLink | None = None
    status: IssueStatus = "open"
    rank: int = 0
    solution: str = ""
    todos: list[str] = field(default_factory=list)
    meetings: list[str] = field(default_factory=list)
    merged_into: str | None = None
    ended_at: datetime | None = None
    end_reason: str = ""
    notes: str = ""


@dataclass(slots=True)
class SegmentTime:
    name: str
    planned_s: int
    actual_s: float = 0.0


@dataclass(slots=True)
class IssueDiscussion:
    issue: str
    seconds: float = 0.0
    notes: str = ""
    outcome: str = ""


@dataclass(slots=True)
class Rating:
    person: str
    score: int | None = None
    absent: bool = False
    comment: str = ""


@dataclass(slots=True)
class Meeting(Record):
    teams: list[str] = field(default_factory=list)
    planned_start: datetime | None = None
    actual_start: datetime | None = None
    actual_end: datetime | None = None
    attendance: dict[str, bool] = field(default_factory=dict)
    segments: list[SegmentTime] = field(default_factory=list)
    segue_notes: str = ""
    items_reviewed: list[str] = field(default_factory=list)
    issues_discussed: list[IssueDiscussion] = field(default_factory=list)
    todos_created: list[str] = field(default_factory=list)
    issues_added: list[str] = field(default_factory=list)
    headlines: list[str] = field(default_factory=list)
    cascading_messages: list[str] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    state: MeetingState = "in-progress"
    # The live engine's checkpoint (meeting/): opaque to everything else, so a killed meeting resumes exactly.
    run: dict[str, Any] = field(default_factory=dict)
    # What the room saw, written as the meeting goes and frozen at Finish (domain/snapshot.py); views of the past
    # read it, never today's live records.
    snapshot: dict[str, Any] = field(default_factory=dict)
