"""A real browser at phone width: correct a mis-clicked callback, delete a voicemail, undo it.

Same server, Chromium and skip rules as test_browser.py (its fixtures are reused);
the page is set to a phone's 390 x 844 viewport.
"""

from __future__ import annotations

import re
from typing import Any

from .test_browser import SHOTS, page, server  # noqa: F401 - pytest fixtures
from .workspace_server import set_up_in_browser

SCRIPT = (
    "Jane, it's Ana at Acme, 704-333-1112. A builder I met yesterday needs a logistics "
    "partner for forty sites; call me and I'll give you his number. 704-333-1112."
)


def test_edit_delete_and_undo_on_a_phone(server: str, page: Any) -> None:  # noqa: F811
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.set_viewport_size({"width": 390, "height": 844})

    set_up_in_browser(page, server, team="Acme")
    page.goto(server + "/prospects/new")
    page.fill("input[name=name]", "Jane Doe")
    page.fill("input[name=phone]", "(704) 333-1112")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/prospects/\d+$"))
    prospect_url = page.url
    page.select_option("select[name=strategy]", "sales_lead")
    page.fill("textarea[name=script]", SCRIPT)
    page.click("#log-voicemail button[type=submit]")
    page.wait_for_selector("#voicemails .vm-score")
    page.click("#log-callback button[value=meeting]")  # the mis-click
    page.wait_for_selector("#callbacks >> text=meeting")

    # Correct the outcome: Edit beside the callback, pick "Returned", save.
    page.click("#callbacks .row-actions a.edit")
    page.wait_for_url("**/callbacks/*/edit")
    assert page.locator("input[name=outcome][value=meeting]").is_checked()
    page.check("input[name=outcome][value=returned]")
    page.click("#edit-record button[type=submit]")
    page.wait_for_selector("#change-notice")
    assert "Edited callback" in page.locator("#change-notice").inner_text()
    assert page.locator("#callbacks .outcome").inner_text() == "returned"
    # The table scrolls inside itself: the page is no wider than the phone.
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > 391)"
        ".map(e => e.tagName + '.' + e.className + '#' + e.id).slice(0, 8)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, wide

    # Delete the voicemail: its callback goes with it; Undo brings both back.
    page.click("#voicemails .row-actions button")
    page.wait_for_selector("#voicemails >> text=No voicemail yet.")
    assert "No callback yet." in page.locator("#callbacks").inner_text()
    page.screenshot(path=str(SHOTS / "corrections-phone.png"), full_page=True)
    page.click("#change-notice button")
    page.wait_for_selector("#change-notice >> text=Undone")
    assert "Sales lead" in page.locator("#voicemails").inner_text()
    assert page.locator("#callbacks .outcome").inner_text() == "returned"
    assert page.url.startswith(prospect_url)

    # The manager's log shows all three changes, newest first.
    page.goto(server + "/changes")
    rows = page.locator("#changes tbody tr")
    assert rows.count() == 3
    assert "Undid change" in rows.nth(0).inner_text()
    assert "undone" in rows.nth(1).inner_text() and "meeting → returned" in rows.nth(2).inner_text()
    assert not problems, problems
