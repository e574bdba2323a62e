"""The scorecard: measurables x 13 weeks; enter this week's or a past week's number; define and edit measurables."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from l10tui.domain.goals import DIRECTIONS, parse_goal
from l10tui.domain.models import Formula, Measurable, Op
from l10tui.domain.rules import InputError, format_number, parse_score
from l10tui.domain.trailing import CHOICES
from l10tui.store import L10Store

from ..safe import plain
from ..widgets.board_form import FormDialog, FormField
from ..widgets.dialogs import ConfirmDialog
from ..widgets.key_footer import KeyFooter as Footer
from ..widgets.scorecard_data import load_scorecard
from ..widgets.scorecard_grid import ScorecardGrid
from .base import L10Screen

OPS: list[tuple[str, str]] = [
    (">= at least", ">="),
    ("<= at most", "<="),
    ("== exactly", "=="),
    ("a range LOW-HIGH", "range"),
]
TRAILING: list[tuple[str, str]] = [
    ("default (avg 4w for rates, total 13w for counts)", "default"),
    *((choice, choice) for choice in CHOICES),
]


def measurable_fields(db: L10Store, m: Measurable | None) -> list[FormField]:
    people = sorted(((p.name, p.id) for p in db.people.active()), key=lambda x: x[0].casefold())
    teams = {t.id: t.name for t in db.teams.all()}
    inputs = [(x.name, x.id) for x in db.measurables.active() if x.formula is None and (m is None or x.id != m.id)]
    f = m.formula if m else None
    return [
        FormField("name", "Name", m.name if m else ""),
        FormField("owner", "Who (one owner)", m.owner if m else "", people),
        FormField(
            "teams",
            "Teams (comma-separated; several = shared)",
            ", ".join(teams.get(t, t) for t in m.teams) if m else ", ".join(teams.values()),
        ),
        FormField("goal", "Weekly goal (42, or a range 20-30)", goal_input(m) if m else ""),
        FormField("op", "Direction", m.op if m else ">=", OPS),
        FormField("unit", "Unit (%, $, leads...; optional)", m.unit if m else ""),
        FormField(
            "num", "Derived: numerator (empty: entered by hand)", f.numerator if f else "", inputs, allow_blank=True
        ),
        FormField("den", "Derived: denominator", f.denominator if f else "", inputs, allow_blank=True),
        FormField(
            "percent", "Derived as", "yes" if (f is None or f.percent) else "no", [("percent", "yes"), ("ratio", "no")]
        ),
        FormField("trailing", "Trailing column", (m.trailing or "default") if m else "default", TRAILING),
    ]


def goal_input(m: Measurable) -> str:
    """The goal as the form shows it to edit: ``120``, or ``20-30`` for a range."""
    if m.op == "range":
        return f"{format_number(m.goal)}-{format_number(m.goal_high if m.goal_high is not None else m.goal)}"
    return format_number(m.goal)


def save_measurable(db: L10Store, existing: str | None, values: dict[str, str]) -> Measurable:
    """Add (``existing`` None) or redefine a measurable from the form's text."""
    direction = values["op"] if values["op"] in DIRECTIONS else ">="
    typed = parse_goal(values["goal"], None, negative=True)  # a range typed in the goal is a range, whatever the op
    target = typed if typed.op == "range" else parse_goal(values["goal"], direction, negative=True)
    team_ids = [db.teams.lookup(part).id for part in values["teams"].split(",") if part.strip()]
    formula = None
    if values["num"] or values["den"]:
        if not (values["num"] and values["den"]):
            raise InputError("a derived measurable needs both a numerator and a denominator")
        if values["num"] == values["den"]:
            raise InputError("numerator and denominator must be two different measurables")
        formula = Formula(values["num"], values["den"], values["percent"] != "no")
    if not values["owner"]:
        raise InputError("a measurable needs one owner")
    op: Op = target.op  # type: ignore[assignment]
    fields: dict[str, Any] = dict(
        owner=values["owner"],
        goal=target.goal,
        op=op,
        unit=values["unit"],
        teams=team_ids,
        formula=formula,
        goal_high=target.high,
        trailing=values.get("trailing", "default"),
    )
    if existing is None:
        return db.measurables.add(values["name"], **fields)
    return db.measurables.edit(existing, name=values["name"], **fields)


class ScorecardScreen(L10Screen):
    TITLE_TEXT = "Scorecard"
    REFRESH_WHEN_UNCOVERED = True
    RULE = (
        "5 to 15 weekly numbers, each with one owner and a goal, shown over a rolling 13 weeks: the trend matters as "
        "much as this week. ✓ met, ✗ missed, · nobody entered it. A measurable shared by Sales and Marketing (⇄) "
        "or derived from two others (ƒ, e.g. SQL / MQL) measures the hand-off instead of arguing about it."
    )

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("p", "past_week", "Past week's number"),
        Binding("n", "new_measurable", "New measurable"),
        Binding("m", "edit_measurable", "Edit measurable"),
        Binding("f", "team_filter", "Filter by team"),
        Binding("x", "retire", "Retire measurable"),
        Binding("shift+up", "move(-1)", "Move up", show=False),
        Binding("shift+down", "move(1)", "Move down", show=False),
    ]

    def __init__(self, team: str | None = None, **_: Any) -> None:
        super().__init__()
        self.team = team

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._hint(), id="scorecard-summary", classes="board-summary")
        yield ScorecardGrid(self._data(), editable=True, typing=True, id="scorecard-grid")
        yield Footer()

    def on_mount(self) -> None:
        self.grid.table.focus()

    @property
    def grid(self) -> ScorecardGrid:
        return self.query_one(ScorecardGrid)

    def _measurables(self) -> list[Measurable]:
        return self.db.measurables.for_team(self.team)  # in the scorecard's order (l10 measurable move)

    def _data(self) -> Any:
        return load_scorecard(self.db, self._measurables(), self.l10.clock.today())

    def refresh_data(self) -> None:
        self.grid.load(self._data())
        self.query_one("#scorecard-summary", Static).update(self._hint())

    def _hint(self) -> Text:
        team = self.db.teams.find(self.team) if self.team else None
        who = f"{team.name} (and shared)" if team else "all teams"
        return plain(
            f"{who} · type a number on a week · c note · ←→ weeks · p past week · n new · m edit · f team · ⇄ shared"
            " · ƒ derived · * noted"
        )

    def action_retire(self) -> None:
        from ..widgets.dialogs import ConfirmDialog

        mid = self.grid.selected_id
        m = self.db.measurables.find(mid) if mid else None
        if m is None:
            self.notify("No measurable selected", severity="warning")
            return

        def done(yes: bool | None) -> None:
            if yes and self.attempt(self.db.measurables.retire, m.id) is not None:
                self.notify(f"Retired {m.name}; its numbers stay in history (ctrl+z brings it back)", timeout=4)
                self.refresh_data()

        self.app.push_screen(ConfirmDialog(f"Retire {m.name} from the scorecard?", yes="Retire", no="Keep"), done)

    def action_move(self, step: int) -> None:
        mid = self.grid.selected_id
        order = [m.id for m in self.db.measurables.ordered()]
        if mid is None or mid not in order:
            return
        position = min(max(1, order.index(mid) + 1 + step), len(order))
        if self.attempt(self.db.measurables.move, mid, position) is not None:
            self.refresh_data()
            self.grid.table.select_key(mid)

    def action_team_filter(self) -> None:
        ids = [None, *(t.id for t in self.db.teams.active())]
        at = ids.index(self.team) if self.team in ids else 0
        self.team = ids[(at + 1) % len(ids)]
        self.refresh_data()

    def on_scorecard_grid_score_submitted(self, event: ScorecardGrid.ScoreSubmitted) -> None:
        if self.attempt(self.db.scores.set, event.measurable, event.week, event.value) is not None:
            self.notify(f"Saved {event.text.strip()} for the week of {event.week:%-d %b}", timeout=2)
        self.refresh_data()

    def on_scorecard_grid_note_submitted(self, event: ScorecardGrid.NoteSubmitted) -> None:
        if self.attempt(self.db.scores.set_note, event.measurable, event.week, event.note) is not None:
            self.notify(f"Note {'saved' if event.note else 'removed'} for the week of {event.week:%-d %b}", timeout=2)
        self.refresh_data()

    def action_past_week(self) -> None:
        data = self.grid.data
        entered = [(m.name, m.id) for m in data.measurables if m.formula is None]
        if not entered:
            self.notify("No measurable to enter a number for", severity="warning")
            return
        weeks = [
            (f"week of {w:%-d %b %Y}" + (" (this week)" if i == 0 else ""), w.isoformat())
            for i, w in enumerate(data.weeks)
        ]
        selected = self.grid.selected_id or ""
        fields = [
            FormField("measurable", "Measurable", selected, entered),
            FormField("week", "Week", data.weeks[1].isoformat() if len(data.weeks) > 1 else "", weeks),
            FormField("value", "Number (empty clears a wrong entry)"),
        ]
        self.app.push_screen(FormDialog("A past week's number", fields), self._past_saved)

    def _past_saved(self, values: dict[str, str] | None) -> None:
        if not values:
            return
        week = date.fromisoformat(values["week"])
        if not values["value"].strip():  # an empty entry clears the number, after a confirmation
            m = self.db.measurables.get(values["measurable"])

            def answer(yes: bool | None) -> None:
                if yes and self.attempt(self.db.scores.clear, m.id, week) is not None:
                    self.notify(f"Number cleared for the week of {week:%-d %b}", timeout=2)
                self.refresh_data()

            question = f"Clear {m.name} for the week of {week:%-d %b %Y}?"
            self.app.push_screen(ConfirmDialog(question, yes="Clear", no="Keep"), answer)
            return

        def save() -> str:
            value = parse_score(values["value"], self.db.measurables.get(values["measurable"]))
            self.db.scores.set(values["measurable"], week, value)
            return "saved"

        done = self.attempt(save)
        if done is not None:
            self.notify(f"Number {done} for the week of {week:%-d %b}", timeout=2)
        self.refresh_data()

    def action_new_measurable(self) -> None:
        self._define("New measurable", None)

    def action_edit_measurable(self) -> None:
        mid = self.grid.selected_id
        m = self.db.measurables.find(mid) if mid else None
        if m is None:
            self.notify("No measurable selected", severity="warning")
            return
        self._define(f"Edit {m.id} {m.name}", m)

    def _define(self, title: str, m: Measurable | None) -> None:
        existing = m.id if m else None

        def saved(new: Measurable) -> None:
            self.notify(f"{'Saved' if existing else 'Added'} {new.id} {new.name}", timeout=2)
            self.refresh_data()
            self.grid.table.select_key(new.id)

        fields = measurable_fields(self.db, m)
        self.open_form(title, fields, lambda values: save_measurable(self.db, existing, values), saved)
