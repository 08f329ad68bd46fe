"""Benchmark the critique against proselint on the same corpus, in the same process.

Prints the median and p99 latency per script and the throughput of each, and the
ratio of throughputs. Targets (issue #2): at least 10x proselint's throughput and
p99 under 5 ms. Never fails on time: it only prints figures.

    .venv/bin/python bench/critique.py [--size 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from callworthy import critique, default_rules
from corpus import corpus


def _proselint() -> Callable[[str], object]:
    from proselint.checks import __register__
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    return lambda text: LintFile("<bench>", text).lint()


def measure(func: Callable[[str], object], scripts: list[str], rounds: int) -> dict[str, float]:
    """Run func over every script `rounds` times; return latency percentiles and throughput."""
    for script in scripts[:50]:
        func(script)  # warm caches and lazy loading
    latencies: list[float] = []
    started = time.perf_counter()
    for _ in range(rounds):
        for script in scripts:
            t0 = time.perf_counter()
            func(script)
            latencies.append(time.perf_counter() - t0)
    total = time.perf_counter() - started
    latencies.sort()
    return {
        "median_ms": statistics.median(latencies) * 1e3,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1e3,
        "per_second": len(latencies) / total,
    }


def main() -> None:
    """Print the figures for Callworthy and proselint."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    scripts = corpus(args.size)
    default_rules()  # load once, outside the timings
    mean_chars = statistics.mean(len(s) for s in scripts)
    print(f"corpus: {len(scripts)} scripts, mean {mean_chars:.0f} characters, {args.rounds} rounds")
    ours = measure(lambda s: critique(s), scripts, args.rounds)
    theirs = measure(_proselint(), scripts, args.rounds)
    for name, fig in (("callworthy", ours), ("proselint", theirs)):
        print(
            f"{name:<11} median {fig['median_ms']:.3f} ms  p99 {fig['p99_ms']:.3f} ms  "
            f"{fig['per_second']:,.0f} scripts/s"
        )
    ratio = ours["per_second"] / theirs["per_second"]
    print(f"throughput ratio callworthy/proselint: {ratio:.1f}x (target >= 10x)")
    print(f"callworthy p99 {ours['p99_ms']:.2f} ms (target < 5 ms)")


if __name__ == "__main__":
    main()
