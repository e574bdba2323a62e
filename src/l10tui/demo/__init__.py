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

The modules, one job each: ``cast`` (company, teams, people, measurables, rocks), ``story`` (the issues),
``words`` (to-dos, headlines, messages, comments, segment times), ``state`` (the timeline on the fake clock and the
ids made so far), ``company`` (the set-up), ``scores``, ``rocks``, ``between`` (what happens between meetings),
``meetings`` (the past meetings through the engine) and ``build`` (``build_demo`` and the events in time order).
"""

from __future__ import annotations

from .build import DemoError, build_demo

__all__ = ["DemoError", "build_demo"]
