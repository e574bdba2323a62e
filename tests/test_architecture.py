"""The arrows of DESIGN.md point down: tui -> meeting -> store -> domain, and the CLI stays light.

The imports of every module under ``src/l10tui`` are read with :mod:`ast` (nothing is imported), each one resolved
to an absolute module name, and checked against the rules below. A subprocess then runs CLI commands that do not open
the app and checks that ``textual`` never made it into ``sys.modules``.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PKG = SRC / "l10tui"

# room -> the rooms of ours it may import (its own room is always allowed). Every module of src/l10tui has a room;
# a module in a room with no rule here fails the test, so a new top-level module must be placed before it lands.
ALLOWED: dict[str, frozenset[str]] = {
    "": frozenset(),  # l10tui/__init__.py: the version, nothing else
    "__main__": frozenset({"cli"}),
    "domain": frozenset(),
    "paths": frozenset(),
    # the test hooks read from the environment (L10_TEST_FAULT...), in one documented place; imports nothing
    "testing_seam": frozenset(),
    "store": frozenset({"domain", "testing_seam"}),
    "meeting": frozenset({"store", "domain"}),
    # the demo company is built by driving the meeting engine with a fake clock
    "demo": frozenset({"meeting", "store", "domain"}),
    # Markdown/JSON rendering of records for the CLI and the app; reads the store, never the engine or the app
    "report": frozenset({"store", "domain"}),
    # the CLI: cli.py and its command modules sit beside tui/; tui/ only as APP_OPENERS allows
    "cli": frozenset({"commands", "paths", "domain", "tui"}),
    # git sync and the merge driver (issue 16): store-side, no Textual
    "sync": frozenset({"store", "domain", "testing_seam"}),
    "commands": frozenset({"meeting", "store", "domain", "report", "paths", "demo", "tui", "sync"}),
    # the app: everything below it, never the CLI
    "tui": frozenset({"meeting", "store", "domain", "report", "paths", "demo", "sync", "testing_seam"}),
}
# rooms that must never import Textual, not even lazily inside a function (the CLI's rule is APP_OPENERS below)
NO_TEXTUAL = frozenset(ALLOWED) - {"tui", "cli", "commands"}
# the modules that open the app: the only ones outside tui/ that may import tui/ or Textual, and only lazily
APP_OPENERS = frozenset({"l10tui.cli", "l10tui.commands.app", "l10tui.commands.room"})


@dataclass(frozen=True)
class Import:
    module: str  # absolute, e.g. "l10tui.store.db" or "textual.app"
    line: int
    lazy: bool  # inside a function body or under ``if TYPE_CHECKING:``


def module_name(path: Path, root: Path = SRC) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(source: str, module: str, *, is_package: bool = False) -> list[Import]:
    """Every import in ``source`` (the text of ``module``), resolved to absolute names."""
    tree = ast.parse(source)
    package = module if is_package else module.rpartition(".")[0]
    found: list[Import] = []

    def visit(node: ast.AST, lazy: bool) -> None:
        for child in ast.iter_child_nodes(node):
            child_lazy = lazy
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                child_lazy = True
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for sub in child.body:
                    visit_stmt(sub, True)
                for sub in child.orelse:
                    visit_stmt(sub, lazy)
                continue
            visit_stmt(child, child_lazy)

    def visit_stmt(node: ast.AST, lazy: bool) -> None:
        if isinstance(node, ast.Import):
            found.extend(Import(alias.name, node.lineno, lazy) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                if node.level > 1:
                    base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts)
                if node.module:
                    found.append(Import(f"{base}.{node.module}", node.lineno, lazy))
                else:
                    found.extend(Import(f"{base}.{alias.name}", node.lineno, lazy) for alias in node.names)
            else:
                assert node.module is not None
                found.append(Import(node.module, node.lineno, lazy))
                if node.module == "l10tui":  # `from l10tui import store`: the alias is the room
                    found.extend(Import(f"l10tui.{alias.name}", node.lineno, lazy) for alias in node.names)
        elif isinstance(node, ast.Call) and _dynamic_import(node):
            found.append(Import(_dynamic_import(node) or "", node.lineno, lazy))
        visit(node, lazy or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda))

    visit_stmt(tree, False)
    return found


def _dynamic_import(call: ast.Call) -> str | None:
    """``importlib.import_module("textual")`` / ``__import__("textual")`` with a literal name."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if name not in ("import_module", "__import__") or not call.args:
        return None
    arg = call.args[0]
    return arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None


def room_of(module: str) -> str | None:
    """``l10tui.store.db`` -> ``store``; ``l10tui.cli`` -> ``cli``; ``l10tui`` -> ``""``; not ours -> None."""
    parts = module.split(".")
    if parts[0] != "l10tui":
        return None
    return parts[1] if len(parts) > 1 else ""


def violations(module: str, imports: list[Import]) -> list[str]:
    """What is wrong with the imports of ``module`` (empty when every arrow points down)."""
    room = room_of(module)
    out: list[str] = []
    if room not in ALLOWED:
        out.append(f"{module}: its room {room!r} has no rule in ALLOWED; place it before it lands")
        return out
    for imp in imports:
        target = room_of(imp.module)
        top = imp.module.split(".")[0]
        where = f"{module} line {imp.line} imports {imp.module}"
        # `from l10tui import __version__` names the package itself: allowed from anywhere
        if (
            target is not None
            and target not in ("", room)
            and target not in ALLOWED[room]
            and imp.module != "l10tui.__version__"
        ):
            out.append(f"{where}: {room or 'l10tui'}/ may import only {sorted(ALLOWED[room]) or 'nothing of ours'}")
        if room in NO_TEXTUAL and top == "textual":
            out.append(f"{where}: {room}/ never imports Textual")
        if room != "tui" and target == "tui" and (module not in APP_OPENERS or not imp.lazy):
            out.append(f"{where}: only the app (and cli.py or commands/app.py, lazily) may import tui/")
        if room in ("cli", "commands") and top == "textual" and (module not in APP_OPENERS or not imp.lazy):
            out.append(f"{where}: cli.py imports Textual only inside the commands that open the app")
        if top == "tinydb" and room != "store":
            out.append(f"{where}: nothing outside store/ touches TinyDB")
    return out


def our_modules() -> list[Path]:
    return sorted(p for p in PKG.rglob("*.py") if "__pycache__" not in p.parts)


def test_the_package_is_found() -> None:
    rooms = {room_of(module_name(p)) for p in our_modules()}
    assert {"domain", "store"} <= rooms


@pytest.mark.parametrize("path", our_modules(), ids=lambda p: str(p.relative_to(PKG)))
def test_arrows_point_down(path: Path) -> None:
    module = module_name(path)
    found = imports_of(path.read_text(encoding="utf-8"), module, is_package=path.name == "__init__.py")
    assert violations(module, found) == []


# -- the checker itself must catch a wrong arrow (otherwise the test above proves nothing) ---------------------------


@pytest.mark.parametrize(
    ("module", "source", "expect"),
    [
        ("l10tui.domain.rules", "from l10tui.store import L10Store\n", "domain/ may import only"),
        ("l10tui.domain.rules", "from ..store.db import Store\n", "domain/ may import only"),
        ("l10tui.domain.rules", "def f():\n    import l10tui.meeting\n", "domain/ may import only"),
        ("l10tui.store.db", "from l10tui.meeting import run\n", "store/ may import only"),
        ("l10tui.store.db", "from ..tui.app import App\n", "only the app"),
        ("l10tui.meeting.run", "import textual\n", "never imports Textual"),
        ("l10tui.meeting.run", "def f():\n    from textual.app import App\n", "never imports Textual"),
        ("l10tui.meeting.run", "from l10tui.tui import app\n", "only the app"),
        ("l10tui.meeting.run", "import importlib\nimportlib.import_module('textual')\n", "never imports Textual"),
        ("l10tui.cli", "from textual.app import App\n", "cli.py imports Textual only"),
        ("l10tui.cli", "from l10tui.tui.app import L10App\n", "only the app"),
        ("l10tui.cli", "try:\n    import textual\nexcept ImportError:\n    pass\n", "cli.py imports Textual only"),
        ("l10tui.demo", "from l10tui.commands import issue\n", "demo/ may import only"),
        ("l10tui.demo", "import textual\n", "never imports Textual"),
        # `from l10tui import X` names the room through its alias (it slipped through once)
        ("l10tui.domain.rules", "from l10tui import store\n", "domain/ may import only"),
        ("l10tui.domain.rules", "from .. import meeting\n", "domain/ may import only"),
        ("l10tui.store.db", "from l10tui import meeting, domain\n", "store/ may import only"),
        # the app never imports the CLI
        ("l10tui.tui.app", "from l10tui.commands.common import Env\n", "tui/ may import only"),
        ("l10tui.tui.screens.home", "from l10tui import cli\n", "tui/ may import only"),
        # report and paths have rooms of their own
        ("l10tui.report", "from textual.content import Content\n", "never imports Textual"),
        ("l10tui.report", "from l10tui.meeting.run import MeetingRun\n", "report/ may import only"),
        ("l10tui.report", "from l10tui.commands.common import Env\n", "report/ may import only"),
        # the modules of the report/ and demo/ packages (issue 17) are held to their package's room
        ("l10tui.report.markdown", "from ..meeting.run import MeetingRun\n", "report/ may import only"),
        ("l10tui.report.summary", "def f():\n    import textual\n", "never imports Textual"),
        ("l10tui.report.lookup", "from l10tui import demo\n", "report/ may import only"),
        ("l10tui.demo.meetings", "from ..commands.common import Env\n", "demo/ may import only"),
        ("l10tui.demo.state", "from textual.app import App\n", "never imports Textual"),
        ("l10tui.paths", "from l10tui.store import L10Store\n", "paths/ may import only"),
        ("l10tui.__main__", "from l10tui.tui.app import run_app\n", "only the app"),
        # a new top-level module must be given a room first
        ("l10tui.gadget", "import os\n", "has no rule in ALLOWED"),
        ("l10tui.sync.merge", "from l10tui.meeting import run\n", "sync/ may import only"),
        ("l10tui.sync.git", "def f():\n    import textual\n", "never imports Textual"),
        ("l10tui.commands.app", "from l10tui.tui.app import run_app\n", "only the app"),
        ("l10tui.commands.issue", "def f():\n    from l10tui.tui.app import run_app\n", "only the app"),
        ("l10tui.commands.issue", "def f():\n    import textual\n", "cli.py imports Textual only"),
        ("l10tui.commands.app", "import textual\n", "cli.py imports Textual only"),
        ("l10tui.commands.team", "from l10tui.cli import main\n", "commands/ may import only"),
        ("l10tui.commands.todo", "from l10tui.tui.app import L10App\n", "only the app"),
        ("l10tui.tui.app", "import tinydb\n", "nothing outside store/"),
    ],
)
def test_checker_catches_wrong_arrows(module: str, source: str, expect: str) -> None:
    found = violations(module, imports_of(source, module))
    assert any(expect in v for v in found), found


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("l10tui.domain.rules", "from .models import Todo\nfrom dateutil import parser\n"),
        ("l10tui.store.db", "from l10tui.domain.clock import Clock\nfrom tinydb import TinyDB\n"),
        ("l10tui.meeting.run", "from l10tui.store import L10Store\nfrom ..domain import rules\n"),
        ("l10tui.cli", "import click\ndef meet():\n    from l10tui.tui.app import L10App\n    import textual\n"),
        ("l10tui.cli", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from textual.app import App\n"),
        ("l10tui.commands.app", "import click\ndef meet():\n    from l10tui.tui.app import run_app\n"),
        (
            "l10tui.commands.issue",
            "from l10tui.store import open_store\nfrom .common import Env\nfrom l10tui import report\n",
        ),
        ("l10tui.tui.app", "from textual.app import App\nfrom l10tui.meeting import run\nfrom l10tui.store import x\n"),
        ("l10tui.tui.app", "from l10tui import __version__\nfrom l10tui import report\n"),
        ("l10tui.demo", "from l10tui.meeting.run import MeetingRun\n"),
        ("l10tui.demo.meetings", "from .state import Demo\nfrom l10tui.meeting.run import MeetingRun\n"),
        ("l10tui.report.markdown", "from .lookup import Lookup\nfrom ..domain.models import Meeting\n"),
        ("l10tui.__main__", "from l10tui.cli import main\n"),
    ],
)
def test_checker_allows_right_arrows(module: str, source: str) -> None:
    assert violations(module, imports_of(source, module)) == []


def test_relative_imports_resolve() -> None:
    found = imports_of("from . import atomic\nfrom .db import Store\n", "l10tui.store", is_package=True)
    assert [i.module for i in found] == ["l10tui.store.atomic", "l10tui.store.db"]
    found = imports_of("from ..domain.models import Team\n", "l10tui.store.teams")
    assert [i.module for i in found] == ["l10tui.domain.models"]


# -- the CLI's light commands never load Textual ---------------------------------------------------------------------

_PROBE = """
import json, sys
sys.argv = ["l10", *json.loads(sys.argv[1])]
from l10tui.cli import main
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
print("\\n@@PROBE@@" + json.dumps({"code": code, "textual": sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))}))
"""


def _run_cli(args: list[str], tmp_path: Path) -> tuple[int, list[str], str]:
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "NO_COLOR": "1",
        "PYTHONPATH": str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }
    env.pop("L10_DB", None)
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=tmp_path,
    )
    _, sep, tail = proc.stdout.rpartition("@@PROBE@@")
    assert sep, f"the probe did not finish: {proc.stderr[-2000:]}"
    result = json.loads(tail)
    return int(result["code"]), list(result["textual"]), proc.stdout + proc.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["issue", "list"],
        ["team", "add", "Sales"],
        ["issue", "add", "Leads from the webinar are junk", "--team", "Sales"],
        ["todo", "list", "--json"],
    ],
    ids=lambda a: " ".join(a),
)
def test_cli_commands_do_not_import_textual(args: list[str], tmp_path: Path) -> None:
    assert importlib.util.find_spec("l10tui.cli") is not None
    store = tmp_path / "l10.json"
    if args[:2] == ["issue", "add"]:
        code, _, out = _run_cli(["--db", str(store), "team", "add", "Sales"], tmp_path)
        assert code == 0, out
    command = args if args == ["--help"] else ["--db", str(store), *args]
    code, textual_modules, out = _run_cli(command, tmp_path)
    assert code == 0, out
    assert textual_modules == [], f"`l10 {' '.join(args)}` imported {textual_modules[:5]}"


# -- classes of one job (issue 17) ----------------------------------------------------------------------------------

# The meeting engine and the meeting screen were one class each (MeetingRun 1,036 lines, MeetingScreen 796); split
# along their seams, no module of them may grow back past about 400 lines.
SPLIT = (
    "meeting",
    "tui/screens/meeting_parts",
    "tui/screens/meeting.py",
    "tui/screens/meeting_views.py",
    # the dialogs (526 lines) and the scorecard grid (510) were split too: tui/widgets/dialogs/, scorecard_*.py
    "tui/widgets",
)
MAX_LINES = 420


def test_the_engine_and_the_meeting_screen_stay_in_modules_of_one_job() -> None:
    files = [p for s in SPLIT for p in ((PKG / s).rglob("*.py") if (PKG / s).is_dir() else [PKG / s])]
    assert len(files) > 15
    long = {p.relative_to(PKG).as_posix(): n for p in files if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not long, f"split these along their seams: {long}"


def test_no_module_of_the_package_grows_past_about_400_lines() -> None:
    """The house rule for every room, not only the ones split so far (round 4: the largest modules were demo.py 999,
    sync/git.py 839, report.py 822, store/db.py 576, dialogs.py 526, scorecard_grid.py 510, store/doctor.py 509)."""
    files = sorted(PKG.rglob("*.py"))
    assert len(files) > 200
    long = {p.relative_to(PKG).as_posix(): n for p in files if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not long, f"split these along their seams: {long}"


def test_the_demo_and_the_report_stay_in_modules_and_functions_of_one_job() -> None:
    """demo.py (999 lines: one builder class of every job, a 101-line meeting) and report.py (822 lines:
    ``meeting_markdown`` one 156-line function) became the packages demo/ and report/, one job a module and a
    function a part; none grows back past about 400 lines, no function past 60."""
    files = [p for s in ("demo", "report") for p in sorted((PKG / s).glob("*.py"))]
    assert len(files) > 15
    long = {p.relative_to(PKG).as_posix(): n for p in files if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not long, f"split these along their seams: {long}"
    functions = {
        f"{p.relative_to(PKG).as_posix()}:{node.name}": n
        for p in files
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and (n := (node.end_lineno or node.lineno) - node.lineno + 1) > 60
    }
    assert not functions, f"one function a part: {functions}"


def test_only_the_store_marks_its_own_data_dirty() -> None:
    """archive.py, changes.py and sync called the private ``Store._mark_dirty`` (a circle db <-> archive); they use
    the public ``Store.mark_changed`` / ``Store.put``."""
    offenders = [
        p.relative_to(PKG).as_posix()
        for p in PKG.rglob("*.py")
        if p.name != "db.py" and "._mark_dirty(" in p.read_text()
    ]
    assert not offenders, offenders


# -- sync/ in modules of one job (issue 17) --------------------------------------------------------------------------

# sync/git.py was 839 lines (its Replica class 311: places, network, commits, merge, working copy, journal, tags)
# and sync/merge.py 489; split along their seams, no module, class or function of sync/ may grow back.
SYNC_LIMITS = {"module": 300, "class": 150, "function": 60}


def oversized(name: str, source: str, limits: dict[str, int]) -> list[str]:
    """The module ``name`` (its text ``source``), and each class and function in it, longer than ``limits``."""
    found: list[str] = []
    lines = len(source.splitlines())
    if lines > limits["module"]:
        found.append(f"{name}: {lines} lines (at most {limits['module']})")
    for node in ast.walk(ast.parse(source)):
        kind = (
            "class"
            if isinstance(node, ast.ClassDef)
            else "function"
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            else None
        )
        if kind is None:
            continue
        size = (node.end_lineno or node.lineno) - node.lineno + 1
        if size > limits[kind]:
            found.append(f"{name}: {kind} {node.name} is {size} lines (at most {limits[kind]})")
    return found


def test_sync_stays_in_modules_of_one_job() -> None:
    files = sorted((PKG / "sync").rglob("*.py"))
    assert len(files) > 10
    found = [v for p in files for v in oversized(p.relative_to(PKG).as_posix(), p.read_text(), SYNC_LIMITS)]
    assert not found, f"split these along their seams: {found}"


@pytest.mark.parametrize(
    ("source", "expect"),
    [
        ("x = 1\n" * 301, "301 lines"),
        ("class Replica:\n" + "    x = 1\n" * 150, "class Replica is 151 lines"),
        ("class A:\n    def sync(self):\n" + "        x = 1\n" * 60, "function sync is 61 lines"),
        ("async def pull():\n" + "    x = 1\n" * 60, "function pull is 61 lines"),
    ],
)
def test_the_size_rule_catches_a_long_module_class_or_function(source: str, expect: str) -> None:
    assert any(expect in v for v in oversized("sync/x.py", source, SYNC_LIMITS))
    assert oversized("sync/x.py", "class A:\n    def f(self):\n        return 1\n", SYNC_LIMITS) == []
