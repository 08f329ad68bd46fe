"""Rep time zone: rep_profile.time_zone (the IANA zone a rep's pages show times in).

Nullable: a rep who never set one sees UTC until their browser sends its zone.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 10:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("rep_profile") as batch:
        batch.add_column(sa.Column("time_zone", sa.String(length=64), nullable=True))


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("rep_profile") as batch:
        batch.drop_column("time_zone")
