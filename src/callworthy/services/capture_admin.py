"""What managers see and do about capture: events, dialer users, dead letters, bulk jobs."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.errors import UnknownRecordError
from callworthy.services import jobs
from callworthy.services.caller import Caller
from callworthy.services.capture_tasks import new_batch
from callworthy.services.jobs import DeadJob, LocalQueue, Queue
from callworthy.services.values import Timestamp, _Dumpable
from callworthy.storage import capture_queries as cq
from callworthy.storage.capture_tables import JobBatch
from callworthy.storage.engine import read_session, run_write

STATUS_WORDS = {
    "received": "waiting",
    "done": "recorded",
    "ignored": "nothing to record",
    "flagged": "flagged",
    "failed": "failed",
}


@dataclass(frozen=True, slots=True)
class EventInfo(_Dumpable):
    """A dialer delivery as the events list shows it."""

    id: int
    vendor: str
    kind: str
    status: str
    outcome: str
    received_at: Timestamp
    prospect_id: int | None
    voicemail_id: int | None
    callback_id: int | None

    @property
    def status_words(self) -> str:
        """Return the status in words."""
        return STATUS_WORDS.get(self.status, self.status)


@dataclass(frozen=True, slots=True)
class DialerUserInfo(_Dumpable):
    """Someone a dialer names as the caller, and the team account they are."""

    id: int
    vendor: str
    external_id: str
    name: str
    rep_id: int | None
    rep: str | None
    last_seen_at: Timestamp


@dataclass(frozen=True, slots=True)
class BatchInfo(_Dumpable):
    """A bulk job's progress."""

    id: int
    kind: str
    total: int
    done: int
    failed: int
    created_at: Timestamp
    finished_at: Timestamp | None

    @property
    def percent(self) -> int:
        """Return how much is finished, in percent."""
        return 100 if not self.total else int(100 * (self.done + self.failed) / self.total)


def recent_events(engine: Engine, caller: Caller, limit: int = 50) -> tuple[EventInfo, ...]:
    """Return the team's latest dialer deliveries and what each became."""
    caller.require_manager("see dialer events")
    with read_session(engine) as session:
        return tuple(
            EventInfo(
                e.id,
                e.vendor,
                e.kind,
                e.status,
                e.outcome,
                e.received_at,
                e.prospect_id,
                e.voicemail_id,
                e.callback_id,
            )
            for e in cq.recent_events(session, caller.team_id, limit)
        )


def dialer_users(
    engine: Engine, caller: Caller
) -> tuple[tuple[DialerUserInfo, ...], dict[int, str]]:
    """Return the team's dialer users and the team's reps (id -> name) they may be mapped to."""
    caller.require_manager("map dialer users")
    with read_session(engine) as session:
        reps = {r.id: r.name for r in cq.team_reps(session, caller.team_id)}
        users = tuple(
            DialerUserInfo(
                u.id,
                u.vendor,
                u.external_id,
                u.name,
                u.rep_id,
                reps.get(u.rep_id) if u.rep_id else None,
                u.last_seen_at,
            )
            for u in cq.dialer_users(session, caller.team_id)
        )
    return users, reps


def map_dialer_user(engine: Engine, caller: Caller, user_id: int, rep_id: int | None) -> None:
    """Say which team account a dialer user is (None: nobody yet)."""
    caller.require_manager("map dialer users")

    def work(session: Session) -> None:
        found = [u for u in cq.dialer_users(session, caller.team_id) if u.id == user_id]
        if not found:
            raise UnknownRecordError(f"No dialer user #{user_id}.", "Reload the page.")
        if rep_id is not None and rep_id not in {
            r.id for r in cq.team_reps(session, caller.team_id)
        }:
            raise UnknownRecordError(f"No team member #{rep_id}.", "Choose one from the list.")
        found[0].rep_id = rep_id

    run_write(engine, work)


def dead_jobs(engine: Engine, caller: Caller, queue: Queue) -> tuple[DeadJob, ...]:
    """Return the team's jobs that failed every attempt."""
    caller.require_manager("see failed jobs")
    if isinstance(queue, LocalQueue):
        return jobs.local_dead_jobs(engine, caller)
    return queue.dead_jobs(caller.team_id)  # type: ignore[attr-defined, no-any-return]


def resolve_dead_job(
    engine: Engine, caller: Caller, queue: Queue, job_id: int, *, retry: bool
) -> None:
    """Retry a failed job, or discard it."""
    caller.require_manager("retry or discard failed jobs")
    if isinstance(queue, LocalQueue):
        jobs.local_resolve(engine, caller, job_id, retry=retry)
    else:
        queue.resolve(caller.team_id, job_id, retry=retry)  # type: ignore[attr-defined]


def _batch_info(b: JobBatch) -> BatchInfo:
    return BatchInfo(b.id, b.kind, b.total, b.done, b.failed, b.created_at, b.finished_at)


def critique_history(engine: Engine, caller: Caller, queue: Queue) -> BatchInfo:
    """Queue a critique of every voicemail of the team that has a script and no score."""
    caller.require_manager("critique the team's history")
    local = queue if isinstance(queue, LocalQueue) else None

    def work(session: Session) -> tuple[BatchInfo, list[int]]:
        ids = cq.unscored_voicemails(session, caller.team_id)
        batch = new_batch(session, caller.team_id, "critique_history", len(ids), caller.rep)
        if local is not None:
            for vid in ids:
                local.add(
                    session,
                    "critique_voicemail",
                    caller.team_id,
                    {"voicemail_id": vid, "batch_id": batch.id},
                )
        return _batch_info(batch), ids

    info, ids = run_write(engine, work)
    if local is None:
        for vid in ids:
            queue.defer(
                "critique_voicemail", caller.team_id, {"voicemail_id": vid, "batch_id": info.id}
            )
    return info


def batches(engine: Engine, caller: Caller) -> tuple[BatchInfo, ...]:
    """Return the team's bulk jobs with their progress, newest first."""
    caller.require_manager("see bulk jobs")
    with read_session(engine) as session:
        return tuple(_batch_info(b) for b in cq.batches(session, caller.team_id))


def batch(engine: Engine, caller: Caller, batch_id: int) -> BatchInfo:
    """Return one bulk job's progress."""
    for found in batches(engine, caller):
        if found.id == batch_id:
            return found
    raise UnknownRecordError(f"No bulk job #{batch_id}.", "Reload the page.")
