"""Benchmark the critique against proselint on the same scripts, in the same process.

Two runs: the seeded synthetic corpus (bench/corpus.py), then the real
voicemail scripts of the coaching corpus (data/coaching/voicemails.csv, longer
on average), cycled to the same size. Prints the median and p99 latency per
script and the throughput of each, and the ratio of throughputs. Targets
(issues #2 and 15): at least 10x proselint's throughput and p99 under 5 ms.
Never fails on time: it only prints figures.

With `--against COMMIT` (default `main`) the critique as that commit has it
runs too, from its own source (`git archive` into a temporary folder, in a
child process that times a round when asked), its rounds taken in turn with
the others so a busy machine slows all three alike.

    .venv/bin/python bench/critique.py [--size 1000] [--rounds 5] [--against COMMIT | --no-against]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from callworthy import critique, default_rules
from callworthy.critique.corpus import read_corpus
from corpus import corpus

ROOT = Path(__file__).parents[1]
COACHING = ROOT / "data" / "coaching" / "voicemails.csv"


def _proselint() -> Callable[[str], object]:
    from proselint.checks import __register__
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    return lambda text: LintFile("<bench>", text).lint()


#: Runs one round over every script and returns (latencies, total seconds).
Round = Callable[[list[str]], tuple[list[float], float]]

_CHILD = """
import json, sys, time
from callworthy import critique, default_rules
default_rules()
scripts = json.loads(sys.stdin.readline())
for script in scripts[:50]:
    critique(script)
print("ready", flush=True)
for _ in sys.stdin:
    latencies = []
    started = time.perf_counter()
    for script in scripts:
        t0 = time.perf_counter()
        critique(script)
        latencies.append(time.perf_counter() - t0)
    print(json.dumps([latencies, time.perf_counter() - started]), flush=True)
"""


def _round(func: Callable[[str], object], scripts: list[str]) -> tuple[list[float], float]:
    latencies = []
    started = time.perf_counter()
    for script in scripts:
        t0 = time.perf_counter()
        func(script)
        latencies.append(time.perf_counter() - t0)
    return latencies, time.perf_counter() - started


def in_process(func: Callable[[str], object]) -> Round:
    """Return a round of `func` over the scripts, after warming it on the first 50."""
    warm: list[bool] = []

    def run(scripts: list[str]) -> tuple[list[float], float]:
        if not warm:
            for script in scripts[:50]:
                func(script)  # warm caches and lazy loading
            warm.append(True)
        return _round(func, scripts)

    return run


@contextmanager
def other_commit(commit: str, scripts: list[str]) -> Iterator[Round | str]:
    """Yield a round of the critique as `commit` has it (a child process), or why it can't run."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", commit, "src/callworthy"],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        yield f"unavailable (git archive {commit}: {exc})"
        return
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        env = {"PYTHONPATH": str(Path(tmp) / "src"), "PATH": "/usr/bin:/bin"}
        with subprocess.Popen(
            [sys.executable, "-c", _CHILD],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        ) as child:
            assert child.stdin is not None and child.stdout is not None
            child.stdin.write(json.dumps(scripts) + "\n")
            child.stdin.flush()
            if child.stdout.readline().strip() != "ready":
                yield f"unavailable ({commit}'s critique did not start)"
                return

            def run(_: list[str]) -> tuple[list[float], float]:
                assert child.stdin is not None and child.stdout is not None
                child.stdin.write("round\n")
                child.stdin.flush()
                latencies, total = json.loads(child.stdout.readline())
                return latencies, total

            yield run
            child.stdin.close()


def measure(
    rounds_of: dict[str, Round], scripts: list[str], rounds: int
) -> tuple[dict[str, dict[str, float]], dict[str, list[float]]]:
    """Run each over every script, taking rounds in turn so load hits all alike.

    Returns latency percentiles and throughput of each, and per round the throughput
    ratio of each over proselint.
    """
    latencies: dict[str, list[float]] = {name: [] for name in rounds_of}
    totals: dict[str, float] = dict.fromkeys(rounds_of, 0.0)
    ratios: dict[str, list[float]] = {name: [] for name in rounds_of if name != "proselint"}
    for _ in range(rounds):
        per_round = {}
        for name, run in rounds_of.items():
            lat, total = run(scripts)
            latencies[name] += lat
            totals[name] += total
            per_round[name] = total
        for name in ratios:
            ratios[name].append(per_round["proselint"] / per_round[name])
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


def run(
    name: str, scripts: list[str], rounds: int, lint: Callable[[str], object], against: str | None
) -> None:
    """Time one set of scripts and print its figures."""
    mean_chars = statistics.mean(len(s) for s in scripts)
    print(f"{name}: {len(scripts)} scripts, mean {mean_chars:.0f} characters, {rounds} rounds")
    with ExitStack() as stack:
        rounds_of: dict[str, Round] = {"callworthy": in_process(lambda s: critique(s))}
        if against:
            other = stack.enter_context(other_commit(against, scripts))
            if isinstance(other, str):
                print(f"critique at {against}: {other}")
            else:
                rounds_of[f"at {against}"] = other
        rounds_of["proselint"] = in_process(lint)
        figures, ratios = measure(rounds_of, scripts, rounds)
    for tool, fig in figures.items():
        print(
            f"{tool:<14} median {fig['median_ms']:.3f} ms  p99 {fig['p99_ms']:.3f} ms  "
            f"{fig['per_second']:,.0f} scripts/s"
        )
    for tool, per_round in ratios.items():
        median_ratio = figures["proselint"]["median_ms"] / figures[tool]["median_ms"]
        print(
            f"throughput ratio {tool}/proselint: median of rounds "
            f"{statistics.median(per_round):.1f}x (rounds: "
            f"{', '.join(f'{r:.1f}' for r in per_round)}; target >= 10x); "
            f"median latency ratio {median_ratio:.1f}x"
        )
    print(f"callworthy p99 {figures['callworthy']['p99_ms']:.2f} ms (target < 5 ms)")


def main() -> None:
    """Print the figures for Callworthy and proselint on both sets of scripts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--against", default="main", help="also time the critique at this commit")
    parser.add_argument("--no-against", action="store_true", help="time only this critique")
    args = parser.parse_args()
    default_rules()  # load once, outside the timings
    lint = _proselint()
    against = None if args.no_against else args.against
    run("synthetic corpus", corpus(args.size), args.rounds, lint, against)
    print()
    run("coaching corpus (real scripts)", coaching_scripts(args.size), args.rounds, lint, against)


if __name__ == "__main__":
    main()
