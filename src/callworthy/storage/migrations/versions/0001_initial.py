"""Initial schema: team, rep, prospect, voicemail, callback, do_not_call.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 20:33:28.524517
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "team",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team")),
        sa.UniqueConstraint("name", name=op.f("uq_team_name")),
    )
    op.create_table(
        "do_not_call",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_do_not_call_team_id_team"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("team_id", "phone", name=op.f("pk_do_not_call")),
    )
    op.create_table(
        "rep",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_rep_team_id_team"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rep")),
        sa.UniqueConstraint("team_id", "name", name=op.f("uq_rep_team_id_name")),
    )
    op.create_table(
        "prospect",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("owner_rep_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("company", sa.String(length=200), nullable=True),
        sa.Column("role", sa.String(length=200), nullable=True),
        sa.Column("industry", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=True),
        sa.Column("humor_ok", sa.Boolean(), nullable=False),
        sa.Column("do_not_call", sa.Boolean(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_rep_id"],
            ["rep.id"],
            name=op.f("fk_prospect_owner_rep_id_rep"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_prospect_team_id_team"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prospect")),
        sa.UniqueConstraint("team_id", "external_id", name=op.f("uq_prospect_team_id_external_id")),
        sa.UniqueConstraint("team_id", "phone", name=op.f("uq_prospect_team_id_phone")),
    )
    op.create_index(op.f("ix_prospect_owner_rep_id"), "prospect", ["owner_rep_id"], unique=False)
    op.create_index("ix_prospect_team_id_name", "prospect", ["team_id", "name"], unique=False)
    op.create_table(
        "voicemail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("prospect_id", sa.Integer(), nullable=False),
        sa.Column("rep_id", sa.Integer(), nullable=True),
        sa.Column("strategy", sa.String(length=64), nullable=False),
        sa.Column("script", sa.Text(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("rules_version", sa.String(length=64), nullable=True),
        sa.Column("left_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["prospect_id"],
            ["prospect.id"],
            name=op.f("fk_voicemail_prospect_id_prospect"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["rep_id"], ["rep.id"], name=op.f("fk_voicemail_rep_id_rep"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voicemail")),
        sa.UniqueConstraint("external_id", name=op.f("uq_voicemail_external_id")),
    )
    op.create_index(
        "ix_voicemail_prospect_id_left_at", "voicemail", ["prospect_id", "left_at"], unique=False
    )
    op.create_index(op.f("ix_voicemail_rep_id"), "voicemail", ["rep_id"], unique=False)
    op.create_index(op.f("ix_voicemail_strategy"), "voicemail", ["strategy"], unique=False)
    op.create_table(
        "callback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("prospect_id", sa.Integer(), nullable=False),
        sa.Column("voicemail_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["prospect_id"],
            ["prospect.id"],
            name=op.f("fk_callback_prospect_id_prospect"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["voicemail_id"],
            ["voicemail.id"],
            name=op.f("fk_callback_voicemail_id_voicemail"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_callback")),
        sa.UniqueConstraint("external_id", name=op.f("uq_callback_external_id")),
    )
    op.create_index("ix_callback_prospect_id_at", "callback", ["prospect_id", "at"], unique=False)
    op.create_index(op.f("ix_callback_voicemail_id"), "callback", ["voicemail_id"], unique=False)


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index(op.f("ix_callback_voicemail_id"), table_name="callback")
    op.drop_index("ix_callback_prospect_id_at", table_name="callback")
    op.drop_table("callback")
    op.drop_index(op.f("ix_voicemail_strategy"), table_name="voicemail")
    op.drop_index(op.f("ix_voicemail_rep_id"), table_name="voicemail")
    op.drop_index("ix_voicemail_prospect_id_left_at", table_name="voicemail")
    op.drop_table("voicemail")
    op.drop_index("ix_prospect_team_id_name", table_name="prospect")
    op.drop_index(op.f("ix_prospect_owner_rep_id"), table_name="prospect")
    op.drop_table("prospect")
    op.drop_table("rep")
    op.drop_table("do_not_call")
    op.drop_table("team")
