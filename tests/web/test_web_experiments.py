"""The Experiments and Ideas pages and their JSON twins, through the real app."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from callworthy.services.experiments import STATS_KEYS

from .experiments_log import actor, build_log
from .helpers_web import MANAGER, PASSWORD, add_rep, bearer, csrf, log_in, new_token, set_up

REP_EMAIL = "rob@example.com"
XSS = "<script>alert(1)</script>"


def _engine(client: TestClient):  # type: ignore[no-untyped-def]
    return client.app.state.engine  # type: ignore[attr-defined]


def _team(client: TestClient) -> int:
    """Set up the team with a logged-in manager and a matured log; return the prospect id."""
    set_up(client)
    engine = _engine(client)
    return build_log(engine, actor(engine, MANAGER["email"], PASSWORD))


def test_experiments_page_shows_the_chart_the_table_and_the_words(client: TestClient) -> None:
    _team(client)
    page = client.get("/experiments")
    assert page.status_code == 200
    html = page.text
    svg = re.search(r'<svg class="chart".*?</svg>', html, re.S)
    assert svg and "<title" in svg.group(0)
    assert len(re.findall(r'<rect class="bar"', svg.group(0))) == 2
    assert 'class="baseline-mark"' in svg.group(0)
    assert "style=" not in html  # the CSP forbids inline styles
    assert 'data-strategy="half_message"' in html and 'data-strategy="value_tip"' in html
    assert "Half a message" in html and "Value tip" in html  # names, in plain words
    assert "better than Value tip (" in html  # chance_phrase: 3 of 4 against 1 of 4
    assert 'id="rates-table"' in html
    assert '<td class="pending">1</td>' in html  # the young voicemail is shown apart
    # What happened is the headline (3 of 4: 75%), not the estimate (Beta(4, 2): 67%).
    assert '<td class="happened">3 of 4 called back</td><td class="share">75%</td>' in html
    assert 'class="step"' in html  # the time-to-callback curve
    assert "No experiment yet" in html
    for jargon in ("Thompson", "Kaplan", "Matured", "matured", "Seed", "seed", "posterior"):
        assert jargon not in html, jargon
    assert 'class="term" tabindex="0"' in html  # the glossary, on hover and focus


def test_experiments_page_on_an_empty_log_says_not_enough_data(client: TestClient) -> None:
    set_up(client)
    response = client.get("/experiments")
    html = response.text
    assert response.status_code == 200 and 'class="alert"' not in html  # an invitation, not red
    assert 'id="first-step"' in html and "log the voicemail you left" in html
    assert 'href="/prospects"' in html and 'href="/import"' in html and 'href="/ideas"' in html
    assert 'Add a <a href="/prospects/new">prospect</a> first' in html
    assert 'id="no-experiment"' in html


def test_experiments_page_groups_and_refuses_a_bad_window(client: TestClient) -> None:
    _team(client)
    grouped = client.get("/experiments?by=industry&window=7")
    assert grouped.status_code == 200 and "<th>Industry</th>" in grouped.text
    bad = client.get("/experiments?window=soon&by=planet")
    assert bad.status_code == 422
    assert "is not a number of days" in bad.text
    for window in ("0", "0.5", "366", "1e308", "nan"):
        assert client.get(f"/experiments?window={window}").status_code == 422, window


def test_what_to_try_next_on_the_page(client: TestClient) -> None:
    pid = _team(client)
    token = csrf(client, "/experiments")
    form = {"prospect_id": str(pid), "csrf_token": token}
    first = client.post("/experiments/next", data=form)
    assert first.status_code == 200, first.text
    assert 'id="pick"' in first.text and "Picked from your team's results" in first.text
    assert "Thompson" not in first.text and "seed" not in first.text.lower()
    with_lead = client.post("/experiments/next", data={**form, "lead": "true"})
    assert "Sales lead: no lead" not in with_lead.text
    assert "Sales lead: no lead to give them" in first.text  # left out, and why
    bad = client.post("/experiments/next", data={**form, "prospect_id": "x"})
    assert bad.status_code == 422 and "Choose a prospect" in bad.text
    missing = client.post("/experiments/next", data={**form, "prospect_id": "99999"})
    assert missing.status_code == 404 and "No prospect" in missing.text
    no_csrf = client.post("/experiments/next", data={"prospect_id": str(pid)})
    assert no_csrf.status_code == 403


def test_ideas_vote_try_half_and_stop_on_the_pages(client: TestClient) -> None:
    _team(client)
    for title in ("Leave the weather report for their town", "Half a message " + XSS):
        token = csrf(client, "/ideas")
        script = "Hi Jane, it's Ana. A builder I know needs a caterer. Call 555-123-4567."
        added = client.post("/ideas", data={"title": title, "script": script, "csrf_token": token})
        assert added.status_code == 200 and 'id="added"' in added.text
    html = client.get("/ideas").text
    assert XSS not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert re.search(r"\d+/100", html)
    empty = client.post("/ideas", data={"title": " ", "csrf_token": csrf(client, "/ideas")})
    assert empty.status_code == 422 and "needs a sentence" in empty.text

    token = csrf(client, "/ideas")
    for _ in range(2):  # one vote per rep
        client.post("/ideas/2/vote", data={"csrf_token": token}, follow_redirects=False)
    rows = re.findall(r'<tr id="idea-(\d+)">\s*<td class="votes">(\d+)<', client.get("/ideas").text)
    assert rows[0] == ("2", "1") and rows[1] == ("1", "0")  # sorted by votes
    assert client.post("/ideas/99/vote", data={"csrf_token": token}).status_code == 404

    bad_base = client.post("/ideas/try-half", data={"baseline": "about_us", "csrf_token": token})
    assert bad_base.status_code == 422 and "logged only" in bad_base.text
    started = client.post(
        "/ideas/try-half",
        data={"baseline": "value_tip", "csrf_token": token},
        follow_redirects=False,
    )
    assert started.status_code == 303 and started.headers["location"] == "/experiments"
    again = client.post("/ideas/try-half", data={"csrf_token": token})
    assert again.status_code == 409 and "still running" in again.text
    page = client.get("/experiments").text
    assert "(running," in page and 'id="split"' in page and "Stop this experiment" in page
    assert "Split check" in page
    stopped = client.post("/experiments/1/stop", data={"csrf_token": token}, follow_redirects=False)
    assert stopped.status_code == 303
    assert "(stopped," in client.get("/experiments").text


def test_the_api_twins(client: TestClient) -> None:
    pid = _team(client)
    auth = bearer(new_token(client))
    rows = client.get("/api/v1/stats", headers=auth).json()
    assert [list(r) for r in rows] == [list(STATS_KEYS)] * 2
    by_rep = client.get("/api/v1/stats?by=rep&window=14", headers=auth).json()
    assert by_rep[0]["segment"] == MANAGER["name"]
    curve = client.get("/api/v1/curve?strategy=half_message", headers=auth).json()
    assert curve["callbacks"] == 3 and len(curve["days"]) == 14
    pick = client.get(f"/api/v1/next?prospect_id={pid}&seed=5", headers=auth).json()
    assert pick["seed"] == 5 and pick["prospect_id"] == pid
    assert client.get("/api/v1/experiments/current", headers=auth).status_code == 404

    idea = client.post("/api/v1/ideas", headers=auth, json={"title": "Weather", "script": ""})
    assert idea.status_code == 201 and idea.json()["slug"] == "idea_1"
    client.post("/api/v1/ideas", headers=auth, json={"title": "Traffic report"})
    vote = client.post("/api/v1/ideas/1/votes", headers=auth).json()
    assert vote == {"idea_id": 1, "slug": "idea_1", "votes": 1, "counted": True}
    assert client.post("/api/v1/ideas/1/votes", headers=auth).json()["counted"] is False
    assert [i["id"] for i in client.get("/api/v1/ideas", headers=auth).json()["items"]] == [1, 2]

    body = {"try_half": True, "baseline": "value_tip", "seed": 11}
    started = client.post("/api/v1/experiments", headers=auth, json=body)
    assert started.status_code == 201 and started.json()["seed"] == 11
    current = client.get("/api/v1/experiments/current", headers=auth).json()
    assert current["status"] == "running" and current["baseline"] == "value_tip"
    twice = client.post("/api/v1/experiments", headers=auth, json=body)
    assert twice.status_code == 409 and "still running" in twice.json()["error"]["message"]
    stop = client.post(f"/api/v1/experiments/{current['id']}/stop", headers=auth)
    assert stop.status_code == 200 and stop.json()["status"] == "stopped"


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "words"),
    [
        ("get", "/api/v1/stats?window=-1", None, 422, "window"),
        ("get", "/api/v1/stats?by=planet", None, 422, "by"),
        ("get", "/api/v1/next?prospect_id=999", None, 404, "No prospect"),
        ("get", "/api/v1/next?prospect_id=1&seed=-1", None, 422, "seed"),
        ("post", "/api/v1/ideas", {"title": ""}, 422, "needs a sentence"),
        ("post", "/api/v1/ideas/42/votes", None, 404, "No idea #42"),
        ("post", "/api/v1/experiments", {"try_half": False}, 422, "try_half"),
        ("post", "/api/v1/experiments", {"try_half": True}, 409, "no open ideas"),
        (
            "post",
            "/api/v1/experiments",
            {"try_half": True, "baseline": "Bad Id"},
            422,
            "not one of",
        ),
        ("get", "/api/v1/stats?baseline=Bad%20Strategy!", None, 422, "not one of your team"),
        ("get", "/api/v1/curve?strategy=Bad%20Id!", None, 422, "not one of your team"),
        ("get", "/api/v1/stats?window=366", None, 422, "window"),
        ("get", "/api/v1/curve?window=1e308", None, 422, "window"),
        ("post", "/api/v1/experiments/5/stop", None, 404, "No experiment"),
    ],
)
def test_api_errors_are_4xx_with_the_message(
    client: TestClient, method: str, path: str, body: object, status: int, words: str
) -> None:
    _team(client)
    auth = bearer(new_token(client))
    response = client.request(method.upper(), path, headers=auth, json=body)
    assert response.status_code == status, response.text
    assert words in response.json()["error"]["message"]


def test_permissions_on_both_backends(db_client: TestClient) -> None:
    set_up(db_client)
    engine = _engine(db_client)
    managers = build_log(engine, actor(engine, MANAGER["email"], PASSWORD), name="Mine " + XSS)
    add_rep(db_client, "Rob Rep", REP_EMAIL)
    rob = actor(engine, REP_EMAIL, PASSWORD)
    robs = build_log(engine, rob, name="Rob's prospect", pending=0)
    for path in ("/api/v1/stats", "/api/v1/ideas", "/api/v1/experiments/current"):
        assert db_client.get(path).status_code == 401  # no token, no data
    assert db_client.post("/api/v1/ideas", json={"title": "x"}).status_code == 401  # cookie alone
    html = db_client.get("/experiments").text
    assert "Mine &lt;script&gt;alert(1)&lt;/script&gt;" in html and XSS not in html
    assert "Rob&#39;s prospect" in html  # a manager picks among the team's prospects
    manager_auth = bearer(new_token(db_client))

    db_client.cookies.clear()
    assert log_in(db_client, REP_EMAIL) == 303
    rep_auth = bearer(new_token(db_client, "rob's"))
    page = db_client.get("/experiments").text
    assert "Rob&#39;s prospect" in page and "Mine" not in page  # own prospects only
    assert "Stop experiment" not in page
    stats = db_client.get("/api/v1/stats", headers=rep_auth).json()
    assert sum(r["voicemails"] for r in stats) == 17  # the team's log: 9 + 8
    assert db_client.get(f"/api/v1/next?prospect_id={robs}", headers=rep_auth).status_code == 200
    theirs = db_client.get(f"/api/v1/next?prospect_id={managers}", headers=rep_auth)
    assert theirs.status_code == 404  # exactly as for a missing prospect: nothing leaked
    assert theirs.json()["error"]["message"] == f"No prospect #{managers}. Check the number."
    token = csrf(db_client, "/experiments")
    form = {"prospect_id": str(managers), "csrf_token": token}
    assert db_client.post("/experiments/next", data=form).status_code == 404

    db_client.post("/api/v1/ideas", headers=rep_auth, json={"title": "Rob's idea"})
    refused = db_client.post("/api/v1/experiments", headers=rep_auth, json={"try_half": True})
    assert refused.status_code == 403 and "Only a manager" in refused.json()["error"]["message"]
    page = db_client.get("/ideas").text
    assert 'id="try-half"' not in page
    assert db_client.post("/ideas/try-half", data={"csrf_token": token}).status_code == 403
    started = db_client.post("/api/v1/experiments", headers=manager_auth, json={"try_half": True})
    assert started.status_code == 201
    experiment_id = started.json()["id"]
    stop = f"/api/v1/experiments/{experiment_id}/stop"
    assert db_client.post(stop, headers=rep_auth).status_code == 403
    page_stop = db_client.post(f"/experiments/{experiment_id}/stop", data={"csrf_token": token})
    assert page_stop.status_code == 403
    mine = db_client.get(f"/api/v1/next?prospect_id={managers}", headers=manager_auth)
    assert mine.status_code == 200 and mine.json()["prospect"] == "Mine " + XSS
