"""Capture (issue 17): webhook secrets, dialer users, events, recordings, bulk jobs, local queue.

On PostgreSQL this also installs procrastinate's schema (its tables, types and
functions: the job queue the workers share), from the procrastinate package
installed with the `postgres` extra; the version range is pinned in pyproject.toml,
and a procrastinate upgrade that changes its schema comes with a migration that
applies its delta files (docs/capture.md). SQLite runs the same tasks from
`local_job`, in the server's own thread.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 14:45:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""

    op.create_table(
        "local_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("task", sa.String(length=64), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("run_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_local_job")),
    )
    with op.batch_alter_table("local_job", schema=None) as batch_op:
        batch_op.create_index("ix_local_job_status_run_at", ["status", "run_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_local_job_team_id"), ["team_id"], unique=False)

    op.create_table(
        "job_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_job_batch_team_id_team"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_batch")),
    )
    with op.batch_alter_table("job_batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_job_batch_team_id"), ["team_id"], unique=False)

    op.create_table(
        "webhook_secret",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("vendor", sa.String(length=16), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=True),
        sa.Column("sealed", sa.Text(), nullable=True),
        sa.Column("account", sa.String(length=64), nullable=True),
        sa.Column("hint", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["team.id"],
            name=op.f("fk_webhook_secret_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_secret")),
    )
    with op.batch_alter_table("webhook_secret", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_webhook_secret_digest"), ["digest"], unique=False)
        batch_op.create_index(batch_op.f("ix_webhook_secret_team_id"), ["team_id"], unique=False)

    op.create_table(
        "dialer_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("vendor", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("rep_id", sa.Integer(), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["rep_id"], ["rep.id"], name=op.f("fk_dialer_user_rep_id_rep"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_dialer_user_team_id_team"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dialer_user")),
        sa.UniqueConstraint(
            "team_id",
            "vendor",
            "external_id",
            name=op.f("uq_dialer_user_team_id_vendor_external_id"),
        ),
    )
    op.create_table(
        "recording",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("vendor", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=255), nullable=False),
        sa.Column("call_id", sa.String(length=255), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("voicemail_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("transcript", sa.Text(), nullable=False),
        sa.Column("duration_seconds", sa.Float(), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("runs", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_recording_team_id_team"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["voicemail_id"],
            ["voicemail.id"],
            name=op.f("fk_recording_voicemail_id_voicemail"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recording")),
        sa.UniqueConstraint(
            "team_id", "vendor", "external_id", name=op.f("uq_recording_team_id_vendor_external_id")
        ),
    )
    with op.batch_alter_table("recording", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recording_voicemail_id"), ["voicemail_id"], unique=False
        )

    op.create_table(
        "capture_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("vendor", sa.String(length=16), nullable=False),
        sa.Column("event_key", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("prospect_id", sa.Integer(), nullable=True),
        sa.Column("voicemail_id", sa.Integer(), nullable=True),
        sa.Column("callback_id", sa.Integer(), nullable=True),
        sa.Column("dialer_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["callback_id"],
            ["callback.id"],
            name=op.f("fk_capture_event_callback_id_callback"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["dialer_user_id"],
            ["dialer_user.id"],
            name=op.f("fk_capture_event_dialer_user_id_dialer_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["prospect_id"],
            ["prospect.id"],
            name=op.f("fk_capture_event_prospect_id_prospect"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_capture_event_team_id_team"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["voicemail_id"],
            ["voicemail.id"],
            name=op.f("fk_capture_event_voicemail_id_voicemail"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_capture_event")),
        sa.UniqueConstraint(
            "team_id", "vendor", "event_key", name=op.f("uq_capture_event_team_id_vendor_event_key")
        ),
    )
    with op.batch_alter_table("capture_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_capture_event_callback_id"), ["callback_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_capture_event_dialer_user_id"), ["dialer_user_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_capture_event_prospect_id"), ["prospect_id"], unique=False
        )
        batch_op.create_index(
            "ix_capture_event_team_id_status", ["team_id", "status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_capture_event_voicemail_id"), ["voicemail_id"], unique=False
        )

    if op.get_bind().dialect.name == "postgresql":
        _install_procrastinate()


def _install_procrastinate() -> None:
    """Apply procrastinate's schema (one SQL script, as its `schema --apply` does)."""
    from procrastinate.schema import SchemaManager

    # Through the driver, without parameters: the script's own % and :: stay as written.
    cursor = op.get_bind().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    cursor.execute(SchemaManager.get_schema())


def downgrade() -> None:
    """Revert this migration."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "DROP TABLE IF EXISTS procrastinate_events, procrastinate_periodic_defers, "
            "procrastinate_jobs, procrastinate_workers CASCADE"
        )

    with op.batch_alter_table("capture_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_capture_event_voicemail_id"))
        batch_op.drop_index("ix_capture_event_team_id_status")
        batch_op.drop_index(batch_op.f("ix_capture_event_prospect_id"))
        batch_op.drop_index(batch_op.f("ix_capture_event_dialer_user_id"))
        batch_op.drop_index(batch_op.f("ix_capture_event_callback_id"))

    op.drop_table("capture_event")
    with op.batch_alter_table("recording", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recording_voicemail_id"))

    op.drop_table("recording")
    op.drop_table("dialer_user")
    with op.batch_alter_table("webhook_secret", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_webhook_secret_team_id"))
        batch_op.drop_index(batch_op.f("ix_webhook_secret_digest"))

    op.drop_table("webhook_secret")
    with op.batch_alter_table("job_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_batch_team_id"))

    op.drop_table("job_batch")
    with op.batch_alter_table("local_job", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_local_job_team_id"))
        batch_op.drop_index("ix_local_job_status_run_at")

    op.drop_table("local_job")
