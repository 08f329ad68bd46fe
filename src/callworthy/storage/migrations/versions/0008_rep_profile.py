"""Rep profile: rep_profile (the name, phone, company and region a rep's messages are signed with).

One row per rep, deleted with the rep. Nothing existing changes: a rep without a row
is shown the defaults (their own name, no phone, region US) until they save one.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 10:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "rep_profile",
        sa.Column("rep_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("company", sa.String(length=200), nullable=True),
        sa.Column("region", sa.String(length=2), server_default="US", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["rep_id"], ["rep.id"], name=op.f("fk_rep_profile_rep_id_rep"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("rep_id", name=op.f("pk_rep_profile")),
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("rep_profile")
