"""Team rules version: team.rules_version, bumped with every change to a team's rules.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 10:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration: a team with rules already stored starts at version 1."""
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("rules_version", sa.Integer(), server_default="0", nullable=False)
        )
    op.execute(
        "UPDATE team SET rules_version = 1 WHERE id IN (SELECT DISTINCT team_id FROM team_rule)"
    )


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_column("rules_version")
