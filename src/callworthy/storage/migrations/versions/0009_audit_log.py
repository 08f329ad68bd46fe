"""The audit log of corrections: audit_entry (edits, deletes and undos of prospects,
voicemails and callbacks, with the values before and after).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("rep_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("prospect_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("undoes_id", sa.Integer(), nullable=True),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["rep_id"], ["rep.id"], name=op.f("fk_audit_entry_rep_id_rep"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_audit_entry_team_id_team"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["undoes_id"],
            ["audit_entry.id"],
            name=op.f("fk_audit_entry_undoes_id_audit_entry"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index("ix_audit_entry_team_id_id", ["team_id", "id"], unique=False)
        batch_op.create_index("ix_audit_entry_kind_record_id", ["kind", "record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_rep_id"), ["rep_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_entry_prospect_id"), ["prospect_id"], unique=False
        )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("audit_entry")
