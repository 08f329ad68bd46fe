"""Benchmark the critique against proselint on the same scripts, in the same process.

Two runs: the seeded synthetic corpus (bench/corpus.py), then the real
voicemail scripts of the coaching corpus (data/coaching/voicemails.csv, longer
on average), cycled to the same size. Prints the median and p99 latency per
script and the throughput of each, and the ratio of throughputs. Targets
(issues #2 and 15): at least 10x proselint's throughput and p99 under 5 ms.
Never fails on time: it only prints figures.

    .venv/bin/python bench/critique.py [--size 1000] [--rounds 5]
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
from callworthy.critique.corpus import read_corpus
from corpus import corpus

COACHING = Path(__file__).parents[1] / "data" / "coaching" / "voicemails.csv"


def _proselint() -> Callable[[str], object]:
    from proselint.checks import __register__
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    return lambda text: LintFile("<bench>", text).lint()


def _round(func: Callable[[str], object], scripts: list[str]) -> tuple[list[float], float]:
    latencies = []
    started = time.perf_counter()
    for script in scripts:
        t0 = time.perf_counter()
        func(script)
        latencies.append(time.perf_counter() - t0)
    return latencies, time.perf_counter() - started


def measure(
    funcs: dict[str, Callable[[str], object]], scripts: list[str], rounds: int
) -> tuple[dict[str, dict[str, float]], list[float]]:
    """Run each function over every script, alternating rounds so load hits both alike.

    Returns latency percentiles and throughput per function, and the throughput
    ratio (first function over second) of each round.
    """
    for func in funcs.values():
        for script in scripts[:50]:
            func(script)  # warm caches and lazy loading
    latencies: dict[str, list[float]] = {name: [] for name in funcs}
    totals: dict[str, float] = dict.fromkeys(funcs, 0.0)
    ratios = []
    for _ in range(rounds):
        per_round = {}
        for name, func in funcs.items():
            lat, total = _round(func, scripts)
            latencies[name] += lat
            totals[name] += total
            per_round[name] = total
        first, second = funcs
        ratios.append(per_round[second] / per_round[first])
    figures = {}
    for name, lat in latencies.items():
        lat.sort()
        figures[name] = {
            "median_ms": statistics.median(lat) * 1e3,
            "p99_ms": lat[int(len(lat) * 0.99) - 1] * 1e3,
            "per_second": len(lat) / totals[name],
        }
    return figures, ratios


def coaching_scripts(size: int) -> list[str]:
    """Return the coaching corpus's real scripts, cycled to `size`."""
    with COACHING.open(encoding="utf-8", newline="") as stream:
        texts = [item.text for item in read_corpus(stream)]
    return [texts[i % len(texts)] for i in range(size)]


def run(name: str, scripts: list[str], rounds: int, lint: Callable[[str], object]) -> None:
    """Time one set of scripts and print its figures."""
    mean_chars = statistics.mean(len(s) for s in scripts)
    print(f"{name}: {len(scripts)} scripts, mean {mean_chars:.0f} characters, {rounds} rounds")
    figures, ratios = measure(
        {"callworthy": lambda s: critique(s), "proselint": lint}, scripts, rounds
    )
    for tool, fig in figures.items():
        print(
            f"{tool:<11} median {fig['median_ms']:.3f} ms  p99 {fig['p99_ms']:.3f} ms  "
            f"{fig['per_second']:,.0f} scripts/s"
        )
    median_ratio = figures["proselint"]["median_ms"] / figures["callworthy"]["median_ms"]
    print(
        f"throughput ratio callworthy/proselint: median of rounds {statistics.median(ratios):.1f}x "
        f"(rounds: {', '.join(f'{r:.1f}' for r in ratios)}; target >= 10x)"
    )
    print(f"median latency ratio: {median_ratio:.1f}x")
    print(f"callworthy p99 {figures['callworthy']['p99_ms']:.2f} ms (target < 5 ms)")


def main() -> None:
    """Print the figures for Callworthy and proselint on both sets of scripts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    default_rules()  # load once, outside the timings
    lint = _proselint()
    run("synthetic corpus", corpus(args.size), args.rounds, lint)
    print()
    run("coaching corpus (real scripts)", coaching_scripts(args.size), args.rounds, lint)


if __name__ == "__main__":
    main()
