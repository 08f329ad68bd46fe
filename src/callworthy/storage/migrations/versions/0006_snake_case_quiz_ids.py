"""Phone-test ids in snake_case: stored answers (question id -> option id) lose their dashes.

The quiz's question and option ids became snake_case (`before-the-call` is now
`before_the_call`, `how-are-you` is `how_are_you`); every stored sitting is rewritten
so its answers keep naming the quiz's ids. The ids hold only a-z, 0-9, `_` and `-`,
so `-` -> `_` is the whole mapping. The downgrade changes nothing: which underscores
were dashes is not recorded, and an old Callworthy reads the answers only to show them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 12:00:00.000000
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RESULTS = sa.table("phonetest_result", sa.column("id", sa.Integer), sa.column("answers", sa.JSON))


def _rewrite(change: Callable[[str], str]) -> None:
    bind = op.get_bind()
    for row_id, answers in bind.execute(sa.select(RESULTS.c.id, RESULTS.c.answers)).all():
        fixed = {change(k): change(v) for k, v in (answers or {}).items()}
        if fixed != answers:
            bind.execute(RESULTS.update().where(RESULTS.c.id == row_id).values(answers=fixed))


def upgrade() -> None:
    """Apply this migration."""
    _rewrite(lambda value: value.replace("-", "_"))


def downgrade() -> None:
    """Revert this migration: the answers stay in snake_case (see the module docstring)."""
