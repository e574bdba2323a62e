"""``l10 room`` and ``l10 serve``: the meeting as the room sees it, in a terminal or in a browser.

Textual (``l10tui.tui``) is imported only inside :func:`room`, textual-serve only inside :func:`serve`.
"""

from __future__ import annotations

import click

from l10tui.domain.rules import InputError
from l10tui.store import StoreError

from .common import Env, pass_env, say


@click.command()
@click.option("--team", "team_name", metavar="TEAM", help="Follow that team's meeting (default: the joint one).")
@pass_env
def room(env: Env, team_name: str | None) -> None:
    """The meeting in progress, read-only, for the projector (follows l10 meet)."""
    team = _team(env, team_name)
    try:
        from l10tui.tui.room import run_room
    except ImportError as exc:
        raise StoreError(f"the room view cannot start: {exc}") from None
    run_room(env.location.path, clock=env.clock, team=team)


def _team(env: Env, team_name: str | None) -> str | None:
    """Check the store and the team by reading only (the room never writes, not even a schema upgrade)."""
    from l10tui.tui.room import open_readonly

    db = open_readonly(env.location.path, env.clock)
    return db.teams.lookup(team_name).name if team_name else None


@click.command()
@click.option("--app", "whole_app", is_flag=True, help="Serve the whole app, not only the read-only room view.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (not loopback: a token).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--team", "team_name", metavar="TEAM", help="Follow that team's meeting (default: the joint one).")
@pass_env
def serve(env: Env, whole_app: bool, host: str, port: int, team_name: str | None) -> None:
    """The room view (or with --app the whole app) in a browser."""
    if whole_app:
        env.db()  # reported here, in one line, before the server starts
        team = team_name
    else:
        team = _team(env, team_name)
    if not host.strip():
        raise InputError("--host is empty")
    try:
        from .webserve import make_server
    except ImportError as exc:
        raise StoreError(f"l10 serve needs textual-serve ({exc}); pip install textual-serve") from None
    server = make_server(env.location.path, host=host, port=port, team=team, whole_app=whole_app, echo=lambda s: say(s))
    server.serve()
