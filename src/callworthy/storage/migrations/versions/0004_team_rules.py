"""Team rules: team_rule (a team's own critique rules as YAML text, unique per team and id).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 21:45:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "team_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.String(length=200), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_team_rule_team_id_team"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_rule")),
        sa.UniqueConstraint("team_id", "rule_id", name=op.f("uq_team_rule_team_id_rule_id")),
    )
    with op.batch_alter_table("team_rule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_rule_team_id"), ["team_id"], unique=False)


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("team_rule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_rule_team_id"))

    op.drop_table("team_rule")
