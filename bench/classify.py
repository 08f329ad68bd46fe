"""Measure the strategy classifier (CRM notes as evidence) on scripts written per strategy.

Prints, for data/strategies/scripts.csv (the tuning set) and holdout.csv (written after
the detectors' weights were set, never tuned against): the accuracy, each strategy's
recall, every confusion, and the median time to read one note (critique + classify),
beside the critique alone in the same run.

    .venv/bin/python bench/classify.py
"""

from __future__ import annotations

import csv
import statistics
import time
from collections import Counter
from pathlib import Path

from callworthy.critique import critique
from callworthy.write import default_registry
from callworthy.write.classify import classify

DATA = Path(__file__).parents[1] / "data" / "strategies"


def rows(name: str) -> list[dict[str, str]]:
    """Return the rows of one of the files."""
    with (DATA / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def measure(name: str) -> None:
    """Print accuracy, recall per strategy and the confusions of one file."""
    registry = default_registry()
    data = rows(name)
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    confused: Counter[tuple[str, str]] = Counter()
    for row in data:
        read = classify(row["text"], registry).strategy
        totals[row["strategy"]] += 1
        if read == row["strategy"]:
            hits[row["strategy"]] += 1
        else:
            confused[(row["strategy"], read)] += 1
    right = sum(hits.values())
    print(f"{name}: {right} of {len(data)} read right ({right / len(data):.1%})")
    print("  recall: " + ", ".join(f"{s} {hits[s]}/{n}" for s, n in sorted(totals.items())))
    for (truth, read), n in confused.most_common():
        print(f"  {truth} read as {read}: {n}")


def speed() -> None:
    """Print the median time to read one note, beside the critique alone."""
    registry = default_registry()
    texts = [r["text"] for r in rows("scripts.csv")]
    for label, fn in (
        ("classify (looks_like_script + examine + detectors)", lambda t: classify(t, registry)),
        ("baseline: critique alone", lambda t: critique(t) if len(t.split()) > 2 else None),
    ):
        samples = []
        for _ in range(5):
            for text in texts:
                start = time.perf_counter_ns()
                fn(text)
                samples.append(time.perf_counter_ns() - start)
        print(f"{label}: median {statistics.median(samples) / 1e6:.2f} ms per note")


def main() -> None:
    measure("scripts.csv")
    measure("holdout.csv")
    speed()


if __name__ == "__main__":
    main()
