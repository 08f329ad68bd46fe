"""The tables of capture (issue 17): webhook secrets, dialer users, events, recordings, jobs.

Defined on the same `Base` as tables.py (which imports this module at its end), so
the migrations are checked against them like every other table.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from callworthy.storage.tables import Base, UtcDateTime, utc_now


class WebhookSecret(Base):
    """A team's secret that authenticates one dialer's webhooks (several live during rotation).

    How it is kept depends on what verifying needs: Aircall's token is compared, so
    only its SHA-256 is stored; Twilio's auth token and the generic HMAC secret are
    keys of an HMAC the server must compute, so they are stored encrypted (Fernet,
    with CALLWORTHY_WEBHOOK_KEYS), never in clear.
    """

    __tablename__ = "webhook_secret"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    vendor: Mapped[str] = mapped_column(String(16))
    """twilio | aircall | generic."""
    label: Mapped[str] = mapped_column(String(200))
    digest: Mapped[str | None] = mapped_column(String(64), index=True)
    """SHA-256 of the secret (Aircall's token: found by it, compared in constant time)."""
    sealed: Mapped[str | None] = mapped_column(Text)
    """The secret encrypted with the server's key (Twilio, generic)."""
    account: Mapped[str | None] = mapped_column(String(64))
    """Twilio's Account SID the secret belongs to (events must name it)."""
    hint: Mapped[str] = mapped_column(String(16), default="")
    """The secret's last four characters, to tell secrets apart on the page."""
    created_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    retires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    """Set when a newer secret replaces it: it still verifies until then (rotation)."""
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class DialerUser(Base):
    """Someone a dialer names as the caller (Aircall user, Twilio number, generic rep id)."""

    __tablename__ = "dialer_user"
    __table_args__ = (UniqueConstraint("team_id", "vendor", "external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    vendor: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200), default="")
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("rep.id", ondelete="SET NULL"))
    """The team account this dialer user is (None until a manager maps it)."""
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class CaptureEvent(Base):
    """One webhook delivery, stored before it is acknowledged; the queue makes it a record.

    (team, vendor, key) is unique: a retried delivery finds its row and adds nothing.
    """

    __tablename__ = "capture_event"
    __table_args__ = (
        UniqueConstraint("team_id", "vendor", "event_key"),
        Index("ix_capture_event_team_id_status", "team_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    vendor: Mapped[str] = mapped_column(String(16))
    event_key: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(32))
    """voicemail_left | inbound_call | recording | other (see capture.model.EventKind)."""
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """The event as Callworthy reads it (capture.model.CallEvent.to_dict())."""
    raw: Mapped[str] = mapped_column(Text, default="")
    """The body as the dialer sent it."""
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    status: Mapped[str] = mapped_column(String(16), default="received")
    """received | done | ignored | flagged | failed."""
    outcome: Mapped[str] = mapped_column(Text, default="")
    """What the event became, in words (or why nothing)."""
    processed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    prospect_id: Mapped[int | None] = mapped_column(
        ForeignKey("prospect.id", ondelete="SET NULL"), index=True
    )
    voicemail_id: Mapped[int | None] = mapped_column(
        ForeignKey("voicemail.id", ondelete="SET NULL"), index=True
    )
    callback_id: Mapped[int | None] = mapped_column(
        ForeignKey("callback.id", ondelete="SET NULL"), index=True
    )
    dialer_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("dialer_user.id", ondelete="SET NULL"), index=True
    )


class Recording(Base):
    """A recorded voicemail a dialer reported: fetched, transcribed, critiqued, attached."""

    __tablename__ = "recording"
    __table_args__ = (UniqueConstraint("team_id", "vendor", "external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    vendor: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(255))
    call_id: Mapped[str] = mapped_column(String(255), default="")
    """The dialer's call the recording belongs to (its voicemail's external id)."""
    url: Mapped[str] = mapped_column(Text)
    voicemail_id: Mapped[int | None] = mapped_column(
        ForeignKey("voicemail.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default="pending")
    """pending | done | failed."""
    transcript: Mapped[str] = mapped_column(Text, default="")
    duration_seconds: Mapped[float | None] = mapped_column(Float)
    score: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    runs: Mapped[int] = mapped_column(Integer, default=0)
    """How many times the work was completed (a test checks it never exceeds one)."""


class JobBatch(Base):
    """A bulk job (critique of imported history): how many items, how many done and failed."""

    __tablename__ = "job_batch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class LocalJob(Base):
    """A job of the in-process queue that runs the tasks on SQLite (PostgreSQL uses procrastinate).

    Kept in the database, so a job survives a restart of the server.
    """

    __tablename__ = "local_job"
    __table_args__ = (Index("ix_local_job_status_run_at", "status", "run_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int | None] = mapped_column(Integer, index=True)
    task: Mapped[str] = mapped_column(String(64))
    args: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="todo")
    """todo | doing | succeeded | failed."""
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    run_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
