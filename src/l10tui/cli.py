"""``l10``: the between-meetings door and the scripting interface (DESIGN.md, "The command line").

Every command opens the store, validates everything it was given, then makes its change in one transaction, so a
refused command leaves the file byte-for-byte as it was. Errors are one line on stderr (``l10: error: ...``), exit 2
for a malformed command line and 1 for anything else; they are caught in one place, :meth:`L10Group.main`.

The commands live in :mod:`l10tui.commands`, one module per group, and are imported only when invoked (click's
lazily loaded subcommands), so ``l10 issue add`` loads the issue commands and the store, nothing else.
Textual is imported only inside the commands that open the app (bare ``l10``, ``meet``, ``demo``).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Mapping, Sequence
from gettext import gettext as _
from typing import Any, NoReturn

import click

from l10tui import __version__
from l10tui.commands.common import ENV_TODAY, Env, ShiftedClock, fail_line, known_errors, make_clock
from l10tui.paths import ENV_DB

# command name -> "module:attribute" of the click command, imported on first use
COMMANDS: dict[str, str] = {
    "alignment": "l10tui.commands.alignment:alignment",
    "company": "l10tui.commands.undo:company",
    "demo": "l10tui.commands.app:demo",
    "doctor": "l10tui.commands.doctor:doctor",
    "export": "l10tui.commands.meetings:export",
    "funnel": "l10tui.commands.funnel:funnel",
    "history": "l10tui.commands.meetings:history",
    "issue": "l10tui.commands.issue:issue",
    "measurable": "l10tui.commands.measurable:measurable",
    "meet": "l10tui.commands.app:meet",
    "person": "l10tui.commands.person:person",
    "rate": "l10tui.commands.seats:rate",
    "rock": "l10tui.commands.rock:rock",
    "room": "l10tui.commands.room:room",
    "score": "l10tui.commands.score:score",
    "serve": "l10tui.commands.room:serve",
    "show": "l10tui.commands.meetings:show",
    "sync": "l10tui.commands.sync:sync",
    "team": "l10tui.commands.team:team",
    "todo": "l10tui.commands.todo:todo",
    "vote": "l10tui.commands.seats:vote",
    "undo": "l10tui.commands.undo:undo",
}

# commands that are called by other programs, never listed: git's merge driver (registered by ``l10 sync init``)
HIDDEN_COMMANDS: dict[str, str] = {"merge-driver": "l10tui.commands.sync:merge_driver"}

# command name -> its help text's first paragraph (the docstring), so that ``l10 --help`` imports no command module;
# tests/cli/test_cli_lazy.py checks these against the commands themselves.
SHORT_HELP: dict[str, str] = {
    "alignment": (
        "The Sales-Marketing numbers: who raises issues about whom, time to solve, hand-offs, ratings, to-dos."
    ),
    "company": "Show the company's name, or rename it.",
    "demo": "Create a demo company (in demo.json, never in the real store) and open the app on it.",
    "doctor": "Check the store; say what is wrong and how to restore a backup.",
    "export": "Export a meeting as Markdown (to mail around) or JSON.",
    "funnel": "The funnel: set its stages, show each step's conversion and the week's leak.",
    "history": "Past meetings: late start, overrun, attendance, rating, to-dos, issues.",
    "issue": "Issues: add, list, show, edit, solve, drop, reopen, trash.",
    "measurable": "Scorecard measurables: add, list, edit, retire, move.",
    "meet": "Start or resume the weekly meeting.",
    "person": "People: add, list, leave.",
    "rock": "Quarterly rocks: add, list, show, edit, status, reopen, milestones.",
    "rate": "Rate the meeting in progress 1-10 (in Conclude).",
    "room": "The meeting in progress, read-only, for the projector (follows l10 meet).",
    "score": "Weekly numbers: set, import, show.",
    "serve": "The room view (or with --app the whole app) in a browser.",
    "show": "Show a meeting whole (MEETING is an id like MT-3, or latest).",
    "sync": "Share the store between laptops through git: commit, fetch, merge, push.",
    "team": "Teams: add, list, edit, skip, move, zone, calendar.",
    "todo": "To-dos: add, list, edit, done.",
    "undo": "Undo the last change (or --steps N), never over a later change made elsewhere.",
    "vote": "Vote for an issue while the top three are picked (IDS).",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use (click's documented lazy-loading pattern).

    ``lazy_subcommands`` maps a name to ``"module:attribute"``; ``lazy_short_help`` gives the one line ``--help`` shows
    for each, so listing the commands imports none of them.
    """

    def __init__(
        self,
        *args: Any,
        lazy_subcommands: Mapping[str, str] | None = None,
        lazy_short_help: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_subcommands = dict(lazy_subcommands or {})
        self.lazy_short_help = dict(lazy_short_help or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_subcommands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_subcommands and cmd_name not in self.commands:
            self.add_command(self._load(cmd_name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def _load(self, cmd_name: str) -> click.Command:
        module_name, _sep, attr = self.lazy_subcommands[cmd_name].partition(":")
        command = getattr(importlib.import_module(module_name), attr)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module_name}:{attr} is not a click command")
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """As click's, but a command not loaded yet shows its ``lazy_short_help`` (so nothing is imported)."""
        commands: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            if name not in self.commands and name in self.lazy_short_help:
                commands.append((name, click.Command(name, help=self.lazy_short_help[name])))  # help only
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                commands.append((name, command))
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _command in commands)
            rows = [(name, command.get_short_help_str(limit)) for name, command in commands]
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)


class L10Group(LazyGroup):
    """The ``l10`` group: runs click in non-standalone mode so that every error is reported here, in one line."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in HIDDEN_COMMANDS and cmd_name not in self.commands:
            module_name, _sep, attr = HIDDEN_COMMANDS[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module_name), attr), cmd_name)
        return super().get_command(ctx, cmd_name)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> NoReturn:
        refusal = unsupported_platform(sys.platform)
        if refusal:
            fail_line(refusal, 1)
        try:
            rv = super().main(args, "l10", complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help())
            fail_line(f"{exc.ctx.command_path}: which command? (see above)", 2)
        except click.UsageError as exc:
            where = f"{exc.ctx.command_path}: " if exc.ctx is not None and exc.ctx.parent is not None else ""
            hint = f" (see: {exc.ctx.command_path} --help)" if exc.ctx is not None else ""
            fail_line(f"{where}{exc.format_message()}{hint}", 2)
        except click.ClickException as exc:
            fail_line(exc.format_message(), exc.exit_code if exc.exit_code else 1)
        except click.Abort:
            fail_line("interrupted", 130)
        except KeyboardInterrupt:
            fail_line("interrupted", 130)
        except known_errors() as exc:  # evaluated only when an exception gets this far: no import otherwise
            fail_line(str(exc), 1)
        except BrokenPipeError:
            # stdout went away (``l10 issue list | head``): say nothing more, and keep Python quiet at exit.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)
        except OSError as exc:
            where = f" {exc.filename}" if exc.filename else ""
            fail_line(f"cannot use{where}: {exc.strerror or exc}", 1)
        except Exception as exc:  # a bug: still one line, never a traceback
            fail_line(f"unexpected {type(exc).__name__}: {exc}", 1)
        sys.exit(rv if isinstance(rv, int) else 0)


def unsupported_platform(platform: str) -> str | None:
    """The one line that refuses a platform the store cannot keep its promises on, or None where it can.

    The store's crash-safe write fsyncs its directory and sets 0600/0700 modes with ``os.fchmod``; the lock is
    ``fcntl.flock``. Windows has none of these, so a store there could not be saved safely: refuse at the door
    rather than fail at the first write. WSL reports ``linux`` and is supported."""
    if platform.startswith("win") or platform == "cygwin":
        return "l10 runs on Linux and macOS; on Windows, run it inside WSL (native Windows is not supported yet)"
    return None


HELP = f"""Run your weekly Level 10 meeting; add issues, to-dos and numbers between meetings.

\b
With no command, opens the app's home screen.
\b
The store: --db PATH, else ${ENV_DB}, else l10.json in the user data
directory (l10 doctor shows which file).
Every listing takes --json. Exit status: 0 done, 1 refused or failed
(nothing was changed), 2 a malformed command line.
\b
Dates: 2026-12-04, 4 Dec, friday, tomorrow, +7d, +2w.
Testing aid: {ENV_TODAY}=YYYY-MM-DD fixes what "today" is.
"""


@click.group(
    cls=L10Group, invoke_without_command=True, help=HELP, lazy_subcommands=COMMANDS, lazy_short_help=SHORT_HELP
)
@click.option("--db", "db_path", metavar="PATH", help=f"The store file (default: ${ENV_DB} or the user data dir).")
@click.version_option(__version__, "--version", prog_name="l10", message="%(prog)s %(version)s")
@click.pass_context
def main(ctx: click.Context, db_path: str | None) -> None:
    ctx.obj = Env(db_path)
    if ctx.invoked_subcommand is None:
        from l10tui.commands.app import open_app

        env: Env = ctx.obj
        env.db()  # a damaged or missing-directory store is reported here, in one line, before the app starts
        open_app(env, start="home")


if __name__ == "__main__":  # pragma: no cover
    main()


__all__ = ["COMMANDS", "SHORT_HELP", "Env", "L10Group", "LazyGroup", "ShiftedClock", "main", "make_clock"]
