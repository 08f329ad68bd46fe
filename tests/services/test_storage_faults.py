"""A killed import leaves all or nothing; four processes logging at once lose nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from callworthy.storage.engine import make_engine, read_session
from callworthy.storage.location import sqlite_url
from callworthy.storage.tables import Callback, Prospect, Rep, Voicemail

WORKER = str(Path(__file__).with_name("storage_workers.py"))
ROWS = 20_000


def counts(url: str) -> tuple[int, int, int]:
    engine = make_engine(url)
    try:
        with read_session(engine) as s:
            return tuple(  # type: ignore[return-value]
                int(s.scalar(select(func.count()).select_from(t)) or 0)
                for t in (Prospect, Voicemail, Callback)
            )
    finally:
        engine.dispose()


def big_csv(path: Path, rows: int = ROWS) -> Path:
    """Write a generic-format file over rows/10 prospects; every 10th row is a callback."""
    lines = ["id,kind,at,prospect,company,phone,strategy,script,outcome"]
    for i in range(rows):
        person = i % (rows // 10)
        kind, outcome = ("callback", "returned") if i % 10 == 9 else ("voicemail", "")
        day, minute = divmod(i, 1440)
        lines.append(
            f"r{i},{kind},2024-01-{1 + day % 28:02d}T{minute // 60:02d}:{minute % 60:02d}:00Z,"
            f"Person {person},Company {person % 97},+1704{2000000 + person:07d},value_tip,"
            f"Left the value tip message number {i},{outcome}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def start_import(url: str, path: Path, pause_at: str = "") -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, WORKER, "import", url, str(path), pause_at],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(proc: subprocess.Popen[str], stage: str) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == stage:
            return
    raise AssertionError(
        f"worker ended before {stage!r}: {proc.stderr.read() if proc.stderr else ''}"
    )


@pytest.mark.slow
@pytest.mark.parametrize("stage", ["voicemails", "callbacks"])
def test_import_killed_mid_write_leaves_nothing(db_url: str, tmp_path: Path, stage: str) -> None:
    path = big_csv(tmp_path / "big.csv")
    proc = start_import(db_url, path, pause_at=stage)
    wait_for(proc, stage)  # its rows are written, the transaction is not committed
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert counts(db_url) == (0, 0, 0)
    done = start_import(db_url, path)  # the same import then runs to the end, exactly once
    _, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    assert counts(db_url) == (ROWS // 10, ROWS - ROWS // 10, ROWS // 10)


@pytest.mark.slow
def test_import_killed_at_a_random_moment_leaves_all_or_nothing(
    db_url: str, tmp_path: Path
) -> None:
    path = big_csv(tmp_path / "big.csv")
    full = (ROWS // 10, ROWS - ROWS // 10, ROWS // 10)
    for delay in (0.3, 1.0):
        proc = start_import(db_url, path)
        wait_for(proc, "started")
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert counts(db_url) in {(0, 0, 0), full}


def _run_writers(url: str, per_process: int, processes: int = 4) -> None:
    start_at = time.time() + 2.0  # all four begin logging in the same instant
    commands = [
        [WORKER, "log", url, f"rep{i}", f"+1617253{1000 + i:04d}", str(per_process), str(start_at)]
        for i in range(processes)
    ]
    pipe = subprocess.PIPE
    procs = [
        subprocess.Popen([sys.executable, *cmd], stdout=pipe, stderr=pipe, text=True)
        for cmd in commands
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert out.strip() == f"logged {per_process}"


@pytest.mark.slow
def test_four_processes_logging_at_once_lose_nothing(db_url: str) -> None:
    _run_writers(db_url, per_process=500)
    engine: Engine = make_engine(db_url)
    try:
        with read_session(engine) as s:
            per_rep = dict(
                s.execute(
                    select(Rep.name, func.count(Voicemail.id))
                    .join(Voicemail, Voicemail.rep_id == Rep.id)
                    .group_by(Rep.name)
                ).all()
            )
    finally:
        engine.dispose()
    assert per_rep == {f"rep{i}": 500 for i in range(4)}
    assert counts(db_url)[1] == 2000


def test_four_processes_on_a_brand_new_sqlite_file(tmp_path: Path) -> None:
    """Migrating on first use and creating the default team race safely."""
    url = sqlite_url(tmp_path / "new.sqlite3")
    _run_writers(url, per_process=10)
    assert counts(url) == (4, 40, 0)
