"""The strategy registry (issue 13): one id per strategy, tried ideas as team strategies.

Schema:
- prospect: relationship (cold by default), referred_by, lead_name, lead_detail, so
  "what to try next" decides fit as the writer does;
- voicemail: strategy_inferred and strategy_confidence (a strategy read from an
  imported script);
- assignment: one per prospect and experiment (a prospect keeps its arm); duplicates
  already logged are reduced to the first, the one the prospect was given;
- team_strategy: a team's own strategies (tried ideas), a strategy file's fields as JSON.

Data:
- one id per strategy: `reasons_people_buy` becomes `reasons_buy`, and every stored
  strategy id loses its dashes (`idea-7` becomes `idea_7`, the id style of every data
  entry), in voicemails, arms, assignments, baselines and the ideas' slugs;
- every tried idea (testing, kept, dropped) becomes a team strategy, proposable unless
  dropped; every other id a team logged that is not built in (teams could type their
  own before) becomes a team strategy that is logged only, so every stored id is in the
  team's registry.

The downgrade drops the new columns and table; ids stay in their new form (which
underscores were dashes is not recorded; the old version read any slug).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 10:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The built-in strategy ids when this migration was written (a migration does not read
#: today's data files: what it does must not change when they do).
BUILT_IN = frozenset(
    {
        "about_us", "bare_callback", "competitor_tease", "concern_insight", "half_message",
        "mutual_referral", "other", "provocative_question", "reasons_buy", "resources",
        "sales_lead", "value_tip", "weather",
    }
)  # fmt: skip
RENAMED = {"reasons_people_buy": "reasons_buy"}
#: Where a strategy id is stored: (table, column).
STRATEGY_COLUMNS = (
    ("voicemail", "strategy"),
    ("assignment", "strategy"),
    ("experiment_arm", "strategy"),
    ("experiment", "baseline"),
    ("idea", "slug"),
)


def _schema() -> None:
    with op.batch_alter_table("prospect", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("relationship", sa.String(length=16), server_default="cold", nullable=False)
        )
        batch_op.add_column(sa.Column("referred_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("lead_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("lead_detail", sa.String(length=200), nullable=True))
    with op.batch_alter_table("voicemail", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("strategy_inferred", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("strategy_confidence", sa.Float(), nullable=True))
    op.create_table(
        "team_strategy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("strategy_id", sa.String(length=64), nullable=False),
        sa.Column("spec", sa.JSON(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["idea_id"], ["idea.id"], name=op.f("fk_team_strategy_idea_id_idea"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_team_strategy_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_strategy")),
        sa.UniqueConstraint(
            "team_id", "strategy_id", name=op.f("uq_team_strategy_team_id_strategy_id")
        ),
    )  # fmt: skip
    with op.batch_alter_table("team_strategy", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_strategy_team_id"), ["team_id"], unique=False)


def _one_assignment_per_prospect() -> None:
    # The first draw is the arm the prospect was given; later re-draws go.
    op.execute(
        "DELETE FROM assignment WHERE id NOT IN "
        "(SELECT MIN(id) FROM assignment GROUP BY experiment_id, prospect_id)"
    )
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f("uq_assignment_experiment_id_prospect_id"), ["experiment_id", "prospect_id"]
        )


def _one_id_per_strategy() -> None:
    bind = op.get_bind()
    for table, column in STRATEGY_COLUMNS:
        for old, new in RENAMED.items():
            bind.execute(
                sa.text(f"UPDATE {table} SET {column} = :new WHERE {column} = :old"),
                {"old": old, "new": new},
            )
        bind.execute(
            sa.text(f"UPDATE {table} SET {column} = REPLACE({column}, '-', '_') "
                    f"WHERE {column} LIKE '%-%'")
        )  # fmt: skip


def _spec(name: str, description: str, *, proposable: bool, sample: str = "") -> dict[str, object]:
    return {
        "name": name[:300] or "Idea",
        "principle": "P12",
        "description": description or name or "Idea",
        "proposable": proposable,
        "sample": sample,
    }


def _team_strategies() -> None:
    bind = op.get_bind()
    now = datetime.now(UTC)
    table = sa.table(
        "team_strategy",
        sa.column("team_id", sa.Integer),
        sa.column("strategy_id", sa.String),
        sa.column("spec", sa.JSON),
        sa.column("idea_id", sa.Integer),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    ideas = bind.execute(
        sa.text("SELECT id, team_id, slug, title, script, status FROM idea WHERE status != 'open'")
    ).all()
    known: set[tuple[int, str]] = set()
    rows = []
    for idea_id, team_id, slug, title, script, status in ideas:
        spec = _spec(title, title, proposable=status != "dropped", sample=script or "")
        rows.append({"team_id": team_id, "strategy_id": slug, "spec": spec, "idea_id": idea_id})
        known.add((team_id, slug))
    logged = bind.execute(
        sa.text(
            "SELECT DISTINCT p.team_id, v.strategy FROM voicemail v "
            "JOIN prospect p ON p.id = v.prospect_id"
        )
    ).all()
    for team_id, strategy in logged:
        if strategy in BUILT_IN or (team_id, strategy) in known:
            continue
        what = f"Logged as {strategy!r} before strategies were registered."
        spec = _spec(strategy.replace("_", " ").capitalize(), what, proposable=False)
        rows.append({"team_id": team_id, "strategy_id": strategy, "spec": spec, "idea_id": None})
        known.add((team_id, strategy))
    if rows:
        op.bulk_insert(table, [{**row, "created_at": now} for row in rows])


def upgrade() -> None:
    """Apply this migration (module docstring)."""
    _schema()
    _one_assignment_per_prospect()
    _one_id_per_strategy()
    _team_strategies()


def downgrade() -> None:
    """Revert this migration: the new columns and table go; ids keep their new form."""
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_assignment_experiment_id_prospect_id"), type_="unique"
        )
    with op.batch_alter_table("team_strategy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_strategy_team_id"))
    op.drop_table("team_strategy")
    with op.batch_alter_table("voicemail", schema=None) as batch_op:
        batch_op.drop_column("strategy_confidence")
        batch_op.drop_column("strategy_inferred")
    with op.batch_alter_table("prospect", schema=None) as batch_op:
        batch_op.drop_column("lead_detail")
        batch_op.drop_column("lead_name")
        batch_op.drop_column("referred_by")
        batch_op.drop_column("relationship")
