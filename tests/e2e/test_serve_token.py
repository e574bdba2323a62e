"""``l10 serve``: loopback without a token; any other address only with the token it printed (real HTTP requests).

Binds only addresses of this machine: 127.0.0.1 and 127.0.0.2 (a loopback address, but not the default one, so it
is treated as "any other address" and needs the token). Fails on the code before issue 15 (no l10 serve).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .served import can_bind, served

pytestmark = [pytest.mark.slow]


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, str]:
    """(status, body, set-cookie) of a GET, without following anything."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), response.headers.get("Set-Cookie", "")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(), ""


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "l10.json"


@pytest.mark.skipif(not can_bind("127.0.0.2"), reason="127.0.0.2 cannot be bound here")
def test_other_address_needs_the_token(store: Path) -> None:
    with served(store, "127.0.0.2") as url:
        parts = urlsplit(url)
        assert parts.hostname == "127.0.0.2" and parts.query.startswith("token=")
        token = parts.query.removeprefix("token=")
        assert len(token) >= 20
        base = f"http://{parts.netloc}"
        for path in ("/", "/?token=wrong", "/static/js/textual.js", "/ws", f"/?token={token[:-1]}"):
            status, body, _ = get(base + path)
            assert status == 403, path
            assert "token" in body and token not in body
        status, body, cookie = get(url)
        assert status == 200 and "textual-terminal" in body
        assert "l10_token=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        status, _, _ = get(base + "/static/js/textual.js", headers={"Cookie": f"l10_token={token}"})
        assert status == 200  # the page's own requests carry the cookie


def test_loopback_needs_no_token_but_refuses_other_hosts(store: Path) -> None:
    with served(store, "127.0.0.1") as url:
        assert "token" not in url
        status, body, _ = get(url)
        assert status == 200 and "textual-terminal" in body
        status, _, _ = get(url, headers={"Host": "evil.example:80"})  # DNS rebinding
        assert status == 403
        status, _, _ = get(url.rstrip("/") + "/ws", headers={"Origin": "http://evil.example"})
        assert status == 403


def test_the_whole_app_is_served_with_app(store: Path) -> None:
    with served(store, "127.0.0.1", "--app") as url:
        status, body, _ = get(url)
        assert status == 200 and "l10 (whole app)" in body
