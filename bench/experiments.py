"""Benchmark the experiments core: a team-sized summary and one next-strategy decision.

Prints (never fails on time):
- the median time to summarise 1,000 strategies × 100 segments (100,000 cells,
  each with its own chance to beat the baseline, chance best within its segment
  and expected loss), flat prior and team prior; target < 0.5 s (flat);
- a baseline in the same run: the same figures cell by cell with scipy.stats and
  scipy.integrate.quad (the obvious loop), timed on a sample and scaled up;
- the time to tally 100,000 logged attempts into counts;
- the median time of one next-strategy pick (Thompson, 10 eligible strategies),
  target < 100 µs, beside a bare equal-weights rng.choice.

    .venv/bin/python bench/experiments.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import numpy as np
from scipy import integrate, stats

from callworthy.experiments import (
    Arm,
    Attempt,
    CountTable,
    Posteriors,
    PriorKind,
    Settings,
    count,
    observe,
    pick_next,
    summarise_tables,
)

STRATEGIES, SEGMENTS = 1000, 100


def tables(rng: np.random.Generator) -> tuple[CountTable, CountTable]:
    """Return a team table and a rep table with ~10 matured voicemails per cell."""
    names = [f"s{i:04d}" for i in range(STRATEGIES)]
    rates = rng.beta(2.0, 14.0, STRATEGIES)
    vm = rng.poisson(12, (SEGMENTS, STRATEGIES))
    mat = rng.binomial(vm, 0.85)
    cb = rng.binomial(mat, np.clip(rates * rng.lognormal(0, 0.3, (SEGMENTS, STRATEGIES)), 0, 1))
    reps = [f"rep{i:03d}" for i in range(SEGMENTS)]
    seg = CountTable.from_counts(names, vm, mat, cb, segment_kind="rep", segments=reps)
    team = CountTable.from_counts(names, vm.sum(0), mat.sum(0), cb.sum(0))
    return team, seg


def median_time(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def naive_cell(k: int, n: int, k0: int, n0: int) -> tuple[float, ...]:
    """One cell the obvious way: scipy.stats quantiles and quad for P(beat)."""
    a, b, a0, b0 = 1 + k, 1 + n - k, 1 + k0, 1 + n0 - k0
    low, high = stats.beta.ppf([0.025, 0.975], a, b)
    beat = integrate.quad(lambda x: stats.beta.pdf(x, a0, b0) * stats.beta.sf(x, a, b), 0, 1)[0]
    return float(low), float(high), beat


def bench_summary(rounds: int) -> None:
    team, seg = tables(np.random.default_rng(1))
    base = Settings(baseline="s0000")
    cells = STRATEGIES * SEGMENTS
    flat = median_time(lambda: summarise_tables(team, (seg,), base), rounds)
    print(f"summarise {STRATEGIES} strategies x {SEGMENTS} segments ({cells:,} cells), flat prior:")
    print(f"  median {flat:.3f} s  (target < 0.5 s)")
    team_prior = Settings(baseline="s0000", prior=PriorKind.TEAM)
    tp = median_time(lambda: summarise_tables(team, (seg,), team_prior), max(1, rounds // 2))
    print(f"  team prior (non-integer parameters, quadrature): median {tp:.3f} s")
    sample = 200
    k, n = seg.callbacks.ravel()[:sample], seg.matured.ravel()[:sample]
    start = time.perf_counter()
    for i in range(sample):
        naive_cell(int(k[i]), int(n[i]), int(seg.callbacks[0, 0]), int(seg.matured[0, 0]))
    per_cell = (time.perf_counter() - start) / sample
    print(
        f"  baseline, cell-by-cell scipy.stats + quad (interval and P(beat) only): "
        f"{per_cell * 1e6:.0f} µs/cell -> {per_cell * cells:.1f} s for {cells:,} cells"
    )


def bench_tally() -> None:
    rng = np.random.default_rng(2)
    now = datetime(2026, 5, 1, tzinfo=UTC)
    ages = rng.uniform(0, 60, 100_000)
    log = [
        Attempt(f"s{i % 20}", now - timedelta(days=float(d)), None, rep=f"r{i % 50}")
        for i, d in enumerate(ages)
    ]
    names = [f"s{i}" for i in range(20)]
    start = time.perf_counter()
    obs = observe(log, now, Settings())
    count(obs, names)
    count(obs, names, "rep")
    took = time.perf_counter() - start
    print(f"tally 100,000 attempts (window, team and rep tables): {took:.3f} s")


def bench_pick() -> None:
    arms = [Arm(f"s{i}", 1 + 3 * i, 60 - 2 * i) for i in range(10)]
    post = Posteriors.of(arms).only({a.strategy for a in arms})
    rng = np.random.default_rng(3)
    names = list(post.names)
    for label, fn in (
        ("pick_next (Thompson, floor 5%)", lambda: pick_next(post, rng)),
        ("pick_next (top-two)", lambda: pick_next(post, rng, top_two=True)),
        ("baseline: rng.choice equal weights", lambda: names[int(rng.integers(len(names)))]),
    ):
        samples = []
        for _ in range(20_000):
            start = time.perf_counter_ns()
            fn()
            samples.append(time.perf_counter_ns() - start)
        print(f"{label}: median {statistics.median(samples) / 1000:.1f} µs  (target < 100 µs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    bench_summary(args.rounds)
    bench_tally()
    bench_pick()


if __name__ == "__main__":
    main()
