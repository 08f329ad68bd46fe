"""Helpers for driving the real app with a TestClient: CSRF tokens, set-up, log-in, tokens."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

MANAGER = {"team": "Acme", "name": "Mia Manager", "email": "mia@example.com"}
PASSWORD = "correct horse battery staple"
#: Every page a manager can open, `{id}` standing for a prospect's (the words and the
#: browser's width and accessibility checks visit each).
MANAGER_PAGES = [
    "/check",
    "/write",
    "/write?prospect_id={id}",
    "/prospects",
    "/prospects/new",
    "/prospects/{id}",
    "/prospects/{id}/edit",
    "/diagnose/{id}",
    "/import",
    "/experiments",
    "/ideas",
    "/phonetest",
    "/phonetest/history",
    "/rules",
    "/rules/team",
    "/profile",
    "/account",
    "/tokens",
    "/team",
    "/changes",
    "/team/dialers",
]
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_NEW_TOKEN = re.compile(r'id="new-token">([^<]+)<')


def csrf(client: TestClient, path: str = "/login") -> str:
    """Return the CSRF token of the client's session, as a page's form carries it."""
    response = client.get(path)
    found = _CSRF.search(response.text)
    assert found, f"no CSRF field on {path}: {response.status_code}"
    return found.group(1)


def set_up(client: TestClient, password: str = PASSWORD) -> None:
    """Run the first-run set-up; the client is then logged in as the manager."""
    token = csrf(client, "/setup")
    form = {**MANAGER, "password": password, "confirm": password, "csrf_token": token}
    response = client.post("/setup", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/check"


def log_in(client: TestClient, email: str, password: str = PASSWORD) -> int:
    """Log the client in; return the status (303 on success)."""
    token = csrf(client, "/login")
    data = {"email": email, "password": password, "csrf_token": token}
    return client.post("/login", data=data, follow_redirects=False).status_code


def add_rep(client: TestClient, name: str, email: str, role: str = "rep") -> None:
    """Add an account from the manager's Team page."""
    data = {"name": name, "email": email, "password": PASSWORD, "role": role}
    response = client.post(
        "/team/accounts", data={**data, "csrf_token": csrf(client, "/team")}, follow_redirects=False
    )
    assert response.status_code == 303, response.text


def new_token(client: TestClient, name: str = "dialer") -> str:
    """Create an API token on the Tokens page and return it (shown once)."""
    response = client.post("/tokens", data={"name": name, "csrf_token": csrf(client, "/tokens")})
    found = _NEW_TOKEN.search(response.text)
    assert found, response.text
    return found.group(1)


def bearer(token: str) -> dict[str, str]:
    """Return the Authorization header for a token."""
    return {"Authorization": f"Bearer {token}"}
