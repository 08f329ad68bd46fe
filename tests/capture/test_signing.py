"""Each vendor's scheme verifies a real signed payload and refuses a tampered one."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from twilio.request_validator import RequestValidator

from callworthy.capture import signing
from callworthy.errors import WebhookSignatureError

FIXTURES = Path(__file__).parents[1] / "fixtures" / "webhooks"
NOW = 1_795_615_500
BODY = (FIXTURES / "generic_voicemail_left.json").read_bytes()


def test_generic_signature_matches_an_independent_hmac() -> None:
    header = signing.sign_generic("s3cret", NOW, BODY)
    expected = hmac.new(b"s3cret", f"{NOW}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert header == f"t={NOW},v1={expected}"
    assert signing.verify_generic(header, BODY, ["s3cret"], NOW) == 0


def test_generic_refuses_a_tampered_body_a_wrong_secret_and_a_missing_header() -> None:
    header = signing.sign_generic("s3cret", NOW, BODY)
    tampered = BODY.replace(b"Dana", b"Eve!")
    with pytest.raises(WebhookSignatureError, match="does not match"):
        signing.verify_generic(header, tampered, ["s3cret"], NOW)
    with pytest.raises(WebhookSignatureError, match="does not match"):
        signing.verify_generic(header, BODY, ["other"], NOW)
    with pytest.raises(WebhookSignatureError, match="missing"):
        signing.verify_generic(None, BODY, ["s3cret"], NOW)
    with pytest.raises(WebhookSignatureError, match="must read"):
        signing.verify_generic("v1=abc", BODY, ["s3cret"], NOW)


def test_generic_refuses_a_timestamp_outside_the_replay_window() -> None:
    old = signing.sign_generic("s3cret", NOW - 301, BODY)
    with pytest.raises(WebhookSignatureError, match="301 seconds"):
        signing.verify_generic(old, BODY, ["s3cret"], NOW)
    edge = signing.sign_generic("s3cret", NOW - 300, BODY)
    assert signing.verify_generic(edge, BODY, ["s3cret"], NOW) == 0
    # the timestamp is signed: moving it forward breaks the signature
    moved = old.replace(f"t={NOW - 301}", f"t={NOW}")
    with pytest.raises(WebhookSignatureError, match="does not match"):
        signing.verify_generic(moved, BODY, ["s3cret"], NOW)


def test_generic_accepts_any_v1_during_rotation() -> None:
    both = signing.sign_generic(["old-secret", "new-secret"], NOW, BODY)
    assert both.count("v1=") == 2
    assert signing.verify_generic(both, BODY, ["new-secret"], NOW) == 0
    assert signing.verify_generic(both, BODY, ["x", "old-secret"], NOW) == 1
    only_new = signing.sign_generic("new-secret", NOW, BODY)
    assert signing.verify_generic(only_new, BODY, ["old-secret", "new-secret"], NOW) == 1


def _twilio_signature(token: str, url: str, params: dict[str, str]) -> str:
    """Sign as Twilio documents: URL + each POST key and value sorted by key, HMAC-SHA1."""
    data = url + "".join(k + params[k] for k in sorted(params))
    mac = hmac.new(token.encode(), data.encode(), hashlib.sha1).digest()
    return base64.b64encode(mac).decode()


def test_twilio_signature_computed_independently_verifies_and_tampering_fails() -> None:
    params = json.loads((FIXTURES / "twilio_status_voicemail.json").read_text())
    url = "https://cw.example.com/hooks/1/twilio/status"
    token = "0123456789abcdef0123456789abcdef"
    signature = _twilio_signature(token, url, params)
    assert RequestValidator(token).compute_signature(url, params) == signature
    assert signing.verify_twilio(url, params, signature, ["other-token-xxxx", token]) == 1
    with pytest.raises(WebhookSignatureError, match="does not match"):
        signing.verify_twilio(url, {**params, "AnsweredBy": "human"}, signature, [token])
    with pytest.raises(WebhookSignatureError, match="does not match"):
        signing.verify_twilio(url.replace("https", "http"), params, signature, [token])
    with pytest.raises(WebhookSignatureError, match="missing"):
        signing.verify_twilio(url, params, None, [token])
    assert urlencode(params)  # the fixture is a flat form


def test_aircall_token_compared_by_digest() -> None:
    body = json.loads((FIXTURES / "aircall_call_ended_outbound.json").read_text())
    digests = [signing.token_digest("zzz-other"), signing.token_digest(body["token"])]
    assert signing.verify_token(body["token"], digests) == 1
    with pytest.raises(WebhookSignatureError, match="does not match"):
        signing.verify_token(body["token"] + "x", digests)
    with pytest.raises(WebhookSignatureError, match="no webhook token"):
        signing.verify_token(None, digests)
