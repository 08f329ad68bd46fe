"""Turn each vendor's webhook payload into a CallEvent (the raw body is stored beside it).

Sources, kept beside the test fixtures too:
- Twilio status callbacks: https://www.twilio.com/docs/voice/api/call-resource#statuscallback
  and answering-machine detection's AnsweredBy:
  https://www.twilio.com/docs/voice/answering-machine-detection
- Twilio recording status callbacks:
  https://www.twilio.com/docs/voice/api/recording#recordingstatuscallback
- Aircall call events: https://developer.aircall.io/api-references/#call-events
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from callworthy.capture.model import CallEvent, EventKind
from callworthy.errors import WebhookPayloadError

#: Aircall tags whose name contains this mark an outbound call as a voicemail left.
AIRCALL_VOICEMAIL_TAG = "voicemail"


def _need(params: Mapping[str, Any], *names: str) -> None:
    missing = [n for n in names if not params.get(n)]
    if missing:
        raise WebhookPayloadError(
            f"The event has no {', '.join(missing)}.", "Send the dialer's events unchanged."
        )


def _twilio_time(params: Mapping[str, str], now: datetime) -> datetime:
    try:
        return parsedate_to_datetime(params["Timestamp"]).astimezone(UTC)
    except (KeyError, TypeError, ValueError):
        return now


def twilio_status(params: Mapping[str, str], now: datetime) -> CallEvent:
    """Read a Twilio call status callback (form fields); AMD's AnsweredBy tells a voicemail."""
    _need(params, "CallSid", "CallStatus")
    status = params["CallStatus"]
    answered_by = params.get("AnsweredBy", "")
    inbound = params.get("Direction", "") == "inbound"
    if inbound:
        kind = EventKind.INBOUND_CALL
    elif status == "completed" and answered_by.startswith("machine"):
        kind = EventKind.VOICEMAIL_LEFT
    else:
        kind = EventKind.OTHER
    team_line, other = (params.get("To", ""), params.get("From", ""))
    if not inbound:
        team_line, other = other, team_line
    return CallEvent(
        kind=kind,
        event_key=f"call:{params['CallSid']}:{status}",
        call_id=params["CallSid"],
        at=_twilio_time(params, now),
        prospect_phone=other,
        rep_line=team_line,
        user_id=team_line,
        detail=" ".join(x for x in (params.get("Direction", ""), status, answered_by) if x),
    )


def twilio_recording(params: Mapping[str, str], now: datetime) -> CallEvent:
    """Read a Twilio recording status callback; a completed one is a recording to fetch."""
    _need(params, "RecordingSid", "CallSid", "RecordingStatus")
    status = params["RecordingStatus"]
    ready = status == "completed" and bool(params.get("RecordingUrl"))
    return CallEvent(
        kind=EventKind.RECORDING if ready else EventKind.OTHER,
        event_key=f"recording:{params['RecordingSid']}:{status}",
        call_id=params["CallSid"],
        at=now,
        recording_url=params.get("RecordingUrl", ""),
        detail=f"recording {status}",
    )


def _unix(value: object) -> datetime | None:
    return datetime.fromtimestamp(value, UTC) if isinstance(value, int | float) else None


def _aircall_kind(event: str, call: Mapping[str, Any]) -> EventKind:
    direction = call.get("direction")
    if direction == "inbound" and event in ("call.answered", "call.ended", "call.voicemail_left"):
        return EventKind.INBOUND_CALL
    tags = [str(t.get("name", "")).lower() for t in call.get("tags") or () if isinstance(t, dict)]
    tagged = any(AIRCALL_VOICEMAIL_TAG in t for t in tags)
    if event == "call.ended" and direction == "outbound" and tagged:
        return EventKind.VOICEMAIL_LEFT
    return EventKind.OTHER


def aircall(body: Mapping[str, Any], now: datetime) -> CallEvent:
    """Read an Aircall webhook body ({resource, event, timestamp, token, data})."""
    call = body.get("data")
    if body.get("resource") != "call" or not isinstance(call, dict) or "id" not in call:
        return CallEvent(
            kind=EventKind.OTHER,
            event_key=f"{body.get('event', 'unknown')}:{body.get('timestamp', '')}",
            call_id="",
            at=now,
            detail=str(body.get("event", "")),
        )
    event = str(body.get("event", ""))
    user: dict[str, Any] = call["user"] if isinstance(call.get("user"), dict) else {}
    number: dict[str, Any] = call["number"] if isinstance(call.get("number"), dict) else {}
    when = (
        _unix(call.get("ended_at")) or _unix(call.get("started_at")) or _unix(body.get("timestamp"))
    )
    return CallEvent(
        kind=_aircall_kind(event, call),
        event_key=f"{event}:{call['id']}",
        call_id=str(call["id"]),
        at=when or now,
        prospect_phone=str(call.get("raw_digits") or ""),
        rep_line=str(number.get("digits") or ""),
        user_id=str(user.get("id") or ""),
        user_name=str(user.get("name") or ""),
        recording_url=str(call.get("recording") or ""),
        detail=f"{event} {call.get('direction', '')} {call.get('status', '')}".strip(),
    )


class GenericProspect(BaseModel):
    """The other party of the call."""

    model_config = ConfigDict(extra="forbid")
    phone: str = Field(min_length=3, max_length=40, description="Their number, best in E.164.")
    name: str = Field(default="", max_length=200, description="Used when the prospect is new.")
    company: str = Field(default="", max_length=200)


class GenericRep(BaseModel):
    """The rep who placed or took the call, as your dialer names them."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1, max_length=200, description="Your dialer's id of the rep.")
    name: str = Field(default="", max_length=200)


class GenericEvent(BaseModel):
    """A call event from any dialer or CRM (POST /hooks/{team}/generic, signed)."""

    model_config = ConfigDict(extra="forbid", title="Callworthy generic call event")
    id: str = Field(
        min_length=1, max_length=200, description="Unique per event; retries repeat it."
    )
    type: Literal["voicemail.left", "call.inbound", "recording.ready"]
    occurred_at: datetime = Field(
        description="ISO 8601 with its offset, e.g. 2026-11-26T14:05:00Z."
    )
    call_id: str = Field(default="", max_length=200, description="Ties a recording to its call.")
    prospect: GenericProspect | None = None
    rep: GenericRep | None = None
    script: str = Field(default="", max_length=5000, description="The voicemail's words, if known.")
    strategy: str = Field(default="", max_length=64, description="The strategy id, if known.")
    recording_url: str = Field(default="", max_length=2000, pattern=r"^(https?://.*)?$")


GENERIC_KINDS = {
    "voicemail.left": EventKind.VOICEMAIL_LEFT,
    "call.inbound": EventKind.INBOUND_CALL,
    "recording.ready": EventKind.RECORDING,
}


def _problems(exc: ValidationError) -> str:
    parts = [f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors()]
    return "; ".join(parts[:5])


def generic(body: object) -> CallEvent:
    """Read a generic event (the JSON schema in docs); name every field that is wrong."""
    try:
        event = GenericEvent.model_validate(body)
    except ValidationError as exc:
        raise WebhookPayloadError(
            f"The event does not follow the generic schema ({_problems(exc)}).",
            "Send the fields the generic webhook's schema defines.",
        ) from exc
    if event.type != "recording.ready" and event.prospect is None:
        raise WebhookPayloadError(f"A {event.type} event needs the prospect's phone.", "Add it.")
    if event.type == "recording.ready" and not (event.recording_url and event.call_id):
        raise WebhookPayloadError(
            "A recording.ready event needs call_id and recording_url.", "Add them."
        )
    when = event.occurred_at if event.occurred_at.tzinfo else event.occurred_at.replace(tzinfo=UTC)
    return CallEvent(
        kind=GENERIC_KINDS[event.type],
        event_key=event.id,
        call_id=event.call_id or event.id,
        at=when.astimezone(UTC),
        prospect_phone=event.prospect.phone if event.prospect else "",
        prospect_name=event.prospect.name if event.prospect else "",
        prospect_company=event.prospect.company if event.prospect else "",
        user_id=event.rep.id if event.rep else "",
        user_name=event.rep.name if event.rep else "",
        script=event.script,
        strategy=event.strategy,
        recording_url=event.recording_url,
        detail=event.type,
    )
