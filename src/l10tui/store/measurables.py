from __future__ import annotations

from l10tui.domain.goals import Goal, check_goal
from l10tui.domain.models import Formula, Measurable, Op
from l10tui.domain.rules import InputError, clean_name, clean_text
from l10tui.domain.trailing import check_trailing

from .errors import Conflict
from .named import NamedRepo

ORDER_SETTING = "measurable_order"


class Measurables(NamedRepo[Measurable]):
    table_name = "measurables"
    model = Measurable
    noun = "measurable"

    def add(
        self,
        name: str,
        *,
        owner: str,
        goal: float,
        op: Op = ">=",
        unit: str = "",
        teams: list[str] | None = None,
        formula: Formula | None = None,
        by: str = "",
        negative: bool = False,
        goal_high: float | None = None,
        trailing: str = "",
    ) -> Measurable:
        name = clean_name(name, "measurable name")
        check_goal(Goal(op, float(goal), goal_high), negative=negative)
        unit = clean_text(unit, "unit", max_len=12) if unit.strip() else ""
        with self.store.transaction():
            self.ensure_unique(name)
            if formula is not None:
                for part in (formula.numerator, formula.denominator):
                    src = self.get(part)
                    if src.formula is not None:
                        raise InputError(f"{src.name} is itself derived; a formula uses two entered numbers")
            trailing = check_trailing(trailing, derived=formula is not None, name=name)
            return self._new(
                negative=negative,
                name=name,
                owner=owner,
                teams=list(dict.fromkeys(teams or [])),
                goal=float(goal),
                op=op,
                unit=unit,
                formula=formula,
                created_by=by,
                goal_high=None if op != "range" else goal_high,
                trailing=trailing,
            )

    def for_team(self, team_id: str | None) -> list[Measurable]:
        return [m for m in self.ordered() if team_id is None or team_id in m.teams or not m.teams]

    def ordered(self, *, retired: bool = False) -> list[Measurable]:
        """Active measurables in the scorecard's order (``l10 measurable move``), then by id; ``retired`` adds the
        retired ones at the end."""
        order = {mid: i for i, mid in enumerate(self.store.setting(ORDER_SETTING, []) or [])}
        found = self.all() if retired else self.active()
        return sorted(found, key=lambda m: (not m.active, order.get(m.id, len(order)), int(m.id.split("-")[-1])))

    def retire(self, measurable_id: str, retired: bool = True) -> Measurable:
        """Take a measurable off the scorecard (its numbers stay in history), or bring it back."""
        with self.store.transaction():
            m = self.get(measurable_id)
            if m.active != retired:
                raise Conflict(f"{m.name} is {'already retired' if retired else 'not retired'}")
            self.store.name_change(f"{'retired' if retired else 'restored'} {m.id} {m.name}")
            if retired:
                for other in self.active():
                    f = other.formula
                    if f is not None and m.id in (f.numerator, f.denominator):
                        raise Conflict(f"{other.name} is computed from {m.name}; retire {other.name} first")
            m.active = not retired
            return self.save(m)

    def move(self, measurable_id: str, position: int) -> list[Measurable]:
        """Put a measurable at ``position`` (1 = top) of the scorecard; return the new order."""
        with self.store.transaction():
            m = self.get(measurable_id)
            if not m.active:
                raise Conflict(f"{m.name} is retired; restore it first")
            current = [x.id for x in self.ordered()]
            if not 1 <= position <= len(current):
                raise InputError(f"position {position} is not between 1 and {len(current)}")
            self.store.name_change(f"moved {m.id} {m.name} to {position}")
            current.remove(m.id)
            current.insert(position - 1, m.id)
            self.store.set_setting(ORDER_SETTING, current)
            return self.ordered()

    def edit(
        self,
        measurable_id: str,
        *,
        name: str,
        owner: str,
        goal: float,
        op: Op = ">=",
        unit: str = "",
        teams: list[str] | None = None,
        formula: Formula | None = None,
        goal_high: float | None = None,
        trailing: str | None = None,
    ) -> Measurable:
        """Redefine a measurable (same checks as :meth:`add`; its scores keep their id). ``trailing`` None keeps
        the measurable's trailing column as it is."""
        name = clean_name(name, "measurable name")
        unit = clean_text(unit, "unit", max_len=12) if unit.strip() else ""
        with self.store.transaction():
            m = self.get(measurable_id)
            self.ensure_unique(name, exclude=m.id)
            if formula is not None:
                for part in (formula.numerator, formula.denominator):
                    src = self.get(part)
                    if src.id == m.id or src.formula is not None:
                        raise InputError(f"{src.name} cannot be part of this formula: use two entered numbers")
            for other in self.all():
                f = other.formula
                if formula is not None and f is not None and m.id in (f.numerator, f.denominator):
                    raise InputError(f"{other.name} is computed from {m.name}; it cannot become derived itself")
            check_goal(Goal(op, float(goal), goal_high), negative=m.negative)
            if trailing is not None:
                m.trailing = check_trailing(trailing, derived=formula is not None, name=name)
            elif formula is not None and m.trailing.startswith("total"):
                m.trailing = ""
            m.goal_high = goal_high if op == "range" else None
            m.name, m.owner, m.goal, m.op, m.unit = name, owner, float(goal), op, unit
            m.teams = list(dict.fromkeys(teams or []))
            m.formula = formula
            return self.save(m)
