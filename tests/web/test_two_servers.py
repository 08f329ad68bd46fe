"""More than one machine: two `callworthy serve` processes on one PostgreSQL share everything.

A token revoked and a rep deactivated through one server are refused by the other
within a second; a log-in lock made through one holds on the other.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from pg_server import TEMPLATE_DB, PostgresServer

PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
pytestmark = pytest.mark.postgres


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def two_servers(postgres_server: PostgresServer) -> Iterator[tuple[str, str]]:
    """Two `callworthy serve` processes on one fresh PostgreSQL database; their base URLs."""
    url = postgres_server.create_database(TEMPLATE_DB)
    env = {
        **os.environ,
        "CALLWORTHY_SECRET_KEY": "two-servers-key",
        "CALLWORTHY_LOGIN_ATTEMPTS": "3",
    }
    launcher = "from callworthy.cli import main; main()"
    processes, bases = [], []
    try:
        for _ in range(2):
            port = _free_port()
            command = [sys.executable, "-c", launcher, "serve", "--port", str(port), "--db", url]
            processes.append(
                subprocess.Popen(
                    command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        for process, base in zip(processes, bases, strict=True):
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(f"{base}/login", timeout=1).status_code < 500:
                        break
                except httpx.TransportError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    err = process.stderr.read().decode() if process.stderr else ""
                    pytest.fail(f"callworthy serve did not start: {err[-2000:]}")
                time.sleep(0.1)
        yield bases[0], bases[1]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
        postgres_server.drop_database(url)


def _csrf(client: httpx.Client, path: str) -> str:
    found = _CSRF.search(client.get(path).text)
    assert found, path
    return found.group(1)


def _log_in(client: httpx.Client, email: str, password: str = PASSWORD) -> int:
    data = {"email": email, "password": password, "csrf_token": _csrf(client, "/login")}
    return client.post("/login", data=data).status_code


def _refused_within(check: Callable[[], bool], seconds: float = 1.0) -> float:
    """Return how long until check() is True; fail when it takes longer than `seconds`."""
    began = time.monotonic()
    while not check():
        assert time.monotonic() - began < seconds, "the other server still accepts it"
        time.sleep(0.02)
    return time.monotonic() - began


def test_a_revocation_and_a_deactivation_through_one_server_hold_on_the_other(
    two_servers: tuple[str, str],
) -> None:
    one, other = two_servers
    with (
        httpx.Client(base_url=one) as boss,
        httpx.Client(base_url=one) as rep_on_one,
        httpx.Client(base_url=other) as rep_on_other,
    ):
        setup = {"team": "Acme", "name": "Mia", "email": "mia@example.com", "password": PASSWORD}
        setup |= {"confirm": PASSWORD, "csrf_token": _csrf(boss, "/setup")}
        assert boss.post("/setup", data=setup).status_code == 303
        add = {"name": "Rob", "email": "rob@example.com", "password": PASSWORD, "role": "rep"}
        assert (
            boss.post(
                "/team/accounts", data={**add, "csrf_token": _csrf(boss, "/team")}
            ).status_code
            == 303
        )

        assert _log_in(rep_on_one, "rob@example.com") == 303
        made = rep_on_one.post(
            "/tokens", data={"name": "crm", "csrf_token": _csrf(rep_on_one, "/tokens")}
        )
        token = re.search(r'id="new-token">([^<]+)<', made.text)
        assert token
        auth = {"Authorization": f"Bearer {token.group(1)}"}
        me = rep_on_one.get("/api/v1/me", headers=auth).json()
        # The other server takes the token and the session cookie made on the first.
        assert rep_on_other.get("/api/v1/me", headers=auth).status_code == 200
        rep_on_other.cookies.update(rep_on_one.cookies)
        assert rep_on_other.get("/check").status_code == 200

        # Revoked through the first server: the other refuses it within a second.
        token_id = rep_on_one.get("/api/v1/tokens", headers=auth).json()[0]["id"]
        assert rep_on_one.delete(f"/api/v1/tokens/{token_id}", headers=auth).status_code == 204
        _refused_within(lambda: rep_on_other.get("/api/v1/me", headers=auth).status_code == 401)

        # A second token, then the rep is deactivated through the first server.
        made = rep_on_one.post(
            "/tokens", data={"name": "dialer", "csrf_token": _csrf(rep_on_one, "/tokens")}
        )
        second = re.search(r'id="new-token">([^<]+)<', made.text)
        assert second
        auth = {"Authorization": f"Bearer {second.group(1)}"}
        assert rep_on_other.get("/api/v1/me", headers=auth).status_code == 200
        done = boss.post(
            f"/team/accounts/{me['id']}/deactivate", data={"csrf_token": _csrf(boss, "/team")}
        )
        assert done.status_code == 303
        _refused_within(lambda: rep_on_other.get("/api/v1/me", headers=auth).status_code == 401)
        _refused_within(lambda: rep_on_other.get("/check").status_code == 303)  # sent to log in
        assert _log_in(rep_on_other, "rob@example.com") == 401


def test_a_lock_made_through_one_server_holds_on_the_other(two_servers: tuple[str, str]) -> None:
    one, other = two_servers
    with httpx.Client(base_url=one) as first, httpx.Client(base_url=other) as second:
        setup = {"team": "Acme", "name": "Mia", "email": "mia@example.com", "password": PASSWORD}
        setup |= {"confirm": PASSWORD, "csrf_token": _csrf(first, "/setup")}
        assert first.post("/setup", data=setup).status_code == 303
        first.cookies.clear()
        for _ in range(3):  # CALLWORTHY_LOGIN_ATTEMPTS=3
            assert _log_in(first, "mia@example.com", "wrong password!") == 401
        assert _log_in(second, "mia@example.com") == 429
