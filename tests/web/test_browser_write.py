"""A real browser: the Write page for an existing prospect, "Use this", and the Rules pages.

Same server, Chromium and skip rules as test_browser.py (its fixtures are reused).
Screenshots go to tests/screenshots/ (write.png, rules.png, rules_team.png).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from callworthy.services import accounts
from callworthy.services import prospects as prospect_service
from callworthy.services.caller import Caller
from callworthy.services.database import open_database
from callworthy.storage.location import sqlite_url

from . import test_browser
from .test_browser import PASSWORD, SHOTS

# The server and the Chromium page, as test_browser.py makes them (pytest finds fixtures by name).
server = test_browser.server
page = test_browser.page

EMAIL = "mia@example.com"
SLOGAN = """kind: existence
principle: P3
level: warning
subscore: prospect_focus
message: "\\"{match}\\" is our slogan, not their business."
fix: "Cut the slogan."
tokens:
  - synergy solutions
examples:
  pass:
    - "Hi Sam, there are five ways to fill your chairs. 704-333-1112."
  fail:
    - "Hi Sam, Acme brings synergy solutions to you. 704-333-1112."
"""


def _set_up(page: Any, server: str) -> None:
    page.goto(server + "/setup")
    page.fill("input[name=team]", "Acme")
    page.fill("input[name=name]", "Mia Manager")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=confirm]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/check")


def _add_prospect(db: Path, name: str, **fields: Any) -> int:
    engine = open_database(sqlite_url(db))
    try:
        account = accounts.authenticate(engine, EMAIL, PASSWORD)
        actor = Caller(account.team_id, account.team, account.rep_id, account.name)
        return prospect_service.add_prospect(engine, actor, name, **fields).id
    finally:
        engine.dispose()


def test_write_for_an_existing_prospect_and_use_a_candidate(
    server: str,
    page: Any,
    tmp_path: Path,
) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    _set_up(page, server)
    pid = _add_prospect(
        tmp_path / "browser.sqlite3", "Dana <i>Whitfield</i>", company="Bright Smiles"
    )

    page.goto(server + "/profile")  # saved once, then the Write page is filled in
    page.fill("input[name=phone]", "704 333 1112")
    page.fill("input[name=company]", "Northwind")
    page.click("#profile-form button[type=submit]")
    page.wait_for_selector(".flash:has-text('Your profile is saved')")
    page.goto(server + "/write")
    assert page.locator("input[name=rep_name]").input_value() == "Mia Manager"
    assert page.locator("input[name=rep_phone]").input_value() == "(704) 333-1112"
    assert page.locator("input[name=rep_company]").input_value() == "Northwind"
    page.select_option("select#prospect_id", str(pid))
    page.fill("input[name=name]", "Dana Whitfield")
    page.fill("input[name=company]", "Bright Smiles")
    page.select_option("select[name=industry]", "dental")
    page.fill("textarea[name=concerns]", "keeping good hygienists")
    page.click("#write-form button[type=submit]")
    page.wait_for_selector(".candidate")
    assert page.locator(".candidate").count() >= 2
    assert "Skipped" in page.locator("#candidates").inner_text()
    assert "Dana <i>Whitfield</i>" in page.locator("select#prospect_id").inner_text()  # text
    promised = page.locator(".candidate .deliverable").first
    assert promised.locator("h3").inner_text().startswith("You promised")
    assert promised.locator("ol.items li").count() >= 1
    body = promised.locator(".email-body")
    assert not body.is_visible()
    promised.locator("summary").focus()  # the e-mail opens from the keyboard
    page.keyboard.press("Enter")
    assert body.is_visible() and body.inner_text().startswith("Hi Dana,")
    page.screenshot(path=str(SHOTS / "write.png"), full_page=True)

    first = page.locator(".candidate").first
    script = first.locator(".script").inner_text()
    with page.expect_request(re.compile(rf"/prospects/{pid}/voicemails$")) as sent:
        first.locator("form.use button").click()
    assert sent.value.method == "POST"
    form = sent.value.post_data or ""
    assert "strategy=" in form and "script=" in form and "csrf_token=" in form
    page.wait_for_load_state()
    # The Prospects pages have landed: the voicemail is logged and shown on the prospect page.
    page.wait_for_url(re.compile(rf"/prospects/{pid}$"))
    assert script[:40] in page.locator("main").inner_text()
    assert not problems, problems


def test_the_rules_pages_and_a_team_rule(server: str, page: Any) -> None:
    _set_up(page, server)
    page.goto(server + "/rules/team")
    page.fill("input[name=rule_id]", "acme.slogan")
    page.fill("textarea[name=source]", SLOGAN.replace("level: warning", "level: loud"))
    page.click("#rule-editor button[type=submit]")
    assert page.locator("#rule-error").inner_text().startswith("Line 3:")
    page.fill("textarea[name=source]", SLOGAN)
    page.click("#rule-editor button[type=submit]")
    page.wait_for_selector("#rule-saved")
    page.screenshot(path=str(SHOTS / "rules_team.png"), full_page=True)

    page.goto(server + "/rules")
    rule = page.locator("details#rule-acme\\.slogan")
    rule.locator("summary").click()
    assert "team rule" in rule.inner_text()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / "rules.png"), full_page=False)

    page.goto(server + "/check")
    page.locator("textarea#script").fill("Hi Sam, Acme brings synergy solutions. 704-333-1112.")
    page.locator("textarea#script").press("End")
    page.locator("textarea#script").press_sequentially(" Thanks.", delay=5)
    page.wait_for_selector(".finding:has-text('our slogan')")
