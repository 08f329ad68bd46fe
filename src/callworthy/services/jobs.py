"""The job queue: the same task functions on PostgreSQL (procrastinate) and SQLite (a thread).

A task is a function `(engine, args) -> None` registered by name in TASKS. It must be
idempotent: a job may run again after a worker dies mid-way (its row is locked and
checked before anything is written, so the result is stored once).

- PostgreSQL: procrastinate (docs/capture.md says why): jobs live in its tables, any
  number of `callworthy worker` processes on any machines share them (a job is taken
  with FOR UPDATE SKIP LOCKED), retried with exponential back-off, and a job whose
  worker stopped sending heartbeats is put back in the queue.
- SQLite: one writer at a time, so the server runs the jobs itself: `LocalQueue` keeps
  them in `local_job` and a background thread runs them, with the same back-off and
  the same dead letters (failed jobs a manager retries or discards).
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.errors import UnknownRecordError
from callworthy.services.caller import Caller
from callworthy.services.values import Timestamp, _Dumpable
from callworthy.storage import capture_queries as cq
from callworthy.storage.capture_tables import LocalJob
from callworthy.storage.engine import is_sqlite, read_session, run_write
from callworthy.storage.tables import utc_now

log = logging.getLogger("callworthy.jobs")

Task = Callable[[Engine, dict[str, Any]], None]
TASKS: dict[str, Task] = {}
#: A local job `doing` for longer is taken to be lost with its server process and queued
#: again (several server processes on one SQLite file each run a queue thread).
LOCAL_STALE = timedelta(minutes=5)
#: Attempts before a job becomes a dead letter; waits between them grow 2, 4, 8, 16 s
#: (procrastinate's exponential back-off, the same on both queues).
MAX_ATTEMPTS = 5
BACKOFF_BASE = 2.0
TASK_NAMES = {
    "process_event": "Record a dialer event",
    "process_recording": "Fetch, transcribe and critique a recording",
    "critique_voicemail": "Critique an imported voicemail",
}


def task(name: str) -> Callable[[Task], Task]:
    """Register a task function under a name."""

    def register(fn: Task) -> Task:
        TASKS[name] = fn
        return fn

    return register


def backoff_seconds(attempts: int) -> float:
    """Return the wait before the next attempt, after `attempts` failed ones (1, 2, ...)."""
    return float(BACKOFF_BASE**attempts)


class Queue(Protocol):
    """Where jobs are deferred."""

    def defer(self, name: str, team_id: int | None, args: dict[str, Any]) -> None:
        """Queue a job."""

    def close(self) -> None:
        """Let go of what the queue holds (threads, connections)."""


class LocalQueue:
    """The in-process queue of a SQLite server: jobs in `local_job`, run by one thread."""

    def __init__(self, engine: Engine, *, backoff: Callable[[int], float] = backoff_seconds):
        self.engine = engine
        self.backoff = backoff
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, session: Session, name: str, team_id: int | None, args: dict[str, Any]) -> None:
        """Queue a job in the caller's transaction (it exists exactly when the data does)."""
        session.add(LocalJob(team_id=team_id, task=name, args=args, run_at=utc_now()))
        self._wake.set()

    def defer(self, name: str, team_id: int | None, args: dict[str, Any]) -> None:
        """Queue a job in its own transaction."""
        run_write(self.engine, lambda s: self.add(s, name, team_id, args))

    def run_one(self) -> bool:
        """Run the oldest due job; return False when none is due."""
        job = run_write(self.engine, lambda s: _claimed(cq.claim_local_job(s, utc_now())))
        if job is None:
            return False
        job_id, name, args, attempts = job
        try:
            TASKS[name](self.engine, args)
        except Exception as exc:
            log.warning("job %s (%s) failed: %s", job_id, name, exc)
            self._finish(job_id, attempts, f"{type(exc).__name__}: {exc}")
        else:
            self._finish(job_id, attempts, None)
        return True

    def _finish(self, job_id: int, attempts: int, error: str | None) -> None:
        def work(session: Session) -> None:
            row = session.get(LocalJob, job_id)
            if row is None:
                return
            now = utc_now()
            row.updated_at = now
            if error is None:
                row.status = "succeeded"
                return
            row.last_error = error[:2000]
            if attempts >= MAX_ATTEMPTS:
                row.status = "failed"
            else:
                row.status = "todo"
                row.run_at = now + timedelta(seconds=self.backoff(attempts))

        run_write(self.engine, work)

    def drain(self) -> int:
        """Run every due job now (tests, the CLI on SQLite); return how many ran."""
        count = 0
        while self.run_one():
            count += 1
        return count

    def recover(self) -> int:
        """Queue again the jobs left `doing` by a server process that stopped; return how many."""
        now = utc_now()
        return run_write(
            self.engine, lambda s: cq.reset_doing_local_jobs(s, now, now - LOCAL_STALE)
        )

    def start(self) -> None:
        """Start the worker thread (jobs left `doing` by a stopped server are queued again)."""
        if self._thread is not None:
            return
        self.recover()
        self._thread = threading.Thread(target=self._loop, name="callworthy-jobs", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread after its current job."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def close(self) -> None:
        """Stop the thread (the Queue interface's close)."""
        self.stop()

    def _loop(self) -> None:
        checked = time.monotonic()
        while not self._stop.is_set():
            try:
                if time.monotonic() - checked > LOCAL_STALE.total_seconds() / 5:
                    self.recover()
                    checked = time.monotonic()
                ran = self.run_one()
            except Exception:
                log.exception("the job queue could not run a job")
                ran = False
            if not ran:
                self._wake.wait(timeout=1.0)
                self._wake.clear()


def _claimed(job: LocalJob | None) -> tuple[int, str, dict[str, Any], int] | None:
    return None if job is None else (job.id, job.task, dict(job.args), job.attempts)


_QUEUES: weakref.WeakKeyDictionary[Engine, Queue] = weakref.WeakKeyDictionary()
_QUEUES_LOCK = threading.Lock()


def queue_for(engine: Engine) -> Queue:
    """Return the queue of this database (one per engine): local on SQLite, else procrastinate."""
    with _QUEUES_LOCK:
        queue = _QUEUES.get(engine)
        if queue is None:
            if is_sqlite(engine):
                queue = LocalQueue(engine)
            else:
                from callworthy.services.pg_queue import PostgresQueue

                queue = PostgresQueue(engine)
            _QUEUES[engine] = queue
        return queue


@dataclass(frozen=True, slots=True)
class DeadJob(_Dumpable):
    """A job that failed every attempt, waiting for a manager to retry or discard it."""

    id: int
    task: str
    what: str
    attempts: int
    error: str
    at: Timestamp


def local_dead_jobs(engine: Engine, caller: Caller) -> tuple[DeadJob, ...]:
    """Return the team's failed jobs of the in-process queue."""
    caller.require_manager("see failed jobs")
    with read_session(engine) as session:
        rows = cq.local_jobs(session, caller.team_id, ("failed",))
        return tuple(
            DeadJob(
                r.id, r.task, TASK_NAMES.get(r.task, r.task), r.attempts, r.last_error, r.updated_at
            )
            for r in rows
        )


def local_resolve(engine: Engine, caller: Caller, job_id: int, *, retry: bool) -> None:
    """Queue a failed local job again (retry) or delete it (discard)."""
    caller.require_manager("retry or discard failed jobs")

    def work(session: Session) -> None:
        row = cq.local_job(session, caller.team_id, job_id)
        if row is None or row.status != "failed":
            raise UnknownRecordError(f"No failed job #{job_id}.", "Reload the page.")
        if retry:
            row.status, row.attempts, row.run_at = "todo", 0, utc_now()
        else:
            session.delete(row)

    run_write(engine, work)
