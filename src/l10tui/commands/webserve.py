"""``l10 serve``: the room view (or, with ``--app``, the whole app) in a browser, through textual-serve.

textual-serve (aiohttp) serves a page whose terminal connects back over a websocket; each connection starts
``l10 room`` (or ``l10``) as a subprocess with Textual's web driver. What we add, in :class:`GuardedServer`:

* Loopback by default (127.0.0.1). Any other bind address needs a **token**: generated here, printed with the URL
  (``http://host:port/?token=...``); a request without it is refused with 403. The page's own requests (its scripts,
  the websocket) carry it in an HttpOnly, SameSite=Strict cookie set when the tokened URL is opened.
* On loopback the Host header must name a loopback address (a web page cannot reach the app by DNS rebinding), and
  on every bind the websocket's Origin, when sent, must be the page's own (no cross-site websocket).
* The page builds its URLs from the address the browser used, so a bind to 0.0.0.0 works from another machine.

The browser never reaches the store: it only types into a terminal app, which validates everything as usual; the
room view cannot write at all. This module does not import Textual.
"""

from __future__ import annotations

import ipaddress
import secrets
import shlex
import socket
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

COOKIE = "l10_token"
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def is_loopback_default(host: str) -> bool:
    """Only 127.0.0.1 / localhost / ::1 go without a token (DESIGN: loopback by default, a token otherwise)."""
    return host.strip("[]") in LOOPBACK_NAMES


def _host_is_loopback(host_header: str) -> bool:
    name = urlsplit(f"//{host_header}").hostname or ""
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def room_command(db_path: Path, *, team: str | None = None, whole_app: bool = False) -> str:
    """The shell command textual-serve runs for each browser: this Python, this store, read-only unless --app."""
    parts = [sys.executable, "-m", "l10tui.cli", "--db", str(db_path)]
    if not whole_app:
        parts.append("room")
        if team:
            parts += ["--team", team]
    return " ".join(shlex.quote(p) for p in parts)


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class GuardedServer(Server):
    """textual-serve's server with the token, Host and Origin checks above (an aiohttp middleware)."""

    def __init__(
        self, command: str, host: str, port: int, *, token: str | None, title: str, echo: Callable[[str], None]
    ) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.token = token
        self.echo = echo

    def url(self) -> str:
        """The URL to open (a wildcard bind shows this machine's name, which other machines can use)."""
        host = socket.gethostname() if self.host in ("0.0.0.0", "::", "") else self.host
        shown = host if ":" not in host else f"[{host}]"
        base = f"http://{shown}:{self.port}/"
        return f"{base}?token={self.token}" if self.token else base

    def allowed(self, request: web.Request) -> str | None:
        """None when the request may pass, else why not (one line)."""
        if self.token is None:
            if not _host_is_loopback(request.host):
                return "this server answers on loopback addresses only"
        else:
            given = request.query.get("token") or request.cookies.get(COOKIE) or ""
            if not secrets.compare_digest(given.encode(), self.token.encode()):
                return "this address needs the token printed with its URL (l10 serve prints it)"
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin is not None and urlsplit(origin).netloc != request.host:
            return "the websocket must come from this server's own page"
        return None

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        problem = self.allowed(request)
        if problem is not None:
            return web.Response(status=403, text=f"l10 serve: refused: {problem}\n")
        response = await handler(request)
        if self.token and request.query.get("token") and not response.prepared:
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict", path="/")
        return response

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        return app

    async def handle_index(self, request: web.Request) -> Any:
        # The page's script and websocket URLs follow the address the browser used (not 0.0.0.0).
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)

    def initialize_logging(self) -> None:
        """Quiet: one line per problem, not textual-serve's banner and per-request log."""
        import logging

        logging.basicConfig(level=logging.WARNING, format="l10 serve: %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        self.echo(f"l10 serve: {self.title} at {self.url()}")
        if self.token:
            self.echo("l10 serve: anyone with this URL sees the meeting; share it only with the room")
        self.echo("l10 serve: ctrl+c stops it")


def make_server(
    db_path: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    team: str | None = None,
    whole_app: bool = False,
    echo: Callable[[str], None] = print,
    token: str | None = None,
) -> GuardedServer:
    """The server for ``l10 serve``; a token is generated for any address but 127.0.0.1 / localhost / ::1."""
    if not is_loopback_default(host) and token is None:
        token = secrets.token_urlsafe(18)
    title = "l10 (whole app)" if whole_app else "l10 room view"
    command = room_command(db_path, team=team, whole_app=whole_app)
    return GuardedServer(command, host, port, token=token, title=title, echo=echo)
