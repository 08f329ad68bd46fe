"""The Rules page, the team-rule editor and /api/v1/rules: same loader, examples, permissions."""

from __future__ import annotations

import html
import re

import httpx
from fastapi.testclient import TestClient

from callworthy.critique import default_rules
from callworthy.principles import PRINCIPLES

from .helpers_web import MANAGER, add_rep, bearer, csrf, log_in, new_token, set_up

SLOGAN = """kind: existence
principle: P3
level: warning
subscore: prospect_focus
message: "\\"{match}\\" is our slogan, not their business."
fix: "Cut the slogan."
tokens:
  - synergy solutions
examples:
  pass:
    - "Hi Sam, there are five ways to fill your chairs. 704-333-1112."
  fail:
    - "Hi Sam, Acme brings synergy solutions to you. 704-333-1112."
"""
SCRIPT = "Hi Sam, this is Kim, 704-333-1112. Acme brings synergy solutions to you. 704-333-1112."


def _save(client: TestClient, rule_id: str, source: str) -> httpx.Response:
    token = csrf(client, "/rules/team")
    data = {"rule_id": rule_id, "source": source, "csrf_token": token}
    return client.post("/rules/team", data=data, follow_redirects=False)


def test_the_rules_page_lists_every_rule_with_its_examples(client: TestClient) -> None:
    set_up(client)
    page = client.get("/rules")
    assert page.status_code == 200
    rules = default_rules()
    assert page.text.count('<details class="rule"') == len(rules)
    rule = rules.get("pitch.about-us")
    named = PRINCIPLES[rule.principle.split("/")[0]]
    assert "pitch.about-us" in page.text and html.escape(named, quote=True) in page.text
    assert 'class="fail">fail: ' in page.text and 'class="pass">pass: ' in page.text


def test_a_manager_saves_a_team_rule_and_check_uses_it(client: TestClient) -> None:
    set_up(client)
    token = csrf(client, "/check")
    before = client.post("/check/critique", data={"text": SCRIPT, "csrf_token": token})
    assert "acme.slogan" not in before.text
    saved = _save(client, "acme.slogan", SLOGAN)
    assert saved.status_code == 303
    assert "Saved: its examples pass." in client.get(saved.headers["location"]).text
    after = client.post("/check/critique", data={"text": SCRIPT, "csrf_token": token})
    assert "our slogan" in after.text and "acme.slogan" not in after.text  # the id: JSON only
    assert "team rule" in client.get("/rules").text
    api = client.post("/api/v1/critique", json={"text": SCRIPT}, headers=bearer(new_token(client)))
    assert "acme.slogan" in {f["rule"] for f in api.json()["findings"]}


def test_a_broken_rule_is_shown_with_its_line_and_not_saved(client: TestClient) -> None:
    set_up(client)
    broken = SLOGAN.replace("level: warning", "level: loud")
    response = _save(client, "acme.slogan", broken)
    assert response.status_code == 422
    text = response.text
    assert re.search(r'id="rule-error">Line 3: team rule acme.slogan:3: level', text)
    assert "level: loud" in text  # what was typed is kept
    bad_yaml = _save(client, "acme.slogan", "kind: existence\ntokens: [a, b\n")
    assert bad_yaml.status_code == 422 and "not valid YAML" in bad_yaml.text
    assert "None yet." in client.get("/rules/team").text


def test_a_rule_whose_own_example_fails_is_not_saved(client: TestClient) -> None:
    set_up(client)
    wrong = SLOGAN.replace("Acme brings synergy solutions", "Acme brings good things")
    response = _save(client, "acme.slogan", wrong)
    assert response.status_code == 422
    assert "stayed silent on its own fail example" in response.text
    assert "Line 13:" in response.text


def test_a_team_rule_replaces_a_builtin_and_deleting_brings_it_back(client: TestClient) -> None:
    set_up(client)
    builtin = default_rules().get("pitch.about-us")
    source = SLOGAN.replace("is our slogan", "is about us (team wording)")
    assert _save(client, "pitch.about-us", source).status_code == 303
    page = client.get("/rules").text
    assert page.count('id="rule-pitch.about-us"') == 1 and "team wording" in page
    assert "(replaces the built-in)" in client.get("/rules/team").text
    token = csrf(client, "/rules/team")
    gone = client.post(
        "/rules/team/pitch.about-us/delete", data={"csrf_token": token}, follow_redirects=False
    )
    assert gone.status_code == 303
    assert "team wording" not in client.get("/rules").text
    assert builtin.message.split("{")[0][:10] in client.get("/rules").text


def test_only_managers_edit_team_rules(db_client: TestClient) -> None:
    set_up(db_client)
    assert _save(db_client, "acme.slogan", SLOGAN).status_code == 303
    manager_token = new_token(db_client)
    add_rep(db_client, "Raj Rep", "raj@example.com")
    db_client.post("/logout", data={"csrf_token": csrf(db_client, "/check")})
    assert log_in(db_client, "raj@example.com") == 303
    assert db_client.get("/rules/team").status_code == 403
    assert "acme.slogan" in db_client.get("/rules").text  # the team's rules apply to reps too
    token = csrf(db_client, "/rules")
    refused = db_client.post(
        "/rules/team", data={"rule_id": "x.y", "source": SLOGAN, "csrf_token": token}
    )
    assert refused.status_code == 403
    rep = bearer(new_token(db_client))
    put = db_client.put("/api/v1/rules/team/acme.other", json={"source": SLOGAN}, headers=rep)
    assert put.status_code == 403 and put.json()["error"]["type"] == "PermissionDeniedError"
    assert db_client.delete("/api/v1/rules/team/acme.slogan", headers=rep).status_code == 403
    assert db_client.get("/api/v1/rules/team/acme.slogan", headers=rep).status_code == 200
    mine = db_client.get("/api/v1/rules/team/acme.slogan", headers=bearer(manager_token))
    assert mine.json()["updated_by"] == MANAGER["name"]
    assert db_client.get("/api/v1/rules").status_code == 401


def test_the_api_twins(client: TestClient) -> None:
    set_up(client)
    auth = bearer(new_token(client))
    listed = client.get("/api/v1/rules", headers=auth).json()
    assert len(listed["rules"]) == len(default_rules()) and listed["version"]
    first = listed["rules"][0]
    assert {"id", "kind", "level", "principle", "message", "fix", "pass_examples"} <= set(first)
    put = client.put("/api/v1/rules/team/acme.slogan", json={"source": SLOGAN}, headers=auth)
    assert put.status_code == 200 and put.json()["rule_id"] == "acme.slogan"
    after = client.get("/api/v1/rules", headers=auth).json()
    assert after["version"] != listed["version"]
    assert any(r["id"] == "acme.slogan" and r["team"] for r in after["rules"])
    stored = client.get("/api/v1/rules/team", headers=auth).json()["items"]
    assert [r["rule_id"] for r in stored] == ["acme.slogan"]
    broken = SLOGAN.replace("level: warning", "level: loud")
    bad = client.put("/api/v1/rules/team/acme.slogan", json={"source": broken}, headers=auth)
    assert bad.status_code == 422
    error = bad.json()["error"]
    assert error["type"] == "RuleFileError" and error["line"] == 3 and "level" in error["message"]
    control = client.put(
        "/api/v1/rules/team/acme.slogan", json={"source": "kind: x\n\x1f"}, headers=auth
    )
    assert control.status_code == 422 and control.json()["error"]["line"] == 2
    bad_id = client.put("/api/v1/rules/team/Not An Id", json={"source": SLOGAN}, headers=auth)
    assert bad_id.status_code == 422 and "is not valid" in bad_id.json()["error"]["message"]
    assert client.delete("/api/v1/rules/team/acme.slogan", headers=auth).status_code == 204
    missing = client.delete("/api/v1/rules/team/acme.slogan", headers=auth)
    assert missing.status_code == 404
    assert client.get("/api/v1/rules/team/acme.slogan", headers=auth).status_code == 404


def test_rule_text_is_escaped(client: TestClient) -> None:
    set_up(client)
    evil = SLOGAN.replace('fix: "Cut the slogan."', 'fix: "<script>alert(1)</script>"')
    assert _save(client, "acme.slogan", evil).status_code == 303
    page = client.get("/rules").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    editor = client.get("/rules/team?rule_id=acme.slogan").text
    assert "<script>alert(1)</script>" not in editor


def test_a_voicemail_logged_on_the_web_is_scored_with_the_teams_rules(client: TestClient) -> None:
    set_up(client)
    auth = bearer(new_token(client))
    pid = client.post("/api/v1/prospects", json={"name": "Sam"}, headers=auth).json()["id"]
    assert _save(client, "acme.slogan", SLOGAN).status_code == 303
    checked = client.post(
        "/api/v1/critique", json={"text": SCRIPT, "prospect": "Sam"}, headers=auth
    )
    logged = client.post(
        f"/api/v1/prospects/{pid}/voicemails",
        json={"strategy": "value_tip", "script": SCRIPT},
        headers=auth,
    ).json()
    # Exactly as the Check page showed it: the same rules, the same score.
    assert logged["rules_version"] == checked.json()["rules_version"]
    assert logged["rules_version"] != default_rules().version
    assert logged["score"] == checked.json()["score"]
    page = client.post(
        f"/prospects/{pid}/voicemails",
        data={"strategy": "value_tip", "script": SCRIPT, "csrf_token": csrf(client, "/check")},
        follow_redirects=False,
    )
    assert page.status_code == 303
    history = client.get(f"/api/v1/prospects/{pid}", headers=auth).json()
    assert {v["rules_version"] for v in history["voicemails"]} == {logged["rules_version"]}


STARS = SLOGAN.replace(
    "tokens:\n  - synergy solutions", "patterns:\n  - '\\w*\\w*\\w*\\w*!'"
).replace("brings synergy solutions to you.", "brings synergy solutions to you!")
NESTED = STARS.replace("\\w*\\w*\\w*\\w*!", "(?:(?:\\w{0,10}){0,10}){0,10}!")


def test_the_issues_patterns_are_saved_or_refused_and_critiques_stay_fast(
    client: TestClient,
) -> None:
    import time

    set_up(client)
    assert _save(client, "acme.stars", STARS).status_code == 303
    refused = _save(client, "acme.nested", NESTED)
    assert refused.status_code == 422
    assert "cannot" in refused.text or "too complex" in refused.text
    assert "(?:(?:\\w{0,10}){0,10}){0,10}!" in refused.text  # the pattern is named
    headers = bearer(new_token(client))
    long_script = "Hi Sam, this is Kim, 704-333-1112. " + "a" * 4900
    started = time.perf_counter()
    answer = client.post("/api/v1/critique", json={"text": long_script}, headers=headers)
    assert answer.status_code == 200
    assert time.perf_counter() - started < 2.0  # a hang guard: it took 15 s in Python's re
