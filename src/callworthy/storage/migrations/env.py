"""Alembic environment: runs on the connection Callworthy hands over, against tables.py."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from callworthy.storage.engine import make_engine
from callworthy.storage.migrations.env_names import include_name
from callworthy.storage.tables import Base

target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate on the given connection, or on a fresh one from sqlalchemy.url (alembic CLI)."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(context.config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as conn:
        _run(conn)


if context.is_offline_mode():
    raise SystemExit("Callworthy migrations run online only: use `callworthy db upgrade`.")
run_migrations_online()
