"""Helpers for the webhook tests: secrets made on the Dialers page, jobs run, rows read."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from callworthy.services.jobs import LocalQueue
from callworthy.storage.capture_tables import CaptureEvent
from callworthy.storage.engine import read_session

from .helpers_web import csrf

_NEW_SECRET = re.compile(r'id="new-secret">([^<]+)<')
_URL = re.compile(r'id="url-generic">https?://[^/]+/hooks/(\d+)/generic<')


def team_id(client: TestClient) -> int:
    """Return the manager's team id, read from the Dialers page's addresses."""
    found = _URL.search(client.get("/team/dialers").text)
    assert found, "no generic address on the Dialers page"
    return int(found.group(1))


def add_secret(client: TestClient, vendor: str, **form: str) -> str | None:
    """Add a secret on the Dialers page; return a generic one (shown once)."""
    data = {"vendor": vendor, **form, "csrf_token": csrf(client, "/team/dialers")}
    response = client.post("/team/dialers/secrets", data=data)
    assert response.status_code == 200, response.text
    found = _NEW_SECRET.search(response.text)
    return found.group(1) if found else None


def run_jobs(app: Any) -> None:
    """Run every queued job: the SQLite queue drained, or a procrastinate worker until empty."""
    queue = app.state.queue
    if isinstance(queue, LocalQueue):
        queue.drain()
        return
    from callworthy.services.pg_queue import run_worker

    run_worker(app.state.engine, wait=False)


def events(app: Any) -> list[dict[str, Any]]:
    """Return the stored events, oldest first."""
    with read_session(app.state.engine) as session:
        rows = session.scalars(select(CaptureEvent).order_by(CaptureEvent.id))
        return [
            {
                "status": r.status,
                "outcome": r.outcome,
                "kind": r.kind,
                "raw": r.raw,
                "voicemail_id": r.voicemail_id,
                "callback_id": r.callback_id,
            }
            for r in rows
        ]
