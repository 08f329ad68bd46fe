"""The whole loop of P12 in a real browser: brainstorm, vote, try half, log, get called back, read.

A manager puts ideas on the board and votes, tries half; two reps each add prospects, ask
"what to try next", log the voicemail with the arm the log form pre-selects, and record
callbacks; the Experiments page then shows each arm with what happened, its likely range
and the split check. Same server, Chromium and skip rules as test_browser.py.

Time has to pass for a voicemail to count (the 14-day window): once the voicemails are
logged through the web, the test moves every stored moment 20 days back, in the server's
own database file, as the calendar would.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

from .test_browser import PASSWORD, SHOTS, page, server  # noqa: F401 (fixtures)

REPS = (("Rob Rep", "rob@example.com"), ("Ria Rep", "ria@example.com"))
IDEAS = (
    ("Three numbers from their own reviews", "Hi Jane, it's Ana at 704-555-0100. Your reviews "
     "mention slow service four times; two diners nearby fixed it. I'll tell you. 704-555-0100."),
    ("A question about their Tuesday nights", "Hi Jane, it's Ana at 704-555-0100. Why are your "
     "Tuesday nights half empty? I'll call you Thursday with the answer. 704-555-0100."),
    ("Five websites for their front desk", "Hi Jane, it's Ana at 704-555-0100. There are five "
     "websites your front desk should know; I'll email you the links. 704-555-0100."),
    ("A checklist for the health inspection", ""),
)  # fmt: skip
SCRIPT = (
    "Hi {first}, it's {rep} at 704-555-0100. Three restaurants on your street cut their wait "
    "times last month; I'll email you what they did. Again, 704-555-0100."
)


def _log_in(tab: Any, base: str, email: str) -> None:
    tab.goto(base + "/login")
    tab.fill("input[name=email]", email)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("main button[type=submit]")
    tab.wait_for_url("**/check")


def _log_out(tab: Any) -> None:
    tab.click("header button[type=submit]")
    tab.wait_for_url("**/login")


def _manager_tries_half(tab: Any, base: str) -> None:
    tab.goto(base + "/setup")
    for name, value in (("team", "Acme"), ("name", "Mia Manager"), ("email", "mia@example.com")):
        tab.fill(f"input[name={name}]", value)
    tab.fill("input[name=password]", PASSWORD)
    tab.fill("input[name=confirm]", PASSWORD)
    tab.click("main button[type=submit]")
    tab.wait_for_url("**/check")
    for name, email in REPS:
        tab.goto(base + "/team")
        tab.fill("input[name=name]", name)
        tab.fill("input[name=email]", email)
        tab.fill("input[name=password]", PASSWORD)
        tab.click("form[action='/team/accounts'] button[type=submit]")
        tab.wait_for_url("**/team")
    tab.goto(base + "/experiments")
    assert tab.locator("#first-step").is_visible()  # an empty tab invites the first step
    tab.goto(base + "/ideas")
    for title, script in IDEAS:
        tab.fill("input[name=title]", title)
        tab.fill("textarea[name=script]", script)
        tab.click("#add-idea button[type=submit]")
        tab.wait_for_selector("#added")
    for idea in ("#idea-2", "#idea-3"):  # votes weigh the draw
        tab.locator(f"{idea} button").click()
        tab.wait_for_url(f"**/ideas{idea}")
    tab.select_option("select[name=baseline]", "value_tip")
    tab.click("#try-half button[type=submit]")
    tab.wait_for_url("**/experiments")
    assert "(running," in tab.locator(".experiment-current").inner_text()


def _rep_logs_a_voicemail(tab: Any, base: str, rep: str, name: str) -> str:
    """Add a prospect, ask what to try next, log the pre-selected arm; return it."""
    tab.goto(base + "/prospects/new")
    tab.fill("input[name=name]", name)
    tab.click("main button[type=submit]")
    tab.wait_for_url(re.compile(r".*/prospects/\d+$"))
    where = tab.url
    tab.goto(base + "/experiments")
    tab.select_option("select[name=prospect_id]", label=name)
    tab.click("#next button[type=submit]")
    tab.wait_for_selector("#pick")
    arm = tab.locator("#pick .strategy").get_attribute("data-strategy")
    assert "experiment" in tab.locator("#how-picked").inner_text()
    tab.goto(where)
    assert tab.locator("#strategy").input_value() == arm  # the log form pre-selects it
    assert "(their arm)" in tab.locator("#strategy option:checked").inner_text()
    tab.fill("textarea[name=script]", SCRIPT.format(first=name.split()[0], rep=rep))
    tab.click("#log-voicemail button[type=submit]")
    tab.wait_for_selector("#voicemails .vm-score")
    return str(arm)


def _a_month_passes(database: Path) -> None:
    with sqlite3.connect(database) as db:
        for table, column in (
            ("voicemail", "left_at"), ("callback", "at"), ("assignment", "assigned_at"),
            ("experiment", "started_at"),
        ):  # fmt: skip
            db.execute(f"UPDATE {table} SET {column} = datetime({column}, '-20 days')")


def test_brainstorm_try_half_log_call_back_and_read_the_experiment(
    server: str,  # noqa: F811
    page: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    _manager_tries_half(page, server)
    arms = {
        row.get_attribute("data-strategy")
        for row in page.locator("#arms tbody tr").all()
    }  # fmt: skip
    assert len(arms) == 3 and "value_tip" in arms  # half of four ideas, and the usual message
    _log_out(page)

    logged: dict[str, list[str]] = {arm: [] for arm in arms}
    for turn in range(16):  # the reps take turns until every arm has voicemails
        rep_name, email = REPS[turn % 2]
        _log_in(page, server, email)
        name = f"Prospect {turn} of {rep_name.split()[0]}"
        arm = _rep_logs_a_voicemail(page, server, rep_name.split()[0], name)
        logged[arm].append(page.url)
        if turn % 3 == 0:  # some call back
            page.click("#log-callback button[value=returned]")
            page.wait_for_selector("#callbacks >> text=returned")
        _log_out(page)
        if turn >= 5 and all(logged.values()):
            break
    assert all(logged.values()), logged

    _a_month_passes(tmp_path / "browser.sqlite3")
    _log_in(page, server, "mia@example.com")
    page.goto(server + "/experiments")
    rows = {r.get_attribute("data-strategy"): r for r in page.locator("#arms tbody tr").all()}
    assert set(rows) == arms
    for arm, row in rows.items():
        assert row.locator(".voicemails").inner_text() == str(len(logged[arm]))
        assert row.locator(".assigned").inner_text() == str(len(logged[arm]))
        assert re.fullmatch(r"\d+ of \d+ called back", row.locator(".happened").inner_text())
        assert re.fullmatch(r"\d+% to \d+%", row.locator(".range").inner_text()), arm
    split = page.locator("#split").inner_text()
    assert split.startswith("Split check") and ("planned shares" in split or "not checked" in split)
    page.screenshot(path=str(SHOTS / "experiment-loop.png"), full_page=True)
    assert not problems, problems
