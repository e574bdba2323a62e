"""The demo's story: every issue, who raised it about whom, and in which meeting it was discussed and ended."""

from __future__ import annotations

from dataclasses import dataclass

from .cast import MEETINGS


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
