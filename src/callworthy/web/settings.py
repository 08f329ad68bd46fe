"""The web app's settings: one pydantic-settings class, read from CALLWORTHY_* variables."""

from __future__ import annotations

import secrets
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from callworthy.services.database import resolve_database_url
from callworthy.services.login import LoginPolicy
from callworthy.services.webhook_secrets import Sealer


class Settings(BaseSettings):
    """Everything the app needs to start; each field is CALLWORTHY_<NAME> in the environment."""

    model_config = SettingsConfigDict(env_prefix="CALLWORTHY_", extra="ignore")

    database_url: str | None = None
    """A URL or SQLite file; resolved like the CLI's --db (default: the data-folder file)."""
    secret_key: SecretStr | None = None
    """Signs the session cookies; without one a random key is made and sessions end on restart."""
    secure_cookies: bool = False
    """Send the session cookie only over HTTPS (turn on behind TLS)."""
    session_max_age: int = Field(default=14 * 24 * 3600, ge=60)
    """Seconds a log-in lasts."""
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    """Largest request body accepted; larger ones get 413 before they are read whole."""
    max_import_bytes: int = Field(default=5 * 1024 * 1024, ge=1024)
    """Largest CRM export accepted by the import page and POST /api/v1/imports."""
    login_attempts: int = Field(default=5, ge=1)
    """Failed log-ins for one account before it is locked (login_lock_seconds, then doubling)."""
    login_address_attempts: int = Field(default=20, ge=1)
    """Failed log-ins from one client address within login_window seconds."""
    login_window: int = Field(default=15 * 60, ge=1)
    login_lock_seconds: int = Field(default=60, ge=1)
    """An account's first lock; each further lock doubles, up to login_max_lock_seconds."""
    login_max_lock_seconds: int = Field(default=24 * 3600, ge=1)
    password_checks: int = Field(default=2, ge=1, le=16)
    """Argon2 checks at once per worker (64 MiB each); further log-ins wait their turn."""
    password_queue: int = Field(default=32, ge=1)
    """Log-ins allowed to wait for a check per worker; more are answered 503 at once."""
    token_days: int = Field(default=90, ge=1)
    """Days a new API token lasts unless its maker chooses (at most token_max_days)."""
    token_max_days: int = Field(default=365, ge=1)
    reset_link_hours: int = Field(default=24, ge=1, le=24 * 14)
    """Hours a password-reset link works (once)."""
    forwarded_allow_ips: str | None = None
    """The proxies whose X-Forwarded-For/-Proto are trusted (comma-separated addresses,
    or "*"); `callworthy serve` hands it to uvicorn. Unset: the headers are ignored."""
    audio_compute_type: Literal["int8", "float32"] = "int8"
    """The speech model's arithmetic for uploaded recordings: int8 is faster, float32 exact."""
    public_url: str | None = None
    """The address dialers call, as they see it (https://callworthy.example.com), when a
    proxy stands in front: Twilio signs the URL it requested, so it is checked against
    this one. Unset: the address of the request as the server received it."""
    webhook_keys: SecretStr | None = None
    """Fernet keys (comma-separated; the first encrypts) that keep the Twilio and generic
    webhook secrets encrypted in the database. Unset: one derived from secret_key."""
    run_jobs: bool = True
    """On SQLite, run queued jobs (recordings, dialer events) in a thread of this server.
    On PostgreSQL jobs are run by `callworthy worker` processes instead."""

    def login_policy(self) -> LoginPolicy:
        """Return the log-in limits these settings ask for."""
        return LoginPolicy(
            account_attempts=self.login_attempts,
            address_attempts=self.login_address_attempts,
            window=self.login_window,
            lock_seconds=self.login_lock_seconds,
            max_lock_seconds=max(self.login_lock_seconds, self.login_max_lock_seconds),
        )

    def resolved_database_url(self) -> str:
        """Return the database URL the way the CLI resolves --db."""
        return resolve_database_url(self.database_url)

    def sealer(self) -> Sealer:
        """Return what encrypts and decrypts the stored webhook secrets."""
        if self.webhook_keys is not None:
            keys = [k.strip() for k in self.webhook_keys.get_secret_value().split(",") if k.strip()]
            return Sealer(keys)
        return Sealer.derived(self.signing_key())

    def signing_key(self) -> str:
        """Return the session key (a fresh random one when none is configured)."""
        if self.secret_key is None:
            self.secret_key = SecretStr(secrets.token_urlsafe(32))
        return self.secret_key.get_secret_value()
