"""The PostgreSQL queue: procrastinate, with the tasks of services/jobs.TASKS.

One procrastinate task per Callworthy task, retried with exponential back-off
(jobs.MAX_ATTEMPTS attempts, waits of 2, 4, 8, 16 s); a job that fails them all
stays `failed` in procrastinate_jobs: the dead letters a manager retries or discards.
The web defers with a small synchronous pool; `callworthy worker` runs the jobs
(sync task functions, in procrastinate's worker threads) and puts back in the queue
the jobs of workers whose heartbeats stopped (a machine lost, a kill -9).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

from sqlalchemy import Engine

from callworthy.errors import UnknownRecordError
from callworthy.services.jobs import BACKOFF_BASE, MAX_ATTEMPTS, TASK_NAMES, TASKS, DeadJob

log = logging.getLogger("callworthy.jobs")
PREFIX = "callworthy."


def conninfo(engine: Engine) -> str:
    """Return the libpq URL of the engine's database (what psycopg's pool connects with)."""
    url = engine.url.set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def make_app(engine: Engine, pool_size: int = 2) -> Any:
    """Return a procrastinate App on the engine's database with every task registered."""
    import procrastinate

    connector = procrastinate.PsycopgConnector(
        conninfo=conninfo(engine), min_size=1, max_size=max(2, pool_size)
    )
    app = procrastinate.App(connector=connector)
    retry = procrastinate.RetryStrategy(
        max_attempts=MAX_ATTEMPTS - 1, exponential_wait=int(BACKOFF_BASE)
    )
    for name, fn in TASKS.items():

        def run(_fn: Any = fn, **kwargs: Any) -> None:
            _fn(engine, kwargs)

        app.task(name=PREFIX + name, retry=retry, pass_context=False)(run)
    return app


class PostgresQueue:
    """Defer jobs to procrastinate from a web process (the pool opens on first use)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._app: Any = None
        self._lock = threading.Lock()

    @property
    def app(self) -> Any:
        """Return the opened procrastinate app."""
        with self._lock:
            if self._app is None:
                self._app = make_app(self.engine).open()
            return self._app

    def defer(self, name: str, team_id: int | None, args: dict[str, Any]) -> None:
        """Queue a job (the team id travels with it, for the dead-letter view)."""
        self.app.tasks[PREFIX + name].defer(**args, team_id=team_id)

    def close(self) -> None:
        """Close the pool."""
        with self._lock:
            if self._app is not None:
                self._app.close()
                self._app = None

    def dead_jobs(self, team_id: int) -> tuple[DeadJob, ...]:
        """Return the team's failed jobs."""
        jobs = self.app.job_manager.list_jobs(status="failed")
        found = []
        for job in jobs:
            if job.task_kwargs.get("team_id") != team_id:
                continue
            name = job.task_name.removeprefix(PREFIX)
            reason = _reason(self.engine, job.task_kwargs)
            when = job.scheduled_at or _now()
            found.append(
                DeadJob(job.id, name, TASK_NAMES.get(name, name), job.attempts, reason, when)
            )
        return tuple(sorted(found, key=lambda j: -j.id))

    def resolve(self, team_id: int, job_id: int, *, retry: bool) -> None:
        """Queue a failed job again, or delete it."""
        jobs = self.app.job_manager.list_jobs(id=job_id, status="failed")
        if not jobs or jobs[0].task_kwargs.get("team_id") != team_id:
            raise UnknownRecordError(f"No failed job #{job_id}.", "Reload the page.")
        if retry:
            self.app.job_manager.retry_job_by_id(job_id, _now())
        else:
            from callworthy.storage.queue_queries import delete_failed_job

            delete_failed_job(self.engine, job_id)


def _reason(engine: Engine, kwargs: dict[str, Any]) -> str:
    """Return why a failed job failed, as its row recorded it (procrastinate keeps no error)."""
    from callworthy.storage.capture_tables import Recording
    from callworthy.storage.engine import read_session

    recording_id = kwargs.get("recording_id")
    if not isinstance(recording_id, int):
        return ""
    with read_session(engine) as session:
        row = session.get(Recording, recording_id)
        return row.error if row is not None else ""


def _now() -> Any:
    from callworthy.storage.tables import utc_now

    return utc_now()


def run_worker(
    engine: Engine,
    *,
    concurrency: int = 1,
    name: str | None = None,
    heartbeat: float = 10.0,
    stalled_after: float = 30.0,
    wait: bool = True,
) -> None:
    """Run jobs until stopped; put back the jobs of workers that stopped sending heartbeats."""
    app = make_app(engine, pool_size=concurrency + 2)

    async def recover() -> None:
        while True:
            stalled = await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=stalled_after)
            for job in stalled:
                log.warning("job %s was left by a stopped worker: queued again", job.id)
                await app.job_manager.retry_job(job)
            await asyncio.sleep(max(1.0, stalled_after / 3))

    async def main() -> None:
        async with app.open_async():
            recovery = asyncio.create_task(recover())
            try:
                await app.run_worker_async(
                    concurrency=concurrency,
                    name=name,
                    wait=wait,
                    update_heartbeat_interval=heartbeat,
                    stalled_worker_timeout=stalled_after,
                    fetch_job_polling_interval=1.0,
                )
            finally:
                recovery.cancel()

    asyncio.run(main())
