"""A request refused before any service runs (body, query, path) answers 422 in plain words.

The error has the API's shape ({"error": {type, message, category, field, fields}}) and
says what the CLI would: the parameter as the client sends it, what was sent, what it
must be; never pydantic's `loc` or "Input should be...".
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from callworthy.web import validation

from .helpers_web import bearer, csrf, new_token, set_up

PYDANTIC = re.compile(r"Input should|Field required|\b(body|query|path)\.\w|Value error|\"loc\"")

#: (method, path, JSON body or None, the field named first, words the message holds)
BAD = [
    ("GET", "/api/v1/stats?window=0", None, "window", "window is 0; it must be 1 or more."),
    ("GET", "/api/v1/stats?window=400", None, "window", "window is 400; it must be 365 or less."),
    ("GET", "/api/v1/stats?window=soon", None, "window", "it must be a number."),
    ("GET", "/api/v1/stats?by=city", None, "by", "by is 'city'; it must be one of rep or"),
    ("GET", "/api/v1/prospects/abc", None, "prospect_id", "it must be a whole number."),
    ("POST", "/api/v1/ideas/x/votes", None, "idea_id", "idea_id is 'x'"),
    ("GET", "/api/v1/next?prospect_id=1&seed=-1", None, "seed", "seed is -1; it must be 0 or more"),
    ("POST", "/api/v1/critique", {}, "text", "text is missing; send it."),
    ("POST", "/api/v1/critique", {"text": 3}, "text", "text is 3; it must be text."),
    ("POST", "/api/v1/critique", [], "body", "body must be a JSON object."),
    ("PUT", "/api/v1/profile", {"name": "Al", "nope": 1}, "nope", "nope is not a field"),
]


@pytest.fixture
def token(client: TestClient) -> str:
    """A manager's API token on a set-up app."""
    set_up(client)
    return new_token(client)


def _send(client: TestClient, token: str, method: str, path: str, body: Any) -> Any:
    return client.request(method, path, json=body, headers=bearer(token))


@pytest.mark.parametrize(("method", "path", "body", "field", "says"), BAD)
def test_a_refused_value_is_named_in_plain_words_in_the_api_error_shape(
    client: TestClient, token: str, method: str, path: str, body: Any, field: str, says: str
) -> None:
    response = _send(client, token, method, path, body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert set(error) == {"type", "message", "category", "field", "fields"}
    assert (error["type"], error["category"], error["field"]) == (
        "ValidationError",
        "invalid",
        field,
    )
    assert says in error["message"], error["message"]
    assert error["message"].endswith("Correct the request and send it again.")
    assert error["fields"][0] == {"field": field, "problem": error["fields"][0]["problem"]}
    assert not PYDANTIC.search(response.text), response.text


def test_every_refused_value_is_listed(client: TestClient, token: str) -> None:
    response = _send(client, token, "GET", "/api/v1/stats?window=0&by=city", None)
    fields = [problem["field"] for problem in response.json()["error"]["fields"]]
    assert sorted(fields) == ["by", "window"]


def test_a_body_that_is_not_json_says_so(client: TestClient, token: str) -> None:
    headers = {**bearer(token), "content-type": "application/json"}
    response = client.post("/api/v1/critique", content=b"{not json", headers=headers)
    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith("The body is not valid JSON")


def test_a_form_page_says_the_field_in_words(client: TestClient) -> None:
    set_up(client)
    form = {"name": "x" * 300, "csrf_token": csrf(client, "/tokens")}
    response = client.post("/tokens", data=form)
    assert response.status_code == 422
    assert "The form could not be taken. name has 300 characters" in response.text
    assert not PYDANTIC.search(response.text)


def test_an_error_without_the_context_its_words_need_is_still_worded() -> None:
    said = validation.field_problems([{"type": "greater_than_equal", "loc": ("query", "n")}])
    assert said[0].field == "n" and said[0].problem.startswith("n is not acceptable")
    odd = validation.field_problems([{"type": "odd", "loc": ("body", "a", 0), "msg": "Bad."}])
    assert odd[0].problem == "a.0 is not acceptable: bad."
