"""``l10 serve``'s guard without a network: which bind needs a token, which requests pass, the command it runs.
(The same rules over real HTTP: tests/e2e/test_serve_token.py.) Fails before issue 15 (no l10 serve)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from aiohttp.test_utils import make_mocked_request

from l10tui.commands.webserve import make_server, room_command


@pytest.mark.parametrize(("host", "token"), [("127.0.0.1", False), ("localhost", False), ("::1", False),
                                             ("0.0.0.0", True), ("127.0.0.2", True), ("192.168.1.5", True)])  # fmt: skip
def test_a_token_for_any_address_but_the_default_loopback(host: str, token: bool) -> None:
    server = make_server(Path("/tmp/s.json"), host=host, port=8123, echo=lambda _s: None)
    assert (server.token is not None) == token
    assert ("?token=" in server.url()) == token
    if token:
        assert server.token is not None and len(server.token) >= 20
        assert make_server(Path("/tmp/s.json"), host=host, echo=lambda _s: None).token != server.token


def test_requests_without_the_token_are_refused() -> None:
    server = make_server(Path("/tmp/s.json"), host="0.0.0.0", port=8123, echo=lambda _s: None)
    token = server.token
    assert token is not None
    host = {"Host": "meeting-room:8123"}
    assert server.allowed(make_mocked_request("GET", "/", headers=host)) is not None
    assert server.allowed(make_mocked_request("GET", "/?token=nope", headers=host)) is not None
    assert server.allowed(make_mocked_request("GET", f"/?token={token}", headers=host)) is None
    with_cookie = {**host, "Cookie": f"l10_token={token}"}
    assert server.allowed(make_mocked_request("GET", "/ws", headers=with_cookie)) is None
    foreign = {**with_cookie, "Origin": "http://evil.example"}
    assert server.allowed(make_mocked_request("GET", "/ws", headers=foreign)) is not None


def test_loopback_refuses_a_foreign_host_header() -> None:
    server = make_server(Path("/tmp/s.json"), echo=lambda _s: None)
    assert server.allowed(make_mocked_request("GET", "/", headers={"Host": "127.0.0.1:8000"})) is None
    assert server.allowed(make_mocked_request("GET", "/", headers={"Host": "localhost:8000"})) is None
    assert server.allowed(make_mocked_request("GET", "/", headers={"Host": "attacker.example"})) is not None


def test_the_command_each_browser_gets(tmp_path: Path) -> None:
    store = tmp_path / "my store; rm -rf ~.json"
    words = shlex.split(room_command(store, team="Sales & Co"))
    assert words[-5:] == ["--db", str(store), "room", "--team", "Sales & Co"]
    assert "room" not in shlex.split(room_command(store, whole_app=True))
