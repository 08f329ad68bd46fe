"""The Phone test pages and /api/v1/phonetest through the real app: scoring, storage, history."""

from __future__ import annotations

import re
from dataclasses import replace

from fastapi.testclient import TestClient

from callworthy.phoneability import default_quiz, score_answers
from callworthy.services import accounts
from callworthy.services import phonetest as service
from callworthy.services.caller import caller_for

from .helpers_web import MANAGER, PASSWORD, add_rep, bearer, csrf, log_in, new_token, set_up


def best_answers() -> dict[str, str]:
    """Return the best option of every scenario."""
    return {q.id: q.best().id for q in default_quiz().questions}


def worst_answers() -> dict[str, str]:
    """Return the option with the fewest points of every scenario."""
    return {q.id: min(q.options, key=lambda o: o.points).id for q in default_quiz().questions}


def test_the_page_lists_the_thirty_scenarios_with_options(client: TestClient) -> None:
    set_up(client)
    page = client.get("/phonetest")
    assert page.status_code == 200
    quiz = default_quiz()
    assert len(quiz.questions) == 30
    assert page.text.count('type="radio"') == sum(len(q.options) for q in quiz.questions)
    assert "points" not in page.text.split('id="phonetest-form"')[1].split("</form>")[0]


def _order(html: str) -> list[str]:
    return re.findall(r'type="radio" name="[a-z_]+" value="([a-z_]+)"', html)


def test_each_attempt_has_its_own_order_and_a_reload_keeps_it(client: TestClient) -> None:
    set_up(client)
    first = client.get("/phonetest", follow_redirects=False)
    assert first.status_code == 303
    address = first.headers["location"]
    assert re.fullmatch(r"/phonetest\?attempt=[A-Za-z0-9_-]{6,40}", address)
    shown = client.get(address)
    assert _order(shown.text) == _order(client.get(address).text)  # a reload: the same order
    attempt = address.split("=", 1)[1]
    assert f'name="attempt" value="{attempt}"' in shown.text
    others = {tuple(_order(client.get(f"/phonetest?attempt=other-{n}").text)) for n in range(3)}
    assert len(others | {tuple(_order(shown.text))}) == 4  # another attempt, another order
    quiz_order = [o.id for q in default_quiz().questions for o in q.options]
    assert sorted(_order(shown.text)) == sorted(quiz_order) != _order(shown.text)
    assert client.get("/phonetest?attempt=<b>x</b>", follow_redirects=False).status_code == 303


def test_a_missing_answer_keeps_the_attempts_order(client: TestClient) -> None:
    set_up(client)
    page = client.get("/phonetest?attempt=keep-this-order")
    answers = best_answers()
    del answers[next(iter(answers))]
    form = {**answers, "attempt": "keep-this-order", "csrf_token": csrf(client, "/phonetest")}
    again = client.post("/phonetest", data=form)
    assert again.status_code == 422 and _order(again.text) == _order(page.text)


def test_submitting_scores_explains_and_names_the_weakest_areas(client: TestClient) -> None:
    set_up(client)
    form = {**worst_answers(), "csrf_token": csrf(client, "/phonetest")}
    page = client.post("/phonetest", data=form)
    assert page.status_code == 200
    score = int(re.search(r'id="score">(\d+)<', page.text).group(1))  # type: ignore[union-attr]
    assert score == 0  # below chance is clipped to 0
    assert "beat guessing" in page.text
    weakest = page.text.split('id="weakest">')[1].split("</ol>")[0]
    assert weakest.count("<li>") == 3
    assert page.text.count('class="answer missed"') == 30
    assert re.search(r'class="principle">[A-Z][a-z]', page.text)  # a principle by name
    assert not re.search(r'class="principle">P\d+', page.text)
    assert "Better:" in page.text


def test_a_missing_answer_is_shown_in_place_and_nothing_is_stored(client: TestClient) -> None:
    set_up(client)
    answers = best_answers()
    qid = next(iter(answers))
    del answers[qid]
    page = client.post("/phonetest", data={**answers, "csrf_token": csrf(client, "/phonetest")})
    assert page.status_code == 422
    block = page.text.split(f'id="q-{qid}"')[1].split("</fieldset>")[0]
    assert "Choose an answer." in block
    assert page.text.count(" checked>") == 29
    assert "No results yet" in client.get("/phonetest/history").text


def test_results_are_kept_per_rep_and_drawn_over_time(client: TestClient) -> None:
    set_up(client)
    for answers in (worst_answers(), best_answers()):
        client.post("/phonetest", data={**answers, "csrf_token": csrf(client, "/phonetest")})
    history = client.get("/phonetest/history")
    assert history.status_code == 200
    assert "<polyline" in history.text and history.text.count("<circle") == 2
    assert "style=" not in history.text  # the CSP forbids inline styles
    assert ">100<" in history.text and "+" in history.text.split('id="history"')[1]
    add_rep(client, "Ann Rep", "ann@example.com")
    client.post("/logout", data={"csrf_token": csrf(client, "/check")})
    assert log_in(client, "ann@example.com") == 303
    assert "No results yet" in client.get("/phonetest/history").text


def test_api_scores_stores_and_lists(client: TestClient) -> None:
    set_up(client)
    token = new_token(client)
    sheet = client.get("/api/v1/phonetest/questions", headers=bearer(token)).json()
    assert set(sheet) == {"attempt", "quiz_version", "scenarios"}
    assert sheet["quiz_version"].startswith("formula-")
    questions = sheet["scenarios"]
    assert len(questions) == 30 and "points" not in questions[0]["options"][0]
    again = client.get(
        f"/api/v1/phonetest/questions?attempt={sheet['attempt']}", headers=bearer(token)
    ).json()
    assert again == sheet
    taken = client.post(
        "/api/v1/phonetest", json={"answers": best_answers()}, headers=bearer(token)
    )
    assert taken.status_code == 200
    body = taken.json()
    assert body["score"] == 100 and body["weakest"] == [] and isinstance(body["id"], int)
    history = client.get("/api/v1/phonetest/history", headers=bearer(token)).json()["items"]
    assert [r["score"] for r in history] == [100] and history[0]["id"] == body["id"]
    assert history[0]["scoring"] == "formula"


def test_a_sitting_scored_before_formula_scoring_keeps_its_score(client: TestClient) -> None:
    set_up(client)
    engine = client.app.state.engine  # type: ignore[attr-defined]
    actor = caller_for(accounts.authenticate(engine, MANAGER["email"], PASSWORD))
    old = replace(score_answers(worst_answers()), score=41, quiz_version="0123456789ab")
    service.save_result(engine, actor, old)
    client.post("/phonetest", data={**best_answers(), "csrf_token": csrf(client, "/phonetest")})
    records = service.results(engine, actor)
    assert [(r.score, r.scoring) for r in records] == [(41, "share"), (100, "formula")]
    history = client.get("/phonetest/history").text
    assert "(earlier scoring)" in history and "new scoring" in history
    assert "+59" not in history  # two scorings are not compared


def test_api_refuses_bad_answers_and_no_token(client: TestClient) -> None:
    set_up(client)
    token = new_token(client)
    answers = {**best_answers(), "not-a-question": "x"}
    refused = client.post("/api/v1/phonetest", json={"answers": answers}, headers=bearer(token))
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["type"] == "AnswersError"
    assert error["message"].startswith(
        "'not-a-question' is not a question of the phone-ability test. The questions are:"
    )
    assert client.get("/api/v1/phonetest/history").status_code == 401
    empty = client.get("/api/v1/phonetest/history", headers=bearer(token)).json()
    assert empty == {"items": [], "next": None}
