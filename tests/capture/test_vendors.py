"""The vendors' sample payloads become the events they mean."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from callworthy.capture import vendors
from callworthy.capture.model import CallEvent, EventKind
from callworthy.errors import WebhookPayloadError

FIXTURES = Path(__file__).parents[1] / "fixtures" / "webhooks"
NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)


def load(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((FIXTURES / name).read_text())
    return data


def test_twilio_machine_answered_outbound_call_is_a_voicemail() -> None:
    event = vendors.twilio_status(load("twilio_status_voicemail.json"), NOW)  # type: ignore[arg-type]
    assert event.kind is EventKind.VOICEMAIL_LEFT
    assert (event.prospect_phone, event.rep_line) == ("+12125550142", "+17045550100")
    assert event.at == datetime(2026, 11, 26, 14, 5, tzinfo=UTC)
    human = {**load("twilio_status_voicemail.json"), "AnsweredBy": "human"}
    assert vendors.twilio_status(human, NOW).kind is EventKind.OTHER  # type: ignore[arg-type]


def test_twilio_inbound_call_and_recording() -> None:
    inbound = vendors.twilio_status(load("twilio_status_inbound.json"), NOW)  # type: ignore[arg-type]
    assert inbound.kind is EventKind.INBOUND_CALL
    assert inbound.prospect_phone == "+12125550142"
    recording = vendors.twilio_recording(load("twilio_recording_completed.json"), NOW)  # type: ignore[arg-type]
    assert recording.kind is EventKind.RECORDING
    assert recording.call_id == "CAbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb1"
    assert recording.recording_url.endswith("REcccccccccccccccccccccccccccccccc")
    with pytest.raises(WebhookPayloadError, match="RecordingSid"):
        vendors.twilio_recording({"CallSid": "CA1"}, NOW)


def test_aircall_events() -> None:
    ended = vendors.aircall(load("aircall_call_ended_outbound.json"), NOW)
    assert ended.kind is EventKind.VOICEMAIL_LEFT
    assert (ended.user_id, ended.user_name) == ("123", "Rita Rep")
    assert ended.recording_url.endswith(".mp3")
    assert (
        vendors.aircall(load("aircall_call_answered_inbound.json"), NOW).kind
        is EventKind.INBOUND_CALL
    )
    left = vendors.aircall(load("aircall_voicemail_left.json"), NOW)
    assert left.kind is EventKind.INBOUND_CALL and left.prospect_phone == "+1 212-555-0199"
    untagged = load("aircall_call_ended_outbound.json")
    untagged["data"] = {**untagged["data"], "tags": []}  # type: ignore[dict-item]
    assert vendors.aircall(untagged, NOW).kind is EventKind.OTHER


def test_generic_event_and_its_errors() -> None:
    event = vendors.generic(load("generic_voicemail_left.json"))
    assert event.kind is EventKind.VOICEMAIL_LEFT
    assert (event.event_key, event.strategy, event.user_id) == ("evt_0001", "value_tip", "rep-7")
    assert CallEvent.from_dict(json.loads(json.dumps(event.to_dict()))) == event
    with pytest.raises(WebhookPayloadError, match="type"):
        vendors.generic({**load("generic_voicemail_left.json"), "type": "call.maybe"})
    with pytest.raises(WebhookPayloadError, match="surprise"):
        vendors.generic({**load("generic_voicemail_left.json"), "surprise": 1})
    with pytest.raises(WebhookPayloadError, match="prospect"):
        vendors.generic({"id": "e", "type": "call.inbound", "occurred_at": "2026-11-26T14:00:00Z"})


def test_the_documented_schema_is_the_models() -> None:
    path = Path(__file__).parents[2] / "docs" / "schemas" / "generic-webhook.json"
    assert json.loads(path.read_text()) == vendors.GenericEvent.model_json_schema()
