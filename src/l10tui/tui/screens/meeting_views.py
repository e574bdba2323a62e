"""The body of each agenda segment of the live meeting. Each view is a container with ``load(run)``, which re-reads
what it shows from the :class:`~l10tui.meeting.MeetingRun` (the screen calls it when the segment is shown, after
each change, and when another process changed the store)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TabbedContent, TabPane

from l10tui.domain.milestones import progress as milestone_progress
from l10tui.domain.models import SourceKind
from l10tui.domain.rules import TODO_GOAL, Track, not_done_twice
from l10tui.domain.snapshot import rock_status_at
from l10tui.domain.text import safe_text
from l10tui.meeting import ISSUE_SOFT_CAP_S, MeetingRun, mmss

from ..refresh import update_if_changed
from ..status import SYMBOL, track_colour
from ..widgets.funnel_line import FunnelLine
from ..widgets.issue_panel import IssuePanel
from ..widgets.row_table import RowTable
from ..widgets.scorecard_data import ScorecardData, load_scorecard
from ..widgets.scorecard_grid import ScorecardGrid

IDS_TABS_BELOW = 100  # the IDS team panels side by side from 100 columns (the README's projector size): the room
# sees Sales and Marketing together, the point of the panels; one team per tab below that
NARROW = 120  # below this many columns the IDS panels become tabs and the agenda sidebar folds away (at 100 the
# sidebar left too little room: the scorecard's this-week column, the rocks' status and two of three IDS panels)


def tracked(app: App[Any], ok: bool | None, shown: str, *, bold: bool = False) -> Text:
    """``shown`` after its mark, in its colour: ``✓`` on track / at the goal, ``✗`` off, ``·`` not known."""
    track: Track = "missing" if ok is None else "on" if ok else "off"
    colour = track_colour(app, track)
    return Text(f"{SYMBOL[track]} {shown}", style=f"bold {colour}" if bold else colour)


def mark(app: App[Any], ok: bool | None, yes: str, no: str, unset: str = "not reported") -> Text:
    """A status that reads without colour: ``✓ done`` / ``✗ not done`` / ``· not reported``."""
    return tracked(app, ok, unset if ok is None else yes if ok else no)


class SegmentView(Vertical):
    """Base of the segment views."""

    HINT = ""
    KEYS = ""  # the segment's keys on one short line, shown instead of the hint on a narrow terminal
    # the screen's segment-only actions that are live while this view shows (the footer offers only those)
    ACTIONS: ClassVar[frozenset[str]] = frozenset()
    DROP: ClassVar[SourceKind | None] = None  # what d sends to the issues list from this view

    def compose_hint(self) -> ComposeResult:
        yield Static(self.HINT, classes="segment-hint")
        yield Static(Text(self.KEYS, style="bold"), classes="segment-keys")

    def load(self, run: MeetingRun) -> bool | None:
        raise NotImplementedError

    def main_table(self) -> Widget | None:
        found = list(self.query(RowTable))
        return found[0] if found else None

    @contextmanager
    def refill(self, table_id: str, columns: Sequence[tuple[str, str]]) -> Iterator[RowTable]:
        """The table ``table_id`` emptied and given ``columns`` (label, key) to add rows to; the row that was
        selected stays selected."""
        table = self.query_one(f"#{table_id}", RowTable)
        keep = table.selected_key
        table.clear(columns=True)
        for label, key in columns:
            table.add_column(label, key=key)
        yield table
        table.select_key(keep)


class SegueView(SegmentView):
    ACTIONS: ClassVar[frozenset[str]] = frozenset({"toggle_present"})
    HINT = "Good news, one personal and one professional each.  a / enter: present ↔ absent.  tab: notes."
    KEYS = "a present/absent · tab notes · esc leaves notes · n next"

    def compose(self) -> ComposeResult:
        yield from self.compose_hint()
        yield RowTable(id="attendance")
        yield Label("Notes", classes="field-label")
        yield Input(id="segue-notes", placeholder="notes from the segue (enter saves)")

    def load(self, run: MeetingRun) -> None:
        with self.refill("attendance", (("Person", "name"), ("Team", "team"), ("Here", "here"))) as table:
            for p in run.people():
                here = run.present(p.id)
                teams = ", ".join(run.team_name(t) for t in p.teams)
                table.add_row(Text(p.name, style="bold"), teams, mark(self.app, here, "present", "absent"), key=p.id)
        notes = self.query_one("#segue-notes", Input)
        if not notes.has_focus:
            notes.value = safe_text(run.meeting.segue_notes)


class ScorecardView(SegmentView):
    ACTIONS: ClassVar[frozenset[str]] = frozenset({"drop"})
    DROP: ClassVar[SourceKind | None] = "measurable"
    HINT = (
        "Report each number; no discussion.  enter / e: this week's number.  c: a note on it.  d: drop to issues.  "
        "⇄ shared by teams  ƒ derived from two others."
    )
    KEYS = "e/enter number · c note · d drop · ⇄ shared · ƒ derived"

    def __init__(self, data: ScorecardData, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._data = data
        self._theme: str | None = None  # the theme the grid's colours were built for (None: not built here yet)

    def compose(self) -> ComposeResult:
        yield from self.compose_hint()
        yield ScorecardGrid(self._data, id="scorecard")
        yield FunnelLine(id="funnel-line", classes="-none")

    def load(self, run: MeetingRun) -> None:
        grid = self.query_one(ScorecardGrid)
        if grid.editing is None:
            data = load_scorecard(run.store, run.measurables(), run.reported_week, label=run.reported_week_label)
            # Rebuilt only when what it shows changed (or the colours did): another l10's long import re-reads the
            # store every few seconds, and a rebuilt table is rendered whole again (issue 12)
            if (data, self.app.theme) != (grid.data, self._theme):
                self._theme = self.app.theme
                grid.load(data)
        self.query_one(FunnelLine).load(run)  # the week's leak under the table (issue #18)

    def main_table(self) -> Widget | None:
        return self.query_one(ScorecardGrid).table


class RocksView(SegmentView):
    ACTIONS: ClassVar[frozenset[str]] = frozenset({"rock", "drop"})
    DROP: ClassVar[SourceKind | None] = "rock"
    HINT = (
        "Each rock on or off track.  o: on track  f: off track  enter: toggle  d: drop to issues.  "
        "At quarter end y: done  u: not done."
    )
    KEYS = "o on · f off · y done · u not done · d drop"

    def compose(self) -> ComposeResult:
        yield from self.compose_hint()
        yield RowTable(id="rocks")

    def load(self, run: MeetingRun) -> None:
        # Status right after the title (as on the Rocks screen): long titles pushed it off an 80-column screen.
        columns = (("Rock", "title"), ("Status", "st"), ("Steps", "ms"), ("Owner", "owner"), ("Team", "team"))
        week = run.scorecard_week()
        with self.refill("rocks", (*columns, ("Due", "due"))) as table:
            for r in run.rocks():
                shown = rock_status_at(r, week)  # the same rule as the meeting's record (domain/snapshot.py)
                if shown in ("done", "not-done"):
                    status = mark(self.app, shown == "done", "done", "not done")
                else:
                    status = mark(self.app, None if shown is None else shown == "on", "on track", "off track")
                due = r.due.strftime("%d %b") if r.due else ""
                steps = milestone_progress(r, run.today).short()  # "2/5", "2/5 late": the next milestone is late
                table.add_row(r.title, status, steps, run.name_of(r.owner), run.team_name(r.team), due, key=r.id)


class HeadlinesView(SegmentView):
    ACTIONS: ClassVar[frozenset[str]] = frozenset({"drop"})
    DROP: ClassVar[SourceKind | None] = "headline"
    HINT = "Customer and employee headlines, one sentence, no discussion.  h: add  d: drop to issues."
    KEYS = "h headline · d drop"

    def compose(self) -> ComposeResult:
        yield from self.compose_hint()
        yield RowTable(id="headlines")

    def load(self, run: MeetingRun) -> None:
        with self.refill("headlines", (("Kind", "kind"), ("Headline", "text"), ("By", "by"))) as table:
            for h in run.headlines():
                table.add_row(h.kind.capitalize(), h.text, run.name_of(h.by), key=h.id)


class TodosView(SegmentView):
    ACTIONS: ClassVar[frozenset[str]] = frozenset({"review", "drop"})
    DROP: ClassVar[SourceKind | None] = "todo"
    HINT = (
        "Last week's to-dos: done or not done.  y: done  u: not done (each moves on to the next to-do)  "
        "enter: toggle  d: drop to issues."
    )
    KEYS = "y done · u not done (then next) · d drop"

    def compose(self) -> ComposeResult:
        yield from self.compose_hint()
        yield Static("", id="todo-rate")
        yield RowTable(id="todos")

    def load(self, run: MeetingRun) -> None:
        todos = run.todos_to_review()
        columns = (("To-do", "title"), ("Owner", "owner"), ("Due", "due"), ("Review", "rev"), ("", "flag"))
        with self.refill("todos", columns) as table:
            for t in todos:
                if t.moved_to:
                    flag = Text(f"→ moved to {t.moved_to}")
                else:
                    flag = Text("⚠ not done twice", style="bold") if not_done_twice(t) else Text("")
                due = t.due.strftime("%d %b") if t.due else ""
                review = mark(self.app, run.review_of(t), "done", "not done")
                table.add_row(t.title, run.name_of(t.owner), due, review, flag, key=t.id)
        done = run.completion()  # every to-do due counts, reviewed or not (todo_life.py)
        rate = done.rate
        if rate is None or done.reviewed == 0:
            text = Text(f"Reviewed 0 of {len(todos)}; goal {TODO_GOAL:.0%} done")
        else:
            text = Text(f"Reviewed {done.reviewed} of {done.due}: ")
            text.append_text(tracked(self.app, rate >= TODO_GOAL, f"{rate:.0%} done"))
            text.append(f" (goal {TODO_GOAL:.0%})")
            if done.not_reviewed:
                text.append(f", {done.not_reviewed} not reviewed")
        self.query_one("#todo-rate", Static).update(text)


class IdsView(SegmentView):
    ACTIONS: ClassVar[frozenset[str]] = frozenset({"pick", "solve", "drop_issue", "long_term", "merge"})
    HINT = (
        "1 2 3: pick the top three (the same key again empties the slot)  enter: start IDS  tab: Identify, Discuss  esc: out of a note  s: solved  "
        "x: drop  l: long-term  m: merge"
    )
    KEYS = "1 2 3 top (again: empty) · enter IDS · tab notes · s solved · x drop · l long-term · m merge"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.narrow: bool | None = None
        self._team_ids: list[str] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_hint()
        yield Static("", id="ids-top3")
        with Vertical(id="ids-current"):
            yield Static("", id="ids-current-title")
            with Horizontal(classes="ids-notes"):
                yield Label("Identify", classes="field-label")
                yield Input(id="ids-identify", placeholder="the root cause (enter saves)")
            with Horizontal(classes="ids-notes"):
                yield Label("Discuss ", classes="field-label")
                yield Input(id="ids-discuss", placeholder="what was said, once (enter saves)")
        yield Container(id="ids-panels")

    def panels(self) -> list[IssuePanel]:
        """The panels of the current layout (not the ones of the layout being removed after a resize: the focus put
        on one of those was lost with it, and nothing had the focus after 40x12 and back)."""
        made = getattr(self, "_made", None)
        if made is not None:
            return list(made)
        return list(self.query(IssuePanel))

    def layout_panels(self, run: MeetingRun, narrow: bool) -> bool:
        """Side by side on a wide terminal, tabs on a narrow one; rebuilt (returns True) only when that changes."""
        teams = [t.id for t in run.teams]
        if narrow == self.narrow and teams == self._team_ids:
            return False
        self.narrow, self._team_ids = narrow, teams
        box = self.query_one("#ids-panels", Container)
        box.remove_children()
        names = {t.id: safe_text(t.name) for t in run.store.teams.all()}
        people = {p.id: safe_text(p.name) for p in run.store.people.all()}
        made = [
            IssuePanel(
                team, issues, people=people, teams=names, top3=run.top3, current=run.issue, id=f"panel-{team.id}"
            )
            for team, issues in run.panels()
        ]
        self._made = made
        if narrow:
            tabs = TabbedContent(id="ids-tabs")
            for panel in made:
                tabs.compose_add_child(TabPane(Content(safe_text(panel.team.name)), panel, id=f"tab-{panel.team.id}"))
            box.mount(tabs)
        else:
            row = Horizontal(*made, id="ids-row")
            box.mount(row)
        return True

    def load(self, run: MeetingRun) -> bool:
        """Re-read; True when the panels were laid out afresh (the focus has to go back to one of them)."""
        narrow = self.app.size.width < IDS_TABS_BELOW
        rebuilt = self.layout_panels(run, narrow)
        by_team = dict((t.id, issues) for t, issues in run.panels())
        for panel in self.panels():
            panel.votes = {iid: len(who) for iid, who in run.votes.items()}
            panel.set_issues(by_team.get(panel.team.id, []), run.top3, run.issue)
        titles = {}
        for issues in by_team.values():
            titles.update({i.id: safe_text(i.title) for i in issues})
        top = Text("Top 3: ", style="bold")
        for n, iid in enumerate(run.top3, start=1):
            top.append(f" #{n} ", style="bold reverse")
            top.append(f" {titles.get(iid, '—') if iid else '—'}  ")
        self.query_one("#ids-top3", Static).update(top)
        self._show_current(run, titles)
        return rebuilt

    def _show_current(self, run: MeetingRun, titles: dict[str, str]) -> None:
        current = self.query_one("#ids-current")
        current.display = run.issue is not None
        if run.issue is not None:
            notes = run.notes(run.issue)
            for key in ("identify", "discuss"):
                box = self.query_one(f"#ids-{key}", Input)
                if not box.has_focus:
                    box.value = safe_text(notes[key])
        self.tick(run, titles)

    def tick(self, run: MeetingRun, titles: dict[str, str] | None = None) -> None:
        if run.issue is None:
            return
        secs = run.issue_elapsed()
        over = secs > ISSUE_SOFT_CAP_S
        title = (titles or {}).get(run.issue)
        if title is None:
            found = run.store.issues.find(run.issue)
            title = found.title if found else run.issue
        text = Text("▶ ", style="bold")
        text.append(safe_text(title), style="bold")
        text.append(
            f"   {mmss(secs)} of {ISSUE_SOFT_CAP_S // 60}:00",
            style=f"bold {track_colour(self.app, 'off')}" if over else "",
        )
        if over:
            text.append("  ✗ over the soft cap")
        update_if_changed(self.query_one("#ids-current-title", Static), text)  # once a second, the line alone

    def main_table(self) -> Widget | None:
        """The first table with issues; None while the panels are still being built (the screen tries again)."""
        tables = [(p, t) for p in self.panels() for t in p.query(RowTable)]
        for p, t in tables:
            if p.issues:
                return t
        return tables[0][1] if tables else None
