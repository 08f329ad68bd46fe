"""The Check page, its htmx partial and POST /api/v1/critique, through the real app."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from markupsafe import escape as html_escape

from callworthy.cli import main
from callworthy.critique import Context, critique
from callworthy.text.analysis import MAX_CHARS

from .helpers_web import bearer, csrf, new_token, set_up

SCRIPT = (
    "Hi John, this is Bob. We are the leading provider of solutions. Call me back at 555-123-4567."
)
BETTER = (
    "Hi John, it's Ana at 555-123-4567. I was talking to a builder yesterday who needs "
    "a caterer like you for forty sites; call me and I'll give you his number. 555-123-4567."
)


@pytest.fixture
def token(client: TestClient) -> str:
    """A manager's API token on a set-up app."""
    set_up(client)
    return new_token(client)


def partial(client: TestClient, **form: str) -> str:
    response = client.post(
        "/check/critique", data=form, headers={"X-CSRF-Token": csrf(client, "/check")}
    )
    assert response.status_code == 200
    return response.text


def test_the_check_page_is_an_htmx_editor_debounced_at_300_ms(client: TestClient) -> None:
    set_up(client)
    page = client.get("/check").text
    assert 'hx-post="/check/critique"' in page
    assert 'hx-trigger="input changed delay:300ms, submit"' in page
    assert 'hx-target="#critique"' in page
    assert "hx-headers" in page and "X-CSRF-Token" in page


def test_the_partial_shows_score_subscores_highlights_and_fixes(client: TestClient) -> None:
    set_up(client)
    html = partial(client, text=SCRIPT)
    expected = critique(SCRIPT)
    assert f'<span class="score-value" id="score">{expected.score}</span>' in html
    assert "Prospect focus" in html and "<meter" in html
    assert '<mark class="error"' in html and ">Call me back</mark>" in html
    assert ">leading provider</mark>" in html
    # In the JSON's order (biggest loss first), by title; rule ids and principles stay in the JSON.
    titles = [html.index(f'-title">{html_escape(f.title)}</h3>') for f in expected.findings]
    assert titles == sorted(titles)
    for finding in expected.findings:
        assert finding.rule not in html and finding.principle not in html
    assert "<strong>Fix:</strong> " in html
    # Each highlighted span and its finding point at each other.
    for at, lead in re.findall(r'id="span-(\d+)" href="#finding-(\d+)"', html):
        assert f'id="finding-{lead}"' in html
        assert f'aria-describedby="finding-{lead}-title' in html.split(f'id="span-{at}"')[1][:200]
    for at in re.findall(r'<a href="#span-(\d+)" data-pair', html):
        assert f'id="span-{at}"' in html
    # The marked copy is the script itself, character for character, once tags are gone.
    marked = re.search(r'<p class="marked" id="marked">(.*?)</p>', html, re.S)
    assert marked and re.sub(r"<[^>]+>", "", marked.group(1)) == SCRIPT


def test_a_better_script_scores_higher_on_the_page(client: TestClient) -> None:
    set_up(client)
    worse = int(re.search(r'data-score="(\d+)"', partial(client, text=SCRIPT)).group(1))  # type: ignore[union-attr]
    better = int(re.search(r'data-score="(\d+)"', partial(client, text=BETTER)).group(1))  # type: ignore[union-attr]
    assert better > worse


def test_the_prospect_context_reaches_the_critique(client: TestClient) -> None:
    set_up(client)
    text = "Hi Maria, call me at 555-123-4567 about your busy season."
    with_context = Context(prospect_name="Maria Lopez", company="Lopez Bakery")
    expected = critique(text, context=with_context).score
    html = partial(client, text=text, prospect="Maria Lopez", company="Lopez Bakery")
    assert f'data-score="{expected}"' in html


def test_empty_and_too_long_scripts_are_explained_in_place(client: TestClient) -> None:
    set_up(client)
    welcome = partial(client, text="   ")  # a fresh editor greets with what to do
    assert 'id="welcome"' in welcome and "Type or paste" in welcome
    assert "empty" not in welcome
    assert f"the limit is {MAX_CHARS:,}" in partial(client, text="word " * 1100)


def test_the_page_works_without_javascript(client: TestClient) -> None:
    set_up(client)
    response = client.post("/check", data={"text": SCRIPT, "csrf_token": csrf(client, "/check")})
    assert response.status_code == 200
    assert "<html" in response.text and ">Call me back</mark>" in response.text
    assert SCRIPT.replace("'", "&#39;") in response.text  # the textarea keeps the script


def test_the_api_returns_what_the_cli_prints(client: TestClient, token: str) -> None:
    response = client.post("/api/v1/critique", json={"text": SCRIPT}, headers=bearer(token))
    assert response.status_code == 200
    cli = CliRunner().invoke(main, ["check", SCRIPT, "--format", "json"])
    assert response.json() == json.loads(cli.output)


def test_the_api_takes_the_prospect_context(client: TestClient, token: str) -> None:
    body = {"text": "Hi Maria, call me at 555-123-4567.", "prospect": "Maria", "company": "Lopez"}
    response = client.post("/api/v1/critique", json=body, headers=bearer(token))
    context = Context(prospect_name="Maria", company="Lopez")
    expected = critique(body["text"], context=context).to_dict()
    assert response.json() == json.loads(json.dumps(expected))


@pytest.mark.parametrize(
    ("text", "kind", "cli_args"),
    [
        ("", "EmptyTextError", ["check", ""]),
        ("  \n ", "EmptyTextError", ["check", "  \n "]),
        ("x" * (MAX_CHARS + 1), "TextTooLongError", ["check", "-"]),
    ],
)
def test_bad_scripts_get_422_json_with_the_clis_message(
    client: TestClient, token: str, text: str, kind: str, cli_args: list[str]
) -> None:
    response = client.post("/api/v1/critique", json={"text": text}, headers=bearer(token))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["type"] == kind
    cli = CliRunner().invoke(main, cli_args, input=text)
    assert cli.exit_code != 0
    assert error["message"] in cli.output


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b'{"text": 5}',
        b'{"script": "hi"}',
        b'{"text": "hi", "region": "USA"}',
        b'{"text": "hi", "concerns": "x"}',
        b"[]",
        b"",
    ],
)
def test_malformed_requests_get_422_json_never_500(
    client: TestClient, token: str, body: bytes
) -> None:
    headers = {**bearer(token), "content-type": "application/json"}
    response = client.post("/api/v1/critique", content=body, headers=headers)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["type"] == "ValidationError"
    assert error["message"].endswith("Correct the request and send it again.")
    assert "Traceback" not in response.text


def test_unknown_api_paths_and_methods_answer_json(client: TestClient, token: str) -> None:
    missing = client.get("/api/v1/nothing", headers=bearer(token))
    assert missing.status_code == 404 and missing.json()["error"]["type"] == "HTTPError"
    wrong = client.get("/api/v1/critique", headers=bearer(token))
    assert wrong.status_code == 405 and "error" in wrong.json()


def test_the_openapi_document_describes_the_api(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["info"]["title"] == "Callworthy API"
    assert {"/api/v1/critique", "/api/v1/me", "/api/v1/users", "/api/v1/tokens"} <= set(
        spec["paths"]
    )
    assert not any(p.startswith(("/check", "/login", "/setup")) for p in spec["paths"])
    critique_op = spec["paths"]["/api/v1/critique"]["post"]
    assert {"200", "401", "413", "422"} <= set(critique_op["responses"])
