"""The Prospects pages and their API twins, through the real app: add, list, history, logging.

Permissions on both backends: a rep never sees (404) another rep's prospect;
a manager sees the whole team's, with the owner.
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from callworthy.services.database import identify
from callworthy.services.dnc import import_dnc

from .helpers_web import MANAGER, add_rep, bearer, csrf, log_in, new_token, set_up

SCRIPT = (
    "Hi Jane, it's Ana at Acme, 704-333-1112. Teams like yours cut no-shows by a third "
    "with one change. I'll send the two-line version by email. Again, 704-333-1112."
)
XSS = "<script>alert(1)</script>"


def add(client: TestClient, **fields: str) -> tuple[int, str]:
    """Post the add form; return (status, location or page)."""
    data = {"name": "Jane Doe", "company": "Acme", "phone": "(704) 333-1112", **fields}
    response = client.post(
        "/prospects",
        data={**data, "csrf_token": csrf(client, "/prospects/new")},
        follow_redirects=False,
    )
    return response.status_code, response.headers.get("location") or response.text


def two_reps(client: TestClient) -> tuple[str, str, str]:
    """Set up a manager and two reps; return their API tokens (manager, rob, rae)."""
    set_up(client)
    add_rep(client, "Rob Rep", "rob@example.com")
    add_rep(client, "Rae Rep", "rae@example.com")
    tokens = [new_token(client)]
    for email in ("rob@example.com", "rae@example.com"):
        client.cookies.clear()
        assert log_in(client, email) == 303
        tokens.append(new_token(client))
    client.cookies.clear()
    return tokens[0], tokens[1], tokens[2]


def test_add_a_prospect_log_a_voicemail_and_a_callback_on_its_page(client: TestClient) -> None:
    set_up(client)
    status, where = add(client, tags="warm, q3", humor_ok="true")
    assert status == 303 and re.fullmatch(r"/prospects/\d+", where)
    page = client.get(where).text
    assert "Jane Doe" in page and "+17043331112" in page and "q3, warm" in page
    assert "No voicemail yet." in page
    token = csrf(client, where)
    response = client.post(
        f"{where}/voicemails",
        data={"strategy": "value_tip", "script": SCRIPT, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == where
    response = client.post(
        f"{where}/callbacks",
        data={"outcome": "meeting", "csrf_token": token},
        follow_redirects=True,
    )
    assert response.status_code == 200
    page = response.text
    assert "value_tip" in page and "meeting" in page and "voicemail #1" in page
    score = re.search(r'class="vm-score">(\d+)<', page)
    assert score and 0 <= int(score.group(1)) <= 100
    listing = client.get("/prospects").text
    assert "Jane Doe" in listing and "Owner" in listing  # a manager sees the owner column


def test_errors_appear_beside_their_field_and_keep_what_was_typed(client: TestClient) -> None:
    set_up(client)
    status, page = add(client, phone="12")
    assert status == 422
    assert 'id="phone-error"' in page and "not a valid phone number" in page
    assert 'value="Jane Doe"' in page
    status, page = add(client, name="   ")
    assert status == 422 and 'id="name-error"' in page and "needs a name" in page
    assert add(client)[0] == 303
    status, page = add(client, name="Jane Again")
    assert status == 409 and 'id="phone-error"' in page and "already has this phone" in page


def test_a_bad_voicemail_and_an_unknown_outcome_are_said_on_the_page(client: TestClient) -> None:
    set_up(client)
    where = add(client)[1]
    token = csrf(client, where)
    response = client.post(
        f"{where}/voicemails", data={"strategy": "value_tip", "script": " ", "csrf_token": token}
    )
    assert response.status_code == 422 and 'role="alert"' in response.text
    response = client.post(
        f"{where}/voicemails",
        data={"strategy": "Not A Slug", "script": SCRIPT, "csrf_token": token},
    )
    assert response.status_code == 422 and "is not one of your team" in response.text
    assert SCRIPT.split(",")[0] in response.text  # the script typed is kept
    response = client.post(f"{where}/callbacks", data={"outcome": "maybe", "csrf_token": token})
    assert response.status_code == 422 and "is unknown" in response.text
    # Without the CSRF token nothing is stored.
    response = client.post(f"{where}/voicemails", data={"strategy": "value_tip", "script": SCRIPT})
    assert response.status_code == 403
    assert "No voicemail yet." in client.get(where).text


def test_a_do_not_call_prospect_is_refused_with_the_services_message(
    client: TestClient, tmp_path: Path
) -> None:
    set_up(client)
    where = add(client)[1]
    engine = client.app.state.engine  # type: ignore[attr-defined]
    listed = tmp_path / "dnc.csv"
    listed.write_text("phone\n(704) 333-1112\n")
    import_dnc(engine, identify(engine, MANAGER["name"], MANAGER["team"]), listed)
    response = client.post(
        f"{where}/voicemails",
        data={"strategy": "value_tip", "script": SCRIPT, "csrf_token": csrf(client, where)},
    )
    assert response.status_code == 409 and "do-not-call list" in response.text
    assert "No voicemail yet." in response.text


def test_what_users_typed_is_escaped(client: TestClient) -> None:
    set_up(client)
    where = add(client, name=XSS, company=XSS, tags=XSS)[1]
    client.post(
        f"{where}/voicemails",
        data={"strategy": "other", "script": SCRIPT + XSS, "csrf_token": csrf(client, where)},
    )
    for path in (where, "/prospects"):
        page = client.get(path).text
        assert XSS not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_pages_need_a_log_in(client: TestClient) -> None:
    set_up(client)
    client.cookies.clear()
    for path in ("/prospects", "/prospects/new", "/prospects/1", "/import"):
        assert client.get(path, follow_redirects=False).headers["location"] == "/login"


def test_the_api_adds_lists_shows_and_logs(client: TestClient) -> None:
    set_up(client)
    auth = bearer(new_token(client))
    body = {"name": "Jane Doe", "company": "Acme", "phone": "704.333.1112", "tags": ["warm"]}
    created = client.post("/api/v1/prospects", json=body, headers=auth)
    assert created.status_code == 201, created.text
    pid = created.json()["id"]
    assert created.json()["phone"] == "+17043331112" and created.json()["owner"] == "Mia Manager"
    listed = client.get("/api/v1/prospects", headers=auth).json()
    assert [p["id"] for p in listed["items"]] == [pid] and listed["next"] is None
    vm = client.post(
        f"/api/v1/prospects/{pid}/voicemails",
        json={"strategy": "value_tip", "script": SCRIPT},
        headers=auth,
    )
    assert vm.status_code == 201 and isinstance(vm.json()["score"], int)
    cb = client.post(
        f"/api/v1/prospects/{pid}/callbacks",
        json={"outcome": "returned", "at": "2099-01-01T10:00Z"},
        headers=auth,
    )
    assert cb.status_code == 201 and cb.json()["voicemail_id"] == vm.json()["id"]
    history = client.get(f"/api/v1/prospects/{pid}", headers=auth).json()
    assert history["prospect"]["name"] == "Jane Doe"
    assert [v["score"] for v in history["voicemails"]] == [vm.json()["score"]]
    assert [c["outcome"] for c in history["callbacks"]] == ["returned"]


def test_the_api_answers_4xx_with_the_services_message(client: TestClient) -> None:
    set_up(client)
    auth = bearer(new_token(client))
    bad = client.post("/api/v1/prospects", json={"name": "X", "phone": "12"}, headers=auth)
    assert bad.status_code == 422 and "not a valid phone number" in bad.json()["error"]["message"]
    assert client.post("/api/v1/prospects", json={"name": ""}, headers=auth).status_code == 422
    assert client.post("/api/v1/prospects", json={"nom": "x"}, headers=auth).status_code == 422
    pid = client.post("/api/v1/prospects", json={"name": "Jane"}, headers=auth).json()["id"]
    cases = [
        ({"strategy": "value_tip", "script": ""}, 422, "EmptyTextError"),
        ({"strategy": "BAD slug", "script": SCRIPT}, 422, "UnknownStrategyError"),
    ]
    for body, status, kind in cases:
        response = client.post(f"/api/v1/prospects/{pid}/voicemails", json=body, headers=auth)
        assert response.status_code == status and response.json()["error"]["type"] == kind
    response = client.post(
        f"/api/v1/prospects/{pid}/callbacks", json={"outcome": "x"}, headers=auth
    )
    assert response.status_code == 422 and "Use one of" in response.json()["error"]["message"]
    response = client.post(
        f"/api/v1/prospects/{pid}/callbacks",
        json={"outcome": "meeting", "at": "soon"},
        headers=auth,
    )
    assert response.status_code == 422 and "ISO 8601" in response.json()["error"]["message"]
    missing = client.get("/api/v1/prospects/999", headers=auth)
    assert missing.status_code == 404 and missing.json()["error"]["type"] == "UnknownProspectError"
    assert client.get("/api/v1/prospects").status_code == 401


def test_a_rep_never_sees_another_reps_prospect(db_client: TestClient) -> None:
    manager, rob, rae = two_reps(db_client)
    robs = db_client.post("/api/v1/prospects", json={"name": "Rob's Lead"}, headers=bearer(rob))
    pid = robs.json()["id"]
    db_client.post("/api/v1/prospects", json={"name": "Rae's Lead"}, headers=bearer(rae))
    listed = db_client.get("/api/v1/prospects", headers=bearer(rae)).json()["items"]
    assert [p["name"] for p in listed] == ["Rae's Lead"]
    # Rae cannot read or write Rob's prospect: 404 exactly as for a missing one.
    missing = db_client.get("/api/v1/prospects/99999", headers=bearer(rae)).json()
    for method, path, body in (
        ("GET", f"/api/v1/prospects/{pid}", None),
        ("POST", f"/api/v1/prospects/{pid}/voicemails", {"strategy": "other", "script": SCRIPT}),
        ("POST", f"/api/v1/prospects/{pid}/callbacks", {"outcome": "returned"}),
    ):
        response = db_client.request(method, path, json=body, headers=bearer(rae))
        assert response.status_code == 404, (path, response.text)
        assert response.json()["error"]["type"] == missing["error"]["type"]
    # The manager sees the whole team's, with the owner; Rob sees his own.
    team = db_client.get("/api/v1/prospects", headers=bearer(manager)).json()["items"]
    assert {(p["name"], p["owner"]) for p in team} == {
        ("Rob's Lead", "Rob Rep"),
        ("Rae's Lead", "Rae Rep"),
    }
    assert db_client.get(f"/api/v1/prospects/{pid}", headers=bearer(manager)).status_code == 200
    assert db_client.get(f"/api/v1/prospects/{pid}", headers=bearer(rob)).status_code == 200
    # The pages agree: Rae's browser gets 404 and Rob's name never shows.
    assert log_in(db_client, "rae@example.com") == 303
    assert db_client.get(f"/prospects/{pid}").status_code == 404
    token = csrf(db_client, "/prospects")
    response = db_client.post(
        f"/prospects/{pid}/callbacks", data={"outcome": "meeting", "csrf_token": token}
    )
    assert response.status_code == 404
    assert "Rob&#39;s Lead" not in db_client.get("/prospects").text
    assert "Rae&#39;s Lead" in db_client.get("/prospects").text
    assert db_client.get("/import").status_code == 403
    db_client.cookies.clear()
    assert log_in(db_client, MANAGER["email"]) == 303
    assert "Rob&#39;s Lead" in db_client.get("/prospects").text
    assert "Rob Rep" in db_client.get(f"/prospects/{pid}").text
