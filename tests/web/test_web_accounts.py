"""First run, log-in, sessions, tokens and who may see what: through the real app, both backends."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .helpers_web import MANAGER, PASSWORD, add_rep, bearer, csrf, log_in, new_token, set_up

REP_EMAIL = "rob@example.com"


def test_the_first_visit_goes_to_set_up_and_nothing_else_is_open(db_client: TestClient) -> None:
    for path in ("/", "/check", "/login", "/tokens", "/team"):
        response = db_client.get(path, follow_redirects=True)
        assert response.url.path == "/setup", path
    page = db_client.get("/setup").text
    assert "Create the team" in page and "password" in page
    assert db_client.post("/api/v1/critique", json={"text": "hi"}).status_code == 401


def test_set_up_makes_the_first_manager_and_only_once(db_client: TestClient) -> None:
    set_up(db_client)
    page = db_client.get("/check").text
    assert "Mia Manager (manager, Acme)" in page
    # A second set-up is refused, whoever asks: the page now sends to the log-in.
    assert db_client.get("/setup", follow_redirects=False).headers["location"] == "/login"
    form = {**MANAGER, "email": "eve@example.com", "password": PASSWORD, "confirm": PASSWORD}
    response = db_client.post("/setup", data={**form, "csrf_token": csrf(db_client, "/check")})
    assert response.status_code == 409  # a conflict: the set-up exists
    assert "already set up" in response.text


def test_set_up_refuses_a_short_password_and_keeps_what_was_typed(db_client: TestClient) -> None:
    form = {**MANAGER, "password": "short", "confirm": "short"}
    response = db_client.post("/setup", data={**form, "csrf_token": csrf(db_client, "/setup")})
    assert response.status_code == 422
    assert "needs at least 10" in response.text
    assert 'value="mia@example.com"' in response.text
    assert db_client.get("/check", follow_redirects=True).url.path == "/setup"


def test_log_in_and_out(db_client: TestClient) -> None:
    set_up(db_client)
    db_client.post("/logout", data={"csrf_token": csrf(db_client, "/check")})
    assert db_client.get("/check", follow_redirects=True).url.path == "/login"
    assert log_in(db_client, MANAGER["email"], "wrong password!") == 401
    assert log_in(db_client, MANAGER["email"].upper()) == 303
    assert db_client.get("/check").status_code == 200


def test_a_rep_sees_only_their_own_account_and_tokens(db_client: TestClient) -> None:
    set_up(db_client)
    add_rep(db_client, "Rob Rep", REP_EMAIL)
    manager_token = new_token(db_client, "manager's dialer")
    team = db_client.get("/api/v1/users", headers=bearer(manager_token)).json()
    assert sorted(u["email"] for u in team) == [MANAGER["email"], REP_EMAIL]
    assert all("password" not in str(u) for u in team)

    db_client.cookies.clear()
    assert log_in(db_client, REP_EMAIL) == 303
    rep_token = new_token(db_client, "rep's crm")
    mine = db_client.get("/api/v1/users", headers=bearer(rep_token)).json()
    assert [u["email"] for u in mine] == [REP_EMAIL]
    tokens = db_client.get("/api/v1/tokens", headers=bearer(rep_token)).json()
    assert [t["name"] for t in tokens] == ["rep's crm"]
    assert "manager's dialer" not in db_client.get("/tokens").text
    # The manager's page and form are closed to a rep.
    assert db_client.get("/team").status_code == 403
    response = db_client.post(
        "/team/accounts",
        data={
            "name": "X",
            "email": "x@example.com",
            "password": PASSWORD,
            "csrf_token": csrf(db_client, "/check"),
        },
    )
    assert response.status_code == 403


def test_a_rep_cannot_revoke_the_managers_token_but_the_manager_can_revoke_theirs(
    db_client: TestClient,
) -> None:
    set_up(db_client)
    add_rep(db_client, "Rob Rep", REP_EMAIL)
    manager_token = new_token(db_client)
    manager_token_id = db_client.get("/api/v1/tokens", headers=bearer(manager_token)).json()[0][
        "id"
    ]
    db_client.cookies.clear()
    log_in(db_client, REP_EMAIL)
    rep_token = new_token(db_client)
    rep_token_id = db_client.get("/api/v1/tokens", headers=bearer(rep_token)).json()[0]["id"]

    response = db_client.delete(f"/api/v1/tokens/{manager_token_id}", headers=bearer(rep_token))
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "UnknownRecordError"
    assert db_client.get("/api/v1/me", headers=bearer(manager_token)).status_code == 200

    response = db_client.delete(f"/api/v1/tokens/{rep_token_id}", headers=bearer(manager_token))
    assert response.status_code == 204
    assert db_client.get("/api/v1/me", headers=bearer(rep_token)).status_code == 401


def test_api_without_a_valid_token_gets_401_json_and_no_data(db_client: TestClient) -> None:
    set_up(db_client)  # the browser session must not open the API: tokens only
    for headers in ({}, {"Authorization": "Bearer cw_not-a-token"}, {"Authorization": "Basic x"}):
        for method, path in (
            ("GET", "/api/v1/me"),
            ("GET", "/api/v1/users"),
            ("GET", "/api/v1/tokens"),
        ):
            response = db_client.request(method, path, headers=headers)
            assert response.status_code == 401, (path, headers)
            body = response.json()
            assert body["error"]["type"] == "NotAuthenticatedError"
            assert "Bearer" in body["error"]["message"]


def test_a_token_records_when_it_was_last_used(db_client: TestClient) -> None:
    set_up(db_client)
    token = new_token(db_client)
    assert db_client.get("/api/v1/tokens", headers=bearer(token)).json()[0]["last_used_at"]
    assert "never" not in db_client.get("/tokens").text.split("<tbody>")[1]
