"""The SQLite queue: retries with back-off, dead letters, jobs of a stopped server recovered."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from callworthy.services import jobs
from callworthy.services.jobs import LocalQueue
from callworthy.storage.capture_tables import LocalJob
from callworthy.storage.engine import make_engine, read_session, run_write
from callworthy.storage.location import sqlite_url
from callworthy.storage.migrate import upgrade
from callworthy.storage.tables import utc_now


@pytest.fixture
def engine(tmp_path: Path) -> Any:
    made = make_engine(sqlite_url(tmp_path / "jobs.sqlite3"))
    upgrade(made)
    yield made
    made.dispose()


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Register a task that fails while its args say so; record each call."""
    seen: list[dict[str, Any]] = []

    def flaky(_engine: Engine, args: dict[str, Any]) -> None:
        seen.append(args)
        if len(seen) <= args["fail_times"]:
            raise RuntimeError(f"failure {len(seen)}")

    monkeypatch.setitem(jobs.TASKS, "flaky", flaky)
    return seen


def job(engine: Engine) -> LocalJob:
    with read_session(engine) as session:
        return session.scalars(select(LocalJob)).one()


def test_a_failing_job_is_retried_then_succeeds(
    engine: Engine, calls: list[dict[str, Any]]
) -> None:
    queue = LocalQueue(engine, backoff=lambda attempts: 0.0)
    queue.defer("flaky", None, {"fail_times": 2})
    assert queue.drain() == 3
    found = job(engine)
    assert (found.status, found.attempts, len(calls)) == ("succeeded", 3, 3)


def test_back_off_waits_and_the_last_failure_is_a_dead_letter(
    engine: Engine, calls: list[dict[str, Any]]
) -> None:
    waiting = LocalQueue(engine)  # the real back-off: the retry is not due at once
    waiting.defer("flaky", None, {"fail_times": 99})
    assert waiting.drain() == 1
    assert job(engine).run_at > utc_now() + timedelta(seconds=1)
    assert jobs.backoff_seconds(1) == 2.0 and jobs.backoff_seconds(4) == 16.0
    run_write(engine, lambda s: setattr(s.get(LocalJob, job(engine).id), "run_at", utc_now()))
    LocalQueue(engine, backoff=lambda attempts: 0.0).drain()
    dead = job(engine)
    assert (dead.status, dead.attempts) == ("failed", jobs.MAX_ATTEMPTS)
    assert dead.last_error == f"RuntimeError: failure {jobs.MAX_ATTEMPTS}"
    assert len(calls) == jobs.MAX_ATTEMPTS


def test_jobs_left_doing_by_a_stopped_server_are_queued_again(
    engine: Engine, calls: list[dict[str, Any]]
) -> None:
    queue = LocalQueue(engine)
    queue.defer("flaky", None, {"fail_times": 0})
    run_write(engine, lambda s: s.execute(LocalJob.__table__.update().values(status="doing")))
    assert queue.recover() == 0  # doing for a moment only: another process may hold it
    old = utc_now() - jobs.LOCAL_STALE - timedelta(seconds=1)
    run_write(engine, lambda s: s.execute(LocalJob.__table__.update().values(updated_at=old)))
    assert queue.recover() == 1
    assert queue.drain() == 1 and job(engine).status == "succeeded"
