"""A real browser on the real server: a manager adds a webhook secret, a dialer's event arrives.

Same server, Chromium and skip rules as test_browser.py (its fixtures are reused). The
server is `callworthy serve` on SQLite, so its own job thread turns the event into a
voicemail while the manager watches the Dialers page.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import httpx

from callworthy.capture.signing import sign_generic

from .test_browser import PASSWORD, SHOTS, page, server  # noqa: F401 - pytest fixtures

FIXTURE = Path(__file__).parents[1] / "fixtures" / "webhooks" / "generic_voicemail_left.json"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def test_manager_adds_a_secret_and_sees_the_dialers_call_logged(server: str, page: Any) -> None:  # noqa: F811
    with httpx.Client(base_url=server) as setup:
        found = _CSRF.search(setup.get("/setup").text)
        assert found
        form = {"team": "Acme", "name": "Mia Manager", "email": "mia@example.com"}
        form |= {"password": PASSWORD, "confirm": PASSWORD, "csrf_token": found.group(1)}
        assert setup.post("/setup", data=form).status_code == 303

    page.goto(server + "/login")
    page.fill("input[name=email]", "mia@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/check")
    page.click("header >> text=Dialers")
    page.wait_for_url("**/team/dialers")
    team = re.search(r"/hooks/(\d+)/generic", page.inner_text("#url-generic"))
    assert team, page.inner_text("main")
    page.select_option("select[name=vendor]", "generic")
    page.click("#secret-form button[type=submit]")
    secret = page.inner_text("#new-secret").strip()
    assert len(secret) > 30
    page.screenshot(path=str(SHOTS / "dialers-new-secret.png"), full_page=True)

    body = FIXTURE.read_bytes()
    header = sign_generic(secret, int(time.time()), body)
    url = f"{server}/hooks/{team.group(1)}/generic"
    answer = httpx.post(url, content=body, headers={"Callworthy-Signature": header})
    assert answer.status_code == 200, answer.text
    deadline = time.monotonic() + 30
    while "Voicemail logged to Dana Prospect" not in page.inner_text("#event-list"):
        assert time.monotonic() < deadline, page.inner_text("#event-list")
        time.sleep(0.5)
        page.reload()
    assert secret not in page.content()  # shown once
    assert "Rita Rep" in page.inner_text("#dialer-users")
    page.screenshot(path=str(SHOTS / "dialers-event-logged.png"), full_page=True)
