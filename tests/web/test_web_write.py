"""The Write page and POST /api/v1/write through the real app: candidates, errors, permissions."""

from __future__ import annotations

import json
import re
from typing import Any

from click.testing import CliRunner
from fastapi.testclient import TestClient

from callworthy.cli import main as cli_main
from callworthy.services import accounts
from callworthy.services import prospects as prospect_service
from callworthy.services.caller import Caller

from .helpers_web import MANAGER, PASSWORD, add_rep, bearer, csrf, log_in, new_token, set_up

PROSPECT = {"name": "Dana Whitfield", "company": "Bright Smiles", "industry": "dental"}
REP = {"name": "Mia Manager", "phone": "704-333-1112"}


def _add_prospect(client: TestClient, email: str, name: str, **fields: Any) -> int:
    engine = client.app.state.engine  # type: ignore[attr-defined]
    account = accounts.authenticate(engine, email, PASSWORD)
    actor = Caller(account.team_id, account.team, account.rep_id, account.name)
    return prospect_service.add_prospect(engine, actor, name, **fields).id


def _write_form(client: TestClient, **fields: str) -> dict[str, str]:
    form = {
        "name": "Dana Whitfield", "company": "Bright Smiles", "industry": "dental",
        "rep_name": "Mia Manager", "rep_phone": "704-333-1112", "relationship": "cold",
        "csrf_token": csrf(client, "/write"),
    }  # fmt: skip
    form.update(fields)
    return form


def test_the_write_page_prefills_the_rep_and_lists_packs_and_prospects(client: TestClient) -> None:
    set_up(client)
    pid = _add_prospect(client, MANAGER["email"], "Lou Ortega", company="Ortega Builders")
    page = client.get("/write")
    assert page.status_code == 200
    assert 'name="rep_name" value="Mia Manager"' in page.text
    assert 'name="rep_email" value="mia@example.com"' in page.text
    assert '<option value="dental"' in page.text
    assert f'<option value="{pid}">Lou Ortega (Ortega Builders)</option>' in page.text
    chosen = client.get(f"/write?prospect_id={pid}")
    assert 'name="name" value="Lou Ortega"' in chosen.text


def test_writing_shows_candidates_and_skipped_without_a_prospect(client: TestClient) -> None:
    set_up(client)
    response = client.post("/write", data=_write_form(client))
    assert response.status_code == 200
    assert response.text.count('class="candidate"') >= 2
    assert "Say it:" in response.text and "seven oh four" in response.text
    assert "Skipped" in response.text and "Sales lead" in response.text  # by name, not id
    assert "Choose a prospect to log it." in response.text
    assert "/voicemails" not in response.text


def test_each_candidate_shows_what_it_promised_and_its_email(client: TestClient) -> None:
    set_up(client)
    form = _write_form(
        client, lead_name="Hannah Cole", lead_detail="needs two refrigerated trucks",
        lead_contact="555-0100", humor="on", relationship="met_briefly",
    )  # fmt: skip
    response = client.post("/write", data=form)
    assert response.status_code == 200
    articles = re.findall(r'<article class="candidate" data-strategy="(\w+)">(.*?)</article>',
                          response.text, re.S)  # fmt: skip
    assert len(articles) >= 5
    for strategy, body in articles:
        if strategy == "competitor_tease":
            assert 'class="deliverable"' not in body
            continue
        assert 'class="deliverable"' in body and "You promised" in body
        assert "<details" in body and "Follow-up e-mail" in body and "Hi Dana," in body
        assert re.search(r'<ol class="items">\s*<li>', body)
    lead = next(body for strategy, body in articles if strategy == "sales_lead")
    assert "Hannah Cole, who needs two refrigerated trucks." in lead
    assert "who is looking for needs" not in response.text


def test_use_this_posts_to_the_chosen_prospects_voicemails(client: TestClient) -> None:
    set_up(client)
    pid = _add_prospect(client, MANAGER["email"], "Dana Whitfield")
    response = client.post("/write", data=_write_form(client, prospect_id=str(pid)))
    forms = re.findall(
        r'<form method="post" action="/prospects/(\d+)/voicemails" class="use">(.*?)</form>',
        response.text,
        re.S,
    )
    assert forms and all(found_id == str(pid) for found_id, _ in forms)
    body = forms[0][1]
    strategy = re.search(r'name="strategy" value="([^"]+)"', body)
    script = re.search(r'name="script" value="([^"]+)"', body)
    assert strategy and script and 'name="csrf_token"' in body
    assert "704-333-1112" in script.group(1)


def test_a_bad_field_is_shown_beside_it_and_nothing_is_written(client: TestClient) -> None:
    set_up(client)
    response = client.post("/write", data=_write_form(client, rep_phone="12"))
    assert response.status_code == 422
    assert re.search(
        r'name="rep_phone"[^>]*>\s*<p class="field-error" role="alert"[^>]*>', response.text
    )
    assert 'class="candidate"' not in response.text
    missing = client.post("/write", data=_write_form(client, name=""))
    assert missing.status_code == 422 and "Their name is needed." in missing.text
    assert "prospect.name" not in missing.text


def test_what_was_typed_is_escaped(client: TestClient) -> None:
    set_up(client)
    evil = "<script>alert(1)</script>"
    _add_prospect(client, MANAGER["email"], evil)
    page = client.get("/write")
    assert evil not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    response = client.post("/write", data=_write_form(client, company=evil, facts=evil))
    assert evil not in response.text


def test_a_rep_may_not_pick_another_reps_prospect(db_client: TestClient) -> None:
    set_up(db_client)
    add_rep(db_client, "Raj Rep", "raj@example.com")
    pid = _add_prospect(db_client, MANAGER["email"], "Only Mias")
    db_client.post("/logout", data={"csrf_token": csrf(db_client, "/check")})
    assert log_in(db_client, "raj@example.com") == 303
    assert "Only Mias" not in db_client.get("/write").text
    assert db_client.get(f"/write?prospect_id={pid}").status_code == 404
    refused = db_client.post("/write", data=_write_form(db_client, prospect_id=str(pid)))
    assert refused.status_code == 404


def test_the_api_returns_the_clis_candidates_and_the_skipped(client: TestClient) -> None:
    set_up(client)
    token = new_token(client)
    body = {"prospect": PROSPECT, "rep": REP, "seed": 3}
    response = client.post("/api/v1/write", json=body, headers=bearer(token))
    assert response.status_code == 200, response.text
    data = response.json()
    assert set(data) == {"candidates", "skipped", "pack", "notes", "seed"}
    assert data["pack"] == "dental" and data["seed"] == 3
    assert {"strategy", "reason"} == set(data["skipped"][0])
    cli = CliRunner().invoke(
        cli_main,
        ["write", "--name", "Dana Whitfield", "--company", "Bright Smiles", "--industry",
         "dental", "--rep-name", "Mia Manager", "--rep-phone", "704-333-1112", "--seed", "3",
         "--format", "json"],
    )  # fmt: skip
    assert cli.exit_code == 0, cli.output
    assert data["candidates"] == json.loads(cli.stdout)
    kinds = {c["strategy"]: (c["deliverable"] or {}).get("kind") for c in data["candidates"]}
    assert kinds["value_tip"] == "ways" and kinds["provocative_question"] == "answer"


def test_the_api_refuses_a_bad_profile_with_the_clis_message(client: TestClient) -> None:
    set_up(client)
    token = new_token(client)
    bad = {"prospect": PROSPECT, "rep": {"name": "Mia"}}
    response = client.post("/api/v1/write", json=bad, headers=bearer(token))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["type"] == "ProfileError" and "rep.phone" in error["message"]
    assert client.post("/api/v1/write", json={"prospect": PROSPECT, "rep": REP}).status_code == 401
    extra = client.post(
        "/api/v1/write", json={"prospect": {}, "rep": {}, "x": 1}, headers=bearer(token)
    )
    assert extra.status_code == 422
