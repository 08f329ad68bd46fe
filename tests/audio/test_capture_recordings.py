"""A dialer's recording, served on 127.0.0.1, fetched, transcribed, critiqued and attached.

Runs the real queue on each backend: the SQLite server's in-process queue, and a
procrastinate worker on PostgreSQL. The speech model is tiny.en in int8.
"""

from __future__ import annotations

import base64
import functools
import json
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from voicemails import need_tools

from callworthy.capture.signing import sign_generic
from callworthy.services.jobs import LocalQueue
from callworthy.storage.capture_tables import LocalJob, Recording
from callworthy.storage.engine import read_session
from callworthy.storage.tables import Voicemail
from callworthy.web.app import create_app
from callworthy.web.settings import Settings

SCRIPT = (
    "Hi Dana, this is Rita at Acme. Call me back at seven oh four, five five five, oh one hundred."
)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve a synthesised voicemail on 127.0.0.1; yield the folder's base URL."""
    need_tools("espeak-ng")
    pytest.importorskip("faster_whisper")
    folder = tmp_path_factory.mktemp("served")
    import subprocess

    subprocess.run(["espeak-ng", "-s", "160", "-w", str(folder / "vm.wav"), SCRIPT], check=True)
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    shutil.rmtree(folder, ignore_errors=True)


def _app(url: str) -> Any:
    settings = Settings(database_url=url, secret_key="k", run_jobs=False)
    return create_app(settings)


def _run(app: Any) -> None:
    queue = app.state.queue
    if isinstance(queue, LocalQueue):
        queue.drain()
    else:
        from callworthy.services.pg_queue import run_worker

        run_worker(app.state.engine, wait=False)


def _event(base: str, key: str, name: str) -> bytes:
    event = {
        "id": key,
        "type": "voicemail.left",
        "occurred_at": "2026-11-26T14:05:00Z",
        "call_id": f"call-{key}",
        "prospect": {"phone": "+1 212 555 0142", "name": "Dana", "company": "Initech"},
        "recording_url": f"{base}/{name}",
    }
    return json.dumps(event).encode()


def _post(client: TestClient, team: int, body: bytes, secret: str) -> None:
    header = sign_generic(secret, int(time.time()), body)
    response = client.post(
        f"/hooks/{team}/generic", content=body, headers={"Callworthy-Signature": header}
    )
    assert response.status_code == 200, response.text


def _setup(client: TestClient) -> tuple[int, str]:
    from web.helpers_web import set_up
    from web.hooks_helpers import add_secret, team_id

    set_up(client)
    secret = add_secret(client, "generic")
    assert secret
    return team_id(client), secret


def test_recording_fetched_transcribed_critiqued_and_attached(served: str, db_url: str) -> None:
    app = _app(db_url)
    with TestClient(app) as client:
        team, secret = _setup(client)
        _post(client, team, _event(served, "e1", "vm.wav"), secret)
        _run(app)
        with read_session(app.state.engine) as session:
            (recording,) = session.scalars(select(Recording))
            voicemail = session.get(Voicemail, recording.voicemail_id)
        assert recording.status == "done" and recording.runs == 1, recording.error
        assert len(recording.transcript.split()) >= 6  # words heard, never an exact transcript
        assert "704" in recording.transcript  # the rep's number, written in grouped form
        assert recording.score is not None and recording.duration_seconds
        assert voicemail is not None and voicemail.script == recording.transcript
        assert voicemail.score == recording.score
        _run(app)  # nothing runs twice
        with read_session(app.state.engine) as session:
            assert session.scalars(select(Recording.runs)).one() == 1


def test_a_missing_recording_becomes_a_dead_letter_to_retry_or_discard(
    served: str, tmp_path: Path
) -> None:
    app = _app(f"sqlite:///{tmp_path / 'dead.sqlite3'}")
    app.state.queue.backoff = lambda attempts: 0.0  # no waiting between the attempts here
    with TestClient(app) as client:
        team, secret = _setup(client)
        _post(client, team, _event(served, "e2", "gone.wav"), secret)
        _run(app)
        page = client.get("/team/dialers").text
        assert "Fetch, transcribe and critique a recording" in page
        assert "HTTP 404" in page
        with read_session(app.state.engine) as session:
            job = session.scalars(select(LocalJob).where(LocalJob.status == "failed")).one()
        from web.helpers_web import csrf

        token = csrf(client, "/team/dialers")
        client.post(f"/team/dialers/jobs/{job.id}/retry", data={"csrf_token": token})
        with read_session(app.state.engine) as session:
            assert session.get(LocalJob, job.id).status == "todo"  # type: ignore[union-attr]
        _run(app)
        client.post(f"/team/dialers/jobs/{job.id}/discard", data={"csrf_token": token})
        assert "No failed jobs." in client.get("/team/dialers").text


ACCOUNT = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
TOKEN = "0123456789abcdef0123456789abcdef"


class _TwilioMedia(_Quiet):
    """Serve the voicemail only with the account's HTTP Basic credentials, as Twilio can."""

    def do_GET(self) -> None:
        expected = "Basic " + base64.b64encode(f"{ACCOUNT}:{TOKEN}".encode()).decode()
        if self.headers.get("Authorization") != expected:
            self.send_response(401)
            self.end_headers()
            return
        self.path = "/vm.wav"
        super().do_GET()


def test_twilio_recording_fetched_with_the_accounts_credentials(
    served: str, tmp_path: Path
) -> None:
    assert served  # espeak-ng and the audio extra are here
    import subprocess

    subprocess.run(["espeak-ng", "-s", "160", "-w", str(tmp_path / "vm.wav"), SCRIPT], check=True)
    handler = functools.partial(_TwilioMedia, directory=str(tmp_path))
    media = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=media.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{media.server_address[1]}"
    app = _app(f"sqlite:///{tmp_path / 'twilio.sqlite3'}")
    try:
        with TestClient(app) as client:
            from twilio.request_validator import RequestValidator

            from web.helpers_web import set_up
            from web.hooks_helpers import add_secret, team_id

            set_up(client)
            team = team_id(client)
            add_secret(client, "twilio", token=TOKEN, account=ACCOUNT)
            params = {
                "AccountSid": ACCOUNT,
                "CallSid": "CA1",
                "RecordingSid": "RE1",
                "RecordingStatus": "completed",
                "RecordingUrl": f"{base}/2010-04-01/Accounts/{ACCOUNT}/Recordings/RE1",
            }
            path = f"/hooks/{team}/twilio/recording"
            signature = RequestValidator(TOKEN).compute_signature(
                "http://testserver" + path, params
            )
            answer = client.post(path, data=params, headers={"X-Twilio-Signature": signature})
            assert answer.status_code == 200, answer.text
            _run(app)
            with read_session(app.state.engine) as session:
                (recording,) = session.scalars(select(Recording))
            assert recording.status == "done" and recording.runs == 1, recording.error
    finally:
        media.shutdown()
        media.server_close()
