from __future__ import annotations

from l10tui.domain.models import Formula, Measurable, Op
from l10tui.domain.rules import InputError, clean_name, clean_text

from .named import NamedRepo


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
    ) -> Measurable:
        name = clean_name(name, "measurable name")
        if op not in (">=", "<=", "=="):
            raise InputError(f"goal direction {op!r} is not one of >=, <=, ==")
        unit = clean_text(unit, "unit", max_len=12) if unit.strip() else ""
        with self.store.transaction():
            self.ensure_unique(name)
            if formula is not None:
                for part in (formula.numerator, formula.denominator):
                    src = self.get(part)
                    if src.formula is not None:
                        raise InputError(f"{src.name} is itself derived; a formula uses two entered numbers")
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
            )

    def for_team(self, team_id: str | None) -> list[Measurable]:
        return [m for m in self.active() if team_id is None or team_id in m.teams or not m.teams]

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
    ) -> Measurable:
        """Redefine a measurable (same checks as :meth:`add`; its scores keep their id)."""
        name = clean_name(name, "measurable name")
        if op not in (">=", "<=", "=="):
            raise InputError(f"goal direction {op!r} is not one of >=, <=, ==")
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
            m.name, m.owner, m.goal, m.op, m.unit = name, owner, float(goal), op, unit
            m.teams = list(dict.fromkeys(teams or []))
            m.formula = formula
            return self.save(m)
