"""What the demo's people say and add: the to-do pool, headlines, cascading messages, segues, rating comments,
IDS notes, and how long each segment really took."""

from __future__ import annotations

from l10tui.domain.models import HeadlineKind

from .cast import MEETINGS

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
