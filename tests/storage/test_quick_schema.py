"""A database at the head revision is recognised without importing Alembic (every command)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from callworthy.errors import MigrationRequiredError
from callworthy.services.database import open_database
from callworthy.storage.engine import make_engine
from callworthy.storage.location import sqlite_url
from callworthy.storage.migrate import ensure_schema, head_from_files, head_revision

PROBE = """
import sys
from callworthy.errors import CallworthyError
from callworthy.services.database import open_database
try:
    open_database(sys.argv[1]).dispose()
except CallworthyError as exc:
    print(type(exc).__name__)
print("alembic" in sys.modules)
"""


def test_the_files_name_the_head_alembic_names() -> None:
    assert head_from_files() == head_revision()


def test_a_current_database_opens_without_alembic_and_another_asks_it(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    open_database(str(path)).dispose()  # made and migrated
    probe = [sys.executable, "-c", PROBE, str(path)]
    assert subprocess.run(probe, capture_output=True, text=True, check=True).stdout == "False\n"
    engine = make_engine(sqlite_url(path))
    with engine.begin() as conn:  # as a later Callworthy would leave it
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    done = subprocess.run(probe, capture_output=True, text=True, check=True)
    assert done.stdout == "MigrationRequiredError\nTrue\n"
    with pytest.raises(MigrationRequiredError, match="newer than this Callworthy knows"):
        ensure_schema(engine)
    engine.dispose()
