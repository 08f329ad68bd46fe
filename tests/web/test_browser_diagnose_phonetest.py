"""A real browser on the real server: the phone test flow, and the Diagnose page.

Same server, Chromium and skip rules as test_browser.py (its fixtures are reused).
The prospect to diagnose is made through the services on the server's own database.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

from callworthy.services import accounts
from callworthy.services.caller import caller_for
from callworthy.services.database import open_database
from callworthy.services.prospects import add_prospect
from callworthy.services.tracking import log_voicemail
from callworthy.storage.location import sqlite_url

from .test_browser import PASSWORD, SHOTS, page, server  # noqa: F401 - pytest fixtures

DOCS = Path(__file__).parents[2] / "docs" / "screenshots"
SCRIPT = "Hi Jane, this is Bob from Acme. We are the leading provider of solutions. Call me."


def _set_up(page: Any, server: str) -> None:  # noqa: F811
    page.goto(server + "/setup")
    page.fill("input[name=team]", "Acme")
    page.fill("input[name=name]", "Mia Manager")
    page.fill("input[name=email]", "mia@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=confirm]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/check")


def _prospect(database: Path) -> int:
    """Add a prospect with two voicemails, through the services; return its id."""
    engine = open_database(sqlite_url(database))
    try:
        actor = caller_for(accounts.authenticate(engine, "mia@example.com", PASSWORD))
        record = add_prospect(engine, actor, "Jane <b>Doe</b>", company="Doe Freight")
        for _ in range(2):
            log_voicemail(engine, actor, record.id, "mutual_referral", SCRIPT)
        return record.id
    finally:
        engine.dispose()


def test_the_phone_test_and_the_diagnose_page(server: str, page: Any, tmp_path: Path) -> None:  # noqa: F811
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    _set_up(page, server)

    page.click("nav >> text=Phone test")
    page.wait_for_url("**/phonetest?attempt=*")  # each visit, its own order of the options
    address = page.url
    order = page.locator("#phonetest-form input[type=radio]").evaluate_all(
        "inputs => inputs.map(i => i.value)"
    )
    page.reload()
    assert page.url == address
    assert order == page.locator("#phonetest-form input[type=radio]").evaluate_all(
        "inputs => inputs.map(i => i.value)"
    )
    questions = page.locator("fieldset.question")
    assert questions.count() == 30
    for index in range(questions.count()):  # a mixed sitting: first option, then second
        questions.nth(index).locator("input[type=radio]").nth(index % 2).check()
    page.click("#phonetest-form button[type=submit]")
    page.wait_for_selector("#score")
    score = int(page.locator("#score").inner_text())
    assert 0 <= score <= 100
    assert page.locator("#weakest li").count() == 3
    assert page.locator("#band").inner_text().strip()
    page.screenshot(path=str(SHOTS / "phonetest.png"))

    page.click("text=See your history")
    page.wait_for_url("**/phonetest/history")
    assert page.locator("#history-chart circle").count() == 1
    assert page.locator("#history tbody tr").count() == 1

    prospect_id = _prospect(tmp_path / "browser.sqlite3")
    page.goto(f"{server}/diagnose/{prospect_id}")
    assert "Jane <b>Doe</b>" in page.locator("h1").inner_text()  # text, not markup
    fieldsets = page.locator("#diagnose-form fieldset.question")
    for index in range(1, fieldsets.count()):  # leave the first unanswered
        fieldsets.nth(index).locator("input[type=radio]").first.check()
    page.click("#diagnose-form button[type=submit]")
    assert "Choose an answer." in fieldsets.first.locator(".field-error").inner_text()
    problems.clear()  # Chromium logs the deliberate 422 as a failed load
    page.locator("#diagnose-form fieldset.question").first.locator("input").first.check()
    page.click("#diagnose-form button[type=submit]")
    page.wait_for_selector("#causes")
    assert page.locator("#causes li.cause").count() == 10
    assert page.locator("#causes meter").count() == 10
    assert re.search(r"\d+%", page.locator("#causes .likelihood").first.inner_text())
    page.screenshot(path=str(SHOTS / "diagnose.png"))
    assert not problems, problems
    if os.environ.get("CALLWORTHY_UPDATE_SCREENSHOTS") == "1":  # the README's pictures
        for name in ("phonetest.png", "diagnose.png"):
            shutil.copyfile(SHOTS / name, DOCS / name)
