"""The funnel's rules (domain/funnel.py) on a hand-made history whose answers are worked out by hand: a missing
week, a zero divisor and a low-volume step. Fails on the code before issue #18 (no domain/funnel.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from l10tui.commands.funnel_render import funnel_json, render_text
from l10tui.domain.funnel import (
    RULE,
    Funnel,
    FunnelError,
    StageSpec,
    build_funnel,
    check_stages,
    is_count,
)
from l10tui.domain.models import Formula, Measurable

T0 = datetime(2026, 1, 1, tzinfo=UTC)
WEEKS = [date(2026, 10, 5) + timedelta(weeks=i) for i in range(6)]
MKT, SALES, LEAD = "TM-2", "TM-1", "TM-3"
TEAM_NAMES = {SALES: "Sales", MKT: "Marketing", LEAD: "Leadership"}

# The history (oldest first; None = nobody entered it):
A = [100, 100, 100, 100, None, 100]  # MQLs       (Marketing)
B = [20, 30, 25, 0, 30, 10]  # SQLs             (Sales)
C = [10, 15, 10, 0, 15, 4]  # Demos             (Sales)
D = [5, 6, 5, 0, 6, 0]  # Customers             (Leadership)
# MQLs -> SQLs:   20 30 25 0 gap 10   -> median of [20, 30, 25, 0, 10] = 20 (a gap counted as 0 would give 15)
# SQLs -> Demos:  50 50 40 zero 50 40 -> median of [50, 50, 40, 50, 40] = 50 (week 4: 0 SQLs, no rate)
# Demos -> Cust:  50 40 50 zero 40 0  -> median 40; this week 4 demos: noisy (< 10), never the leak
# This week: MQLs -> SQLs 10 % vs 20 % (lost half), SQLs -> Demos 40 % vs 50 % (lost a fifth): the leak is the first.


def meas(mid: str, name: str, unit: str = "", formula: Formula | None = None, negative: bool = False) -> Measurable:
    return Measurable(
        id=mid, created_at=T0, updated_at=T0, name=name, unit=unit, formula=formula, negative=negative, teams=[]
    )


MEAS = {
    "M-1": meas("M-1", "MQLs"),
    "M-2": meas("M-2", "SQLs"),
    "M-3": meas("M-3", "Demos"),
    "M-4": meas("M-4", "Customers"),
}
SPECS = [StageSpec("M-1", MKT), StageSpec("M-2", SALES), StageSpec("M-3", SALES), StageSpec("M-4", LEAD)]


def grid() -> dict[tuple[str, date], float]:
    out: dict[tuple[str, date], float] = {}
    for mid, values in zip(("M-1", "M-2", "M-3", "M-4"), (A, B, C, D), strict=True):
        for w, v in zip(WEEKS, values, strict=True):
            if v is not None:
                out[(mid, w)] = float(v)
    return out


@pytest.fixture
def funnel() -> Funnel:
    return build_funnel(SPECS, MEAS, TEAM_NAMES, WEEKS, grid())


def test_conversions_per_week_and_the_gaps(funnel: Funnel) -> None:
    first, second, third = funnel.steps
    assert [w.conversion for w in first.weeks] == [20.0, 30.0, 25.0, 0.0, None, 10.0]
    assert first.weeks[4].state == "gap"  # a missing stage is a gap, never 0 %
    assert [w.conversion for w in second.weeks] == [50.0, 50.0, 40.0, None, 50.0, 40.0]
    assert second.weeks[3].state == "zero"  # 0 SQLs: no rate, not a division by zero
    assert [w.conversion for w in third.weeks] == [50.0, 40.0, 50.0, None, 40.0, 0.0]


def test_medians_skip_gaps_and_zero_divisors(funnel: Funnel) -> None:
    assert [s.median for s in funnel.steps] == [20.0, 50.0, 40.0]


def test_the_leak_is_the_step_furthest_below_its_own_median(funnel: Funnel) -> None:
    leak = funnel.leak()
    assert leak is not None
    assert leak.step.label == "MQLs -> SQLs"
    assert leak.text() == "MQLs -> SQLs 10 %, median 20 %: Sales"  # the team of the step's far side
    assert funnel.leak_line() == "Funnel leak, wk 9 Nov: MQLs -> SQLs 10 %, median 20 %: Sales"


def test_a_noisy_step_is_never_the_leak(funnel: Funnel) -> None:
    third = funnel.steps[2]
    assert third.weeks[-1].noisy and third.weeks[-1].conversion == 0.0  # fell 100 % below its median, but 4 demos
    assert third.shortfall(WEEKS[-1]) is None
    only_noisy = build_funnel(SPECS[2:], MEAS, TEAM_NAMES, WEEKS, grid())
    assert only_noisy.leak() is None
    assert "noisy" in only_noisy.leak_line() and "Demos -> Customers" in only_noisy.leak_line()


def test_the_leak_of_other_weeks(funnel: Funnel) -> None:
    assert funnel.leak(WEEKS[1]) is None  # every step at or above its median
    assert funnel.leak(WEEKS[4]) is None  # the first step is a gap, the others at their median
    w2 = funnel.leak(WEEKS[2])
    assert w2 is not None and w2.step.label == "SQLs -> Demos"
    w3 = funnel.leak(WEEKS[3])
    assert w3 is not None and w3.step.label == "MQLs -> SQLs" and w3.conversion == 0.0


def test_every_number_missing_names_no_leak() -> None:
    empty = build_funnel(SPECS, MEAS, TEAM_NAMES, WEEKS, {})
    assert empty.leak() is None
    assert empty.leak_line() == "Funnel, wk 9 Nov: no leak named (numbers missing)"
    assert all(s.median is None for s in empty.steps)
    assert "0 %" not in render_text(empty).replace(RULE, "")


def test_json_and_text(funnel: Funnel) -> None:
    data = funnel_json(funnel)
    assert data["leak"]["label"] == "MQLs -> SQLs" and data["leak"]["team_name"] == "Sales"
    assert data["steps"][0]["weeks"]["2026-11-02"] == {
        "conversion": None,
        "state": "gap",
        "noisy": False,
        "below_median_by": None,
    }
    assert data["steps"][0]["weeks"]["2026-11-09"]["below_median_by"] == 50.0
    assert data["stages"][0]["values"]["2026-11-02"] is None
    assert data["leak_by_week"]["2026-10-19"] == "SQLs -> Demos"
    text = render_text(funnel)
    assert "✗ 10 %, median 20 % (below)" in text
    assert "~ 0 % noisy (4 at the start)" in text


def test_stage_rules() -> None:
    assert is_count(MEAS["M-1"])
    assert not is_count(meas("M-9", "Rate", unit="%"))
    assert not is_count(meas("M-9", "Revenue", unit="$"))
    assert not is_count(meas("M-9", "SQL rate", formula=Formula("M-2", "M-1")))
    assert not is_count(meas("M-9", "Balance", negative=True))
    check_stages([MEAS["M-1"], MEAS["M-2"]])
    with pytest.raises(FunnelError, match="at least 2"):
        check_stages([MEAS["M-1"]])
    with pytest.raises(FunnelError, match="twice"):
        check_stages([MEAS["M-1"], MEAS["M-2"], MEAS["M-1"]])
    with pytest.raises(FunnelError, match="not a weekly count"):
        check_stages([MEAS["M-1"], meas("M-9", "Revenue", unit="$")])
    retired = meas("M-9", "Old leads")
    retired.active = False
    with pytest.raises(FunnelError, match="Old leads is retired"):
        check_stages([MEAS["M-1"], retired])
    with pytest.raises(FunnelError, match="at most 8"):
        check_stages([meas(f"M-{i}", f"S{i}") for i in range(9)])
