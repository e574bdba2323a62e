"""One business rule, one home: the rules below live in one function that the CLI, the app and the engine call,
and no other copy of them is left in the source."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

from l10tui.domain.models import Person
from l10tui.domain.rules import TRACK_SYMBOL, team_of_person, track_label
from l10tui.store import open_store
from l10tui.store.solve import TodoToMake, solve_with_todos

SRC = Path(__file__).resolve().parents[2] / "src" / "l10tui"
AT = datetime(2026, 11, 23, tzinfo=UTC)


def sources() -> dict[str, str]:
    return {str(p.relative_to(SRC)): p.read_text() for p in SRC.rglob("*.py")}


def test_team_of_person() -> None:
    both = Person(id="P-1", created_at=AT, updated_at=AT, name="Ann", teams=["TM-1", "TM-2"])
    assert team_of_person(both) == "TM-1"
    assert team_of_person(both, ["TM-2", "TM-3"]) == "TM-2"  # the meeting's team she is in
    assert team_of_person(both, ["TM-3"]) == "TM-1"
    assert team_of_person(None) is None
    assert team_of_person(Person(id="P-2", created_at=AT, updated_at=AT, name="Bo")) is None


def test_track_map_has_one_home() -> None:
    assert track_label("missing") == "· not entered" and TRACK_SYMBOL["on"] == "✓"
    copies = [name for name, text in sources().items() if re.search(r"\{\s*\"on\":\s*\"✓", text)]
    assert copies == ["domain/rules.py"]


def test_the_weeks_monday_has_one_home() -> None:
    pattern = re.compile(r"timedelta\(days=\w+(\.\w+)*\.weekday\(\)\)|toordinal\(\) - \w+(\.\w+)*\.weekday\(\)")
    copies = [name for name, text in sources().items() if pattern.search(text)]
    assert copies == ["domain/dates.py"], copies


def test_raised_by_team_has_one_home() -> None:
    pattern = re.compile(r"\.teams\[0\] if [\w. ]*\.teams else None")
    copies = [name for name, text in sources().items() if pattern.search(text)]
    assert copies == ["domain/rules.py"], copies


def test_solving_with_todos_has_one_home(tmp_path: Path) -> None:
    """The board and the meeting both call store/solve.py; it links both ways and closes the issue."""
    callers = [name for name, text in sources().items() if "solve_with_todos(" in text and name != "store/solve.py"]
    assert sorted(callers) == ["meeting/segments/ids.py", "tui/screens/issues_board.py"]
    db = open_store(tmp_path / "l10.json")
    sales, marketing = db.teams.add("Sales"), db.teams.add("Marketing")
    cat = db.people.add("Cat", [marketing.id])
    issue = db.issues.add("Leads are junk", team=sales.id)
    solved, made = solve_with_todos(
        db, issue.id, "Agree on an MQL", [TodoToMake("Write it down", cat.id)], today=date(2026, 11, 23)
    )
    assert solved.status == "solved" and solved.todos == [made[0].id]
    assert made[0].source_issue == issue.id and made[0].team == marketing.id  # its owner's team
