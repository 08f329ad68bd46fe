"""A real browser on the real server: a manager deactivates a rep, whose open page is logged out.

Same server, Chromium and skip rules as test_browser.py (its fixtures are reused). The
rep works in the browser; the manager uses the Team page's form from a second client.
"""

from __future__ import annotations

import re
from typing import Any

import httpx

from .test_browser import PASSWORD, SHOTS, page, server  # noqa: F401 - pytest fixtures

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _csrf(client: httpx.Client, path: str) -> str:
    found = _CSRF.search(client.get(path).text)
    assert found, path
    return found.group(1)


def test_deactivating_a_rep_logs_their_open_session_out(server: str, page: Any) -> None:  # noqa: F811
    with httpx.Client(base_url=server) as manager:
        form = {"team": "Acme", "name": "Mia Manager", "email": "mia@example.com"}
        form |= {"password": PASSWORD, "confirm": PASSWORD, "csrf_token": _csrf(manager, "/setup")}
        assert manager.post("/setup", data=form).status_code == 303
        rep = {"name": "Rob Rep", "email": "rob@example.com", "password": PASSWORD, "role": "rep"}
        added = manager.post("/team/accounts", data={**rep, "csrf_token": _csrf(manager, "/team")})
        assert added.status_code == 303

        page.goto(server + "/login")
        page.fill("input[name=email]", "rob@example.com")
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url("**/check")
        assert "Rob Rep (rep, Acme)" in page.inner_text("header")

        team = manager.get("/team").text
        rob = re.search(r'id="member-(\d+)">\s*<td>Rob Rep', team)
        assert rob, team
        gone = manager.post(
            f"/team/accounts/{rob.group(1)}/deactivate",
            data={"csrf_token": _csrf(manager, "/team")},
        )
        assert gone.status_code == 303
        assert "deactivated" in manager.get("/team").text

    page.reload()
    assert page.url.endswith("/login")
    page.screenshot(path=str(SHOTS / "logged-out-after-deactivation.png"))
    page.fill("input[name=email]", "rob@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    assert "Wrong e-mail or password" in page.inner_text("main")
