"""The Dialers page's other work: dialer users mapped to reps, experiment arms, bulk critique."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from callworthy.capture.signing import sign_generic
from callworthy.cli import main
from callworthy.services.database import identify, open_database
from callworthy.services.jobs import LocalQueue
from callworthy.storage.capture_tables import Recording
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import (
    Assignment,
    Experiment,
    ExperimentArm,
    Prospect,
    Voicemail,
    utc_now,
)

from .helpers_web import bearer, csrf, new_token, set_up
from .hooks_helpers import add_secret, run_jobs, team_id

FIXTURES = Path(__file__).parents[1] / "fixtures" / "webhooks"
SCRIPT = "Hi Sam, this is Rita at Acme. Your renewal saves 12 percent by Friday. Call 704 555 0100."


@pytest.fixture
def hooks(app_on: Callable[..., FastAPI], db_url: str) -> Iterator[TestClient]:
    """A manager's client of the app on each backend; jobs run when the test says."""
    with TestClient(app_on(db_url, run_jobs=False)) as client:
        set_up(client)
        yield client


def engine_of(client: TestClient) -> Any:
    return client.app.state.engine  # type: ignore[attr-defined]


def post_event(client: TestClient, team: int, secret: str, **fields: Any) -> None:
    event = json.loads((FIXTURES / "generic_voicemail_left.json").read_text())
    event.update(fields)
    body = json.dumps(event).encode()
    header = sign_generic(secret, int(time.time()), body)
    response = client.post(
        f"/hooks/{team}/generic", content=body, headers={"Callworthy-Signature": header}
    )
    assert response.status_code == 200, response.text


def test_dialer_user_mapped_to_a_rep_credits_later_voicemails(hooks: TestClient) -> None:
    team, secret = team_id(hooks), add_secret(hooks, "generic")
    assert secret
    post_event(hooks, team, secret)
    run_jobs(hooks.app)
    page = hooks.get("/team/dialers").text
    assert "Rita Rep" in page and "rep-7" in page
    user_id = int(re.search(r'action="/team/dialers/users/(\d+)"', page).group(1))  # type: ignore[union-attr]
    rep_id = int(re.search(r'<option value="(\d+)" >Mia Manager', page).group(1))  # type: ignore[union-attr]
    token = csrf(hooks, "/team/dialers")
    hooks.post(f"/team/dialers/users/{user_id}", data={"rep_id": str(rep_id), "csrf_token": token})
    post_event(hooks, team, secret, id="evt_0009", call_id="call_0009")
    run_jobs(hooks.app)
    with read_session(engine_of(hooks)) as session:
        reps = [v.rep_id for v in session.scalars(select(Voicemail).order_by(Voicemail.id))]
    assert reps == [None, rep_id]
    api = hooks.get("/api/v1/capture/dialer-users", headers=bearer(new_token(hooks)))
    assert api.json()[0]["rep"] == "Mia Manager"


def test_experiment_arm_recorded_when_the_strategy_is_an_arm(hooks: TestClient) -> None:
    team, secret = team_id(hooks), add_secret(hooks, "generic")
    assert secret

    def start(session: Any) -> int:
        experiment = Experiment(team_id=team, name="Tips", baseline="resources", seed=1)
        session.add(experiment)
        session.flush()
        for arm in ("resources", "value_tip"):
            session.add(ExperimentArm(experiment_id=experiment.id, strategy=arm, weight=0.5))
        return experiment.id

    experiment_id = run_write(engine_of(hooks), start)
    post_event(hooks, team, secret)  # value_tip: an arm
    post_event(hooks, team, secret, id="e2", call_id="c2", strategy="")  # a bare call-me
    lead = (
        "Hi Sam, it's Rita at 704-555-0100. I was talking to a builder yesterday who needs a "
        "caterer for forty sites; call me and I'll give you his number. 704-555-0100."
    )
    post_event(hooks, team, secret, id="e3", call_id="c3", strategy="", script=lead)
    run_jobs(hooks.app)
    with read_session(engine_of(hooks)) as session:
        arms = [(a.experiment_id, a.strategy) for a in session.scalars(select(Assignment))]
        read = {v.external_id: v for v in session.scalars(select(Voicemail))}
    assert arms == [(experiment_id, "value_tip")]  # the sales lead is no arm of this one
    said, pitch, heard = (next(v for k, v in read.items() if k.endswith(c)) for c in "123")
    assert (said.strategy, said.strategy_inferred) == ("value_tip", False)
    assert (pitch.strategy, pitch.strategy_inferred) == ("bare_callback", True)  # no arm
    assert (heard.strategy, heard.strategy_inferred) == ("sales_lead", True)
    assert heard.strategy_confidence is not None and 0.5 < heard.strategy_confidence <= 1


def test_bulk_critique_of_history_shows_its_progress(hooks: TestClient) -> None:
    team = team_id(hooks)

    def history(session: Any) -> None:
        prospect = Prospect(team_id=team, name="Sam", phone="+12125550111", tags=[])
        session.add(prospect)
        session.flush()
        for _ in range(3):
            session.add(
                Voicemail(
                    prospect_id=prospect.id, strategy="value_tip", script=SCRIPT, left_at=utc_now()
                )
            )

    run_write(engine_of(hooks), history)
    token = csrf(hooks, "/team/dialers")
    hooks.post("/team/dialers/critique-history", data={"csrf_token": token})
    assert "0 of 3 scored" in hooks.get("/team/dialers").text
    run_jobs(hooks.app)
    page = hooks.get("/team/dialers").text
    assert "3 of 3 scored" in page and "(finished)" in page
    batch_id = int(re.search(r'id="batch-(\d+)"', page).group(1))  # type: ignore[union-attr]
    assert 'value="100"' in hooks.get(f"/team/dialers/batches/{batch_id}").text
    api = hooks.get(f"/api/v1/capture/batches/{batch_id}", headers=bearer(new_token(hooks)))
    assert (api.json()["done"], api.json()["total"]) == (3, 3)
    with read_session(engine_of(hooks)) as session:
        assert all(v.score is not None for v in session.scalars(select(Voicemail)))


def test_cli_critique_history_with_a_progress_bar(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.sqlite3")
    engine = open_database(db)
    caller = identify(engine, "alice")

    def history(session: Any) -> None:
        prospect = Prospect(team_id=caller.team_id, name="Sam", phone="+12125550111", tags=[])
        session.add(prospect)
        session.flush()
        for _ in range(4):
            session.add(
                Voicemail(
                    prospect_id=prospect.id, strategy="value_tip", script=SCRIPT, left_at=utc_now()
                )
            )

    run_write(engine, history)
    result = CliRunner().invoke(main, ["critique-history", "--db", db, "--rep", "alice"])
    assert result.exit_code == 0, result.output
    assert "4 voicemails scored, 0 could not be." in result.output
    with read_session(engine) as session:
        assert all(v.score is not None for v in session.scalars(select(Voicemail)))
    engine.dispose()


@pytest.fixture
def pg_hooks(app_on: Callable[..., FastAPI], postgres_server: Any) -> Iterator[TestClient]:
    """A manager's client of the app on PostgreSQL only (procrastinate's dead letters)."""
    url = postgres_server.create_database("callworthy_template")
    with TestClient(app_on(url)) as client:
        set_up(client)
        yield client
    postgres_server.drop_database(url)


@pytest.mark.postgres
def test_failed_jobs_of_procrastinate_retried_and_discarded(pg_hooks: TestClient) -> None:
    hooks = pg_hooks
    queue = hooks.app.state.queue  # type: ignore[attr-defined]
    assert not isinstance(queue, LocalQueue)
    team = team_id(hooks)
    failed = Recording(
        team_id=team, vendor="generic", external_id="call:x", url="http://127.0.0.1:9/x.wav",
        status="failed", error="The recording could not be fetched (HTTP 404).",
    )  # fmt: skip
    recording_id = run_write(engine_of(hooks), lambda s: (s.add(failed), s.flush(), failed.id)[2])
    for n in (recording_id, 999):
        queue.defer("process_recording", team, {"recording_id": n})
    queue.defer("process_recording", team + 1, {"recording_id": 200})  # another team's
    with engine_of(hooks).begin() as conn:  # as if every attempt had failed
        conn.execute(text("UPDATE procrastinate_jobs SET status = 'failed', attempts = 5"))
        ids = list(conn.scalars(text("SELECT id FROM procrastinate_jobs ORDER BY id")))
    page = hooks.get("/team/dialers").text
    assert page.count("Fetch, transcribe and critique a recording") == 2
    assert "The recording could not be fetched (HTTP 404)." in page
    token = csrf(hooks, "/team/dialers")
    hooks.post(f"/team/dialers/jobs/{ids[0]}/retry", data={"csrf_token": token})
    hooks.post(f"/team/dialers/jobs/{ids[1]}/discard", data={"csrf_token": token})
    gone = hooks.post(f"/team/dialers/jobs/{ids[2]}/discard", data={"csrf_token": token})
    assert gone.status_code == 404  # not this team's
    with engine_of(hooks).connect() as conn:
        states = dict(conn.execute(text("SELECT id, status FROM procrastinate_jobs")).all())
    assert states == {ids[0]: "todo", ids[2]: "failed"}
    assert "No failed jobs." in hooks.get("/team/dialers").text
