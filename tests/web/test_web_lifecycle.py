"""Accounts for their whole life through the real app and the CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import re

from click.testing import CliRunner
from fastapi.testclient import TestClient

from callworthy.cli import main

from .helpers_web import MANAGER, PASSWORD, add_rep, bearer, csrf, log_in, new_token, set_up

REP = "rob@example.com"
NEW = "purple elephant tram ticket"


def _ids(client: TestClient, token: str) -> dict[str, int]:
    return {u["email"]: u["id"] for u in client.get("/api/v1/users", headers=bearer(token)).json()}


def test_logout_ends_the_session_on_the_server_so_a_copied_cookie_opens_nothing(
    db_client: TestClient,
) -> None:
    set_up(db_client)
    copied = db_client.cookies["callworthy_session"]
    db_client.post("/logout", data={"csrf_token": csrf(db_client, "/check")})
    db_client.cookies.set("callworthy_session", copied)
    assert db_client.get("/check", follow_redirects=True).url.path == "/login"
    assert db_client.post("/tokens", data={"name": "x", "csrf_token": "x"}).status_code == 403


def test_a_deactivated_rep_is_refused_at_once_and_their_prospects_stay(
    db_client: TestClient,
) -> None:
    set_up(db_client)
    add_rep(db_client, "Rob Rep", REP)
    boss = db_client.cookies["callworthy_session"]
    boss_token = new_token(db_client)
    db_client.cookies.clear()
    assert log_in(db_client, REP) == 303
    rep_cookie = db_client.cookies["callworthy_session"]
    rep_token = new_token(db_client)
    made = db_client.post("/api/v1/prospects", json={"name": "Jane"}, headers=bearer(rep_token))
    assert made.status_code == 201
    ids = _ids(db_client, boss_token)

    gone = db_client.post(f"/api/v1/users/{ids[REP]}/deactivate", headers=bearer(boss_token))
    assert gone.status_code == 200 and gone.json()["active"] is False
    assert db_client.get("/api/v1/me", headers=bearer(rep_token)).status_code == 401
    db_client.cookies.clear()
    db_client.cookies.set("callworthy_session", rep_cookie)
    assert db_client.get("/check", follow_redirects=True).url.path == "/login"
    assert log_in(db_client, REP) == 401
    # The prospect stays with the team; the manager hands it to another rep.
    add_rep_client = db_client
    add_rep_client.cookies.clear()
    add_rep_client.cookies.set("callworthy_session", boss)
    add_rep(add_rep_client, "Ana Rep", "ana@example.com")
    listed = db_client.get("/api/v1/prospects", headers=bearer(boss_token)).json()
    assert [p["name"] for p in listed["items"]] == ["Jane"]
    ids = _ids(db_client, boss_token)
    moved = db_client.post(
        f"/api/v1/users/{ids[REP]}/reassign",
        json={"to_user_id": ids["ana@example.com"]},
        headers=bearer(boss_token),
    )
    assert moved.json() == {"from_email": REP, "to_email": "ana@example.com", "prospects": 1}
    page = db_client.get("/team").text
    assert "deactivated" in page and "Reactivate" in page
    back = db_client.post(
        f"/team/accounts/{ids[REP]}/reactivate", data={"csrf_token": csrf(db_client, "/team")}
    )
    assert back.status_code == 200  # followed to the Team page
    db_client.cookies.clear()
    assert log_in(db_client, REP) == 303


def test_a_rep_cannot_manage_accounts(db_client: TestClient) -> None:
    set_up(db_client)
    add_rep(db_client, "Rob Rep", REP)
    boss_token = new_token(db_client)
    ids = _ids(db_client, boss_token)
    db_client.cookies.clear()
    log_in(db_client, REP)
    rep_token = bearer(new_token(db_client))
    boss_id = ids[MANAGER["email"]]
    for path in (f"/api/v1/users/{boss_id}/deactivate", f"/api/v1/users/{boss_id}/reset-link"):
        assert db_client.post(path, headers=rep_token).status_code == 403
    token = csrf(db_client, "/check")
    assert (
        db_client.post(
            f"/team/accounts/{boss_id}/deactivate", data={"csrf_token": token}
        ).status_code
        == 403
    )
    assert (
        db_client.delete(f"/api/v1/users/{boss_id}/sessions", headers=rep_token).status_code == 403
    )


def test_a_reset_link_is_shown_once_sets_a_password_once_and_logs_in(db_client: TestClient) -> None:
    set_up(db_client)
    add_rep(db_client, "Rob Rep", REP)
    ids = _ids(db_client, new_token(db_client))
    page = db_client.post(
        f"/team/accounts/{ids[REP]}/reset-link", data={"csrf_token": csrf(db_client, "/team")}
    )
    link = re.search(r'id="reset-link">([^<]+)<', page.text)
    assert link and "/reset/" in link.group(1)
    assert link.group(1) not in db_client.get("/team").text  # shown once
    path = "/reset/" + link.group(1).rsplit("/reset/", 1)[1]
    db_client.cookies.clear()
    form = db_client.get(path)
    assert form.status_code == 200 and REP in form.text
    assert form.headers["cache-control"] == "no-store"
    weak = {
        "password": "password1234",
        "confirm": "password1234",
        "csrf_token": csrf(db_client, path),
    }
    refused = db_client.post(path, data=weak)
    assert refused.status_code == 422 and "too easy to guess" in refused.text
    good = {"password": NEW, "confirm": NEW, "csrf_token": csrf(db_client, path)}
    assert db_client.post(path, data=good, follow_redirects=False).status_code == 303
    assert db_client.get("/check").status_code == 200
    db_client.cookies.clear()
    assert db_client.get(path).status_code == 404  # used
    assert log_in(db_client, REP, NEW) == 303


def test_changing_your_password_and_logging_out_everywhere(db_client: TestClient) -> None:
    set_up(db_client)
    here = db_client.cookies["callworthy_session"]
    with TestClient(db_client.app) as elsewhere:
        assert log_in(elsewhere, MANAGER["email"]) == 303
        bad = db_client.post(
            "/account/password",
            data={
                "old": "not it at all",
                "new": NEW,
                "confirm": NEW,
                "csrf_token": csrf(db_client, "/account"),
            },
        )
        assert bad.status_code == 422 and "current password is not right" in bad.text
        ok = db_client.post(
            "/account/password",
            data={
                "old": PASSWORD,
                "new": NEW,
                "confirm": NEW,
                "csrf_token": csrf(db_client, "/account"),
            },
        )
        assert ok.status_code == 200 and "Your password is changed" in ok.text
        assert db_client.cookies["callworthy_session"] == here
        assert db_client.get("/check").status_code == 200
        assert elsewhere.get("/check", follow_redirects=True).url.path == "/login"
        assert log_in(elsewhere, MANAGER["email"], NEW) == 303
        db_client.post(
            "/account/logout-everywhere", data={"csrf_token": csrf(db_client, "/account")}
        )
        assert db_client.get("/check", follow_redirects=True).url.path == "/login"
        assert elsewhere.get("/check", follow_redirects=True).url.path == "/login"


def test_tokens_show_their_expiry_and_cannot_outlive_the_policy(db_client: TestClient) -> None:
    set_up(db_client)
    token = new_token(db_client)
    listed = db_client.get("/api/v1/tokens", headers=bearer(token)).json()[0]
    assert listed["expires_at"] and listed["last_used_at"]
    long = db_client.post(
        "/tokens", data={"name": "x", "days": "4000", "csrf_token": csrf(db_client, "/tokens")}
    )
    assert long.status_code == 422 and "1 to 365 days" in long.text
    page = db_client.get("/tokens")
    assert "Expires" in page.text and page.headers["cache-control"] == "no-store"


def test_the_cli_manages_accounts_without_a_browser(db_client: TestClient, db_url: str) -> None:
    set_up(db_client)
    add_rep(db_client, "Rob Rep", REP)
    db_client.cookies.clear()
    log_in(db_client, REP)
    rep_token = new_token(db_client)
    runner = CliRunner()
    done = runner.invoke(main, ["account", "deactivate", REP, "--db", db_url])
    assert done.exit_code == 0, done.output
    assert "deactivated" in done.output
    assert db_client.get("/api/v1/me", headers=bearer(rep_token)).status_code == 401
    assert runner.invoke(main, ["account", "reset-link", REP, "--db", db_url]).exit_code != 0
    assert runner.invoke(main, ["account", "reactivate", REP, "--db", db_url]).exit_code == 0
    link = runner.invoke(
        main, ["account", "reset-link", REP, "--db", db_url, "--url", "https://calls.example.com"]
    )
    assert link.exit_code == 0 and "https://calls.example.com/reset/" in link.output
    listed = runner.invoke(main, ["account", "list", REP, "--db", db_url, "--format", "json"])
    assert sorted(a["email"] for a in __import__("json").loads(listed.output)) == [
        MANAGER["email"],
        REP,
    ]
    missing = runner.invoke(main, ["account", "deactivate", "nobody@example.com", "--db", db_url])
    assert missing.exit_code == 45 and "No account" in missing.output
    mine = runner.invoke(main, ["account", "reassign", REP, MANAGER["email"], "--db", db_url])
    assert mine.exit_code == 0 and "0 prospects" in mine.output
