"""Rehearse out loud: the Check page's Record button in Chromium, its microphone fed an
espeak-ng voicemail (the browser's fake audio capture), the take transcribed by the real
server with the bundled speech model and critiqued with its real timing, and the last
takes kept side by side, with their audio, across a reload. Skipped without a browser or
the audio extra, unless CALLWORTHY_REQUIRE_BROWSER / CALLWORTHY_REQUIRE_AUDIO say fail.
"""

from __future__ import annotations

import re
import subprocess
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from voicemails import missing, need_tools

from .test_browser import ARGS, CHROMIUM, SHOTS, _need
from .workspace_server import running_server, set_up_in_browser

TAKE = (
    "Hi Dana, it's Ana at 704 333 1112. A caterer I met yesterday needs forty dinners "
    "a week, and I will give you her number. Call me at 704 333 1112."
)
FAKE_AUDIO = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]


@pytest.fixture(scope="module")
def spoken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """The take as espeak-ng says it, a WAV the browser's fake microphone plays; its length."""
    need_tools("espeak-ng")
    try:
        import faster_whisper  # noqa: F401
    except ImportError:
        missing("the audio extra (faster-whisper)")
    wav = tmp_path_factory.mktemp("take") / "take.wav"
    subprocess.run(["espeak-ng", "-s", "150", "-w", str(wav), TAKE], check=True)
    with wave.open(str(wav)) as audio:
        return wav, audio.getnframes() / audio.getframerate()


@pytest.fixture(scope="module")
def recorder(spoken: tuple[Path, float], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A Chromium whose microphone says the take, on a running server, set up and logged in."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need("the playwright package is not installed")
    if not Path(CHROMIUM).exists():
        _need(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    args = [*ARGS, *FAKE_AUDIO, f"--use-file-for-fake-audio-capture={spoken[0]}"]
    with (
        running_server(tmp_path_factory.mktemp("rehearse")) as base,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        set_up_in_browser(page, base, team="Acme")
        try:
            yield page
        finally:
            browser.close()


def _take(page: Any, seconds: float, count: int) -> None:
    page.click("#record")
    page.wait_for_selector("#record-box.on")
    page.wait_for_timeout(int(seconds * 1000))
    page.click("#record")  # stop: the take is sent, transcribed and scored
    page.wait_for_function(
        "n => document.querySelectorAll('#takes .take').length === n", arg=count, timeout=120_000
    )


def test_a_take_is_recorded_transcribed_scored_and_kept_beside_the_last(
    recorder: Any, spoken: tuple[Path, float]
) -> None:
    page = recorder
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    assert page.locator("#record").is_visible()
    _take(page, spoken[1] + 0.5, 1)
    card = page.locator("#takes .take").first
    assert 0 <= int(card.get_attribute("data-score")) <= 100
    assert "words a minute" in card.inner_text() and "number at" in card.inner_text()
    audio = card.locator("audio")
    assert audio.count() == 1 and audio.get_attribute("src").startswith("data:audio/")
    # The take's full critique, with its measured timing, fills the panel beside the editor.
    assert page.locator("#critique #recording-summary").count() == 1
    assert page.locator("#critique .finding, #critique .empty").count() >= 1
    heard = set(re.findall(r"[a-z]+", page.locator("textarea#script").input_value().lower()))
    assert len(heard & set(re.findall(r"[a-z]+", TAKE.lower()))) >= 5, heard  # its transcript

    _take(page, 3.0, 2)  # a second, cut-short take: both side by side, the latest first
    cards = page.locator("#takes .take")
    assert cards.nth(0).locator(".take-name").inner_text() == "Latest take"
    assert cards.nth(1).locator(".take-name").inner_text() == "Take 1"
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert first and second and abs(first["y"] - second["y"]) < 2  # side by side
    page.screenshot(path=str(SHOTS / "rehearse.png"), full_page=True)

    page.reload()  # kept for the tab's session
    assert page.locator("#takes .take").count() == 2
    page.click("#takes-clear")
    assert page.locator("#takes .take").count() == 0
    assert not errors, errors
