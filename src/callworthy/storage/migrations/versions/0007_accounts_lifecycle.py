"""Accounts for their whole life: deactivation, server-side sessions, token expiry, reset links
and the shared log-in throttle.

Existing API tokens get an expiry 90 days from the upgrade (they had none); existing
browser sessions end (they were signed cookies with no row: everyone logs in again).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 10:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TOKENS = sa.table("api_token", sa.column("expires_at", sa.DateTime(timezone=True)))
#: Matches services/tokens.py DEFAULT_DAYS.
EXISTING_TOKEN_DAYS = 90


def _user_id(table: str) -> sa.Column[int]:
    return sa.Column(
        "user_id",
        sa.Integer(),
        sa.ForeignKey(
            "user_account.id", name=op.f(f"fk_{table}_user_id_user_account"), ondelete="CASCADE"
        ),
        nullable=False,
    )


def _when(name: str, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
        batch_op.add_column(_when("deactivated_at", nullable=True))
        batch_op.add_column(_when("password_changed_at", nullable=True))
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.add_column(_when("expires_at", nullable=True))
    expiry = datetime.now(UTC) + timedelta(days=EXISTING_TOKEN_DAYS)
    if op.get_bind().dialect.name == "sqlite":  # stored as naive UTC text there
        expiry = expiry.replace(tzinfo=None)
    op.execute(TOKENS.update().values(expires_at=expiry))

    op.create_table(
        "web_session",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        _user_id("web_session"),
        _when("created_at"),
        _when("last_seen_at"),
        _when("expires_at"),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_web_session")),
    )
    with op.batch_alter_table("web_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_web_session_user_id"), ["user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_web_session_expires_at"), ["expires_at"])

    op.create_table(
        "reset_link",
        sa.Column("id", sa.Integer(), nullable=False),
        _user_id("reset_link"),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        _when("created_at"),
        _when("expires_at"),
        _when("used_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reset_link")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_reset_link_token_hash")),
    )
    with op.batch_alter_table("reset_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reset_link_user_id"), ["user_id"], unique=False)

    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        _when("window_started"),
        sa.Column("locks", sa.Integer(), nullable=False),
        _when("locked_until", nullable=True),
        _when("forget_at"),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttle")),
    )
    with op.batch_alter_table("login_throttle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_login_throttle_forget_at"), ["forget_at"])


def downgrade() -> None:
    """Revert this migration."""
    for table, indexes in (
        ("login_throttle", ["ix_login_throttle_forget_at"]),
        ("reset_link", ["ix_reset_link_user_id"]),
        ("web_session", ["ix_web_session_expires_at", "ix_web_session_user_id"]),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for index in indexes:
                batch_op.drop_index(batch_op.f(index))
        op.drop_table(table)
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.drop_column("expires_at")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("password_changed_at")
        batch_op.drop_column("deactivated_at")
        batch_op.drop_column("active")
