"""A real browser on the real server: first-run set-up, log-in, and the Check page live.

Drives Debian's Chromium (/usr/bin/chromium) with the playwright package against
`callworthy serve` on a free loopback port. Skipped when either is missing, unless
CALLWORTHY_REQUIRE_BROWSER=1 (CI): then it fails. Screenshots go to tests/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .workspace_server import running_server

CHROMIUM = os.environ.get("CALLWORTHY_CHROMIUM", "/usr/bin/chromium")
REQUIRE_ENV = "CALLWORTHY_REQUIRE_BROWSER"
SHOTS = Path(__file__).parents[1] / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "correct horse battery staple"


def _need(reason: str) -> None:
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"a browser is required ({REQUIRE_ENV}=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`callworthy serve` on a fresh SQLite file and a free loopback port; its base URL."""
    with running_server(tmp_path) as base:
        yield base


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    """A page of a fresh headless Chromium profile."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need("the playwright package is not installed")
    if not Path(CHROMIUM).exists():
        _need(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=ARGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context.new_page()
        finally:
            context.close()


def _score(page: Any) -> int:
    return int(page.locator("#score").inner_text())


def test_first_run_log_in_and_the_live_check_page(server: str, page: Any) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    page.goto(server + "/")
    assert page.url.endswith("/setup")
    page.fill("input[name=team]", "Acme <b>Sales</b>")
    page.fill("input[name=name]", "Mia Manager")
    page.fill("input[name=email]", "mia@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=confirm]", PASSWORD)
    page.screenshot(path=str(SHOTS / "setup.png"))
    page.click("button[type=submit]")
    page.wait_for_url("**/check")
    assert "Acme <b>Sales</b>" in page.locator(".who").text_content()  # shown as text

    page.click("header button[type=submit]")  # log out
    page.wait_for_url("**/login")
    page.fill("input[name=email]", "mia@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/check")

    editor = page.locator("textarea#script")
    editor.click()
    editor.press_sequentially("Hi, this is Bob. We are the leading provider of solutions.", delay=5)
    page.wait_for_selector("#score")
    first = _score(page)
    assert page.locator("#marked mark").count() >= 1
    assert "leading provider" in page.locator("#marked mark").all_inner_texts()

    better = (
        " Sorry, John: I was talking to a builder yesterday who needs a caterer for forty "
        "sites. Call me at 555-123-4567 and I'll give you his number. 555-123-4567."
    )
    editor.press_sequentially(better, delay=2)
    page.wait_for_function(
        "before => Number(document.querySelector('#score')?.textContent) !== before", arg=first
    )
    page.wait_for_timeout(700)  # let the last debounced request land
    assert _score(page) != first
    assert page.locator(".finding").count() >= 1
    page.screenshot(path=str(SHOTS / "check.png"), full_page=True)

    page.fill("textarea#script", "<script>window.pwned = 1</script> call me")
    page.wait_for_timeout(900)
    assert page.evaluate("window.pwned") is None
    assert "<script>" in page.locator("#marked").inner_text()
    assert not problems, problems


def test_screenshots_folder_is_ignored_by_git() -> None:
    root = Path(__file__).parents[2]
    if shutil.which("git") is None or not (root / ".git").exists():
        pytest.skip("not a git checkout")
    done = subprocess.run(
        ["git", "check-ignore", "-q", "tests/screenshots/x.png"], cwd=root, check=False
    )
    assert done.returncode == 0
