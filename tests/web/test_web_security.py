"""CSRF, log-in throttling, cookies, security headers, body caps and escaping: the real app."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from callworthy.storage.location import sqlite_url

from .helpers_web import MANAGER, PASSWORD, bearer, csrf, log_in, new_token, set_up

XSS = "<script>alert(1)</script>"


def test_every_form_post_without_the_sessions_csrf_token_is_refused(client: TestClient) -> None:
    token = csrf(client, "/setup")
    form = {**MANAGER, "password": PASSWORD, "confirm": PASSWORD}
    for bad in ({}, {"csrf_token": "forged"}, {"csrf_token": token + "x"}):
        response = client.post("/setup", data={**form, **bad})
        assert response.status_code == 403
        assert "CSRF check failed" in response.text
    set_up(client)
    token = csrf(client, "/check")
    posts = [
        ("/check/critique", {"text": "Hi John"}),
        ("/check", {"text": "Hi John"}),
        ("/tokens", {"name": "x"}),
        ("/team/accounts", {"name": "X", "email": "x@example.com", "password": PASSWORD}),
        ("/logout", {}),
        ("/account/password", {"old": PASSWORD, "new": PASSWORD + "!", "confirm": PASSWORD + "!"}),
        ("/account/logout-everywhere", {}),
        ("/team/accounts/1/deactivate", {}),
        ("/team/accounts/1/reset-link", {}),
    ]
    for path, data in posts:
        assert client.post(path, data=data).status_code == 403, path
        assert client.post(path, data=data, headers={"X-CSRF-Token": "nope"}).status_code == 403
    # htmx sends the token in a header instead of the form.
    ok = client.post("/check/critique", data={"text": "Hi John"}, headers={"X-CSRF-Token": token})
    assert ok.status_code == 200
    assert client.get("/check").status_code == 200  # still logged in


def test_a_csrf_token_from_another_session_does_not_work(app: FastAPI) -> None:
    with TestClient(app) as first, TestClient(app) as second:
        set_up(first)
        log_in(second, MANAGER["email"])
        response = second.post(
            "/check/critique", data={"text": "Hi"}, headers={"X-CSRF-Token": csrf(first, "/check")}
        )
        assert response.status_code == 403


def test_an_account_is_locked_after_its_failures_even_for_the_right_password(
    app_on: Callable[..., FastAPI], tmp_path: pytest.TempPathFactory
) -> None:
    app = app_on(sqlite_url(tmp_path / "t.sqlite3"), login_attempts=3, login_lock_seconds=600)  # type: ignore[operator]
    with TestClient(app) as client:
        set_up(client)
        client.cookies.clear()
        for _ in range(3):
            assert log_in(client, MANAGER["email"], "wrong password!") == 401
        # Even the right password waits now: the lock is on the account.
        token = csrf(client)
        data = {"email": MANAGER["email"], "password": PASSWORD, "csrf_token": token}
        response = client.post("/login", data=data)
        assert response.status_code == 429
        assert 0 < int(response.headers["retry-after"]) <= 601
        assert "locked after too many failed log-ins" in response.text
        # Another e-mail from the same address is not blocked by these failures.
        assert log_in(client, "other@example.com", "whatever1234") == 401


def test_the_session_cookie_is_signed_httponly_and_samesite_lax(client: TestClient) -> None:
    set_up(client)
    client.cookies.clear()
    data = {"email": MANAGER["email"], "password": PASSWORD, "csrf_token": csrf(client)}
    cookie = client.post("/login", data=data, follow_redirects=False).headers["set-cookie"]
    assert cookie.startswith("callworthy_session=")
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    assert "secure" not in cookie.lower()
    # A tampered cookie is no session at all.
    value = client.cookies["callworthy_session"]
    assert client.get("/check").status_code == 200
    client.cookies.clear()
    client.cookies.set("callworthy_session", value[:-3] + ("AAA" if value[-3:] != "AAA" else "BBB"))
    assert client.get("/check", follow_redirects=True).url.path == "/login"


def test_secure_cookies_can_be_required(app_on: Callable[..., FastAPI], tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = app_on(sqlite_url(tmp_path / "s.sqlite3"), secure_cookies=True)
    with TestClient(app, base_url="https://testserver") as client:
        assert "secure" in client.get("/setup").headers["set-cookie"].lower()


@pytest.mark.parametrize(
    "path", ["/setup", "/login", "/check", "/api/v1/openapi.json", "/static/app.css"]
)
def test_security_headers_on_pages_api_and_static_files(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"


def test_every_page_and_api_answer_is_no_store_and_static_files_may_be_cached(
    client: TestClient,
) -> None:
    set_up(client)
    token = new_token(client)  # the Tokens page shows the new token: never kept by a cache
    shown = client.post("/tokens", data={"name": "again", "csrf_token": csrf(client, "/tokens")})
    assert shown.headers["cache-control"] == "no-store"
    for path in ("/check", "/tokens", "/prospects", "/team", "/rules", "/login"):
        assert client.get(path).headers["cache-control"] == "no-store", path
    api = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert api.headers["cache-control"] == "no-store"
    assert client.get("/nowhere").headers["cache-control"] == "no-store"  # error pages too
    assert "cache-control" not in client.get("/static/app.css").headers


def test_pages_have_no_inline_script_and_load_htmx_from_this_server(client: TestClient) -> None:
    set_up(client)
    page = client.get("/check").text
    assert '<script src="/static/htmx.min.js" defer></script>' in page
    assert '<script src="/static/app.js" defer></script>' in page
    files = re.findall(r'<script src="/static/[a-z.]+\.js" defer></script>', page)
    assert len(files) == page.count("<script") == 3  # htmx, app.js, the recorder: no inline
    htmx = client.get("/static/htmx.min.js")
    assert htmx.status_code == 200 and "htmx" in htmx.text[:2000]
    assert client.get("/static/app.js").status_code == 200


def test_what_users_typed_is_escaped_everywhere(client: TestClient) -> None:
    token = csrf(client, "/setup")
    form = {"team": XSS, "name": XSS, "email": "x@example.com", "password": PASSWORD}
    response = client.post("/setup", data={**form, "confirm": PASSWORD, "csrf_token": token})
    assert response.status_code == 200  # followed to /check
    page = client.get("/check").text
    assert XSS not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    new_token(client, XSS)
    assert XSS not in client.get("/tokens").text
    partial = client.post(
        "/check/critique",
        data={"text": f"Hi {XSS}, call me at 555-123-4567.", "prospect": XSS, "company": XSS},
        headers={"X-CSRF-Token": csrf(client, "/check")},
    ).text
    assert "<script>" not in partial
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in partial


def test_a_body_over_the_cap_is_refused_with_413_by_its_declared_length(client: TestClient) -> None:
    set_up(client)
    token = new_token(client)
    response = client.post(
        "/api/v1/critique",
        content=b'{"text": "' + b"a" * 70_000 + b'"}',
        headers={**bearer(token), "content-type": "application/json"},
    )
    assert response.status_code == 413
    assert "larger than 65,536 bytes" in response.json()["error"]["message"]


def test_a_streamed_body_over_the_cap_is_cut_off_while_read(client: TestClient) -> None:
    set_up(client)
    token = new_token(client)
    sent = []

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(200):  # 200 x 1 KiB: far more than the 64 KiB cap
            sent.append(1)
            yield b"a" * 1024
        yield b'"}'

    response = client.post(
        "/api/v1/critique",
        content=chunks(),
        headers={**bearer(token), "content-type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["error"]["type"] == "HTTPError"


def test_a_form_over_the_cap_is_refused_too(client: TestClient) -> None:
    set_up(client)
    response = client.post(
        "/check/critique",
        data={"text": "a" * 70_000},
        headers={"X-CSRF-Token": csrf(client, "/check")},
    )
    assert response.status_code == 413
