"""Storage: SQLAlchemy tables, engines, queries and Alembic migrations (no business rules)."""

from callworthy.storage.engine import make_engine, read_session, run_write
from callworthy.storage.location import resolve_database_url
from callworthy.storage.migrate import ensure_schema, upgrade

__all__ = [
    "ensure_schema",
    "make_engine",
    "read_session",
    "resolve_database_url",
    "run_write",
    "upgrade",
]
