"""Dialers' webhooks end to end, on SQLite and PostgreSQL: signed, idempotent, made records."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from callworthy.capture.signing import sign_generic
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import Callback, DoNotCall, Prospect, Voicemail

from .helpers_web import add_rep, csrf, log_in, set_up
from .hooks_helpers import add_secret, events, run_jobs, team_id

FIXTURES = Path(__file__).parents[1] / "fixtures" / "webhooks"
TWILIO_TOKEN = "0123456789abcdef0123456789abcdef"
TWILIO_ACCOUNT = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"


def fixture(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((FIXTURES / name).read_text())
    return data


@pytest.fixture
def hooks(app_on: Callable[..., FastAPI], db_url: str) -> Iterator[TestClient]:
    """A manager's client of the app on each backend; jobs run when the test says."""
    with TestClient(app_on(db_url, run_jobs=False)) as client:
        set_up(client)
        yield client


def post_generic(
    client: TestClient,
    team: int,
    body: bytes,
    secret: str,
    at: int | None = None,
    sent: bytes | None = None,
) -> int:
    """Sign body and post it (or post `sent` instead: a body changed after signing)."""
    header = sign_generic(secret, at or int(time.time()), body)
    body = body if sent is None else sent
    response = client.post(
        f"/hooks/{team}/generic",
        content=body,
        headers={"Callworthy-Signature": header, "Content-Type": "application/json"},
    )
    return response.status_code


def rows(app: Any, table: Any) -> list[Any]:
    with read_session(app.state.engine) as session:
        return list(session.scalars(select(table).order_by(table.id)))


def test_generic_event_is_verified_stored_once_and_becomes_a_voicemail(hooks: TestClient) -> None:
    team = team_id(hooks)
    secret = add_secret(hooks, "generic")
    assert secret
    body = (FIXTURES / "generic_voicemail_left.json").read_bytes()
    first = hooks.post(
        f"/hooks/{team}/generic",
        content=body,
        headers={"Callworthy-Signature": sign_generic(secret, int(time.time()), body)},
    )
    assert first.status_code == 200 and first.json()["duplicate"] is False
    assert post_generic(hooks, team, body, secret) == 200  # a retried delivery
    assert len(events(hooks.app)) == 1
    assert events(hooks.app)[0]["raw"] == body.decode()
    # tampered, wrong secret, replayed: refused, nothing stored
    assert post_generic(hooks, team, body, secret, sent=body.replace(b"Dana", b"Eve!")) == 401
    assert post_generic(hooks, team, body, "not-the-secret") == 401
    assert post_generic(hooks, team, body, secret, at=int(time.time()) - 600) == 401
    assert post_generic(hooks, team + 1, body, secret) == 401  # another team's address
    assert len(events(hooks.app)) == 1

    run_jobs(hooks.app)
    run_jobs(hooks.app)  # running again does nothing more
    (prospect,) = rows(hooks.app, Prospect)
    assert (prospect.phone, prospect.time_zone, prospect.name) == (
        "+12125550142",
        "America/New_York",
        "Dana Prospect",
    )
    (voicemail,) = rows(hooks.app, Voicemail)
    assert voicemail.strategy == "value_tip" and voicemail.source == "generic"
    assert voicemail.score is not None and voicemail.script.startswith("Hi Dana")
    assert events(hooks.app)[0]["status"] == "done"

    inbound = {
        "id": "evt_0002",
        "type": "call.inbound",
        "occurred_at": "2026-11-27T10:00:00Z",
        "call_id": "call_0002",
        "prospect": {"phone": "(212) 555-0142"},
    }
    assert post_generic(hooks, team, json.dumps(inbound).encode(), secret) == 200
    run_jobs(hooks.app)
    (callback,) = rows(hooks.app, Callback)
    assert callback.voicemail_id == voicemail.id and callback.source == "generic"


def test_generic_bad_body_is_refused_with_the_field_named(hooks: TestClient) -> None:
    team = team_id(hooks)
    secret = add_secret(hooks, "generic")
    assert secret
    body = json.dumps({"id": "e1", "type": "voicemail.left"}).encode()
    header = sign_generic(secret, int(time.time()), body)
    response = hooks.post(
        f"/hooks/{team}/generic", content=body, headers={"Callworthy-Signature": header}
    )
    assert response.status_code == 422
    assert "occurred_at" in response.json()["error"]["message"]
    assert events(hooks.app) == []


def test_rotation_keeps_the_old_secret_until_it_retires(hooks: TestClient) -> None:
    team = team_id(hooks)
    old = add_secret(hooks, "generic")
    new = add_secret(hooks, "generic", rotate="yes", overlap_hours="1")
    assert old and new and old != new
    body = (FIXTURES / "generic_voicemail_left.json").read_bytes()
    assert post_generic(hooks, team, body, old) == 200
    assert post_generic(hooks, team, body, new) == 200
    page = hooks.get("/team/dialers").text
    assert old not in page and new not in page  # shown once, never again
    assert "until replaced" in page  # the new one
    forms = [p.split('"')[0] for p in page.split('action="/team/dialers/secrets/')[1:]]
    old_id = min(int(f.split("/")[0]) for f in forms)
    hooks.post(
        f"/team/dialers/secrets/{old_id}/retire", data={"csrf_token": csrf(hooks, "/team/dialers")}
    )
    assert post_generic(hooks, team, body, old) == 401
    assert post_generic(hooks, team, body, new) == 200


def test_twilio_callbacks_verified_against_the_url_twilio_saw(hooks: TestClient) -> None:
    team = team_id(hooks)
    add_secret(hooks, "twilio", token=TWILIO_TOKEN, account=TWILIO_ACCOUNT)
    params = {k: str(v) for k, v in fixture("twilio_status_voicemail.json").items()}
    url = f"http://testserver/hooks/{team}/twilio/status"
    signature = RequestValidator(TWILIO_TOKEN).compute_signature(url, params)
    ok = hooks.post(url, data=params, headers={"X-Twilio-Signature": signature})
    assert ok.status_code == 200, ok.text
    again = hooks.post(url, data=params, headers={"X-Twilio-Signature": signature})
    assert again.json()["duplicate"] is True
    tampered = {**params, "To": "+12125550199"}
    assert (
        hooks.post(url, data=tampered, headers={"X-Twilio-Signature": signature}).status_code == 401
    )
    assert hooks.post(url, data=params).status_code == 401
    wrong_account = {**params, "AccountSid": "ACzzzz"}
    resigned = RequestValidator(TWILIO_TOKEN).compute_signature(url, wrong_account)
    assert (
        hooks.post(url, data=wrong_account, headers={"X-Twilio-Signature": resigned}).status_code
        == 401
    )

    run_jobs(hooks.app)
    (voicemail,) = rows(hooks.app, Voicemail)
    assert voicemail.strategy == "other" and voicemail.rep_id is None
    assert "not yet matched" in events(hooks.app)[0]["outcome"]

    inbound = {k: str(v) for k, v in fixture("twilio_status_inbound.json").items()}
    signature = RequestValidator(TWILIO_TOKEN).compute_signature(url, inbound)
    assert (
        hooks.post(url, data=inbound, headers={"X-Twilio-Signature": signature}).status_code == 200
    )
    run_jobs(hooks.app)
    (callback,) = rows(hooks.app, Callback)
    assert callback.voicemail_id == voicemail.id


def test_twilio_behind_a_proxy_uses_the_public_url(
    app_on: Callable[..., FastAPI], db_url: str
) -> None:
    public = "https://calls.example.com"
    with TestClient(app_on(db_url, run_jobs=False, public_url=public)) as client:
        set_up(client)
        team = team_id(client)
        add_secret(client, "twilio", token=TWILIO_TOKEN, account=TWILIO_ACCOUNT)
        params = {k: str(v) for k, v in fixture("twilio_recording_completed.json").items()}
        path = f"/hooks/{team}/twilio/recording"
        as_twilio = RequestValidator(TWILIO_TOKEN).compute_signature(public + path, params)
        as_seen = RequestValidator(TWILIO_TOKEN).compute_signature(
            "http://testserver" + path, params
        )
        assert (
            client.post(path, data=params, headers={"X-Twilio-Signature": as_seen}).status_code
            == 401
        )
        assert (
            client.post(path, data=params, headers={"X-Twilio-Signature": as_twilio}).status_code
            == 200
        )


def test_aircall_token_and_do_not_call_is_flagged(hooks: TestClient) -> None:
    team = team_id(hooks)
    body = fixture("aircall_call_ended_outbound.json")
    body["data"] = {**body["data"], "recording": None}  # type: ignore[dict-item]  # no fetch here
    assert add_secret(hooks, "aircall", token=str(body["token"])) is None  # Aircall's, not shown
    engine = hooks.app.state.engine  # type: ignore[attr-defined]
    run_write(engine, lambda s: s.add(DoNotCall(team_id=team, phone="+12125550142")))
    url = f"/hooks/{team}/aircall"
    assert hooks.post(url, json=body).status_code == 200
    assert hooks.post(url, json=body).json()["duplicate"] is True
    assert hooks.post(url, json={**body, "token": "guessed-token"}).status_code == 401
    assert hooks.post(url, content=b"not json").status_code in (401, 422)
    run_jobs(hooks.app)
    (event,) = events(hooks.app)
    assert event["status"] == "flagged" and "do-not-call" in event["outcome"]
    (prospect,) = rows(hooks.app, Prospect)
    assert prospect.do_not_call is True
    (voicemail,) = rows(hooks.app, Voicemail)
    assert voicemail.source == "aircall"


def test_webhook_secrets_page_is_for_managers_only(hooks: TestClient) -> None:
    add_rep(hooks, "Rita Rep", "rita@example.com")
    hooks.post("/logout", data={"csrf_token": ""})
    hooks.cookies.clear()
    assert log_in(hooks, "rita@example.com") == 303
    assert hooks.get("/team/dialers").status_code == 403


def test_inbound_calls_that_are_no_callback_are_kept_with_the_reason(hooks: TestClient) -> None:
    team = team_id(hooks)
    secret = add_secret(hooks, "generic")
    assert secret
    body = (FIXTURES / "generic_voicemail_left.json").read_bytes()
    assert post_generic(hooks, team, body, secret) == 200
    stranger = {
        "id": "in-1", "type": "call.inbound", "occurred_at": "2026-11-27T10:00:00Z",
        "prospect": {"phone": "+1 212 555 0177"},
    }  # fmt: skip
    late = {**stranger, "id": "in-2", "occurred_at": "2026-12-20T10:00:00Z"}
    late["prospect"] = {"phone": "+1 212 555 0142"}
    for event in (stranger, late):
        assert post_generic(hooks, team, json.dumps(event).encode(), secret) == 200
    run_jobs(hooks.app)
    done, unknown, too_late = events(hooks.app)
    assert done["status"] == "done"
    assert unknown["status"] == "ignored" and "No prospect has the number" in unknown["outcome"]
    assert too_late["status"] == "ignored" and "14 days" in too_late["outcome"]
    assert rows(hooks.app, Callback) == []
    page = hooks.get("/team/dialers").text
    assert "nothing to record" in page and "No prospect has the number +12125550177" in page


def test_concurrent_deliveries_of_one_event_store_it_once(hooks: TestClient) -> None:
    team = team_id(hooks)
    secret = add_secret(hooks, "generic")
    assert secret
    body = (FIXTURES / "generic_voicemail_left.json").read_bytes()
    header = {"Callworthy-Signature": sign_generic(secret, int(time.time()), body)}
    barrier = threading.Barrier(6)

    def deliver() -> dict[str, Any]:
        barrier.wait()
        response = hooks.post(f"/hooks/{team}/generic", content=body, headers=header)
        assert response.status_code == 200, response.text
        answer: dict[str, Any] = response.json()
        return answer

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda _: deliver(), range(6)))
    assert sorted(a["duplicate"] for a in answers) == [False] + [True] * 5
    assert len({a["event"] for a in answers}) == 1
    run_jobs(hooks.app)
    assert len(rows(hooks.app, Voicemail)) == 1
