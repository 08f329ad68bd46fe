"""Capture benchmark: prints figures, never passes or fails.

1. Webhook acknowledgements: N signed generic events posted to the real app (in
   process, through its ASGI stack, no network): events accepted per second, the
   median and p99 of the acknowledgement; the baseline, in the same process, is
   the same N deliveries retried (found by their id, nothing stored).
2. Recordings per minute through one, then two `callworthy worker` processes on
   PostgreSQL (a short espeak-ng voicemail served on 127.0.0.1, tiny.en int8),
   counted from the first recording done (the model's load left out).

Runs (1) on SQLite and PostgreSQL, (2) on PostgreSQL: a server is started here like
the tests' (or CALLWORTHY_BENCH_POSTGRES_URL names an empty database for (1)).

    .venv/bin/python bench/capture.py [--events 500] [--recordings 20]
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from callworthy.capture.signing import sign_generic
from callworthy.services import capture_tasks  # noqa: F401  (registers the tasks)
from callworthy.services.database import identify
from callworthy.services.pg_queue import PostgresQueue
from callworthy.services.webhook_secrets import add_secret
from callworthy.storage.capture_tables import Recording
from callworthy.storage.engine import make_engine, run_write
from callworthy.storage.location import sqlite_url
from callworthy.storage.migrate import upgrade
from callworthy.storage.tables import utc_now
from callworthy.web.app import create_app
from callworthy.web.settings import Settings

CALLWORTHY = str(Path(sys.executable).parent / "callworthy")


def _body(i: int) -> bytes:
    event = {
        "id": f"bench-{i}",
        "type": "voicemail.left",
        "occurred_at": "2026-11-26T14:05:00Z",
        "call_id": f"call-{i}",
        "prospect": {"phone": f"+1212555{i % 10000:04d}", "name": f"Prospect {i}"},
        "script": "Hi, this is Rita at Acme. Call me back at 704 555 0100.",
    }
    return json.dumps(event).encode()


def _post_all(client: TestClient, team: int, secret: str, n: int) -> list[float]:
    times = []
    for i in range(n):
        body = _body(i)
        header = sign_generic(secret, int(time.time()), body)
        start = time.perf_counter()
        response = client.post(
            f"/hooks/{team}/generic", content=body, headers={"Callworthy-Signature": header}
        )
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.text
    return times


def _figures(label: str, times: list[float]) -> float:
    ordered = sorted(times)
    p99 = ordered[int(0.99 * (len(ordered) - 1))]
    rate = len(times) / sum(times)
    print(
        f"  {label:<22} {rate:8.0f} events/s   median {statistics.median(times) * 1000:6.2f} ms"
        f"   p99 {p99 * 1000:6.2f} ms"
    )
    return rate


def bench_webhooks(name: str, url: str, n: int) -> None:
    """Print acknowledgement figures for new events and for retried ones."""
    migrated = make_engine(url)
    upgrade(migrated)  # PostgreSQL is migrated once by an administrator; SQLite on first use
    migrated.dispose()
    app = create_app(Settings(database_url=url, secret_key="bench", run_jobs=False))
    engine = app.state.engine
    caller = identify(engine, "bench")
    secret = add_secret(engine, caller, app.state.sealer, "generic").secret
    assert secret
    print(f"{name}: {n} signed generic events")
    with TestClient(app) as client:
        _post_all(client, caller.team_id, secret, 20)  # warm up (ids reused below as retries)
        new = _figures("new events", _post_all(client, caller.team_id, secret, n)[20:] or [0.0])
        retried = _figures("retried (baseline)", _post_all(client, caller.team_id, secret, n))
    print(f"  new / retried throughput: {new / retried:.2f}")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the output clean."""


def _serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    text = "Hi, this is Kim at Acme. Call me back at seven oh four, five five five, oh one hundred."
    subprocess.run(["espeak-ng", "-s", "170", "-w", str(folder / "vm.wav"), text], check=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/vm.wav"


def _done(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).where(Recording.status == "done")) or 0)


def bench_workers(url: str, recording_url: str, n: int, workers: int) -> float:
    """Return recordings per minute through `workers` worker processes on a fresh database."""
    engine = make_engine(url)
    upgrade(engine)
    team_id = identify(engine, "bench").team_id

    def work(session: Any) -> list[int]:
        rows = [
            Recording(
                team_id=team_id,
                vendor="generic",
                external_id=f"call:{i}",
                url=recording_url,
                created_at=utc_now(),
            )
            for i in range(n)
        ]
        session.add_all(rows)
        session.flush()
        return [r.id for r in rows]

    queue = PostgresQueue(engine)
    for rec_id in run_write(engine, work):
        queue.defer("process_recording", team_id, {"recording_id": rec_id})
    queue.close()
    procs = [
        subprocess.Popen(
            [CALLWORTHY, "worker", "--db", url],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    try:
        while _done(engine) < 1:
            time.sleep(0.05)
        start, first = time.perf_counter(), _done(engine)
        while _done(engine) < n:
            time.sleep(0.05)
        rate = (n - first) / (time.perf_counter() - start) * 60
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=60)
        engine.dispose()
    print(f"  {workers} worker(s): {rate:6.1f} recordings/min")
    return rate


def main() -> None:
    """Run both benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--recordings", type=int, default=20)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
    from pg_server import PostgresServer, find_pg_bin

    with tempfile.TemporaryDirectory(prefix="callworthy-bench-") as tmp:
        folder = Path(tmp)
        bench_webhooks("SQLite", sqlite_url(folder / "bench.sqlite3"), args.events)
        server = PostgresServer(find_pg_bin()).start()
        try:
            bench_webhooks("PostgreSQL", server.create_database(), args.events)
            http, recording_url = _serve(folder)
            print(f"PostgreSQL: {args.recordings} recordings, tiny.en int8")
            one = bench_workers(server.create_database(), recording_url, args.recordings, 1)
            two = bench_workers(server.create_database(), recording_url, args.recordings, 2)
            print(f"  two / one worker: {two / one:.2f}")
            http.shutdown()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
