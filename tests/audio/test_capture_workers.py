"""Two `callworthy worker` processes on one PostgreSQL share 50 recordings; one is killed -9.

None is done twice (each recording's `runs` is 1) and none is lost (every one is
done, no job is left waiting, running or failed): the survivor queues again the
jobs of the worker whose heartbeats stopped, and a job run again finds its row
already done or does it once.
"""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from voicemails import need_tools

from callworthy.services import capture_tasks  # noqa: F401  (registers the tasks)
from callworthy.services.database import identify
from callworthy.services.pg_queue import PostgresQueue
from callworthy.storage.capture_tables import Recording
from callworthy.storage.engine import make_engine, run_write
from callworthy.storage.tables import utc_now

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
CALLWORTHY = str(Path(sys.executable).parent / "callworthy")
RECORDINGS = 50


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """Serve one short synthesised voicemail on 127.0.0.1."""
    need_tools("espeak-ng")
    pytest.importorskip("faster_whisper")
    text_ = "Hi, this is Kim. Call me back."
    subprocess.run(["espeak-ng", "-s", "200", "-w", str(tmp_path / "vm.wav"), text_], check=True)
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp_path))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/vm.wav"
    server.shutdown()
    server.server_close()


def _queue_recordings(engine: Engine, url: str) -> list[int]:
    team_id = identify(engine, "alice").team_id

    def work(session: Any) -> list[int]:
        rows = [
            Recording(
                team_id=team_id,
                vendor="generic",
                external_id=f"call:{i}",
                url=url,
                created_at=utc_now(),
            )
            for i in range(RECORDINGS)
        ]
        session.add_all(rows)
        session.flush()
        return [r.id for r in rows]

    ids = run_write(engine, work)
    queue = PostgresQueue(engine)
    for rec_id in ids:
        queue.defer("process_recording", team_id, {"recording_id": rec_id})
    queue.close()
    return ids


def _worker(url: str, name: str, log: Path) -> subprocess.Popen[bytes]:
    command = [CALLWORTHY, "worker", "--db", url, "--heartbeat", "1", "--stalled-after", "4"]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    return subprocess.Popen(command, stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env)


def _done(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).where(Recording.status == "done")) or 0)


def _doing(engine: Engine) -> int:
    with engine.connect() as conn:
        query = text("SELECT count(*) FROM procrastinate_jobs WHERE status = 'doing'")
        return int(conn.scalar(query) or 0)


def test_two_workers_one_killed_none_done_twice_none_lost(
    postgres_server: Any, served: str, tmp_path: Path
) -> None:
    url = postgres_server.create_database("callworthy_template")
    engine = make_engine(url)
    workers: list[subprocess.Popen[bytes]] = []
    try:
        ids = _queue_recordings(engine, served)
        workers = [_worker(url, n, tmp_path / f"{n}.log") for n in ("first", "second")]
        deadline = time.monotonic() + 240
        while _done(engine) < 5 or _doing(engine) < 2:  # kill the first while it holds a job
            assert time.monotonic() < deadline, (tmp_path / "first.log").read_text()[-2000:]
            time.sleep(0.2)
        workers[0].send_signal(signal.SIGKILL)
        workers[0].wait(timeout=30)
        while _done(engine) < RECORDINGS:
            assert time.monotonic() < deadline, (tmp_path / "second.log").read_text()[-3000:]
            assert workers[1].poll() is None, (tmp_path / "second.log").read_text()[-3000:]
            time.sleep(0.5)
        with engine.connect() as conn:
            runs = dict(conn.execute(select(Recording.id, Recording.runs)).all())
            states = dict(
                conn.execute(
                    text("SELECT status, count(*) FROM procrastinate_jobs GROUP BY status")
                ).all()
            )
            query = text("SELECT count(*) FROM procrastinate_jobs WHERE attempts > 1")
            retried = conn.scalar(query)
        assert sorted(runs) == sorted(ids)
        assert set(runs.values()) == {1}, runs  # none done twice
        assert states == {"succeeded": RECORDINGS}, states  # none lost, none waiting or failed
        assert retried == 1  # the job the killed worker held was run again, by the survivor
    finally:
        for process in workers:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        engine.dispose()
        postgres_server.drop_database(url)
