"""Benchmark the writer: the time to produce every candidate for one profile.

Prints the median and p95 per profile over seeded profiles in every industry
(target, issue #3: median under 50 ms). Never fails on time: it only prints.

    .venv/bin/python bench/write.py [--profiles 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "tests" / "write"))

from profiles import profiles  # the seeded profiles the tests use

from callworthy.write import default_packs, default_strategies, profile_from_mapping, write_messages


def main() -> None:
    """Print the median and p95 milliseconds to write all candidates for one profile."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    industries: list[str | None] = sorted(default_packs())
    loaded = [profile_from_mapping(d) for d in profiles(args.profiles, industries)]
    default_strategies()
    write_messages(loaded[0].prospect, loaded[0].rep)  # load rules and warm caches
    times, candidates = [], 0
    for round_ in range(args.rounds):
        for profile in loaded:
            t0 = time.perf_counter()
            writeup = write_messages(profile.prospect, profile.rep, seed=round_)
            times.append(time.perf_counter() - t0)
            candidates += len(writeup.candidates)
    times.sort()
    each = candidates / len(times)
    print(f"profiles: {len(loaded)} x {args.rounds} rounds, {each:.1f} candidates each")
    print(f"median: {statistics.median(times) * 1e3:.2f} ms per profile (target < 50 ms)")
    print(f"p95:    {times[int(len(times) * 0.95) - 1] * 1e3:.2f} ms per profile")


if __name__ == "__main__":
    main()
