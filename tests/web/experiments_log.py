"""Build a small, matured voicemail log through the services, for the Experiments pages' tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from callworthy.services import accounts, prospects, tracking
from callworthy.services.caller import Caller, caller_for

SCRIPT = "Hi Jane, it's Ana at 555-123-4567. A builder I know needs a caterer. 555-123-4567."
#: strategy -> (voicemails, callbacks); every voicemail is 30+ days old, so matured.
PLAN = {"value_tip": (4, 1), "half_message": (4, 3)}


def actor(engine: Engine, email: str, password: str) -> Caller:
    """Return the Caller of an account (as the web pages act)."""
    return caller_for(accounts.authenticate(engine, email, password))


def build_log(engine: Engine, who: Caller, name: str = "Jane Doe", pending: int = 1) -> int:
    """Store a prospect, matured voicemails with callbacks per PLAN and a few pending ones."""
    prospect = prospects.add_prospect(engine, who, name, company="Acme Builders")
    ref = prospect.id
    start = datetime.now(UTC) - timedelta(days=60)
    i = 0
    for strategy, (left, back) in PLAN.items():
        for k in range(left):
            at = start + timedelta(days=i)
            tracking.log_voicemail(engine, who, ref, strategy, SCRIPT, at=at)
            if k < back:
                tracking.log_callback(engine, who, ref, at=at + timedelta(days=2))
            i += 1
    for _ in range(pending):
        at = datetime.now(UTC) - timedelta(days=1)
        tracking.log_voicemail(engine, who, ref, "value_tip", SCRIPT, at=at)
    return prospect.id
