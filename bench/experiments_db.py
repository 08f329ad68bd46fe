"""Benchmark `stats` and `curve` over a stored log: 100,000 voicemails on SQLite.

Prints (never fails on time) the median time of the services behind
`callworthy stats`, `stats --by rep` and `curve`, counts aggregated in SQL.

    .venv/bin/python bench/experiments_db.py [--voicemails 100000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import insert

from callworthy.services import experiments
from callworthy.services.database import identify, open_database
from callworthy.storage.engine import write_connection
from callworthy.storage.tables import Callback, Prospect, Rep, Voicemail

NOW = datetime(2024, 6, 1, tzinfo=UTC)
STRATEGIES, REPS, INDUSTRIES, PROSPECTS = 20, 50, 10, 5000


def build(url: str, n: int, rng: np.random.Generator) -> None:
    """Fill a database with n voicemails over 90 days, ~20% called back."""
    engine = open_database(url)
    actor = identify(engine, "rep000")
    with write_connection(engine) as conn:
        conn.execute(
            insert(Rep), [{"team_id": actor.team_id, "name": f"rep{i:03d}"} for i in range(1, REPS)]
        )
        conn.execute(
            insert(Prospect),
            [
                {
                    "team_id": actor.team_id,
                    "name": f"p{i}",
                    "industry": f"industry{i % INDUSTRIES}",
                    "tags": [],
                    "humor_ok": False,
                    "do_not_call": False,
                }
                for i in range(PROSPECTS)
            ],
        )
        left = NOW - timedelta(days=90) * rng.random(n)
        rates = rng.beta(2, 8, STRATEGIES)
        strategy = rng.integers(0, STRATEGIES, n)
        conn.execute(
            insert(Voicemail),
            [
                {
                    "prospect_id": int(rng.integers(1, PROSPECTS + 1)),
                    "rep_id": int(rng.integers(1, REPS + 1)),
                    "strategy": f"s{strategy[i]:02d}",
                    "script": "",
                    "left_at": left[i],
                    "source": "bench",
                }
                for i in range(n)
            ],
        )
        back = rng.random(n) < rates[strategy]
        delay = timedelta(days=10) * rng.exponential(0.4, n)
        conn.execute(
            insert(Callback),
            [
                {
                    "prospect_id": 1,
                    "voicemail_id": i + 1,
                    "at": min(left[i] + delay[i], NOW),
                    "outcome": "returned",
                    "notes": "",
                    "source": "bench",
                }
                for i in np.nonzero(back)[0].tolist()
            ],
        )
    engine.dispose()


def median(fn: Callable[[], object], rounds: int) -> float:
    """Return the median wall time of fn over rounds calls."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Build the log, then print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--voicemails", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        start = time.perf_counter()
        build(url, args.voicemails, np.random.default_rng(7))
        print(f"built {args.voicemails:,} voicemails in {time.perf_counter() - start:.1f} s")
        engine = open_database(url)
        actor = identify(engine, "rep000")
        for label, fn in (
            ("stats", lambda: experiments.stats(engine, actor, now=NOW)),
            ("stats --by rep", lambda: experiments.stats(engine, actor, now=NOW, by="rep")),
            (
                "stats --by industry",
                lambda: experiments.stats(engine, actor, now=NOW, by="industry"),
            ),
            ("curve", lambda: experiments.curve(engine, actor, now=NOW)),
        ):
            print(f"{label:<22} {median(fn, args.rounds) * 1000:8.0f} ms (median of {args.rounds})")
        engine.dispose()


if __name__ == "__main__":
    main()
