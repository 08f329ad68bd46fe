"""Each team's webhook secrets: made or saved, shown once, rotated with overlap, revoked.

How a secret is kept depends on what verifying it needs:

- Aircall sends its token in the body; comparing needs only its SHA-256, so only
  that is stored;
- Twilio's auth token and the generic secret are HMAC keys: the server must hold the
  secret itself to compute the MAC, so a hash is useless. They are stored encrypted
  with Fernet (AES-128-CBC + HMAC-SHA256, `cryptography`) under the server's webhook
  key (CALLWORTHY_WEBHOOK_KEYS, several keys for key rotation; without it, a key
  derived from CALLWORTHY_SECRET_KEY), so a copy of the database alone reveals none.

Rotating adds a new secret and gives the old ones of that dialer a retirement time:
both verify until then, so the sender can switch without a refused delivery.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.capture.signing import token_digest
from callworthy.errors import UnknownRecordError, WebhookSecretError
from callworthy.services.caller import Caller
from callworthy.services.values import Timestamp, _Dumpable
from callworthy.storage import capture_queries as cq
from callworthy.storage.capture_tables import WebhookSecret
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import utc_now

VENDORS = ("generic", "twilio", "aircall")
VENDOR_NAMES = {"generic": "Generic JSON", "twilio": "Twilio", "aircall": "Aircall"}
#: Hours an old secret keeps verifying after a rotation unless the manager chooses.
DEFAULT_OVERLAP_HOURS = 24
MAX_OVERLAP_HOURS = 24 * 30


class Sealer:
    """Encrypt and decrypt the secrets a server must hold (MultiFernet: the first key seals)."""

    def __init__(self, keys: Sequence[str]) -> None:
        try:
            self._fernet = MultiFernet([Fernet(k.encode()) for k in keys])
        except (ValueError, TypeError) as exc:
            raise WebhookSecretError(
                "The webhook key is not a Fernet key (32 url-safe base64 bytes).",
                "Make one with Fernet.generate_key() and set it in the server's settings.",
            ) from exc

    @classmethod
    def derived(cls, secret_key: str) -> Sealer:
        """Return a sealer whose key is derived from the server's secret key."""
        digest = hashlib.sha256(b"callworthy-webhook-secrets:" + secret_key.encode()).digest()
        return cls([base64.urlsafe_b64encode(digest).decode()])

    def seal(self, secret: str) -> str:
        """Return the secret encrypted."""
        return self._fernet.encrypt(secret.encode()).decode()

    def open(self, sealed: str) -> str | None:
        """Return the secret, or None when no key of this server opens it."""
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken:
            return None


def sealer_from_environment() -> Sealer | None:
    """Return the sealer CALLWORTHY_WEBHOOK_KEYS (or CALLWORTHY_SECRET_KEY) gives, if set."""
    listed = os.environ.get("CALLWORTHY_WEBHOOK_KEYS", "").split(",")
    keys = [k.strip() for k in listed if k.strip()]
    if keys:
        return Sealer(keys)
    secret_key = os.environ.get("CALLWORTHY_SECRET_KEY")
    return Sealer.derived(secret_key) if secret_key else None


@dataclass(frozen=True, slots=True)
class SecretInfo(_Dumpable):
    """A webhook secret as the page lists it: never the secret itself."""

    id: int
    vendor: str
    label: str
    hint: str
    account: str | None
    created_by: str
    created_at: Timestamp
    retires_at: Timestamp | None

    @property
    def vendor_name(self) -> str:
        """Return the dialer's name in words."""
        return VENDOR_NAMES.get(self.vendor, self.vendor)


@dataclass(frozen=True, slots=True)
class NewSecret(_Dumpable):
    """A secret just made: shown once (generic), or saved (Twilio, Aircall: shown never)."""

    info: SecretInfo
    secret: str | None


def _info(row: WebhookSecret) -> SecretInfo:
    return SecretInfo(
        row.id,
        row.vendor,
        row.label,
        row.hint,
        row.account,
        row.created_by,
        row.created_at,
        row.retires_at,
    )


def _check(vendor: str, value: str | None, account: str | None) -> None:
    if vendor not in VENDORS:
        raise WebhookSecretError(
            f"Unknown dialer {vendor!r}.", "Choose Generic, Twilio or Aircall."
        )
    if vendor != "generic" and len((value or "").strip()) < 8:
        raise WebhookSecretError(
            f"Paste the {VENDOR_NAMES[vendor]} token (at least 8 characters).",
            "Copy it from the dialer's settings.",
            field="token",
        )
    if vendor == "twilio" and not (account or "").strip().startswith("AC"):
        raise WebhookSecretError(
            "A Twilio auth token needs its Account SID (it starts with AC).",
            "Copy it from the Twilio console beside the auth token.",
            field="account",
        )


def add_secret(
    engine: Engine,
    caller: Caller,
    sealer: Sealer,
    vendor: str,
    *,
    label: str = "",
    token: str | None = None,
    account: str | None = None,
    overlap_hours: float | None = None,
) -> NewSecret:
    """Make (generic) or save (Twilio, Aircall) a team secret; older ones of the dialer retire.

    With overlap_hours None the older secrets stay live (a first or an extra secret);
    with a number they verify for that long, then stop (a rotation).
    """
    caller.require_manager("manage webhook secrets")
    _check(vendor, token, account)
    if overlap_hours is not None and not 0 <= overlap_hours <= MAX_OVERLAP_HOURS:
        raise WebhookSecretError(
            f"The overlap must be between 0 and {MAX_OVERLAP_HOURS} hours.",
            "Choose how long the old secret keeps working.",
            field="overlap_hours",
        )
    value = secrets.token_urlsafe(32) if vendor == "generic" else (token or "").strip()
    now = utc_now()

    def work(session: Session) -> SecretInfo:
        if overlap_hours is not None:
            retire = now + timedelta(hours=overlap_hours)
            for old in cq.live_secrets(session, caller.team_id, vendor, now):
                old.retires_at = min(old.retires_at or retire, retire)
        row = WebhookSecret(
            team_id=caller.team_id,
            vendor=vendor,
            label=(label or "").strip()[:200] or VENDOR_NAMES[vendor],
            digest=token_digest(value) if vendor == "aircall" else None,
            sealed=None if vendor == "aircall" else sealer.seal(value),
            account=(account or "").strip() or None if vendor == "twilio" else None,
            hint=value[-4:],
            created_by=caller.rep,
            created_at=now,
        )
        session.add(row)
        session.flush()
        return _info(row)

    info = run_write(engine, work)
    return NewSecret(info, value if vendor == "generic" else None)


def list_secrets(engine: Engine, caller: Caller) -> tuple[SecretInfo, ...]:
    """Return the team's secrets not revoked (retired ones too, until revoked)."""
    caller.require_manager("see webhook secrets")
    with read_session(engine) as session:
        return tuple(_info(r) for r in cq.team_secrets(session, caller.team_id))


def _change(engine: Engine, caller: Caller, secret_id: int, revoke: bool) -> SecretInfo:
    caller.require_manager("manage webhook secrets")
    now = utc_now()

    def work(session: Session) -> SecretInfo:
        row = cq.secret_by_id(session, caller.team_id, secret_id)
        if row is None or row.revoked_at is not None:
            raise UnknownRecordError(f"No webhook secret #{secret_id}.", "Reload the page.")
        if revoke:
            row.revoked_at = now
        else:
            row.retires_at = now
        return _info(row)

    return run_write(engine, work)


def retire_now(engine: Engine, caller: Caller, secret_id: int) -> SecretInfo:
    """Stop a secret verifying at once (the end of a rotation's overlap)."""
    return _change(engine, caller, secret_id, revoke=False)


def revoke(engine: Engine, caller: Caller, secret_id: int) -> SecretInfo:
    """Revoke a secret: it verifies nothing and leaves the list."""
    return _change(engine, caller, secret_id, revoke=True)


@dataclass(frozen=True, slots=True)
class LiveKey:
    """A secret that verifies now, as the webhook needs it."""

    id: int
    value: str
    """The secret itself (generic, Twilio) or its SHA-256 (Aircall)."""
    account: str | None


def live_keys(
    engine: Engine, team_id: int, vendor: str, sealer: Sealer, now: datetime | None = None
) -> list[LiveKey]:
    """Return the team's secrets for a dialer that verify now (unreadable ones left out)."""
    with read_session(engine) as session:
        rows = cq.live_secrets(session, team_id, vendor, now or utc_now())
        found = [(r.id, r.digest if vendor == "aircall" else r.sealed, r.account) for r in rows]
    keys = []
    for secret_id, stored, account in found:
        value = stored if vendor == "aircall" else sealer.open(stored or "")
        if value:
            keys.append(LiveKey(secret_id, value, account))
    return keys
