"""Schema migrations run from code: Alembic with its scripts shipped inside the package.

A new or old SQLite file is upgraded on first use (a solo rep has nothing to
run). A PostgreSQL database is shared by a team, so it is only upgraded by an
explicit `callworthy db upgrade`; until then commands refuse to run on it.

Every command checks the schema first, and Alembic (with Mako and Pygments) takes
longer to import than most commands take to run: a database already at the head
revision is recognised by one query and the migration files' `revision` lines,
and Alembic is imported only to upgrade or to explain.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from callworthy.errors import MigrationRequiredError
from callworthy.storage.engine import database_error, is_sqlite, write_connection

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_REVISION_LINE = re.compile(
    r"""^(?P<kind>down_revision|revision)\b[^=\n]*=\s*(?:None|["'](?P<id>[^"'\n]+)["'])\s*$""",
    re.MULTILINE,
)
#: Serialises concurrent upgrades of one PostgreSQL database (an arbitrary constant key).
_PG_LOCK_KEY = 0x63616C6C


def alembic_config(connection: Any = None) -> Config:
    """Return an Alembic config pointing at the packaged migrations (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def head_revision() -> str:
    """Return the newest migration's revision id."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """Return the database's revision, or None when it has never been migrated."""
    from alembic.runtime.migration import MigrationContext

    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except SQLAlchemyError as exc:
        raise database_error(exc, engine) from exc


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Upgrade the database to a revision under a write lock; return the revision before."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    with write_connection(engine) as conn:
        if not is_sqlite(engine):
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        before = MigrationContext.configure(conn).get_current_revision()
        if before != head_revision() or revision != "head":
            command.upgrade(alembic_config(conn), revision)
        return before


@lru_cache(maxsize=1)
def head_from_files() -> str | None:
    """Return the head revision read from the migration files, or None if that is unclear.

    Each file declares `revision = "..."` and `down_revision = ...`; the head is the
    one revision no other names as its parent. Anything else (a merge, a file this
    reading does not understand) gives None, and the caller asks Alembic.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted(MIGRATIONS_DIR.joinpath("versions").glob("*.py")):
        found = {m["kind"]: m["id"] for m in _REVISION_LINE.finditer(path.read_text("utf-8"))}
        if path.name != "__init__.py" and not found.get("revision"):
            return None
        if found.get("revision"):
            revisions.add(found["revision"])
        if found.get("down_revision"):
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _stored_revision(engine: Engine) -> str | None:
    """Return the revision recorded in the database, or None if there is not exactly one."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except SQLAlchemyError:
        return None  # no table yet, or unreadable: the full check says which
    return str(rows[0]) if len(rows) == 1 else None


def ensure_schema(engine: Engine) -> None:
    """Make sure the schema is current: upgrade SQLite, refuse an old PostgreSQL."""
    head = head_from_files()
    if head is not None and _stored_revision(engine) == head:
        return  # current: no need to import Alembic
    from alembic.script import ScriptDirectory

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
