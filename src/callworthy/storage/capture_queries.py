"""Queries of capture (issue 17): secrets, dialer users, events, recordings, the local queue."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from callworthy.storage.capture_tables import (
    CaptureEvent,
    DialerUser,
    JobBatch,
    LocalJob,
    Recording,
    WebhookSecret,
)
from callworthy.storage.tables import Assignment, Callback, Prospect, Rep, Team, Voicemail


def team_exists(session: Session, team_id: int) -> bool:
    """Return True when a team has this id."""
    return session.get(Team, team_id) is not None


def live_secrets(session: Session, team_id: int, vendor: str, now: datetime) -> list[WebhookSecret]:
    """Return the team's secrets for a vendor that verify now (newest first)."""
    query = select(WebhookSecret).where(
        WebhookSecret.team_id == team_id,
        WebhookSecret.vendor == vendor,
        WebhookSecret.revoked_at.is_(None),
        or_(WebhookSecret.retires_at.is_(None), WebhookSecret.retires_at > now),
    )
    return list(session.scalars(query.order_by(WebhookSecret.id.desc())))


def team_secrets(session: Session, team_id: int) -> list[WebhookSecret]:
    """Return every secret of the team not revoked (the page lists them), newest first."""
    query = select(WebhookSecret).where(
        WebhookSecret.team_id == team_id, WebhookSecret.revoked_at.is_(None)
    )
    return list(session.scalars(query.order_by(WebhookSecret.vendor, WebhookSecret.id.desc())))


def secret_by_id(session: Session, team_id: int, secret_id: int) -> WebhookSecret | None:
    """Return one of the team's secrets (None for another team's)."""
    found = session.get(WebhookSecret, secret_id)
    return found if found is not None and found.team_id == team_id else None


def event_by_key(session: Session, team_id: int, vendor: str, key: str) -> CaptureEvent | None:
    """Return the stored delivery with this vendor key (a retry finds it)."""
    query = select(CaptureEvent).where(
        CaptureEvent.team_id == team_id,
        CaptureEvent.vendor == vendor,
        CaptureEvent.event_key == key,
    )
    return session.scalars(query).first()


def recent_events(session: Session, team_id: int, limit: int = 50) -> list[CaptureEvent]:
    """Return the team's latest deliveries, newest first."""
    query = select(CaptureEvent).where(CaptureEvent.team_id == team_id)
    return list(session.scalars(query.order_by(CaptureEvent.id.desc()).limit(limit)))


def dialer_user(session: Session, team_id: int, vendor: str, external_id: str) -> DialerUser | None:
    """Return the dialer user a vendor names, if seen before."""
    query = select(DialerUser).where(
        DialerUser.team_id == team_id,
        DialerUser.vendor == vendor,
        DialerUser.external_id == external_id,
    )
    return session.scalars(query).first()


def dialer_users(session: Session, team_id: int) -> list[DialerUser]:
    """Return the team's dialer users (unmapped first)."""
    query = select(DialerUser).where(DialerUser.team_id == team_id)
    return list(
        session.scalars(
            query.order_by(DialerUser.rep_id.is_not(None), DialerUser.vendor, DialerUser.id)
        )
    )


def team_reps(session: Session, team_id: int) -> list[Rep]:
    """Return the team's reps by name."""
    return list(session.scalars(select(Rep).where(Rep.team_id == team_id).order_by(Rep.name)))


def voicemail_by_external_id(session: Session, external_id: str) -> Voicemail | None:
    """Return the voicemail a dialer's call was logged as."""
    return session.scalars(select(Voicemail).where(Voicemail.external_id == external_id)).first()


def callback_by_external_id(session: Session, external_id: str) -> Callback | None:
    """Return the callback a dialer's inbound call was logged as."""
    return session.scalars(select(Callback).where(Callback.external_id == external_id)).first()


def recording_for(
    session: Session, team_id: int, vendor: str, external_id: str
) -> Recording | None:
    """Return the recording a dialer reported, if stored."""
    query = select(Recording).where(
        Recording.team_id == team_id,
        Recording.vendor == vendor,
        Recording.external_id == external_id,
    )
    return session.scalars(query).first()


def recording_for_update(session: Session, recording_id: int) -> Recording | None:
    """Return a recording locked for this transaction (PostgreSQL; SQLite's writer is alone)."""
    query = select(Recording).where(Recording.id == recording_id).with_for_update()
    return session.scalars(query).first()


def open_assignment(session: Session, experiment_id: int, prospect_id: int) -> Assignment | None:
    """Return the prospect's latest assignment in an experiment not yet tied to a voicemail."""
    query = select(Assignment).where(
        Assignment.experiment_id == experiment_id,
        Assignment.prospect_id == prospect_id,
        Assignment.voicemail_id.is_(None),
    )
    return session.scalars(query.order_by(Assignment.id.desc())).first()


def claim_local_job(session: Session, now: datetime) -> LocalJob | None:
    """Mark the oldest due job of the in-process queue as being done and return it."""
    query = select(LocalJob).where(LocalJob.status == "todo", LocalJob.run_at <= now)
    job = session.scalars(query.order_by(LocalJob.run_at, LocalJob.id).limit(1)).first()
    if job is not None:
        job.status = "doing"
        job.attempts += 1
        job.updated_at = now
    return job


def reset_doing_local_jobs(session: Session, now: datetime, before: datetime) -> int:
    """Put back in the queue the jobs `doing` since before a time (their server stopped)."""
    stale = (LocalJob.status == "doing") & (LocalJob.updated_at < before)
    result = session.execute(update(LocalJob).where(stale).values(status="todo", updated_at=now))
    return int(getattr(result, "rowcount", 0) or 0)


def local_jobs(
    session: Session, team_id: int, statuses: Sequence[str], limit: int = 100
) -> list[LocalJob]:
    """Return the team's jobs in these states, newest first."""
    query = select(LocalJob).where(LocalJob.team_id == team_id, LocalJob.status.in_(statuses))
    return list(session.scalars(query.order_by(LocalJob.id.desc()).limit(limit)))


def local_job(session: Session, team_id: int, job_id: int) -> LocalJob | None:
    """Return one of the team's local jobs."""
    job = session.get(LocalJob, job_id)
    return job if job is not None and job.team_id == team_id else None


def pending_local_jobs(session: Session) -> int:
    """Return how many jobs wait or run in the in-process queue."""
    query = select(func.count()).select_from(LocalJob).where(LocalJob.status.in_(("todo", "doing")))
    return int(session.scalar(query) or 0)


def batch_for_update(session: Session, batch_id: int) -> JobBatch | None:
    """Return a bulk job's counters, locked for this transaction."""
    return session.scalars(
        select(JobBatch).where(JobBatch.id == batch_id).with_for_update()
    ).first()


def batches(session: Session, team_id: int, limit: int = 20) -> list[JobBatch]:
    """Return the team's bulk jobs, newest first."""
    query = select(JobBatch).where(JobBatch.team_id == team_id)
    return list(session.scalars(query.order_by(JobBatch.id.desc()).limit(limit)))


def recordings_done(session: Session, ids: Sequence[int]) -> list[Recording]:
    """Return recordings by id (tests and the bench count their runs)."""
    return list(session.scalars(select(Recording).where(Recording.id.in_(ids))))


def unscored_voicemails(session: Session, team_id: int) -> list[int]:
    """Return the ids of the team's voicemails with a script and no score (imported history)."""
    query = (
        select(Voicemail.id)
        .join(Prospect, Prospect.id == Voicemail.prospect_id)
        .where(Prospect.team_id == team_id, Voicemail.score.is_(None), Voicemail.script != "")
    )
    return list(session.scalars(query.order_by(Voicemail.id)))
