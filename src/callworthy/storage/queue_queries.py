"""Queries on procrastinate's job table (PostgreSQL) that its manager does not offer."""

from __future__ import annotations

from sqlalchemy import Engine, text

from callworthy.storage.engine import write_connection


def delete_failed_job(engine: Engine, job_id: int) -> None:
    """Delete a failed job (a manager discarded the dead letter)."""
    with write_connection(engine) as conn:
        conn.execute(
            text("DELETE FROM procrastinate_jobs WHERE id = :id AND status = 'failed'"),
            {"id": job_id},
        )
