"""The demo's past meetings, each held by driving the meeting engine (:class:`l10tui.meeting.run.MeetingRun`) on
the demo's fake clock as a facilitator would: attendance, the reported week's late numbers, rocks, headlines,
to-dos reviewed, issues picked and solved/dropped/parked/merged, messages, ratings, Finish.

The record a meeting leaves is the one the engine writes: nothing here writes a meeting record by hand.
"""

from __future__ import annotations

from datetime import timedelta

from l10tui.domain.models import Rating, Todo
from l10tui.domain.rules import needs_comment
from l10tui.domain.todo_life import creation_order
from l10tui.meeting.run import MeetingRun, NewTodo

from .between import finish_between
from .cast import FACILITATOR, PEOPLE_TEAMS, measurable_spec
from .rocks import review_rocks
from .state import Demo, Meet
from .story import ISSUES
from .words import ACTUAL_RANGE, IDENTIFY_NOTES, LOW_COMMENTS, MESSAGES, SEGUES


def hold_meeting(d: Demo, k: int) -> None:
    """The week before meeting ``k``, then meeting ``k`` itself."""
    finish_between(d, k)
    Holding(d, k).hold()


class Holding:
    """Meeting ``k`` held through the engine, segment by segment; the seed picks lateness, absence and timings."""

    def __init__(self, d: Demo, k: int) -> None:
        self.d, self.k, rng = d, k, d.rng
        late_s = rng.choice((0, 0, 0, 0, 60, 120, 240, 420)) + rng.randrange(0, 50)
        d.time.at(d.time.planned(k) + timedelta(seconds=late_s))
        self.run = MeetingRun.open(d.db, d.clock, tz=d.time.tz, by=d.person[FACILITATOR], writer=f"demo{k}")
        start = self.run.meeting.actual_start or d.clock.now()
        self.people = sorted(d.person.items(), key=lambda kv: kv[0])
        someone_away = k in (3, 7) or rng.random() < 0.3
        self.absent = {rng.choice([p for p, _ in self.people if p != FACILITATOR])} if someone_away else set()
        present = [pid for key, pid in self.people if key not in self.absent]
        self.meet = Meet(k, d.time.meeting_days[k], self.run.meeting, start, start, present)
        d.time.meetings.append(self.meet)
        self.actual = self.segment_seconds()

    def segment_seconds(self) -> list[float]:
        """How long each segment really takes (IDS ran well over twice, and ended a few minutes early three times)."""
        k, rng = self.k, self.d.rng
        agenda = [s.planned_s for s in self.run.meeting.segments]
        actual = [float(rng.randint(lo, hi)) for lo, hi in ACTUAL_RANGE]
        if k in (2, 6):
            actual[5] += 900.0
        elif k in (1, 4, 8):
            others = sum(actual) - actual[5]
            actual[5] = float(min(actual[5], sum(agenda) - others - rng.randint(60, 300)))
        return actual

    def step(self, seconds: float) -> None:
        self.d.clock.advance(seconds)

    def next_segment(self, index: int) -> None:
        self.step(max(1.0, self.actual[index] - self.run.elapsed(index)))
        self.run.next_segment()

    def hold(self) -> None:
        self.segue()
        self.scorecard()
        self.rock_review()
        self.headlines()
        self.todo_review()
        self.ids()
        self.conclude()

    # -- the segments ------------------------------------------------------------------------------------------------

    def segue(self) -> None:
        """1. Who is here, the good news."""
        self.step(20)
        for key, pid in self.people:
            if key in self.absent:
                self.run.set_attendance(pid, False)
        self.run.set_segue_notes(self.d.rng.choice(SEGUES))
        self.next_segment(0)

    def scorecard(self) -> None:
        """2. The reported week's numbers; the ones still missing are given in the room."""
        d, run = self.d, self.run
        self.step(30)
        week = run.scorecard_week()
        for key in d.late.pop(week, []):
            value = d.scores_plan[key][d.time.score_weeks.index(week)]
            if value is not None:
                self.step(20)
                run.set_score(d.measurable[key], value, by=d.person[measurable_spec(key).owner])
        for spec in ISSUES:
            if spec.during == self.k and spec.source is not None and spec.source[0] == "measurable":
                self.step(40)
                d.issue[spec.key] = run.drop_to_issues("measurable", d.measurable[spec.source[1]], title=spec.title).id
        self.next_segment(1)

    def rock_review(self) -> None:
        """3. Each rock on or off track; an issue dropped down from a rock (or raised in the room)."""
        d, run = self.d, self.run
        self.step(20)
        review_rocks(d, run, self.meet)
        for spec in ISSUES:
            if spec.during != self.k or (spec.source is not None and spec.source[0] == "measurable"):
                continue
            self.step(40)
            if spec.source is not None and spec.source[1] in d.rock:
                d.issue[spec.key] = run.drop_to_issues("rock", d.rock[spec.source[1]], title=spec.title).id
            else:
                d.issue[spec.key] = run.add_issue(
                    spec.title, d.team[spec.team], raised_by=d.person[spec.by], details=spec.details
                ).id
        self.next_segment(2)

    def headlines(self) -> None:
        """4. One or two headlines from the shuffled pool."""
        d = self.d
        self.step(15)
        for _ in range(1 + d.rng.randrange(2)):
            if not d.headline_pool:
                break
            kind, text, by = d.headline_pool.pop()
            self.step(45)
            self.run.add_headline(kind, text, d.person[by])
        self.next_segment(3)

    def todo_review(self) -> None:
        """5. The to-dos the engine puts up for review, done or not (a couple stay not done two meetings running)."""
        d = self.d
        self.step(10)
        stubborn_from = len(d.time.meeting_days) - 3  # its to-dos are the ones still not done, twice
        for todo in self.run.todos_to_review():
            origin = self.meeting_index(todo.created_in_meeting)
            if origin == stubborn_from and self.is_stubborn(todo):
                done = False
            elif any(not r.done for r in todo.reviews):
                done = True
            else:
                done = d.rng.random() < 0.8
            d.clock.advance(15)
            self.run.review_todo(todo.id, done)
        self.next_segment(4)

    def is_stubborn(self, todo: Todo) -> bool:
        made = [
            t for t in self.d.db.todos.all() if t.created_in_meeting == todo.created_in_meeting and not t.source_issue
        ]
        return todo.id in [t.id for t in creation_order(made)[:2]]

    def meeting_index(self, meeting_id: str | None) -> int | None:
        return next((m.index for m in self.d.time.meetings if m.record.id == meeting_id), None)

    def ids(self) -> None:
        """6. The story's issues of this meeting, picked, discussed and ended; then the new to-dos."""
        d, rng = self.d, self.d.rng
        self.step(30)
        self.discuss(self.actual[5])
        for _ in range(3 if self.k == len(d.time.meeting_days) - 3 else 1 + rng.randrange(2)):
            title, owner = d.pool.pop()
            self.step(30 + rng.randrange(60))
            self.run.add_todo(title, d.person[owner])
        self.next_segment(5)

    def discuss(self, ids_seconds: float) -> None:
        d, k, rng, run = self.d, self.k, self.d.rng, self.run
        specs = [s for s in ISSUES if d.issue.get(s.key) and (k in s.talks or (s.end is not None and s.end[1] == k))]
        wanted = [min(max(120.0, rng.gauss(900.0, 300.0)), 1500.0) for _ in specs]
        budget = ids_seconds - 300.0  # the rest went on picking the top three and the to-dos
        scale = min(1.0, budget / sum(wanted)) if wanted else 1.0
        for slot, spec in enumerate(specs[:3], start=1):
            run.pick(slot, d.issue[spec.key])
        for spec, want in zip(specs, wanted, strict=True):
            issue_id = d.issue[spec.key]
            run.start_issue(issue_id)
            note = rng.choice(IDENTIFY_NOTES)
            if note:
                run.set_notes(issue_id, identify=note.removeprefix("Identify: "))
            d.clock.advance(round(want * scale, 1))
            ending = spec.end if spec.end is not None and spec.end[1] == k else None
            kind = ending[0] if ending is not None else ""
            if kind == "solved":
                todos = [NewTodo(title, d.person[owner]) for title, owner in spec.todos]
                run.solve(issue_id, spec.text, todos)
            elif kind == "dropped":
                run.drop_issue(issue_id, spec.text)
            elif kind == "long-term":
                run.long_term(issue_id)
            elif kind == "merged" and spec.merge_into in d.issue:
                run.merge(issue_id, d.issue[spec.merge_into])
            else:
                run.close_current_issue()

    def conclude(self) -> None:
        """7. Cascading messages, ratings, Finish."""
        self.step(30)
        for text in self.d.rng.sample(MESSAGES, 1 + self.d.rng.randrange(2)):
            self.step(20)
            self.run.add_message(text)
        self.rate()
        self.step(max(1.0, self.actual[6] - self.run.elapsed(6)))
        self.run.finish(backup=False)
        self.meet.record = self.run.meeting

    def rate(self) -> None:
        d, meet = self.d, self.meet
        late = (meet.start - d.time.planned(meet.index)).total_seconds() > 120
        for key, pid in sorted(d.person.items(), key=lambda kv: kv[0]):
            if pid not in meet.present:
                continue  # the engine records the absent as absent
            # Sales rates the meetings a little lower than Marketing: the product's alignment view shows it.
            base = 8.0 if "sales" in PEOPLE_TEAMS[key] else 8.6
            score = int(min(10, max(6, round(d.rng.gauss(base - (0.5 if late else 0.0), 0.9)))))
            comment = ""
            if needs_comment(Rating(person=pid, score=score)):
                comment = LOW_COMMENTS[0] if late and d.rng.random() < 0.6 else d.rng.choice(LOW_COMMENTS)
            d.clock.advance(10)
            self.run.rate(pid, score, comment)
