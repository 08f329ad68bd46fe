"""Capture from dialers (issue 17): read and verify the webhooks dialers send; pure, no I/O.

`model.CallEvent` is what Callworthy reads from any dialer's event; `signing` verifies
each vendor's scheme (Twilio's X-Twilio-Signature, Aircall's token, the generic
Stripe-style HMAC); `vendors` turns each vendor's payload into CallEvents.
"""

from callworthy.capture.model import CallEvent, EventKind
from callworthy.capture.signing import sign_generic, verify_generic

__all__ = ["CallEvent", "EventKind", "sign_generic", "verify_generic"]
