"""Dialers' webhooks under /hooks/{team}/...: authenticated by signature only, answered fast.

No session, no CSRF, not in the OpenAPI document: each delivery is verified as its
vendor documents (capture/signing.py), stored once by its event id, acknowledged, and
made a voicemail or a callback on the job queue (services/capture.py).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from callworthy.capture import signing, vendors
from callworthy.capture.model import CallEvent
from callworthy.errors import WebhookPayloadError
from callworthy.services import capture
from callworthy.services.webhook_secrets import live_keys
from callworthy.web.deps import EngineDep, RecordId, SettingsDep

pages = APIRouter(prefix="/hooks", include_in_schema=False)


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise WebhookPayloadError("The body is not JSON.", "Send the event as JSON.") from exc


def _ack(receipt: capture.Receipt) -> JSONResponse:
    return JSONResponse(
        {"received": True, "event": receipt.event_id, "duplicate": receipt.duplicate}
    )


def _store(
    request: Request, team_id: int, vendor: str, event: CallEvent, raw: bytes
) -> capture.Receipt:
    app = request.app
    return capture.receive(
        app.state.engine, app.state.queue, team_id, vendor, event, raw.decode("utf-8", "replace")
    )


@pages.post("/{team_id}/generic")
async def generic(request: Request, team_id: RecordId, engine: EngineDep) -> JSONResponse:
    """Accept a generic event signed with Callworthy-Signature (HMAC-SHA256, t and v1)."""
    raw = await request.body()
    header = request.headers.get(signing.GENERIC_HEADER)

    def work() -> capture.Receipt:
        keys = live_keys(engine, team_id, "generic", request.app.state.sealer)
        signing.verify_generic(header, raw, [k.value for k in keys], time.time())
        return _store(request, team_id, "generic", vendors.generic(_json(raw)), raw)

    return _ack(await run_in_threadpool(work))


def twilio_url(request: Request, public_url: str | None) -> str:
    """Return the URL Twilio signed: the public one when the server sits behind a proxy."""
    if not public_url:
        return str(request.url)
    query = f"?{request.url.query}" if request.url.query else ""
    return public_url.rstrip("/") + request.url.path + query


async def _twilio(
    request: Request,
    team_id: int,
    settings: SettingsDep,
    read: Callable[[dict[str, str], datetime], CallEvent],
) -> JSONResponse:
    raw = await request.body()
    form = await request.form()
    params = {k: v for k, v in form.items() if isinstance(v, str)}
    url = twilio_url(request, settings.public_url)
    signature = request.headers.get("X-Twilio-Signature")
    engine = request.app.state.engine

    def work() -> capture.Receipt:
        keys = live_keys(engine, team_id, "twilio", request.app.state.sealer)
        account = params.get("AccountSid", "")
        tokens = [k.value for k in keys if not k.account or k.account == account]
        signing.verify_twilio(url, params, signature, tokens)
        return _store(request, team_id, "twilio", read(params, datetime.now(UTC)), raw)

    return _ack(await run_in_threadpool(work))


@pages.post("/{team_id}/twilio/status")
async def twilio_status(request: Request, team_id: RecordId, settings: SettingsDep) -> JSONResponse:
    """Accept a Twilio call status callback (X-Twilio-Signature)."""
    return await _twilio(request, team_id, settings, vendors.twilio_status)


@pages.post("/{team_id}/twilio/recording")
async def twilio_recording(
    request: Request, team_id: RecordId, settings: SettingsDep
) -> JSONResponse:
    """Accept a Twilio recording status callback (X-Twilio-Signature)."""
    return await _twilio(request, team_id, settings, vendors.twilio_recording)


@pages.post("/{team_id}/aircall")
async def aircall(request: Request, team_id: RecordId, engine: EngineDep) -> JSONResponse:
    """Accept an Aircall webhook event (its token, in the body)."""
    raw = await request.body()

    def work() -> capture.Receipt:
        body = _json(raw)
        if not isinstance(body, dict):
            raise WebhookPayloadError("The body is not an Aircall event.", "Send it unchanged.")
        keys = live_keys(engine, team_id, "aircall", request.app.state.sealer)
        signing.verify_token(body.get("token"), [k.value for k in keys])
        return _store(request, team_id, "aircall", vendors.aircall(body, datetime.now(UTC)), raw)

    return _ack(await run_in_threadpool(work))
