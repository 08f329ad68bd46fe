"""Every text field is checked once, at the services, for forms and the API alike (issue 11, 3).

On PostgreSQL a NUL byte in any text, even the log-in e-mail, used to answer 503 with
the database URL on the page. Each test runs on SQLite and on the real PostgreSQL
(`db_client`): too long, NUL or another control character, or a line break where
a field is one line, is refused with a message naming the field; nothing answers 503
and no answer names the database.
"""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi.testclient import TestClient

from .helpers_web import MANAGER, bearer, csrf, new_token, set_up

SCRIPT = "Jane, three ways to fill your chairs this spring; call me at 704-333-1112."


def no_database_in(response: httpx.Response) -> None:
    """Assert the answer is no server error and names no database (URL, driver, SQL)."""
    assert response.status_code < 500, response.text
    text = response.text.lower()
    for leak in ("postgresql", "sqlite", "psycopg", "host="):
        assert leak not in text, response.text
    # SQL, not a form's <select>: a statement's keywords in order.
    assert not re.search(r"\bselect\b[^<>]*\bfrom\b|\binsert into\b", text), response.text


def test_the_log_in_e_mail_with_a_nul_byte_is_refused_not_a_503(db_client: TestClient) -> None:
    set_up(db_client)
    db_client.post("/logout", data={"csrf_token": csrf(db_client, "/check")})
    form = {"email": "mia\x00@example.com", "password": "x" * 12, "csrf_token": csrf(db_client)}
    response = db_client.post("/login", data=form)
    no_database_in(response)
    assert response.status_code == 422 and "control character (U+0000)" in response.text
    assert "e-mail address" in response.text


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("name", "Ann\x00Lee", "The name holds a control character (U+0000)"),
        ("company", "Acme\x1b[31m", "The company holds a control character (U+001B)"),
        ("role", "VP\nSales", "The role has a line break or a tab"),
        ("industry", "x" * 5_000, "The industry has 5,000 characters; it may have at most 200"),
    ],
)
def test_the_prospect_form_shows_the_problem_beside_its_field(
    db_client: TestClient, field: str, value: str, says: str
) -> None:
    set_up(db_client)
    form = {"name": "Ann Lee", field: value, "csrf_token": csrf(db_client, "/prospects/new")}
    response = db_client.post("/prospects", data=form)
    no_database_in(response)
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.text or 'id="name-error"' in response.text
    assert says in response.text
    assert "Ann Lee" not in db_client.get("/prospects").text  # nothing stored


def test_the_api_refuses_the_same_text_with_the_same_message_and_field(
    db_client: TestClient,
) -> None:
    set_up(db_client)
    headers = bearer(new_token(db_client))
    bad = db_client.post("/api/v1/prospects", json={"name": "Ann\x00"}, headers=headers)
    no_database_in(bad)
    error = bad.json()["error"]
    assert (error["type"], error["field"]) == ("InvalidFieldError", "name")
    assert error["message"].startswith("The name holds a control character (U+0000).")
    pid = db_client.post("/api/v1/prospects", json={"name": "Ann"}, headers=headers).json()["id"]
    body = {"strategy": "value_tip", "script": SCRIPT.replace("spring", "spr\x00ing")}
    script = db_client.post(f"/api/v1/prospects/{pid}/voicemails", json=body, headers=headers)
    no_database_in(script)
    assert script.json()["error"]["field"] == "script"
    lines = {"strategy": "value_tip", "script": SCRIPT.replace("; ", ";\n")}  # a script has lines
    assert (
        db_client.post(
            f"/api/v1/prospects/{pid}/voicemails", json=lines, headers=headers
        ).status_code
        == 201
    )
    idea = db_client.post("/api/v1/ideas", json={"title": "Tip\x00"}, headers=headers)
    no_database_in(idea)
    assert idea.json()["error"]["field"] == "title"


def test_ids_and_names_that_reach_a_query_never_make_the_database_answer(
    db_client: TestClient,
) -> None:
    set_up(db_client)
    headers = bearer(new_token(db_client))
    rule = db_client.get("/api/v1/rules/team/acme%00x", headers=headers)
    no_database_in(rule)
    token = db_client.post("/tokens", data={"name": "dial\x00er", "csrf_token": csrf(db_client)})
    no_database_in(token)
    assert token.status_code == 422
    form = {"name": "Ray\x00", "email": "ray@example.com", "password": "p" * 12, "role": "rep"}
    account = db_client.post("/team/accounts", data={**form, "csrf_token": csrf(db_client)})
    no_database_in(account)
    assert account.status_code == 422
    assert MANAGER["name"] in db_client.get("/team").text
