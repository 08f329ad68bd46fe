"""Database administration for the surfaces: upgrade the schema, describe it, back it up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from callworthy.services.database import open_database
from callworthy.services.values import _Dumpable
from callworthy.storage.engine import make_engine, safe_url
from callworthy.storage.location import resolve_database_url, sqlite_file
from callworthy.storage.maintenance import backup_sqlite
from callworthy.storage.migrate import current_revision, head_revision, upgrade


@dataclass(frozen=True, slots=True)
class DatabaseInfo(_Dumpable):
    """Which database is in use (password hidden) and its schema revision."""

    url: str
    revision: str | None
    head: str


def upgrade_database(url: str | None = None) -> tuple[DatabaseInfo, str | None]:
    """Create or upgrade the schema to the latest revision; return the info and the old revision."""
    resolved = resolve_database_url(url)
    path = sqlite_file(resolved)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(resolved)
    try:
        before = upgrade(engine)
    finally:
        engine.dispose()
    return DatabaseInfo(safe_url(resolved), head_revision(), head_revision()), before


def database_info(url: str | None = None) -> DatabaseInfo:
    """Describe the configured database without creating or changing anything."""
    resolved = resolve_database_url(url)
    path = sqlite_file(resolved)
    revision = None
    if path is None or path.exists():  # never create a file just to look at it
        engine = make_engine(resolved)
        try:
            revision = current_revision(engine)
        finally:
            engine.dispose()
    return DatabaseInfo(safe_url(resolved), revision, head_revision())


def backup_database(destination: Path, url: str | None = None) -> Path:
    """Copy the SQLite database to a new file while it stays in use; return the file."""
    engine = open_database(url)
    try:
        return backup_sqlite(engine, destination)
    finally:
        engine.dispose()
