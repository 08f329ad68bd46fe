"""Schema migrations run from code: Alembic with its scripts shipped inside the package.

A new or old SQLite file is upgraded on first use (a solo rep has nothing to
run). A PostgreSQL database is shared by a team, so it is only upgraded by an
explicit `callworthy db upgrade`; until then commands refuse to run on it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from callworthy.errors import MigrationRequiredError
from callworthy.storage.engine import database_error, is_sqlite, write_connection

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: Serialises concurrent upgrades of one PostgreSQL database (an arbitrary constant key).
_PG_LOCK_KEY = 0x63616C6C


def alembic_config(connection: Any = None) -> Config:
    """Return an Alembic config pointing at the packaged migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def head_revision() -> str:
    """Return the newest migration's revision id."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """Return the database's revision, or None when it has never been migrated."""
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except SQLAlchemyError as exc:
        raise database_error(exc, engine) from exc


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Upgrade the database to a revision under a write lock; return the revision before."""
    with write_connection(engine) as conn:
        if not is_sqlite(engine):
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        before = MigrationContext.configure(conn).get_current_revision()
        if before != head_revision() or revision != "head":
            command.upgrade(alembic_config(conn), revision)
        return before


def ensure_schema(engine: Engine) -> None:
    """Make sure the schema is current: upgrade SQLite, refuse an old PostgreSQL."""
    current = current_revision(engine)
    if current == head_revision():
        return
    known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if current is not None and current not in known:
        raise MigrationRequiredError(
            f"The database is at revision {current}, newer than this Callworthy knows.",
            "Upgrade Callworthy (pip install -U callworthy).",
        )
    if is_sqlite(engine):
        upgrade(engine)
        return
    raise MigrationRequiredError(
        f"The database schema is at {current or 'nothing yet'}, not {head_revision()}.",
        "Upgrade the team's database schema once.",
        behind=True,
    )
