"""Every page in a real browser at a phone's width (390 px) and a laptop's (1366 px).

One server and one Chromium for the module: a manager sets the team up, adds a prospect
and logs a voicemail, then every page is opened at both widths and must not scroll
sideways, must pass an axe-core scan with no serious or critical violation (so must its
result and error states: a critique, a field's error, written candidates, a diagnosis, an
unanswered phone test, an import without a file), and (with
CALLWORTHY_UPDATE_SCREENSHOTS=1) is photographed into docs/screenshots/. The Check page
must show its findings beside the editor on a laptop, linked both ways to their words;
the main flows are walked with the keyboard alone. Skipped without a browser, unless
CALLWORTHY_REQUIRE_BROWSER=1 (CI).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .helpers_web import MANAGER_PAGES as PAGES
from .test_browser import ARGS, CHROMIUM, SHOTS, _need
from .workspace_server import running_server, set_up_in_browser

DOCS = Path(__file__).parents[2] / "docs" / "screenshots"
WIDTHS = {"phone": (390, 844), "laptop": (1366, 900)}
SCRIPT = (
    "Hi Dana, this is Ana from Acme. We are a leading provider of solutions. "
    "Call me back at 704-333-1112. Thanks!"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`callworthy serve` on a fresh SQLite file, shared by the module."""
    with running_server(tmp_path_factory.mktemp("workspace")) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need("the playwright package is not installed")
    if not Path(CHROMIUM).exists():
        _need(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def team(server: str, browser: Any) -> dict[str, Any]:
    """Set the team up in the browser, add a prospect and log a voicemail; its ids and state."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    set_up_in_browser(page, server)
    page.goto(server + "/prospects/new")
    page.fill("input[name=name]", "Dana Reyes")
    page.fill("input[name=company]", "Reyes Catering")
    page.fill("input[name=phone]", "4155550142")
    page.click("main button[type=submit]")
    page.wait_for_url("**/prospects/*")
    added = page.locator(".flash").inner_text()
    prospect_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    page.fill("#log-voicemail textarea[name=script]", SCRIPT)
    page.click("#log-voicemail button[type=submit]")
    page.wait_for_selector(".flash")
    logged = page.locator(".flash").inner_text()
    page.goto(server + "/prospects/new")  # never called: today's first call
    page.fill("input[name=name]", "Lee Park")
    page.fill("input[name=company]", "Park Dental")
    page.fill("input[name=phone]", "6175550133")
    page.click("main button[type=submit]")
    page.wait_for_url("**/prospects/*")
    state = context.storage_state()
    context.close()
    return {"prospect": prospect_id, "state": state, "added": added, "logged": logged}


def _open(browser: Any, team: dict[str, Any], width: str) -> Any:
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, storage_state=team["state"])
    return context.new_page()


def test_adding_and_logging_confirm_themselves(team: dict[str, Any]) -> None:
    assert "Dana Reyes is added" in team["added"]
    assert "voicemail is logged" in team["logged"] and "scored" in team["logged"]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_page_fits_the_screen_and_passes_axe(
    server: str, browser: Any, team: dict[str, Any], width: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = _open(browser, team, width)
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    failures: dict[str, Any] = {}
    for template in PAGES:
        path = template.format(id=team["prospect"])
        response = page.goto(server + path)
        assert response is not None and response.status == 200, path
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if widths[0] > widths[1]:
            failures[f"{path} scrolls sideways"] = widths
        violations = axe.run(page).response["violations"]
        bad = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
        if bad:
            failures[f"{path} axe"] = [
                (v["id"], [n["target"] for n in v["nodes"]][:3])
                for v in violations
                if v["id"] in bad
            ]
        _shoot(page, template, width)
    page.goto(server + "/check")
    page.fill("textarea#script", SCRIPT)
    page.wait_for_selector(".finding")
    _shoot(page, "/check/critique", width)
    page.context.close()
    assert not failures, failures
    assert not problems, problems


def _shoot(page: Any, path: str, width: str) -> None:
    name = path.strip("/").replace("/", "-").replace("{id}", "prospect") or "home"
    name = "".join(c if c.isalpha() or c == "-" else "" for c in name).strip("-")
    shot = SHOTS / f"{name}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    if os.environ.get("CALLWORTHY_UPDATE_SCREENSHOTS") == "1":  # the README's pictures
        DOCS.mkdir(exist_ok=True)
        page.screenshot(path=str(DOCS / shot.name), full_page=False)


def test_the_menu_collapses_on_a_phone_and_marks_the_current_page(
    server: str, browser: Any, team: dict[str, Any]
) -> None:
    page = _open(browser, team, "phone")
    page.goto(server + "/prospects")
    nav = page.locator("nav[aria-label=Main]")
    assert not nav.is_visible()  # closed: one "Menu" button, not eleven links
    summary = page.locator("#menu > summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert nav.is_visible()
    current = page.locator("nav a[aria-current=page]")
    assert current.count() == 1 and current.inner_text() == "Prospects"
    page.context.close()


def test_check_shows_findings_beside_the_editor_linked_to_their_words(
    server: str, browser: Any, team: dict[str, Any]
) -> None:
    page = _open(browser, team, "laptop")
    page.goto(server + "/check")
    assert page.locator("#welcome").is_visible()  # a fresh page says what to do
    page.fill("textarea#script", SCRIPT)
    page.wait_for_selector(".finding")
    editor = page.locator("textarea#script").bounding_box()
    panel = page.locator("#critique").bounding_box()
    first = page.locator(".finding").first.bounding_box()
    assert editor and panel and first
    assert panel["x"] >= editor["x"] + editor["width"]  # beside, not below
    assert first["y"] < 900  # the top finding is on screen with the editor

    points = [int(p.split()[0]) for p in page.locator(".findings .points").all_text_contents()]
    losses = [p for p in points if p < 0]
    assert losses == sorted(losses) and losses, points  # biggest loss first

    link = page.locator(".finding a[data-pair]").first
    target = link.get_attribute("data-pair")
    link.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == target
    assert page.locator(f"#{target} mark").count() == 1
    page.keyboard.press("Enter")  # and back from the words to their finding
    active = page.evaluate("document.activeElement.id")
    assert active.startswith("finding-")
    described = page.locator(f"#{target}").get_attribute("aria-describedby") or ""
    assert f"{active}-title" in described.split()
    page.context.close()


def test_a_rep_works_by_keyboard_alone(server: str, browser: Any, team: dict[str, Any]) -> None:
    page = _open(browser, team, "laptop")
    page.goto(server + "/prospects")

    def tab_to(selector: str, limit: int = 60) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector} on {page.url}")

    tab_to("a[href='/prospects/new']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/prospects/new")
    tab_to("input[name=name]")
    page.keyboard.type("Sam Ortiz")
    tab_to("main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/prospects/*")
    assert "Sam Ortiz is added" in page.locator(".flash").inner_text()
    tab_to("#log-voicemail textarea[name=script]")
    page.keyboard.type(SCRIPT)
    tab_to("#log-voicemail button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash:has-text('logged')")

    page.goto(server + "/check")
    tab_to("textarea#script")
    page.keyboard.type(SCRIPT)
    page.wait_for_selector(".finding")
    tab_to(".finding a[data-pair]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('span')")
    page.context.close()


def test_an_error_is_beside_its_field_and_has_the_focus(
    server: str, browser: Any, team: dict[str, Any]
) -> None:
    page = _open(browser, team, "phone")
    page.goto(server + "/prospects/new")
    page.fill("input[name=name]", "Lee Park")
    page.fill("input[name=phone]", "12")
    page.click("main button[type=submit]")
    page.wait_for_selector(".field-error")
    focused = page.evaluate(
        "[document.activeElement.name, document.activeElement.getAttribute('aria-invalid'),"
        " document.activeElement.getAttribute('aria-describedby')]"
    )
    assert focused == ["phone", "true", "phone-error"]
    box = page.locator("#phone-error").bounding_box()
    assert box and 0 <= box["y"] < 844  # scrolled into view
    page.context.close()


def _submit(page: Any, form: str = "main form[method=post]") -> None:
    page.locator(f"{form} button[type=submit]").first.click()
    page.wait_for_load_state()


#: Each page's other states: what it shows after a result or an error, reached as a rep would.
STATES: dict[str, Any] = {
    "a critique": lambda page, base, pid: (
        page.goto(base + "/check"),
        page.fill("textarea#script", SCRIPT),
        page.wait_for_selector(".finding"),
    ),
    "a field's error": lambda page, base, pid: (
        page.goto(base + "/prospects/new"),
        page.fill("input[name=name]", "Lee Park"),
        page.fill("input[name=phone]", "12"),
        _submit(page),
        page.wait_for_selector(".field-error"),
    ),
    "written candidates": lambda page, base, pid: (
        page.goto(base + f"/write?prospect_id={pid}"),
        page.fill("input[name=rep_name]", "Mia Manager"),
        page.fill("input[name=rep_phone]", "7043331112"),
        _submit(page),
        page.wait_for_selector(".candidate"),
    ),
    "a diagnosis": lambda page, base, pid: (
        page.goto(base + f"/diagnose/{pid}"),
        _submit(page),
        page.wait_for_selector("h2:has-text('The ten causes'), .field-error, [role=alert]"),
    ),
    "a phone test with nothing answered": lambda page, base, pid: (
        page.goto(base + "/phonetest"),
        _submit(page),
        page.wait_for_selector(".alert"),
    ),
    "an import with no file": lambda page, base, pid: (
        page.goto(base + "/import"),
        page.evaluate("document.querySelectorAll('[required]').forEach(e => e.required = false)"),
        _submit(page),
        page.wait_for_selector(".alert, .field-error"),
    ),
}


@pytest.mark.parametrize("state", list(STATES))
def test_results_and_errors_pass_axe_too(
    server: str, browser: Any, team: dict[str, Any], state: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = _open(browser, team, "phone")
    STATES[state](page, server, team["prospect"])
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    violations = Axe().run(page).response["violations"]
    bad = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    page.context.close()
    assert widths[0] <= widths[1], f"{state} scrolls sideways: {widths}"
    assert not bad, (state, bad)
