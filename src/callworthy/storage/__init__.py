"""Storage: SQLAlchemy tables, engines, queries and Alembic migrations (no business rules).

The names below are imported on first use (PEP 562): `storage.location` and
`storage.peek` serve commands that must start at once, without SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from callworthy.storage.engine import make_engine, read_session, run_write
    from callworthy.storage.location import resolve_database_url
    from callworthy.storage.migrate import ensure_schema, upgrade

_LAZY = {
    "ensure_schema": "callworthy.storage.migrate",
    "make_engine": "callworthy.storage.engine",
    "read_session": "callworthy.storage.engine",
    "resolve_database_url": "callworthy.storage.location",
    "run_write": "callworthy.storage.engine",
    "upgrade": "callworthy.storage.migrate",
}

__all__ = [
    "ensure_schema",
    "make_engine",
    "read_session",
    "resolve_database_url",
    "run_write",
    "upgrade",
]


def __getattr__(name: str) -> Any:
    """Import a public name on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module 'callworthy.storage' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
