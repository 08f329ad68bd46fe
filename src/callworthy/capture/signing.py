"""Verify webhook deliveries as each vendor documents; compare in constant time.

- generic: `Callworthy-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` over
  `f"{t}.{body}"` with the team's secret, in Stripe's style; several v1 values may
  be sent (the sender signs with each secret while it rotates) and any one that
  matches any live secret verifies; t must be within the replay window;
- Twilio: X-Twilio-Signature, checked by the `twilio` package's RequestValidator
  against the URL Twilio requested (https://www.twilio.com/docs/usage/webhooks/webhooks-security);
- Aircall: no signature; every body carries the webhook's `token`, compared with the
  stored one (https://developer.aircall.io/docs/webhooks-overview, "Securing webhooks").
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence

from callworthy.errors import WebhookSignatureError

#: Seconds a generic signature stays valid either side of its timestamp (replays are refused).
REPLAY_WINDOW = 300
GENERIC_HEADER = "Callworthy-Signature"
FIX = "Sign the body with a live secret of this team, as the webhook set-up describes."


def _generic_mac(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sign_generic(secrets: str | Sequence[str], timestamp: int, body: bytes) -> str:
    """Return the Callworthy-Signature header value for a body (one v1 per secret)."""
    keys = [secrets] if isinstance(secrets, str) else list(secrets)
    return ",".join([f"t={timestamp}", *(f"v1={_generic_mac(k, timestamp, body)}" for k in keys)])


def _parse_header(header: str) -> tuple[int, list[str]]:
    timestamp: int | None = None
    macs: list[str] = []
    for item in header.split(","):
        key, _, value = item.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1" and value:
            macs.append(value.lower())
    if timestamp is None or not macs:
        raise WebhookSignatureError(
            f"The {GENERIC_HEADER} header must read t=<unix seconds>,v1=<hex HMAC-SHA256>.", FIX
        )
    return timestamp, macs


def verify_generic(
    header: str | None,
    body: bytes,
    secrets: Sequence[str],
    now: float,
    window: int = REPLAY_WINDOW,
) -> int:
    """Return the index of the secret that signed the body; refuse a bad, old or replayed one."""
    if not header:
        raise WebhookSignatureError(f"The {GENERIC_HEADER} header is missing.", FIX)
    timestamp, macs = _parse_header(header)
    if abs(now - timestamp) > window:
        raise WebhookSignatureError(
            f"The signature's time is {int(abs(now - timestamp))} seconds away from the "
            f"server's (at most {window} are accepted).",
            "Sign each delivery when it is sent, with the sender's clock set right.",
        )
    for index, secret in enumerate(secrets):
        expected = _generic_mac(secret, timestamp, body)
        if any(hmac.compare_digest(expected, mac) for mac in macs):
            return index
    raise WebhookSignatureError("The signature does not match this team's secrets.", FIX)


def verify_twilio(
    url: str, params: Mapping[str, str], signature: str | None, tokens: Sequence[str]
) -> int:
    """Return the index of the auth token that signed a Twilio request (RequestValidator)."""
    from twilio.request_validator import RequestValidator  # its import pulls in requests

    if not signature:
        raise WebhookSignatureError("The X-Twilio-Signature header is missing.", TWILIO_FIX)
    for index, token in enumerate(tokens):
        if RequestValidator(token).validate(url, dict(params), signature):
            return index
    raise WebhookSignatureError(
        "The X-Twilio-Signature does not match this team's Twilio auth tokens.", TWILIO_FIX
    )


TWILIO_FIX = (
    "Check the auth token saved for Twilio, and that the server's public address is the "
    "one Twilio calls (behind a proxy, set it in the server's settings)."
)


def token_digest(token: str) -> str:
    """Return the SHA-256 (hex) by which a token is stored and compared."""
    return hashlib.sha256(token.encode()).hexdigest()


def verify_token(token: object, digests: Sequence[str]) -> int:
    """Return the index of the stored digest that an Aircall body's token matches."""
    if not isinstance(token, str) or not token:
        raise WebhookSignatureError(
            "The body has no webhook token.", "Send Aircall's webhook events unchanged."
        )
    digest = token_digest(token)
    for index, stored in enumerate(digests):
        if hmac.compare_digest(digest, stored):
            return index
    raise WebhookSignatureError(
        "The webhook token does not match this team's Aircall tokens.",
        "Save the token Aircall shows for this webhook on the webhook secrets page.",
    )
