"""A real browser on the Experiments and Ideas pages: the SVG chart, the words, try half.

Same server, Chromium and skip rules as test_browser.py (fails instead of skipping
when CALLWORTHY_REQUIRE_BROWSER=1). Screenshots go to tests/screenshots/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from callworthy.services.database import open_database
from callworthy.storage.location import sqlite_url

from .experiments_log import actor, build_log
from .test_browser import PASSWORD, SHOTS, page, server  # noqa: F401 (fixtures)

EMAIL = "mia@example.com"


def _set_up(page: Any, base: str) -> None:  # noqa: F811
    page.goto(base + "/setup")
    page.fill("input[name=team]", "Acme")
    page.fill("input[name=name]", "Mia Manager")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=confirm]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/check")


def test_experiments_chart_ideas_vote_and_try_half(
    server: str,  # noqa: F811
    page: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    _set_up(page, server)
    engine = open_database(sqlite_url(tmp_path / "browser.sqlite3"))
    try:
        build_log(engine, actor(engine, EMAIL, PASSWORD), name="Jane <b>Doe</b>")
    finally:
        engine.dispose()

    page.goto(server + "/experiments")
    chart = page.locator("#rates-chart svg")
    assert chart.locator("title").first.text_content().startswith("Share called back per message")
    assert chart.locator("rect.bar").count() == 2  # one bar per strategy
    assert chart.locator("g.row").count() == 2
    assert chart.locator("line.baseline-mark").count() == 1
    verdicts = page.locator(".verdicts").inner_text()
    assert "Half a message: probably better than Value tip (" in verdicts
    assert page.locator("#curve-chart svg polyline.step").count() == 1
    term = page.locator("#rates-table .term").first  # the glossary shows on keyboard focus
    assert not term.locator(".tip").is_visible()
    term.focus()
    assert term.locator(".tip").is_visible()
    page.select_option("select[name=prospect_id]", label="Jane <b>Doe</b>")  # shown as text
    page.click("#next button[type=submit]")
    page.wait_for_selector("#pick")
    assert "Picked from your team's results" in page.locator("#pick").inner_text()

    page.goto(server + "/ideas")
    ideas = (
        ("Leave the weather report for their town", "Hi Jane, it's Ana. Sunny in Austin."),
        ("Half a message", "Hi Jane, it's Ana about the caterer. Call me at 555-123-4567."),
    )
    for title, script in ideas:
        page.fill("input[name=title]", title)
        page.fill("textarea[name=script]", script)
        page.click("#add-idea button[type=submit]")
        page.wait_for_selector("#added")
        assert "/100" in page.locator("#added").inner_text()
    page.locator("#idea-2 button").click()
    page.wait_for_url("**/ideas#idea-2")
    assert page.locator("#board tbody tr").first.get_attribute("id") == "idea-2"
    assert page.locator("#idea-2 .votes").inner_text() == "1"
    page.screenshot(path=str(SHOTS / "ideas.png"), full_page=True)

    page.select_option("select[name=baseline]", "value_tip")
    page.click("#try-half button[type=submit]")
    page.wait_for_url("**/experiments")
    assert "(running," in page.locator(".experiment-current").inner_text()
    assert page.locator("#arms tbody tr").count() == 2  # one idea of two, and the baseline
    assert page.locator("#split").inner_text()
    page.screenshot(path=str(SHOTS / "experiments.png"), full_page=True)
    page.click(".experiment-current button[type=submit]")
    page.wait_for_url("**/experiments")
    assert "(stopped," in page.locator(".experiment-current").inner_text()
    assert not problems, problems
