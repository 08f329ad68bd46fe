"""Migrations from empty, and the migration matching tables.py exactly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from callworthy.storage.engine import make_engine
from callworthy.storage.migrate import current_revision, head_revision, upgrade
from callworthy.storage.tables import Base


def test_upgrade_from_empty_reaches_head_and_matches_models(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        assert current_revision(engine) is None
        assert upgrade(engine) is None
        assert current_revision(engine) == head_revision()
        tables = set(inspect(engine).get_table_names())
        assert {"team", "rep", "prospect", "voicemail", "callback", "do_not_call"} <= tables
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
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
