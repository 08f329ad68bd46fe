"""Migrations from empty, and the migration matching tables.py exactly."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from callworthy.storage.engine import make_engine
from callworthy.storage.migrate import current_revision, head_revision, upgrade
from callworthy.storage.migrations.env_names import include_name
from callworthy.storage.tables import Base

AT = {"at": datetime(2024, 3, 4, 14, 0, tzinfo=UTC)}


def test_upgrade_from_empty_reaches_head_and_matches_models(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        assert current_revision(engine) is None
        assert upgrade(engine) is None
        assert current_revision(engine) == head_revision()
        tables = set(inspect(engine).get_table_names())
        assert {"team", "rep", "prospect", "voicemail", "callback", "do_not_call"} <= tables
        with engine.connect() as conn:
            opts = {"compare_type": True, "include_name": include_name}  # not procrastinate's
            context = MigrationContext.configure(conn, opts=opts)
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_upgrade_twice_is_a_no_op(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        assert upgrade(engine) == head_revision()
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_0005_and_0006_carry_rules_and_phone_test_answers_over(empty_db_url: str) -> None:
    """A team with rules starts at rules version 1; stored answers lose their dashes."""
    engine = make_engine(empty_db_url)
    try:
        upgrade(engine, "0004")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO team (id, name, created_at) VALUES (1, 't', :at)"), AT)
            conn.execute(text("INSERT INTO team (id, name, created_at) VALUES (2, 'u', :at)"), AT)
            conn.execute(
                text("INSERT INTO rep (id, team_id, name, created_at) VALUES (1, 1, 'r', :at)"), AT
            )
            conn.execute(
                text(
                    "INSERT INTO team_rule (team_id, rule_id, source, updated_by, updated_at) "
                    "VALUES (1, 'acme.x', 'kind: x', 'r', :at)"
                ),
                AT,
            )
            conn.execute(
                text(
                    "INSERT INTO phonetest_result (rep_id, taken_at, score, band, quiz_version,"
                    " answers, areas) VALUES (1, :at, 50, 'number_six', 'v', :answers, '{}')"
                ),
                {**AT, "answers": json.dumps({"before-the-call": "how-are-you", "hours": "tip"})},
            )
        upgrade(engine)
        with engine.connect() as conn:
            versions = dict(conn.execute(text("SELECT id, rules_version FROM team")).all())
            answers = conn.execute(text("SELECT answers FROM phonetest_result")).scalar_one()
        assert versions == {1: 1, 2: 0}
        stored = answers if isinstance(answers, dict) else json.loads(answers)
        assert stored == {"before_the_call": "how_are_you", "hours": "tip"}
    finally:
        engine.dispose()
