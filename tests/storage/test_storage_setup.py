"""Where the database is, how SQLite is opened, UTC time stamps, the PostgreSQL fixture."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from callworthy.errors import DatabaseError, MigrationRequiredError
from callworthy.services.database import open_database
from callworthy.storage.engine import make_engine, run_write
from callworthy.storage.location import ENV_VAR, default_database_path, resolve_database_url
from callworthy.storage.migrate import ensure_schema
from callworthy.storage.tables import Team

TESTS = Path(__file__).parents[1]


def test_url_resolution_order(tmp_path: Path) -> None:
    env = {ENV_VAR: "postgresql://team@db/callworthy"}
    assert resolve_database_url("sqlite:///x.db", env) == "sqlite:///x.db"
    assert resolve_database_url(None, env) == "postgresql://team@db/callworthy"
    assert (
        resolve_database_url(str(tmp_path / "a.sqlite3"), env) == f"sqlite:///{tmp_path}/a.sqlite3"
    )
    default = resolve_database_url(None, {})
    assert default == f"sqlite:///{default_database_path()}"
    assert "callworthy" in str(default_database_path())


def test_sqlite_is_opened_in_wal_with_foreign_keys(tmp_path: Path) -> None:
    engine = open_database(str(tmp_path / "sub" / "new.sqlite3"))  # folder made, schema migrated
    try:
        with engine.connect() as conn:
            pragmas = {
                p: conn.exec_driver_sql(f"PRAGMA {p}").scalar()
                for p in ("journal_mode", "foreign_keys", "busy_timeout", "secure_delete")
            }
        assert pragmas == {
            "journal_mode": "wal",
            "foreign_keys": 1,
            "busy_timeout": 20000,
            "secure_delete": 1,
        }
    finally:
        engine.dispose()


def test_time_stamps_are_aware_and_utc(db_engine: Engine) -> None:
    plus_five = datetime(2024, 3, 4, 19, 0, tzinfo=timezone(timedelta(hours=5)))
    run_write(db_engine, lambda s: s.add(Team(name="t", created_at=plus_five)))
    got = run_write(db_engine, lambda s: s.scalars(select(Team.created_at)).one())
    assert got == datetime(2024, 3, 4, 14, 0, tzinfo=UTC) and got.tzinfo == UTC
    with pytest.raises(DatabaseError):
        run_write(db_engine, lambda s: s.add(Team(name="naive", created_at=datetime(2024, 1, 1))))


def test_postgres_is_not_migrated_behind_the_teams_back(empty_db_url: str, backend: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        if backend == "postgres":
            with pytest.raises(MigrationRequiredError, match="schema is at"):
                ensure_schema(engine)
        else:
            ensure_schema(engine)  # a SQLite file is upgraded on first use
    finally:
        engine.dispose()


def test_unreachable_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="could not complete") as caught:
        open_database(f"postgresql://nobody:secret@/nodb?host={tmp_path}")
    assert "postgresql" not in caught.value.message and str(tmp_path) not in caught.value.message
    assert caught.value.location.startswith("postgresql") and "secret" not in caught.value.location
    assert caught.value.detail  # what the driver said, for the log and the CLI
    with pytest.raises(DatabaseError, match="Cannot use the database URL"):
        open_database("nosuchdb://x")


def _nested_pytest(tmp_path: Path, require: bool) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_needs_pg.py").write_text(
        "def test_it(postgres_server):\n    assert postgres_server\n"
    )
    env = {
        **os.environ,
        "CALLWORTHY_PG_BIN": str(tmp_path / "no-such-bin"),
        "PYTHONPATH": str(TESTS),
    }
    env.pop("CALLWORTHY_REQUIRE_POSTGRES", None)
    if require:
        env["CALLWORTHY_REQUIRE_POSTGRES"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "pg_server", "-p", "no:cacheprovider", "-rA",
         "--rootdir", str(tmp_path), str(tmp_path / "test_needs_pg.py")],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip


def test_missing_postgres_skips_locally_but_fails_under_ci(tmp_path: Path) -> None:
    local = _nested_pytest(tmp_path, require=False)
    assert local.returncode == 0 and "1 skipped" in local.stdout, local.stdout
    ci = _nested_pytest(tmp_path, require=True)
    assert ci.returncode != 0 and "1 skipped" not in ci.stdout
    assert "PostgreSQL is required (CALLWORTHY_REQUIRE_POSTGRES=1)" in ci.stdout
