"""The prospect list as a rep works it, on SQLite and PostgreSQL: the Call today queue from
the contact cadence, search by name, company or phone, the sorts, the contact columns, and
each logged voicemail's findings on the prospect's page."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from callworthy.experiments import default_cadence
from callworthy.services import accounts, worklist
from callworthy.services.caller import caller_for
from callworthy.services.dnc import import_dnc
from callworthy.services.prospects import add_prospect
from callworthy.services.tracking import log_callback, log_voicemail
from callworthy.web.routers.prospects import day_end

from .helpers_web import MANAGER, PASSWORD, bearer, csrf, new_token, set_up
from .test_web_rules import SLOGAN

NOW = datetime.now(UTC)
SCRIPT = "Hi, this is Ana from Acme. We are a leading provider of solutions. Call me back."


def _team(client: TestClient, folder: Path) -> dict[str, int]:
    """Five prospects in five situations; their ids by name."""
    set_up(client)
    engine = client.app.state.engine  # type: ignore[attr-defined]
    me = caller_for(accounts.authenticate(engine, MANAGER["email"], PASSWORD))
    spacing = default_cadence().spacing
    made: dict[str, int] = {}
    for name, company, phone in [
        ("Ada Fresh", "Fresh Foods", "4155550101"),  # never called: a first call, due now
        ("Ben Overdue", "Overdue Builders", "4155550102"),  # unanswered, spacing passed
        ("Cy Waiting", "Waiting Wines", "6175550103"),  # unanswered yesterday: not yet
        ("Di Blocked", "Blocked Bakery", "4155550104"),  # do not call
        ("Ed Done", "Done Deals", "4155550105"),  # at the cadence's limit: stop
    ]:
        made[name] = add_prospect(engine, me, name, company=company, phone=phone).id
    log_voicemail(engine, me, made["Ben Overdue"], "value_tip", SCRIPT, at=NOW - spacing * 2)
    log_voicemail(engine, me, made["Cy Waiting"], "value_tip", SCRIPT, at=NOW - timedelta(days=1))
    (folder / "dnc.csv").write_text("phone\n(415) 555-0104\n")
    import_dnc(engine, me, folder / "dnc.csv")
    for n in range(default_cadence().max_unanswered):
        at = NOW - spacing * (20 - n)
        log_voicemail(engine, me, made["Ed Done"], "value_tip", SCRIPT, at=at)
    return made


def test_call_today_follows_the_cadence(db_client: TestClient, tmp_path: Path) -> None:
    made = _team(db_client, tmp_path)
    engine = db_client.app.state.engine  # type: ignore[attr-defined]
    me = caller_for(accounts.authenticate(engine, MANAGER["email"], PASSWORD))
    work = worklist.worklist(engine, me, now=NOW, day_ends=NOW + timedelta(hours=8))
    queue = [r.prospect.name for r in work.today]
    assert queue == ["Ben Overdue", "Ada Fresh"]  # the follow-up first, then the first call
    later = worklist.worklist(engine, me, now=NOW, day_ends=NOW + timedelta(days=10))
    assert [r.prospect.name for r in later.today] == ["Ben Overdue", "Ada Fresh", "Cy Waiting"]
    by_name = {r.prospect.name: r for r in work.page.items}
    assert by_name["Ed Done"].stop and by_name["Ed Done"].next_due is None
    assert by_name["Ada Fresh"].last_contact is None
    waiting = by_name["Cy Waiting"]
    assert (
        waiting.last_contact
        and waiting.next_due == waiting.last_contact + default_cadence().spacing
    )
    page = db_client.get("/prospects").text
    today = page.split('id="call-today"')[1].split('id="prospect-list"')[0]
    assert f'href="/prospects/{made["Ben Overdue"]}"' in today
    assert "Di Blocked" not in today and "Ed Done" not in today and "Cy Waiting" not in today
    assert "(415) 555-0102" in today  # the phone as the rep dials it
    api = db_client.get("/api/v1/prospects/today", headers=bearer(new_token(db_client)))
    assert api.status_code == 200, api.text
    assert [r["prospect"]["name"] for r in api.json()] == ["Ben Overdue", "Ada Fresh"]
    assert api.json()[0]["unanswered"] == 1 and api.json()[0]["next_due"]


def test_search_by_name_company_or_phone_and_sort(db_client: TestClient, tmp_path: Path) -> None:
    _team(db_client, tmp_path)

    def listed(**params: str) -> list[str]:
        page = db_client.get("/prospects", params=params).text.split('id="prospect-list"')[1]
        return re.findall(r'href="/prospects/\d+">([^<]+)</a>', page)

    assert listed(q="wine") == ["Cy Waiting"]  # the company
    assert listed(q="(617) 555") == ["Cy Waiting"]  # the phone, as typed
    assert listed(q="ben") == ["Ben Overdue"]
    assert listed(q="nobody") == []
    assert listed(sort="name") == sorted(listed())
    by_contact = listed(sort="last_contact")
    assert by_contact[:2] == ["Ada Fresh", "Di Blocked"]  # never contacted first
    assert by_contact[-1] == "Cy Waiting"  # the latest contact last
    assert listed(sort="next_due")[-1] == "Ed Done"  # a stopped cadence has no next step
    assert listed(sort="bogus") == listed(sort="name")
    page = db_client.get("/prospects", params={"sort": "last_contact", "q": "o"}).text
    assert 'aria-sort="ascending">Last contact' in page
    assert "sort=next_due" in page and "q=o" in page  # the sort links keep the search


def test_a_logged_voicemail_shows_what_cost_points(client: TestClient, tmp_path: Path) -> None:
    made = _team(client, tmp_path)
    page = client.get(f"/prospects/{made['Ben Overdue']}").text
    findings = page.split('class="vm-findings"')[1].split("</ul>")[0]
    assert "No reason to call back" in findings and "-" in findings
    assert "value.no-value" not in page


def test_the_days_end_is_the_reps_midnight() -> None:
    at = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)  # 15:30 in Los Angeles
    assert day_end(at, "America/Los_Angeles") == datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
    assert day_end(at, "Europe/Paris") == datetime(2026, 3, 3, 23, 0, tzinfo=UTC)
    assert day_end(at, None) == datetime(2026, 3, 3, 0, 0, tzinfo=UTC)
    assert day_end(at, "Mars/Base") == datetime(2026, 3, 3, 0, 0, tzinfo=UTC)


def test_the_call_today_queue_needs_no_csrf_and_a_log_in(client: TestClient) -> None:
    assert client.get("/prospects", follow_redirects=False).status_code in (303, 401)
    set_up(client)
    assert csrf(client, "/prospects")
    assert "Nobody is due today" not in client.get("/prospects").text  # empty: the invitation
    assert "Add your first prospect" in client.get("/prospects").text


def test_a_callback_opens_the_door_again(client: TestClient, tmp_path: Path) -> None:
    made = _team(client, tmp_path)
    engine = client.app.state.engine  # type: ignore[attr-defined]
    me = caller_for(accounts.authenticate(engine, MANAGER["email"], PASSWORD))
    log_callback(engine, me, made["Cy Waiting"], at=NOW - timedelta(hours=1))
    work = worklist.worklist(engine, me, now=NOW, day_ends=NOW + timedelta(hours=8))
    assert "Cy Waiting" in [r.prospect.name for r in work.today]


def test_what_a_voicemail_lost_adds_up_to_the_score_shown(client: TestClient) -> None:
    """The losses are read for the prospect (by name, as when it was logged), and a score
    the team's rules have changed since shows today's beside it."""
    set_up(client)
    token = csrf(client, "/prospects/new")
    form = {"name": "Sam Ortiz", "company": "Ortiz Bakery", "phone": "4155550177"}
    added = client.post("/prospects", data={**form, "csrf_token": token}, follow_redirects=False)
    prospect = int(added.headers["location"].rsplit("/", 1)[1])
    script = (
        "Hi Sam, it's Kim at 704-333-1112. A caterer I work with needs forty cakes a week for "
        "her synergy solutions lunches and asked me who I'd trust. Call me at 704-333-1112 and "
        "I'll connect you."
    )
    data = {"strategy": "value_tip", "script": script, "csrf_token": token}
    assert client.post(f"/prospects/{prospect}/voicemails", data=data).status_code == 200

    def cell() -> str:
        page = client.get(f"/prospects/{prospect}").text
        return page.split('class="vm-score">')[1].split("</td>")[0]

    logged = cell()
    stored = int(logged.split("<", 1)[0].strip())
    points = [int(p) for p in re.findall(r'class="points">(-\d+)<', logged)]
    assert "No name" not in logged  # "Hi Sam" names Sam Ortiz
    assert "by today&#39;s rules" not in logged and "by today's rules" not in logged
    assert points and stored - sum(points) <= 100 + 10  # the losses and the lead's 10 back
    saved = client.post(
        "/rules/team",
        data={
            "rule_id": "acme.slogan",
            "source": SLOGAN,
            "csrf_token": csrf(client, "/rules/team"),
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    changed = cell()
    today = int(re.search(r'class="vm-today">(\d+) by today', changed).group(1))  # type: ignore[union-attr]
    assert changed.startswith(str(stored)) and today < stored
    assert "What costs points today" in changed and "Slogan" in changed
