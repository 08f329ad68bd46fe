"""A real browser on the real server: add a prospect, log a voicemail, record its callback.

Same server, Chromium and skip rules as test_browser.py (its fixtures are reused).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

from .test_browser import PASSWORD, SHOTS, page, server  # noqa: F401 - pytest fixtures

SCRIPT = (
    "Jane, it's Ana at Acme, 704-333-1112. A builder I met yesterday needs a logistics "
    "partner for forty sites; call me and I'll give you his number. 704-333-1112."
)
DOCS_SHOT = Path(__file__).parents[2] / "docs" / "screenshots" / "prospects.png"


def test_add_a_prospect_log_a_voicemail_and_its_callback(server: str, page: Any) -> None:  # noqa: F811
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    page.goto(server + "/setup")
    page.fill("input[name=team]", "Acme")
    page.fill("input[name=name]", "Mia Manager")
    page.fill("input[name=email]", "mia@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=confirm]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/check")

    page.click("nav >> text=Prospects")
    page.wait_for_url("**/prospects")
    page.click("text=Add a prospect")
    page.fill("input[name=name]", "Jane Doe")
    page.fill("input[name=company]", "Acme <i>Logistics</i>")
    page.fill("input[name=phone]", "12")
    page.click("main button[type=submit]")
    assert "not a valid phone number" in page.locator("#phone-error").inner_text()
    problems.clear()  # Chromium logs the deliberate 422 as a failed load
    page.fill("input[name=phone]", "(704) 333-1112")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/prospects/\d+$"))
    assert "Acme <i>Logistics</i>" in page.locator("main .meta").inner_text()  # text, not markup
    assert "No voicemail yet." in page.locator("#voicemails").inner_text()

    page.select_option("select[name=strategy]", "sales_lead")
    page.fill("textarea[name=script]", SCRIPT)
    page.click("#log-voicemail button[type=submit]")
    page.wait_for_selector("#voicemails .vm-score")
    score = page.locator("#voicemails .vm-score").first.inner_text()
    assert score.isdigit() and 0 <= int(score) <= 100
    assert "Sales lead" in page.locator("#voicemails").inner_text()  # its name, in words

    page.click("#log-callback button[value=meeting]")
    page.wait_for_selector("#callbacks >> text=meeting")
    assert "voicemail #1" in page.locator("#callbacks").inner_text()
    page.screenshot(path=str(SHOTS / "prospects.png"), full_page=True)
    if os.environ.get("CALLWORTHY_UPDATE_SCREENSHOTS") == "1":  # the README's picture
        shutil.copyfile(SHOTS / "prospects.png", DOCS_SHOT)

    page.click("nav >> text=Prospects")
    assert "Jane Doe" in page.locator("main table").inner_text()
    assert not problems, problems
