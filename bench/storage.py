"""Storage benchmark: prints figures, never passes or fails.

1. Import a 100,000-row CSV (generic format) through the real importer: rows per second
   (target: under 30 s in all).
2. A prospect's history with 1,000,000 voicemails stored (bulk-loaded, not via the service):
   median time of `tracking.history` (target: under 10 ms).

Runs on SQLite, and on PostgreSQL when CALLWORTHY_BENCH_POSTGRES_URL names an empty
database or the server binaries are here (it then starts its own, like the tests).

    .venv/bin/python bench/storage.py [--rows 100000] [--voicemails 1000000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert

from callworthy.services import tracking
from callworthy.services.database import identify
from callworthy.services.importer import import_file
from callworthy.storage.engine import make_engine
from callworthy.storage.location import sqlite_url
from callworthy.storage.migrate import upgrade
from callworthy.storage.tables import Prospect

PER_PROSPECT = 100
EPOCH = datetime(2023, 1, 1, tzinfo=UTC)


def write_csv(path: Path, rows: int) -> Path:
    """Write a generic-format export: rows/10 prospects, every 10th row a callback."""
    people = max(1, rows // 10)
    with path.open("w", encoding="utf-8") as out:
        out.write("id,kind,at,prospect,company,phone,strategy,script,outcome\n")
        for i in range(rows):
            kind, outcome = ("callback", "returned") if i % 10 == 9 else ("voicemail", "")
            at = (EPOCH + timedelta(minutes=i)).isoformat()
            p = i % people
            out.write(
                f"r{i},{kind},{at},Person {p},Company {p % 997},+1704{2000000 + p:07d},"
                f"value_tip,Left the value tip message number {i},{outcome}\n"
            )
    return path


def bench_import(engine: Engine, rows: int, folder: Path) -> None:
    """Print how fast the importer stores a big file."""
    path = write_csv(folder / "big.csv", rows)
    actor = identify(engine, "bench")
    start = time.perf_counter()
    report = import_file(engine, actor, path)
    elapsed = time.perf_counter() - start
    added = report.voicemails_added + report.callbacks_added
    print(
        f"  import {rows:,} rows: {elapsed:.1f} s, {rows / elapsed:,.0f} rows/s ({added:,} stored)"
    )


def _voicemail_rows(
    prospect_ids: list[int], rep_id: int, total: int
) -> Iterator[tuple[object, ...]]:
    for n in range(total):
        pid = prospect_ids[n % len(prospect_ids)]
        yield (
            pid,
            rep_id,
            "value_tip",
            "Left the value tip.",
            70,
            "bench",
            EPOCH + timedelta(seconds=n),
        )


def bulk_load(engine: Engine, total: int) -> list[int]:
    """Store `total` voicemails over total/100 prospects, bypassing the service; return ids."""
    actor = identify(engine, "bulk")
    people = max(1, total // PER_PROSPECT)
    with engine.begin() as conn:
        ids = conn.scalars(
            insert(Prospect).returning(Prospect.id, sort_by_parameter_order=True),
            [
                {"team_id": actor.team_id, "owner_rep_id": actor.rep_id, "name": f"Bulk {i}",
                 "phone": f"+1980{2000000 + i:07d}", "tags": [], "humor_ok": False,
                 "do_not_call": False}
                for i in range(people)
            ],
        ).all()  # fmt: skip
        raw = conn.connection.driver_connection
        rows = _voicemail_rows(ids, actor.rep_id, total)
        if engine.dialect.name == "sqlite":
            raw.executemany(  # type: ignore[union-attr]
                "INSERT INTO voicemail (prospect_id, rep_id, strategy, script, score, "
                "rules_version, left_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, 'bench')",
                ((*r[:6], r[6].strftime("%Y-%m-%d %H:%M:%S.%f")) for r in rows),  # type: ignore[attr-defined]
            )
        else:
            with raw.cursor().copy(  # type: ignore[union-attr]
                "COPY voicemail (prospect_id, rep_id, strategy, script, score, rules_version, "
                "left_at, source) FROM STDIN"
            ) as copy:
                for r in rows:
                    copy.write_row((*r, "bench"))
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    return ids


def bench_history(engine: Engine, total: int) -> None:
    """Print the median time of one prospect's history with `total` voicemails stored."""
    start = time.perf_counter()
    ids = bulk_load(engine, total)
    print(f"  bulk-loaded {total:,} voicemails in {time.perf_counter() - start:.1f} s")
    actor = identify(engine, "bulk")
    rng = random.Random(7)
    timings = []
    for pid in rng.sample(ids, min(300, len(ids))):
        t = time.perf_counter()
        found = tracking.history(engine, actor, pid)
        timings.append(time.perf_counter() - t)
        assert len(found.voicemails) == PER_PROSPECT
    ms = sorted(x * 1000 for x in timings)
    print(
        f"  history of a prospect ({PER_PROSPECT} voicemails of {total:,}): "
        f"median {statistics.median(ms):.2f} ms, p95 {ms[int(len(ms) * 0.95)]:.2f} ms"
    )


def run(label: str, url: str, args: argparse.Namespace, folder: Path) -> None:
    """Run both benchmarks on one freshly migrated database."""
    print(f"{label}:")
    engine = make_engine(url)
    try:
        upgrade(engine)
        bench_import(engine, args.rows, folder)
        bench_history(engine, args.voicemails)
    finally:
        engine.dispose()


@contextmanager
def postgres_url() -> Iterator[str | None]:
    """Yield a PostgreSQL URL: the configured one, or a server started here, or None."""
    configured = os.environ.get("CALLWORTHY_BENCH_POSTGRES_URL")
    if configured:
        yield configured
        return
    sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
    try:
        from pg_server import PostgresServer, PostgresUnavailable, find_pg_bin
    except ImportError:
        yield None
        return
    try:
        server = PostgresServer(find_pg_bin()).start()
    except PostgresUnavailable as exc:
        print(f"PostgreSQL: skipped ({exc})")
        yield None
        return
    try:
        yield server.create_database()
    finally:
        server.stop()


def main() -> None:
    """Run the storage benchmarks on SQLite, then PostgreSQL when available."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--voicemails", type=int, default=1_000_000)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="callworthy-bench-") as tmp:
        folder = Path(tmp)
        run("SQLite", sqlite_url(folder / "bench.sqlite3"), args, folder)
        if args.sqlite_only:
            return
        with postgres_url() as url:
            if url:
                run("PostgreSQL", url, args, folder)


if __name__ == "__main__":
    main()
