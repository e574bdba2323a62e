"""The demo company's cast: the company, its teams and people, its measurables and its rocks (fixed; the seed moves
only the numbers)."""

from __future__ import annotations

from dataclasses import dataclass

from l10tui.domain.models import Op, RockFinal

COMPANY = "Brightline Software"
MEETINGS = 10  # finished weekly meetings, one a week, the last one before today
SCORE_WEEKS = 13  # weeks of numbers before this week

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

PEOPLE_TEAMS: dict[str, tuple[str, ...]] = {key: teams for key, _, teams in PEOPLE}


def measurable_spec(key: str) -> MeasurableSpec:
    return next(s for s in MEASURABLES if s.key == key)
