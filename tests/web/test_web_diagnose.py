"""The Diagnose page and /api/v1/diagnose through the real app: ranking, errors, permissions."""

from __future__ import annotations

from fastapi.testclient import TestClient

from callworthy.diagnose import default_model
from callworthy.services import accounts
from callworthy.services.caller import caller_for
from callworthy.services.prospects import add_prospect
from callworthy.services.tracking import log_voicemail

from .helpers_web import MANAGER, PASSWORD, add_rep, bearer, csrf, log_in, new_token, set_up

XSS = "<script>alert(1)</script>"


def first_answers() -> dict[str, str]:
    """Return a complete set of answers: each question's first option."""
    return {q.id: q.options[0].id for q in default_model().questionnaire.questions}


def prospect_of(client: TestClient, email: str, name: str = "Jane Doe", script: str = "") -> int:
    """Add a prospect owned by the account with this e-mail, through the services; its id."""
    engine = client.app.state.engine  # type: ignore[attr-defined]
    actor = caller_for(accounts.authenticate(engine, email, PASSWORD))
    record = add_prospect(engine, actor, name, company="Acme Freight")
    if script:
        log_voicemail(engine, actor, record.id, "mutual_referral", script)
    return record.id


def team_with_two_reps(client: TestClient) -> None:
    """Set up the team (manager logged in) and add reps Ann and Bob."""
    set_up(client)
    add_rep(client, "Ann Rep", "ann@example.com")
    add_rep(client, "Bob Rep", "bob@example.com")


def test_the_page_shows_the_questionnaire_as_radio_buttons(client: TestClient) -> None:
    set_up(client)
    pid = prospect_of(client, MANAGER["email"], name=XSS)
    page = client.get(f"/diagnose/{pid}")
    assert page.status_code == 200
    for question in default_model().questionnaire.questions:
        assert f'id="q-{question.id}"' in page.text
        for option in question.options:
            assert f'name="{question.id}" value="{option.id}"' in page.text
    assert XSS not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_answers_rank_the_ten_causes_with_bars_and_the_empty_record_note(
    client: TestClient,
) -> None:
    set_up(client)
    pid = prospect_of(client, MANAGER["email"])
    form = {**first_answers(), "csrf_token": csrf(client, f"/diagnose/{pid}")}
    page = client.post(f"/diagnose/{pid}", data=form)
    assert page.status_code == 200
    assert page.text.count('class="cause"') == 10
    assert page.text.count("<meter") == 10
    assert "The record is empty: no voicemail was logged for Jane Doe" in page.text


def test_a_missing_or_invalid_answer_is_shown_beside_its_question(client: TestClient) -> None:
    set_up(client)
    pid = prospect_of(client, MANAGER["email"])
    answers = first_answers()
    first, second, *_ = answers
    del answers[first]
    answers[second] = "nonsense"
    form = {**answers, "csrf_token": csrf(client, f"/diagnose/{pid}")}
    page = client.post(f"/diagnose/{pid}", data=form)
    assert page.status_code == 422
    assert 'class="cause"' not in page.text
    assert page.text.count('class="field-error"') == 2
    block = page.text.split(f'id="q-{first}"')[1].split("</fieldset>")[0]
    assert "Choose an answer." in block
    kept = page.text.split(f'id="q-{list(answers)[2]}"')[1].split("</fieldset>")[0]
    assert "checked" in kept  # the valid answers are kept


def test_the_page_needs_the_csrf_token(client: TestClient) -> None:
    set_up(client)
    pid = prospect_of(client, MANAGER["email"])
    assert client.post(f"/diagnose/{pid}", data=first_answers()).status_code == 403


def test_api_lists_the_questions_and_equals_the_cli_json(client: TestClient) -> None:
    set_up(client)
    token = new_token(client)
    pid = prospect_of(
        client, MANAGER["email"], script="Hi Jane, it's Ana. Call me at 555-123-4567."
    )
    questions = client.get("/api/v1/diagnose/questions", headers=bearer(token)).json()
    assert [q["id"] for q in questions] == list(first_answers())
    assert all(q["options"] and {"id", "label"} <= set(q["options"][0]) for q in questions)
    body = {"answers": first_answers()}
    answer = client.post(f"/api/v1/diagnose/{pid}", json=body, headers=bearer(token))
    assert answer.status_code == 200
    causes = answer.json()
    assert len(causes) == 10 and sorted(c["cause"] for c in causes) == list("abcdefghij")
    assert abs(sum(c["likelihood"] for c in causes) - 1) < 0.01
    assert causes == sorted(causes, key=lambda c: -c["log_score"])
    assert {"evidence", "actions", "title"} <= set(causes[0])


def test_api_answers_422_with_the_cli_message(client: TestClient) -> None:
    set_up(client)
    token = new_token(client)
    pid = prospect_of(client, MANAGER["email"])
    answers = first_answers()
    qid = next(iter(answers))
    answers[qid] = "maybe"
    answer = client.post(
        f"/api/v1/diagnose/{pid}", json={"answers": answers}, headers=bearer(token)
    )
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["type"] == "AnswersError"
    assert error["message"].startswith(f"'maybe' is not an option of {qid!r}.")
    missing = client.post(f"/api/v1/diagnose/{pid}", json={"answers": {}}, headers=bearer(token))
    assert missing.status_code == 422 and "No answer to" in missing.json()["error"]["message"]
    assert (
        client.post(f"/api/v1/diagnose/{pid}", json={"answers": first_answers()}).status_code == 401
    )


def test_a_rep_may_diagnose_only_their_own_prospects_a_manager_all(db_client: TestClient) -> None:
    team_with_two_reps(db_client)
    ann = prospect_of(db_client, "ann@example.com", name="Ann's lead")
    bob = prospect_of(db_client, "bob@example.com", name="Bob's lead")
    assert db_client.get(f"/diagnose/{ann}").status_code == 200  # the manager sees the team
    assert db_client.get(f"/diagnose/{bob}").status_code == 200
    db_client.post("/logout", data={"csrf_token": csrf(db_client, "/check")})
    assert log_in(db_client, "ann@example.com") == 303
    assert db_client.get(f"/diagnose/{ann}").status_code == 200
    other = db_client.get(f"/diagnose/{bob}")
    assert other.status_code == 404 and "Bob&#39;s lead" not in other.text
    assert db_client.get("/diagnose/999999").status_code == 404
    token = new_token(db_client)
    body = {"answers": first_answers()}
    assert (
        db_client.post(f"/api/v1/diagnose/{ann}", json=body, headers=bearer(token)).status_code
        == 200
    )
    refused = db_client.post(f"/api/v1/diagnose/{bob}", json=body, headers=bearer(token))
    assert refused.status_code == 404
    assert refused.json()["error"]["type"] == "UnknownProspectError"
