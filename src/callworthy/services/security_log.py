"""Security events: one JSON line each on the `callworthy.security` logger.

Log-in failures and refusals, locks and unlocks, password changes and resets, role
changes, deactivations, and API tokens made, used and revoked. Each line names the
event, the time (UTC, ISO 8601), the account (id and e-mail), the client address
where there is one, and who acted. Never a password, a token, a reset link or a
session id: those are secrets, and a log is read by more people than a database.
`callworthy serve` sends these lines to standard error (docs/deploy.md).
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

LOGGER = "callworthy.security"
_log = logging.getLogger(LOGGER)
#: Field names that must never be logged, whatever a caller passes.
_SECRETS = frozenset({"password", "token", "secret", "link", "session", "session_id"})


def event(name: str, **fields: Any) -> None:
    """Log one security event as a JSON line (fields that are secrets are refused)."""
    if not _log.isEnabledFor(logging.INFO):
        return
    leaked = _SECRETS & set(fields)
    if leaked:  # a programming error: fail loudly in tests, never write the secret
        raise ValueError(f"security events never carry {sorted(leaked)}")
    record = {"event": name, "at": datetime.now(UTC).isoformat(timespec="seconds"), **fields}
    _log.info(json.dumps(record, default=str, sort_keys=True))


def send_to_stderr(level: int = logging.INFO) -> None:
    """Write the security events to standard error, one JSON line each (a server's set-up)."""
    if any(getattr(h, "_callworthy", False) for h in _log.handlers):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler._callworthy = True  # type: ignore[attr-defined]
    _log.addHandler(handler)
    _log.setLevel(level)
    _log.propagate = False
