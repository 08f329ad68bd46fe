"""A form being sent says so and cannot be sent twice, in a real browser.

The server is real (`callworthy serve` on a fresh SQLite file); the browser holds the
form's request until the page has been looked at, the way a slow network would, then lets
it through. Skipped without a browser, unless CALLWORTHY_REQUIRE_BROWSER=1 (CI).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .test_browser import ARGS, CHROMIUM, _need
from .workspace_server import running_server, set_up_in_browser


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    """A manager logged in on a fresh team, at a phone's width; the base URL and the page."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need("the playwright package is not installed")
    if not Path(CHROMIUM).exists():
        _need(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with (
        running_server(tmp_path_factory.mktemp("busy")) as base,
        sync_playwright() as playwright,
    ):
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
        set_up_in_browser(page, base)
        try:
            yield base, page
        finally:
            chromium.close()


#: Watches the next form sent: just after the page's own handlers have run, it records the
#: form's state and presses the same button again, into sessionStorage (it outlives the page).
WATCH = """() => {
  let submits = 0;
  document.addEventListener("submit", (event) => {
    submits += 1;
    if (submits > 1) return;
    setTimeout(() => {
      const form = event.target, button = event.submitter;
      const status = form.querySelector(".busy-status");
      const seen = {
        busy: form.getAttribute("aria-busy"),
        disabled: button.disabled,
        status: status ? status.textContent : null,
        role: status ? status.getAttribute("role") : null,
      };
      button.click();
      seen.submits = submits;
      sessionStorage.setItem("seen", JSON.stringify(seen));
    }, 0);
  });
}"""


def _posts(page: Any, pattern: str) -> list[str]:
    """Count the POSTs to `pattern` (each let through at once); their bodies."""
    bodies: list[str] = []

    def count(route: Any) -> None:
        if route.request.method == "POST":
            bodies.append(route.request.post_data or "")
        route.continue_()

    page.route(pattern, count)
    return bodies


def _seen(page: Any) -> dict[str, Any]:
    seen = page.evaluate("() => JSON.parse(sessionStorage.getItem('seen') || 'null')")
    page.evaluate("() => sessionStorage.removeItem('seen')")
    assert seen is not None, "the form was not sent"
    return dict(seen)


def test_a_form_being_sent_says_so_and_its_button_cannot_be_pressed_twice(
    page: tuple[str, Any],
) -> None:
    base, tab = page
    tab.goto(base + "/prospects/new")
    tab.fill("input[name=name]", "Dana Reyes")
    tab.fill("input[name=phone]", "4155550142")
    posts = _posts(tab, "**/prospects")
    tab.evaluate(WATCH)
    tab.click("main form[method=post] button[type=submit]")
    tab.wait_for_url("**/prospects/*")
    tab.unroute("**/prospects")
    seen = _seen(tab)
    assert seen["busy"] == "true" and seen["disabled"] is True
    assert seen["status"] == "Working…" and seen["role"] == "status"
    assert seen["submits"] == 1 and len(posts) == 1  # the second press sent nothing
    assert "Dana Reyes is added" in tab.locator(".flash").inner_text()
    assert tab.locator("form[aria-busy]").count() == 0


def test_the_button_pressed_is_still_sent_with_its_value(page: tuple[str, Any]) -> None:
    base, tab = page
    tab.goto(base + "/prospects/new")
    tab.fill("input[name=name]", "Lee Park")
    tab.fill("input[name=phone]", "6175550133")
    tab.click("main form[method=post] button[type=submit]")
    tab.wait_for_url("**/prospects/*")
    tab.fill("#log-voicemail textarea[name=script]", "Hi Lee, it's Mia at 704-333-1112.")
    tab.click("#log-voicemail button[type=submit]")
    tab.wait_for_selector(".flash")
    posts = _posts(tab, "**/callbacks")
    tab.evaluate(WATCH)
    tab.click("#log-callback button[value=meeting]")
    tab.wait_for_load_state()
    tab.unroute("**/callbacks")
    assert _seen(tab)["disabled"] is True
    assert len(posts) == 1 and "outcome=meeting" in posts[0]
    assert "meeting" in tab.locator("main").inner_text().lower()


def test_a_form_sent_by_htmx_is_left_to_htmx(page: tuple[str, Any]) -> None:
    base, tab = page
    tab.goto(base + "/check")
    tab.fill("textarea#script", "Hi Dana, it's Ana at 704-333-1112. Call me back.")
    tab.wait_for_selector(".finding")
    assert tab.locator(".busy-status").count() == 0
    assert not tab.locator("main button[type=submit]").first.is_disabled()
