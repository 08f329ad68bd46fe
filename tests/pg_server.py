"""Pytest plugin: a throwaway PostgreSQL server for the session, and `db_url` on both backends.

The server is started from the machine's own binaries (initdb, pg_ctl) in a
temporary folder, listening on a unix socket only, and stopped at session end.
initdb refuses to run as root, so under root it runs as the `postgres` user.
Without binaries the PostgreSQL half of the suite is skipped, unless
CALLWORTHY_REQUIRE_POSTGRES=1 (CI sets it): then it fails, never skips.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from callworthy.services.caller import Caller
from callworthy.services.database import identify
from callworthy.storage.engine import make_engine
from callworthy.storage.location import sqlite_url
from callworthy.storage.migrate import upgrade

REQUIRE_ENV = "CALLWORTHY_REQUIRE_POSTGRES"
TEMPLATE_DB = "callworthy_template"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server can be started here."""


def find_pg_bin() -> Path:
    """Return the folder holding initdb and pg_ctl (newest version first)."""
    explicit = os.environ.get("CALLWORTHY_PG_BIN")  # when set, the only place looked at
    if explicit:
        candidates = [explicit]
    else:
        candidates = sorted(
            glob.glob("/usr/lib/postgresql/*/bin"),
            key=lambda p: int(p.split("/")[-2]),
            reverse=True,
        )
        on_path = shutil.which("pg_ctl")
        candidates += [str(Path(on_path).parent)] if on_path else []
    for folder in candidates:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    raise PostgresUnavailable("no PostgreSQL server binaries (initdb, pg_ctl) found")


class PostgresServer:
    """A PostgreSQL cluster in a temporary folder, reachable on a unix socket."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="callworthy-pg-"))
        self.data = self.root / "data"
        self.as_root = os.geteuid() == 0
        self._names = itertools.count()

    def _run(self, *args: str) -> None:
        cmd = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_root:  # initdb and postgres refuse to run as root
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise PostgresUnavailable(f"{args[0]} failed: {done.stderr.strip()}\n{tail}")

    def start(self) -> PostgresServer:
        """Create the cluster and start the server; raise PostgresUnavailable on failure."""
        if self.as_root:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise PostgresUnavailable("running as root and no `postgres` user") from exc
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        options = (
            f"-k {self.root} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=60"
        )
        log = str(self.root / "server.log")
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", log, "-w", "-t", "60", "-o", options, "start"
        )
        return self

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        """Return the SQLAlchemy URL of a database on this server."""
        return f"postgresql+psycopg://postgres@/{database}?host={self.root}"

    def _admin(self, sql: str) -> None:
        engine = make_engine(self.url(), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql(sql)
        finally:
            engine.dispose()

    def create_database(self, template: str = "template1") -> str:
        """Create a fresh database (a copy of template) and return its URL."""
        name = f"cw_{os.getpid()}_{next(self._names)}"
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by create_database, closing its connections."""
        name = url.rsplit("/", 1)[1].split("?")[0]
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def make_template(self) -> None:
        """Create the migrated template that `db_url` databases are copied from."""
        self._admin(f'CREATE DATABASE "{TEMPLATE_DB}"')
        engine = make_engine(self.url(TEMPLATE_DB))
        try:
            upgrade(engine)
        finally:
            engine.dispose()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Start one PostgreSQL server for the session; skip (or fail under CI) if impossible."""
    required = os.environ.get(REQUIRE_ENV) == "1"
    server: PostgresServer | None = None
    try:
        import psycopg  # noqa: F401  (the driver is part of the `postgres` extra)

        server = PostgresServer(find_pg_bin()).start()
        server.make_template()
    except (PostgresUnavailable, ImportError, OSError, subprocess.SubprocessError) as exc:
        if server is not None:
            shutil.rmtree(server.root, ignore_errors=True)
        if required:
            pytest.fail(f"PostgreSQL is required ({REQUIRE_ENV}=1) but cannot start: {exc}")
        pytest.skip(f"PostgreSQL not available: {exc}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    """The database backend a test runs on: every storage test runs on both."""
    return str(request.param)


def _fresh_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path, migrated: bool) -> str:
    if backend == "sqlite":
        url = sqlite_url(tmp_path / "callworthy.sqlite3")
        if migrated:
            engine = make_engine(url)
            upgrade(engine)
            engine.dispose()
        return url
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database(TEMPLATE_DB if migrated else "template1")
    request.addfinalizer(lambda: server.drop_database(url))
    return url


@pytest.fixture
def empty_db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of an empty database (no tables) on the backend under test."""
    return _fresh_url(backend, request, tmp_path, migrated=False)


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of a fresh database migrated to head on the backend under test."""
    return _fresh_url(backend, request, tmp_path, migrated=True)


@pytest.fixture
def db_engine(db_url: str) -> Iterator[Engine]:
    """An engine on a fresh migrated database (both backends), disposed after the test."""
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def caller(db_engine: Engine) -> Caller:
    """The solo rep "alice" of the default team, created on first use."""
    return identify(db_engine, "alice")
