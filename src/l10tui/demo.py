"""A believable demo company, written into an empty store: ``build_demo(db, seed=7, today=...)``.

Brightline Software sells B2B software; its Sales and Marketing teams keep blaming each other, and a Leadership team
sits above both. The store gets three teams, seven people (two of them in two teams), twelve measurables (shared
ones, a derived MQL->SQL conversion and the hand-off SLA numbers), thirteen weeks of numbers with some red, this
quarter's rocks (and last quarter's, closed), issues raised by each team about the other, to-dos (a couple not done
two meetings running), headlines and ten finished weekly meetings with attendance, timings, IDS, to-dos, cascading
messages and ratings.

The story (titles, who raised what about whom, what was solved when) is fixed; the seed moves the numbers: scores,
lateness, segment times, who was absent, ratings, which to-dos were done. Given the same seed, today and time zone,
two builds write byte-identical stores: every timestamp comes from a private :class:`FakeClock` stepped through the
simulated weeks (the store's own clock is swapped for it while building and put back after).

The past meetings are held by the meeting engine (:class:`l10tui.meeting.run.MeetingRun`), driven on that fake
clock as a facilitator would drive it: attendance, the reported week's late numbers, rocks, headlines, to-dos
reviewed, issues picked and solved/dropped/parked/merged, messages, ratings, Finish. Nothing here writes a meeting
record by hand, so the demo can show only what a real meeting can record. Everything between meetings goes through
the store as the CLI would. Imports meeting, store and domain only (no Textual).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import partial

from l10tui.domain.clock import FakeClock
from l10tui.domain.dates import quarter_first_day, quarter_last_day, quarter_of, week_monday
from l10tui.domain.models import (
    Formula,
    HeadlineKind,
    Meeting,
    Op,
    Rating,
    RockFinal,
    SourceLink,
    Todo,
)
from l10tui.domain.rules import needs_comment
from l10tui.domain.todo_life import creation_order
from l10tui.meeting.run import MeetingRun, NewTodo
from l10tui.store import L10Store, milestones
from l10tui.store.errors import StoreError
from l10tui.store.funnel import set_funnel

COMPANY = "Brightline Software"
MEETINGS = 10  # finished weekly meetings, one a week, the last one before today
SCORE_WEEKS = 13  # weeks of numbers before this week
RECORD_TABLES = ("teams", "people", "measurables", "scores", "rocks", "headlines", "todos", "issues", "meetings")


class DemoError(StoreError):
    """The demo cannot be built here (the store is not empty)."""


# -- the cast ---------------------------------------------------------------------------------------------------------

TEAMS: tuple[tuple[str, str, str], ...] = (
    ("sales", "Sales", "#ff8c1a"),
    ("mkt", "Marketing", "#4c8dff"),
    ("lead", "Leadership", "#2bb673"),
)

PEOPLE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("dana", "Dana Whitfield", ("lead",)),
    ("marco", "Marco Reyes", ("sales", "lead")),
    ("priya", "Priya Nair", ("mkt", "lead")),
    ("tom", "Tom Becker", ("sales",)),
    ("aisha", "Aisha Khan", ("sales",)),
    ("lena", "Lena Vogel", ("mkt",)),
    ("sam", "Sam O'Connor", ("mkt",)),
)
FACILITATOR = "dana"
WEBINAR_NOTE = "webinar week"  # the note on the MQLs of the week the webinar flooded them (plan_scores)


@dataclass(frozen=True)
class MeasurableSpec:
    key: str
    name: str
    owner: str
    teams: tuple[str, ...]
    goal: float
    op: Op = ">="
    unit: str = ""
    formula: tuple[str, str] | None = None  # (numerator key, denominator key), as a percentage
    goal_high: float | None = None  # the top of a range goal (op "range")
    trailing: str = ""  # the trailing column ("" = the default: avg4 for rates, total13 for counts)


MEASURABLES: tuple[MeasurableSpec, ...] = (
    MeasurableSpec("revenue", "Revenue booked", "marco", ("sales", "mkt"), 40_000, unit="$"),
    MeasurableSpec("mqls", "MQLs", "lena", ("mkt",), 120),
    MeasurableSpec("sqls", "SQLs", "aisha", ("sales",), 30),
    MeasurableSpec("conv", "MQL->SQL conversion", "priya", ("sales", "mkt"), 25, unit="%", formula=("sqls", "mqls")),
    MeasurableSpec("contacted", "Leads contacted within 24h %", "aisha", ("sales", "mkt"), 90, unit="%"),
    MeasurableSpec("returned", "Leads returned to Marketing", "tom", ("sales", "mkt"), 10, op="<="),
    MeasurableSpec("pipeline", "Pipeline created", "marco", ("sales",), 150_000, unit="$"),
    # More than 16 demos a week and the sales engineers cannot prepare them: a range goal.
    MeasurableSpec("demos", "Demos booked", "tom", ("sales",), 10, op="range", goal_high=16),
    MeasurableSpec("visitors", "Website visitors", "sam", ("mkt",), 8_000, trailing="avg4"),
    MeasurableSpec("blog", "Blog posts published", "sam", ("mkt",), 2, op="=="),
    MeasurableSpec("customers", "New customers", "dana", ("lead", "sales"), 4),
    MeasurableSpec("churn", "Logos churned", "dana", ("lead",), 1, op="<="),
)
FUNNEL = ("mqls", "sqls", "demos", "customers")  # the shared lead-to-revenue funnel (l10 funnel)


@dataclass(frozen=True)
class RockSpec:
    key: str
    title: str
    owner: str
    team: str
    p_off: float = 0.25  # chance of "off track" in a week
    off_last: int = 0  # forced off track in the last N meetings
    off_first: int = 0  # forced off track in the first N weeks of the quarter
    done_at: int | None = None  # closed as done at the N-th meeting of the quarter (0-based)


ROCKS: tuple[RockSpec, ...] = (
    RockSpec("partner", "Launch the partner programme", "dana", "lead", p_off=0.2, off_last=3),
    RockSpec("sla", "Marketing->Sales hand-off SLA written and live", "priya", "lead", p_off=0.0, done_at=2),
    RockSpec("cases", "Two new customer case studies", "sam", "mkt", p_off=0.2),
    RockSpec("sdr", "Hire and ramp a second SDR", "marco", "sales", p_off=0.1, off_first=3),
    RockSpec("firsttouch", "First touch on every MQL within 24 h", "aisha", "sales", p_off=0.5, off_last=2),
    RockSpec("webinars", "Run three webinars with 100+ sign-ups", "lena", "mkt", p_off=0.15),
)
# The SDR rock's milestones: (title, days from the demo's today). Two done, one late, one due this week (so it is
# among Marco's to-dos), one later; clamped into the quarter (a milestone never falls after its rock's quarter).
SDR_MILESTONES: tuple[tuple[str, int, bool], ...] = (
    ("Job ad out on three boards", -30, True),
    ("First-round interviews done", -16, True),
    ("Offer signed", -3, False),
    ("New SDR's first week planned", 4, False),
    ("Ramped: 40 calls a day", 25, False),
)
LAST_QUARTER_ROCKS: tuple[tuple[str, str, str, RockFinal], ...] = (
    ("New website live", "sam", "mkt", "done"),
    ("CRM migrated to HubSpot", "aisha", "sales", "done"),
    ("Price increase rolled out to all renewals", "marco", "sales", "not-done"),
)


@dataclass(frozen=True)
class IssueSpec:
    """One issue of the story. Meetings are numbered 0..MEETINGS-1, oldest first."""

    key: str
    title: str
    team: str  # the team that owns it
    raised_team: str
    by: str
    details: str = ""
    before: int | None = None  # raised between meetings, before meeting N (MEETINGS: after the last one)
    during: int | None = None  # raised in meeting N (dropped down from the scorecard or a rock)
    source: tuple[str, str] | None = None  # ("measurable" | "rock", key)
    talks: tuple[int, ...] = ()  # meetings that discussed it without ending it
    end: tuple[str, int] | None = None  # ("solved" | "dropped" | "long-term" | "merged", meeting)
    text: str = ""  # the solution, or why it was dropped
    merge_into: str | None = None
    todos: tuple[tuple[str, str], ...] = ()  # (title, owner) the solution produced


ISSUES: tuple[IssueSpec, ...] = (
    IssueSpec(
        "sla",
        "Hand-off SLA between Marketing and Sales not written down",
        "lead",
        "mkt",
        "priya",
        "Every week we argue about whose fault a lost lead is. Nobody can say what was agreed.",
        before=0,
        end=("solved", 0),
        text="SLA: Sales contacts every MQL within 24 h and returns unqualified leads with a reason within 5 days.",
        todos=(
            ("Write the SLA on one page and share it", "priya"),
            ("Add the two SLA numbers to the scorecard", "dana"),
        ),
    ),
    IssueSpec(
        "mqldef",
        "No agreed definition of an MQL",
        "mkt",
        "sales",
        "tom",
        "Half the MQLs are students or existing customers.",
        before=0,
        talks=(0,),
        end=("solved", 1),
        text="MQL = fits the ICP (50-500 staff, EU/US) and visited pricing or asked for a demo.",
        todos=(("Publish the MQL definition in the wiki", "lena"), ("Tag the MQL definition in HubSpot", "sam")),
    ),
    IssueSpec(
        "cases",
        "Case studies are two years old",
        "mkt",
        "sales",
        "marco",
        before=0,
        end=("solved", 2),
        text="Sam writes two new case studies this quarter (now a rock).",
        todos=(("Interview Fjord Logistics for a case study", "sam"),),
    ),
    IssueSpec(
        "office",
        "Office move in March",
        "lead",
        "lead",
        "dana",
        before=1,
        end=("long-term", 1),
    ),
    IssueSpec(
        "returned",
        "Returned leads vanish: nobody follows up",
        "sales",
        "mkt",
        "priya",
        "Leads Sales rejects never come back to nurture; we lose them.",
        before=1,
        talks=(2,),
        end=("solved", 3),
        text="Returned leads go back to Marketing's nurture list within 24 h with a reason code.",
        todos=(("Add a 'returned - reason' field to the CRM", "aisha"),),
    ),
    IssueSpec(
        "forecast",
        "Weekly forecast call clashes with the L10",
        "lead",
        "sales",
        "marco",
        before=2,
        end=("long-term", 3),
    ),
    IssueSpec(
        "slack",
        "Too many Slack channels",
        "lead",
        "lead",
        "dana",
        before=3,
        end=("dropped", 4),
        text="Not an L10 issue; Dana archives the dead channels.",
    ),
    IssueSpec(
        "tradeshow",
        "Trade-show leads never entered in the CRM",
        "sales",
        "mkt",
        "lena",
        "63 badge scans from the Hamburg show are still in a spreadsheet.",
        during=3,
        end=("solved", 4),
        text="Aisha enters badge scans within 48 h of a show; Tom checks.",
        todos=(("Enter the 63 leads from the Hamburg trade show", "aisha"),),
    ),
    IssueSpec(
        "pricing",
        "Pricing page promises a discount Sales can't give",
        "mkt",
        "sales",
        "tom",
        before=4,
        end=("dropped", 5),
        text="The page was already changed last week.",
    ),
    IssueSpec(
        "newsletter",
        "Newsletter unsubscribe spike",
        "mkt",
        "mkt",
        "lena",
        before=5,
        end=("solved", 5),
        text="Send the newsletter every other week instead of weekly.",
        todos=(("Move the newsletter to every other week", "sam"),),
    ),
    IssueSpec(
        "noshow",
        "Demo no-show rate is high",
        "sales",
        "sales",
        "tom",
        "One demo in four: nobody turns up.",
        before=5,
        end=("solved", 6),
        text="A reminder 2 h before each demo, with a one-click reschedule link.",
        todos=(("Switch on calendar reminders for demos", "tom"),),
    ),
    IssueSpec("crmdata", "CRM data quality", "sales", "sales", "marco", before=6, talks=(8,)),
    IssueSpec(
        "dupes",
        "CRM duplicates: same company three times",
        "sales",
        "sales",
        "aisha",
        before=6,
        end=("merged", 7),
        merge_into="crmdata",
    ),
    IssueSpec(
        "partner",
        "Partner programme rock off track",
        "lead",
        "lead",
        "dana",
        "No partner agreement signed yet; legal review is stuck.",
        during=7,
        source=("rock", "partner"),
        talks=(8,),
    ),
    IssueSpec("sdrbudget", "Hiring a second SDR: budget?", "lead", "sales", "marco", before=7),
    IssueSpec("events", "Q1 events budget not agreed", "lead", "mkt", "priya", before=8),
    IssueSpec(
        "webinar",
        "Leads from webinar are junk",
        "mkt",
        "sales",
        "tom",
        "Of 140 webinar sign-ups passed on as MQLs, 9 had a budget. Students and competitors on the list.",
        before=8,
        talks=(9,),
    ),
    IssueSpec(
        "visitors",
        "Website visitors down three weeks running",
        "mkt",
        "mkt",
        "sam",
        during=8,
        source=("measurable", "visitors"),
    ),
    IssueSpec(
        "ignored",
        "Sales ignores MQLs for 3 days",
        "sales",
        "mkt",
        "lena",
        "Median first touch on last week's MQLs was 71 h; the SLA says 24 h.",
        before=9,
        source=("measurable", "contacted"),
    ),
    IssueSpec("deck", "Sales deck still shows the old pricing", "sales", "mkt", "sam", before=9),
    IssueSpec("scoring", "Lead scoring model is a black box", "mkt", "sales", "tom", before=MEETINGS),
    IssueSpec(
        "lossreasons",
        "Marketing never hears why Sales loses deals",
        "sales",
        "mkt",
        "sam",
        before=MEETINGS,
    ),
)

TODO_POOL: tuple[tuple[str, str], ...] = (
    ("Send the webinar lead list to Sales with scores", "lena"),
    ("Call the five oldest open MQLs", "aisha"),
    ("Update the pipeline report for the board", "marco"),
    ("Book three customer interviews", "sam"),
    ("Draft the partner programme one-pager", "dana"),
    ("Review last month's lost-deal reasons", "tom"),
    ("Fix the demo-request form on mobile", "sam"),
    ("Share the win/loss notes with Marketing", "tom"),
    ("Shortlist the Q1 events", "priya"),
    ("Clean up duplicate accounts in the CRM", "aisha"),
    ("Write the job ad for the second SDR", "marco"),
    ("Send the churn survey to lost customers", "dana"),
    ("Prepare the webinar follow-up emails", "lena"),
    ("Check the lead-scoring weights with Sales", "priya"),
    ("Ask three customers for a G2 review", "tom"),
    ("Move the pipeline call to Wednesday", "marco"),
    ("Brief the agency on the Q1 campaign", "priya"),
    ("Record the product tour video", "sam"),
    ("Call back the Nordwind trial users", "aisha"),
    ("Send the partner agreement to legal", "dana"),
    ("Publish the pricing FAQ", "lena"),
    ("Set up the SLA dashboard", "priya"),
)
BETWEEN_TODOS: tuple[tuple[str, str, int], ...] = (  # (title, owner, before meeting N) added from the CLI
    ("Renew the conference booth deposit", "priya", 4),
    ("Order new demo laptops", "marco", MEETINGS),
)

HEADLINES: tuple[tuple[HeadlineKind, str, str], ...] = (
    ("customer", "Fjord Logistics renewed for three years", "marco"),
    ("employee", "Aisha passed her HubSpot certification", "marco"),
    ("customer", "Kestrel Foods asked for a case study call", "tom"),
    ("customer", "Two churn warnings from the Benelux accounts", "dana"),
    ("employee", "Lena is back from parental leave", "priya"),
    ("customer", "Polaris Health signed after the webinar", "tom"),
    ("employee", "Sam's blog post hit 3,000 readers", "priya"),
    ("customer", "Support praised for the 2 h response time", "dana"),
    ("customer", "Atlas Retail wants a pilot in January", "aisha"),
    ("employee", "Marco starts interviewing SDR candidates", "dana"),
    ("customer", "Nordwind's trial users doubled this week", "lena"),
    ("employee", "Tom ran his first half-marathon", "tom"),
    ("customer", "Greenline cancelled: budget cut", "marco"),
    ("customer", "Webinar replay downloaded 400 times", "sam"),
    ("customer", "Orbit Insurance moved their renewal forward", "marco"),
    ("employee", "Two new interns start in Marketing", "priya"),
    ("customer", "A prospect quoted our blog back to us on a demo", "tom"),
    ("employee", "Aisha booked 9 demos in one day", "marco"),
    ("customer", "Quarry Labs expanded to 40 seats", "dana"),
    ("employee", "The team offsite is booked for February", "dana"),
    ("customer", "Two G2 reviews came in this week", "lena"),
)
UPCOMING_HEADLINES: tuple[tuple[HeadlineKind, str, str], ...] = (
    ("customer", "Helios Bank booked a second demo", "tom"),
    ("employee", "Priya speaks at the Berlin SaaS meetup", "lena"),
)
MESSAGES: tuple[str, ...] = (
    "Tell Support: the new SLA starts Monday",
    "All staff: the office is closed on the 24th",
    "Tell Finance: the SDR hire is approved for January",
    "Customer Success: flag churn risks in the CRM, not in Slack",
    "Tell Product: three prospects asked for SSO this month",
    "All staff: the new MQL definition is in the wiki",
    "Tell the agency: pause the display ads",
    "Tell Support: demo reminders now go out by SMS",
)
SEGUES: tuple[str, ...] = (
    "Good news all round: two renewals, one new puppy.",
    "Marco's team closed the biggest deal of the year.",
    "Quiet week; everyone enjoyed the long weekend.",
    "The new website got its first inbound enterprise lead.",
    "Lena's webinar had a record 160 sign-ups.",
)
LOW_COMMENTS: tuple[str, ...] = (
    "Started late again",
    "IDS ran over and we rushed the conclude",
    "Too much blaming, not enough solving",
    "We talked about the webinar leads again without deciding anything",
    "Scorecard turned into a discussion",
    "Same issues as last week",
)
IDENTIFY_NOTES: tuple[str, ...] = (
    "Identify: nobody owns the hand-off step.",
    "Identify: the numbers come from two different reports.",
    "Identify: it is a process gap, not a people problem.",
    "Identify: we never agreed what 'done' means here.",
    "",
)

# Planned segment seconds come from the agenda; the actual ones vary around them.
ACTUAL_RANGE: tuple[tuple[int, int], ...] = (
    (240, 420),
    (240, 480),
    (180, 390),
    (150, 330),
    (200, 420),
    (3000, 4200),
    (240, 420),
)


# -- the builder ------------------------------------------------------------------------------------------------------


def build_demo(db: L10Store, *, seed: int = 7, today: date, tz: tzinfo | None = None) -> None:
    """Fill the empty store ``db`` with the demo company as it stands on the morning of ``today``.

    Meetings are on Mondays at 09:00 in ``tz`` (default UTC, which keeps the file the same on every machine).
    Raises :class:`DemoError` if the store already holds any record.
    """
    raw = db.raw()
    used = [t for t in RECORD_TABLES if raw.get(t)]
    if used:
        raise DemoError(
            f"store {db.path} is not empty (it has {', '.join(used)}); the demo is built only in an empty store"
        )
    saved = db.clock
    builder = _Builder(db, random.Random(seed), today, tz or UTC)
    db.clock = builder.clock
    kept, db.keep_history = db.keep_history, False  # the demo's making is not a change anyone undoes
    try:
        with db.transaction():
            builder.build()
    finally:
        db.clock = saved
        db.keep_history = kept


@dataclass
class _Meet:
    """A meeting being simulated."""

    index: int
    day: date
    record: Meeting
    start: datetime
    cursor: datetime
    present: list[str] = field(default_factory=list)


class _Builder:
    def __init__(self, db: L10Store, rng: random.Random, today: date, tz: tzinfo) -> None:
        self.db = db
        self.rng = rng
        self.today = today
        self.tz = tz
        self.now = self.local(today, 8, 0)  # the demo stands on the morning of ``today``, before any meeting
        self.clock = FakeClock(wall=self.now)
        self.team: dict[str, str] = {}
        self.person: dict[str, str] = {}
        self.measurable: dict[str, str] = {}
        self.rock: dict[str, str] = {}
        self.issue: dict[str, str] = {}
        this_monday = week_monday(today)
        self.score_weeks = [this_monday - timedelta(weeks=n) for n in range(SCORE_WEEKS, 0, -1)]
        mondays = [this_monday - timedelta(weeks=n) for n in range(MEETINGS, -1, -1)]
        self.meeting_days = [d for d in mondays if self.local(d, 9, 0) < self.now][-MEETINGS:]
        self.setup_at = self.local(min(self.score_weeks[0], self.meeting_days[0]) - timedelta(days=3), 10, 0)
        self.quarter = quarter_of(today)
        self.last_quarter = quarter_of(quarter_first_day(self.quarter) - timedelta(days=1))
        self.meetings: list[_Meet] = []
        self.pool = list(TODO_POOL)
        self.rng.shuffle(self.pool)
        self.late: dict[date, list[str]] = {}  # week -> measurables whose number is given in the meeting
        self.headline_pool = list(HEADLINES)
        self.rng.shuffle(self.headline_pool)

    # -- time ------------------------------------------------------------------------------------------------------

    def local(self, day: date, hour: int, minute: int) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=self.tz).astimezone(UTC)

    def at(self, moment: datetime) -> None:
        self.clock.wall = moment.astimezone(UTC).replace(microsecond=0)

    def window(self, before: int) -> tuple[datetime, datetime]:
        """The time between the end of meeting ``before - 1`` (or set-up) and meeting ``before`` (or now)."""
        start = self.setup_at + timedelta(hours=2) if before == 0 else self.meeting_end(before - 1)
        end = self.now - timedelta(minutes=30) if before >= len(self.meeting_days) else self.planned(before)
        return start, end

    def between(self, before: int, share: float) -> datetime:
        """A moment ``share`` of the way through the window before meeting ``before``, in office hours if it can."""
        start, end = self.window(before)
        moment = start + (end - start) * share
        local = moment.astimezone(self.tz)
        if local.hour < 8 or local.hour >= 18:
            shifted = datetime.combine(local.date(), time(10 + self.rng.randrange(6), self.rng.randrange(60)))
            candidate = shifted.replace(tzinfo=self.tz).astimezone(UTC)
            if start < candidate < end:
                moment = candidate
        return moment

    def planned(self, index: int) -> datetime:
        return self.local(self.meeting_days[index], 9, 0)

    def meeting_end(self, index: int) -> datetime:
        end = self.meetings[index].record.actual_end if index < len(self.meetings) else None
        return end if end is not None else self.planned(index) + timedelta(minutes=95)

    # -- the whole build -------------------------------------------------------------------------------------------

    def build(self) -> None:
        self.setup()
        self.scores_plan = self.plan_scores()
        events: list[tuple[datetime, int, Callable[[], None]]] = []

        def add(when: datetime, fn: Callable[[], None]) -> None:
            events.append((when, len(events), fn))

        for w_index, week in enumerate(self.score_weeks):
            add(self.local(week + timedelta(days=4), 16, 0), partial(self.enter_scores, w_index))
        add(self.rocks_at(self.last_quarter), partial(self.add_rocks, self.last_quarter))
        add(self.rocks_at(self.quarter), partial(self.add_rocks, self.quarter))
        add(self.rocks_at(self.quarter) + timedelta(minutes=15), self.add_milestones)  # after the rocks (12 min)
        for n, when in self.milestone_ticks():
            add(when, partial(self.tick_milestone, n))
        for k in range(len(self.meeting_days)):
            add(self.planned(k), partial(self.hold_meeting, k))
        # What happens between two meetings depends on when the first one ended: each meeting event first plays
        # the week before it (finish_between), then the meeting.
        self.run(events)
        self.finish_between(len(self.meeting_days))
        self.enter_late_scores()
        self.enter_this_week()
        for team in self.team.values():
            self.db.issues.rerank(team, [])

    def run(self, events: list[tuple[datetime, int, Callable[[], None]]]) -> None:
        for when, _, fn in sorted(events, key=lambda e: (e[0], e[1])):
            self.at(when)
            fn()

    # -- set-up: company, teams, people, measurables ---------------------------------------------------------------

    def setup(self) -> None:
        self.at(self.setup_at)
        self.db.set_setting("company", COMPANY)
        self.db.set_setting("demo", True)
        for key, name, colour in TEAMS:
            self.team[key] = self.db.teams.add(name, colour=colour, weekday=0, hour=9, minute=0).id
        for key, name, teams in PEOPLE:
            self.clock.advance(60)
            self.person[key] = self.db.people.add(name, [self.team[t] for t in teams]).id
        for spec in MEASURABLES:
            self.clock.advance(60)
            formula = None
            if spec.formula is not None:
                num, den = spec.formula
                formula = Formula(numerator=self.measurable[num], denominator=self.measurable[den], percent=True)
            self.measurable[spec.key] = self.db.measurables.add(
                spec.name,
                owner=self.person[spec.owner],
                goal=spec.goal,
                op=spec.op,
                unit=spec.unit,
                teams=[self.team[t] for t in spec.teams],
                formula=formula,
                by=self.person[FACILITATOR],
                goal_high=spec.goal_high,
                trailing=spec.trailing,
            ).id
        self.clock.advance(60)
        set_funnel(self.db, [self.db.measurables.get(self.measurable[key]) for key in FUNNEL])

    # -- scores ----------------------------------------------------------------------------------------------------

    def plan_scores(self) -> dict[str, list[float | None]]:
        """Thirteen weeks of numbers per entered measurable, oldest first, with the story's dips in them."""
        rng, n = self.rng, len(self.score_weeks)
        webinar = n - 3  # the week the webinar flooded Marketing's MQLs with junk
        plan: dict[str, list[float | None]] = {}
        mqls = [
            float(190 + rng.randrange(-8, 9)) if i == webinar else float(round(rng.gauss(128, 13))) for i in range(n)
        ]
        plan["mqls"] = list(mqls)
        plan["sqls"] = [
            float(round(m * (rng.uniform(0.13, 0.17) if i == webinar else rng.uniform(0.2, 0.32))))
            for i, m in enumerate(mqls)
        ]
        plan["revenue"] = [float(max(12_000, round(rng.gauss(43_000, 9_000) / 500) * 500)) for _ in range(n)]
        plan["contacted"] = [float(round(rng.uniform(61, 78) if i >= n - 3 else rng.uniform(84, 99))) for i in range(n)]
        plan["returned"] = [float(rng.randint(3, 13)) for _ in range(n)]
        plan["pipeline"] = [float(round(rng.gauss(165_000, 30_000) / 1_000) * 1_000) for _ in range(n)]
        plan["demos"] = [float(rng.randint(9, 16)) for _ in range(n)]
        plan["visitors"] = [
            float(round((7_650 - 400 * (i - (n - 3))) + rng.randrange(-120, 121)))
            if i >= n - 3
            else float(round(rng.gauss(8_600, 450)))
            for i in range(n)
        ]
        plan["blog"] = [float(rng.choice((2, 2, 2, 2, 1, 3))) for _ in range(n)]
        plan["customers"] = [float(rng.randint(2, 7)) for _ in range(n)]
        plan["churn"] = [float(rng.choice((0, 0, 0, 1, 1, 2))) for _ in range(n)]
        # Nobody entered a couple of numbers (the scorecard flags the empty cells).
        for key in rng.sample(["revenue", "pipeline", "demos", "blog", "customers", "returned"], 2):
            plan[key][rng.randrange(1, n - 3)] = None
        return plan

    def enter_scores(self, w_index: int) -> None:
        """The week's numbers, entered on Friday afternoon; in the weeks the meetings report, a couple are given
        late, in the meeting itself (on the scorecard, by the engine)."""
        week = self.score_weeks[w_index]
        entered = [s.key for s in MEASURABLES if s.formula is None]
        if w_index >= len(self.score_weeks) - MEETINGS - 1:
            self.late[week] = self.rng.sample(entered, 2)
        for spec in MEASURABLES:
            if spec.formula is not None or spec.key in self.late.get(week, []):
                continue
            value = self.scores_plan[spec.key][w_index]
            self.clock.advance(60 + self.rng.randrange(600))
            if value is not None:
                note = WEBINAR_NOTE if spec.key == "mqls" and w_index == len(self.score_weeks) - 3 else None
                self.db.scores.set(self.measurable[spec.key], week, value, by=self.person[spec.owner], note=note)

    def enter_late_scores(self) -> None:
        """Numbers held back for a meeting that did not report their week are entered from the command line."""
        self.at(self.now - timedelta(minutes=50))
        for week, keys in self.late.items():
            for key in keys:
                value = self.scores_plan[key][self.score_weeks.index(week)]
                if value is not None:
                    self.clock.advance(30)
                    self.db.scores.set(self.measurable[key], week, value, by=self.person[self.spec(key).owner])
        self.late.clear()

    def enter_this_week(self) -> None:
        """This week has barely started: two numbers are in, the rest are still to come."""
        week = week_monday(self.today)
        self.at(self.now - timedelta(minutes=40))
        for key, value in (("returned", float(2 + self.rng.randrange(3))), ("blog", 1.0)):
            self.clock.advance(120)
            self.db.scores.set(self.measurable[key], week, value, by=self.person[self.spec(key).owner])

    @staticmethod
    def spec(key: str) -> MeasurableSpec:
        return next(s for s in MEASURABLES if s.key == key)

    # -- rocks -----------------------------------------------------------------------------------------------------

    def rocks_at(self, quarter: str) -> datetime:
        """Rocks are set at the quarterly planning: the quarter's first day (never before set-up, never after now)."""
        moment = self.local(quarter_first_day(quarter), 11, 0)
        return min(max(moment, self.setup_at + timedelta(hours=1)), self.now - timedelta(hours=1))

    def add_rocks(self, quarter: str) -> None:
        if quarter == self.quarter:
            for spec in ROCKS:
                self.clock.advance(120)
                self.rock[spec.key] = self.db.rocks.add(
                    spec.title,
                    owner=self.person[spec.owner],
                    team=self.team[spec.team],
                    quarter=quarter,
                    by=self.person[FACILITATOR],
                ).id
            return
        held = [d for d in self.meeting_days if quarter_of(d) == quarter]
        for title, owner, team, final in LAST_QUARTER_ROCKS:
            self.clock.advance(120)
            rock = self.db.rocks.add(
                title,
                owner=self.person[owner],
                team=self.team[team],
                quarter=quarter,
                due=quarter_last_day(quarter),
                by=self.person[FACILITATOR],
            )
            self.rock[f"last:{title}"] = rock.id
            if not held:  # no meeting of that quarter in the demo: the rock arrives closed
                self.db.rocks.set_status(rock.id, final, quarter_last_day(quarter))

    def milestone_due(self, days: int) -> date:
        first, last = quarter_first_day(self.quarter), quarter_last_day(self.quarter)
        return min(max(self.today + timedelta(days=days), first), last)

    def add_milestones(self) -> None:
        """The SDR rock's dated milestones, set at the quarterly planning."""
        for title, days, _done in SDR_MILESTONES:
            self.clock.advance(60)
            milestones.add(self.db.rocks, self.rock["sdr"], title, self.milestone_due(days))

    def milestone_ticks(self) -> list[tuple[int, datetime]]:
        """When Marco ticks the done ones: the afternoon before each is due (after the planning, before now)."""
        start = self.rocks_at(self.quarter) + timedelta(minutes=25)  # after add_milestones (5 minutes long)
        out = []
        for n, (_title, days, done) in enumerate(SDR_MILESTONES, start=1):
            if done:
                moment = self.local(self.milestone_due(days) - timedelta(days=1), 15, 0)
                out.append((n, min(max(moment, start + timedelta(minutes=n)), self.now - timedelta(minutes=10))))
        return out

    def tick_milestone(self, n: int) -> None:
        milestones.set_done(self.db.rocks, f"{self.rock['sdr']}.{n}")

    def review_rocks(self, run: MeetingRun, meet: _Meet) -> None:
        """Each of the meeting's rocks on or off track (closed done / not done when the story says so)."""
        quarter = quarter_of(meet.day)
        held = [d for d in self.meeting_days if quarter_of(d) == quarter]
        nth = held.index(meet.day)
        shown = {r.id for r in run.rocks()}
        if quarter == self.quarter:
            for spec in ROCKS:
                rock = self.db.rocks.get(self.rock[spec.key]) if spec.key in self.rock else None
                if rock is None or rock.final is not None or rock.id not in shown:
                    continue
                status = "off" if self.rng.random() < spec.p_off else "on"
                if nth < spec.off_first or meet.index >= len(self.meeting_days) - spec.off_last:
                    status = "off"
                self.clock.advance(15)
                if spec.done_at is not None and nth == min(spec.done_at, len(held) - 1):
                    run.set_rock(rock.id, "on")
                    run.set_rock(rock.id, "done")
                else:
                    run.set_rock(rock.id, status)
        elif quarter == self.last_quarter:
            last = nth == len(held) - 1
            for title, _, _, final in LAST_QUARTER_ROCKS:
                rock_id = self.rock[f"last:{title}"]
                if rock_id not in shown:
                    continue
                status = "on" if final == "done" or self.rng.random() < 0.4 else "off"
                self.clock.advance(15)
                run.set_rock(rock_id, status)
                if last:
                    run.set_rock(rock_id, final)

    # -- between meetings ------------------------------------------------------------------------------------------

    def finish_between(self, before: int) -> None:
        """What happens in the week before meeting ``before``: issues raised, to-dos added, headlines noted."""
        specs = [s for s in ISSUES if s.before == before]
        for n, spec in enumerate(specs):
            self.at(self.between(before, (n + 1) / (len(specs) + 2)))
            self.raise_issue(spec)
        for title, owner, when in BETWEEN_TODOS:
            if when == before:
                self.at(self.between(before, 0.3))
                self.db.todos.add(
                    title,
                    owner=self.person[owner],
                    today=self.clock.now().astimezone(self.tz).date(),
                    team=self.team[PEOPLE_TEAMS[owner][0]],
                    by=self.person[owner],
                )
        if before >= len(self.meeting_days):
            for n, (kind, text, by) in enumerate(UPCOMING_HEADLINES):
                self.at(self.between(before, 0.5 + n / 10))
                self.db.headlines.add(text, kind=kind, by=self.person[by], team=self.team[PEOPLE_TEAMS[by][0]])

    def raise_issue(self, spec: IssueSpec) -> str | None:
        source = None
        if spec.source is not None:
            kind, key = spec.source
            table = self.measurable if kind == "measurable" else self.rock
            if key in table:
                source = SourceLink(kind=kind, id=table[key])  # type: ignore[arg-type]
        issue = self.db.issues.add(
            spec.title,
            team=self.team[spec.team],
            raised_by=self.person[spec.by],
            raised_by_team=self.team[spec.raised_team],
            details=spec.details,
            source=source,
            by=self.person[spec.by],
        )
        self.issue[spec.key] = issue.id
        return issue.id

    # -- a meeting -------------------------------------------------------------------------------------------------

    def hold_meeting(self, k: int) -> None:
        """Meeting ``k``, held by driving the meeting engine (l10tui.meeting.run) on the demo's fake clock.

        The record it leaves is the one the engine writes: nothing here writes a meeting record by hand.
        """
        self.finish_between(k)
        rng = self.rng
        planned = self.planned(k)
        late_s = rng.choice((0, 0, 0, 0, 60, 120, 240, 420)) + rng.randrange(0, 50)
        self.at(planned + timedelta(seconds=late_s))
        facilitator = self.person[FACILITATOR]
        run = MeetingRun.open(self.db, self.clock, tz=self.tz, by=facilitator, writer=f"demo{k}")
        start = run.meeting.actual_start or self.clock.now()
        people = sorted(self.person.items(), key=lambda kv: kv[0])
        someone_away = k in (3, 7) or rng.random() < 0.3
        absent = {rng.choice([p for p, _ in people if p != FACILITATOR])} if someone_away else set()
        meet = _Meet(
            k, self.meeting_days[k], run.meeting, start, start, [pid for key, pid in people if key not in absent]
        )
        self.meetings.append(meet)
        agenda = [s.planned_s for s in run.meeting.segments]
        actual = [float(rng.randint(lo, hi)) for lo, hi in ACTUAL_RANGE]
        if k in (2, 6):  # two meetings where IDS ran well over
            actual[5] += 900.0
        elif k in (1, 4, 8):  # and three that ended a few minutes early
            others = sum(actual) - actual[5]
            actual[5] = float(min(actual[5], sum(agenda) - others - rng.randint(60, 300)))

        def step(seconds: float) -> None:
            self.clock.advance(seconds)

        def next_segment(index: int) -> None:
            step(max(1.0, actual[index] - run.elapsed(index)))
            run.next_segment()

        # 1. Segue: who is here, the good news
        step(20)
        for key, pid in people:
            if key in absent:
                run.set_attendance(pid, False)
        run.set_segue_notes(rng.choice(SEGUES))
        next_segment(0)
        # 2. Scorecard: the reported week's numbers; the ones still missing are given in the room
        step(30)
        week = run.scorecard_week()
        for key in self.late.pop(week, []):
            value = self.scores_plan[key][self.score_weeks.index(week)]
            if value is not None:
                step(20)
                run.set_score(self.measurable[key], value, by=self.person[self.spec(key).owner])
        for spec in ISSUES:
            if spec.during == k and spec.source is not None and spec.source[0] == "measurable":
                step(40)
                self.issue[spec.key] = run.drop_to_issues(
                    "measurable", self.measurable[spec.source[1]], title=spec.title
                ).id
        next_segment(1)
        # 3. Rock review
        step(20)
        self.review_rocks(run, meet)
        for spec in ISSUES:
            if spec.during != k or (spec.source is not None and spec.source[0] == "measurable"):
                continue
            step(40)
            if spec.source is not None and spec.source[1] in self.rock:
                self.issue[spec.key] = run.drop_to_issues("rock", self.rock[spec.source[1]], title=spec.title).id
            else:
                self.issue[spec.key] = run.add_issue(
                    spec.title, self.team[spec.team], raised_by=self.person[spec.by], details=spec.details
                ).id
        next_segment(2)
        # 4. Headlines
        step(15)
        for _ in range(1 + rng.randrange(2)):
            if not self.headline_pool:
                break
            kind, text, by = self.headline_pool.pop()
            step(45)
            run.add_headline(kind, text, self.person[by])
        next_segment(3)
        # 5. To-do review
        step(10)
        self.review_todos(run, meet)
        next_segment(4)
        # 6. IDS
        step(30)
        self.run_ids(run, meet, actual[5])
        for _ in range(3 if k == len(self.meeting_days) - 3 else 1 + rng.randrange(2)):
            title, owner = self.pool.pop()
            step(30 + rng.randrange(60))
            run.add_todo(title, self.person[owner])
        next_segment(5)
        # 7. Conclude: cascading messages, ratings, finish
        step(30)
        for text in rng.sample(MESSAGES, 1 + rng.randrange(2)):
            step(20)
            run.add_message(text)
        self.rate(run, meet)
        step(max(1.0, actual[6] - run.elapsed(6)))
        run.finish(backup=False)
        meet.record = run.meeting

    def review_todos(self, run: MeetingRun, meet: _Meet) -> None:
        """The to-dos the engine puts up for review, done or not (a couple stay not done two meetings running)."""
        stubborn_from = len(self.meeting_days) - 3  # its to-dos are the ones still not done, twice
        for todo in run.todos_to_review():
            origin = self.meeting_index(todo.created_in_meeting)
            if origin == stubborn_from and self.is_stubborn(todo):
                done = False
            elif any(not r.done for r in todo.reviews):
                done = True
            else:
                done = self.rng.random() < 0.8
            self.clock.advance(15)
            run.review_todo(todo.id, done)

    def is_stubborn(self, todo: Todo) -> bool:
        made = [
            t for t in self.db.todos.all() if t.created_in_meeting == todo.created_in_meeting and not t.source_issue
        ]
        return todo.id in [t.id for t in creation_order(made)[:2]]

    def meeting_index(self, meeting_id: str | None) -> int | None:
        return next((m.index for m in self.meetings if m.record.id == meeting_id), None)

    def run_ids(self, run: MeetingRun, meet: _Meet, ids_seconds: float) -> None:
        k, rng = meet.index, self.rng
        specs = [s for s in ISSUES if self.issue.get(s.key) and (k in s.talks or (s.end is not None and s.end[1] == k))]
        wanted = [min(max(120.0, rng.gauss(900.0, 300.0)), 1500.0) for _ in specs]
        budget = ids_seconds - 300.0  # the rest went on picking the top three and the to-dos
        scale = min(1.0, budget / sum(wanted)) if wanted else 1.0
        for slot, spec in enumerate(specs[:3], start=1):
            run.pick(slot, self.issue[spec.key])
        for spec, want in zip(specs, wanted, strict=True):
            issue_id = self.issue[spec.key]
            run.start_issue(issue_id)
            note = rng.choice(IDENTIFY_NOTES)
            if note:
                run.set_notes(issue_id, identify=note.removeprefix("Identify: "))
            self.clock.advance(round(want * scale, 1))
            ending = spec.end if spec.end is not None and spec.end[1] == k else None
            kind = ending[0] if ending is not None else ""
            if kind == "solved":
                todos = [NewTodo(title, self.person[owner]) for title, owner in spec.todos]
                run.solve(issue_id, spec.text, todos)
            elif kind == "dropped":
                run.drop_issue(issue_id, spec.text)
            elif kind == "long-term":
                run.long_term(issue_id)
            elif kind == "merged" and spec.merge_into in self.issue:
                run.merge(issue_id, self.issue[spec.merge_into])
            else:
                run.close_current_issue()

    def rate(self, run: MeetingRun, meet: _Meet) -> None:
        late = (meet.start - self.planned(meet.index)).total_seconds() > 120
        for key, pid in sorted(self.person.items(), key=lambda kv: kv[0]):
            if pid not in meet.present:
                continue  # the engine records the absent as absent
            # Sales rates the meetings a little lower than Marketing: the product's alignment view shows it.
            base = 8.0 if "sales" in PEOPLE_TEAMS[key] else 8.6
            score = int(min(10, max(6, round(self.rng.gauss(base - (0.5 if late else 0.0), 0.9)))))
            comment = ""
            if needs_comment(Rating(person=pid, score=score)):
                comment = LOW_COMMENTS[0] if late and self.rng.random() < 0.6 else self.rng.choice(LOW_COMMENTS)
            self.clock.advance(10)
            run.rate(pid, score, comment)


PEOPLE_TEAMS: dict[str, tuple[str, ...]] = {key: teams for key, _, teams in PEOPLE}
