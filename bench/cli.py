"""Benchmark the CLI's start-up: each command beside a bare `python -c "import click"`.

Every case is a fresh subprocess of the installed `callworthy` entry point, run
in one interleaved loop with the bare click import (so load on the machine hits
all alike); prints the median wall time of each and its ratio to the bare
import, and the median CPU time (user + system) of the process, which a busy
machine disturbs less. Targets (issue #12): `--help` within 6x and `check TEXT`
within 10x of the bare import. It also prints what reading the team's stored rules costs
`check` when the default database exists (a team without rules of its own, and
one with a rule). Never fails on time: it only prints figures.

    .venv/bin/python bench/cli.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPT = (
    "Hi Jane, it's Ana at 704-333-1112. I was talking to a builder yesterday who needs a "
    "caterer like you for forty sites; call me at 704-333-1112 and I'll give you his number."
)
RULE = """\
kind: existence
principle: P10
level: warning
subscore: differentiation
message: '"{match}" is our slogan, not a reason to call back.'
fix: Say what the prospect gains instead.
tokens: [rock solid]
examples:
  pass: ["Hi Lou, three carriers cut fuel surcharges."]
  fail: ["We are rock solid."]
"""
BASE = "python -c 'import click'"
TARGETS = {"callworthy --help": 6.0, "callworthy check TEXT": 10.0}


def entry_point() -> str:
    """Return the installed `callworthy` script beside this interpreter."""
    exe = Path(sys.executable).with_name("callworthy")
    if not exe.exists():
        raise SystemExit(f"No {exe}: run `make install` first.")
    return str(exe)


def data_home(root: Path, name: str, rules: bool | None) -> dict[str, str]:
    """Return an environment whose default database is absent (None), or a team's, with a rule."""
    home = root / name
    env = {**os.environ, "XDG_DATA_HOME": str(home), "CALLWORTHY_REP": "bench", "NO_COLOR": "1"}
    env.pop("CALLWORTHY_DATABASE_URL", None)
    if rules is None:
        return env
    from callworthy.services.database import identify, open_database
    from callworthy.services.team_rules import save_team_rule

    engine = open_database(str(home / "callworthy" / "callworthy.sqlite3"))
    caller = identify(engine, "bench")
    if rules:
        save_team_rule(engine, caller, "acme.slogan", RULE)
    engine.dispose()
    return env


def cases(root: Path) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Return each case's command and environment."""
    exe = entry_point()
    none = data_home(root, "none", None)
    plain = data_home(root, "plain", False)
    ruled = data_home(root, "ruled", True)
    database = str(root / "plain" / "callworthy" / "callworthy.sqlite3")
    return {
        BASE: ([sys.executable, "-c", "import click"], none),
        "callworthy --help": ([exe, "--help"], none),
        "callworthy check TEXT": ([exe, "check", SCRIPT], none),
        "callworthy check --help": ([exe, "check", "--help"], none),
        "callworthy prospect list": ([exe, "prospect", "list", "--db", database], plain),
        "check TEXT, database, no team rules": ([exe, "check", SCRIPT], plain),
        "check TEXT, database, a team rule": ([exe, "check", SCRIPT], ruled),
    }


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Return the wall and CPU time of one run; stop on a failure (it would time nothing)."""
    cpu, started = _cpu(), time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    elapsed, used = time.perf_counter() - started, _cpu() - cpu
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:3])} failed:\n{done.stderr.decode()}")
    return elapsed, used


def main() -> None:
    """Print the median start-up of each case and its ratio to the bare click import."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each case (default 15)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        todo = cases(Path(folder))
        for command, env in todo.values():
            run_once(command, env)  # warm the file cache and the .pyc files
        wall: dict[str, list[float]] = {name: [] for name in todo}
        cpu: dict[str, list[float]] = {name: [] for name in todo}
        for _ in range(args.runs):
            for name, (command, env) in todo.items():
                elapsed, used = run_once(command, env)
                wall[name].append(elapsed)
                cpu[name].append(used)
    median = {name: statistics.median(samples) for name, samples in wall.items()}
    median_cpu = {name: statistics.median(samples) for name, samples in cpu.items()}
    base, base_cpu = median[BASE], median_cpu[BASE]
    print(f"CLI start-up, median of {args.runs} runs (subprocesses, interleaved):")
    print(f"  {'':38} {'wall':>7}    {'ratio':>6}  {'CPU':>7}    {'ratio':>6}")
    for name in todo:
        target = TARGETS.get(name)
        goal = ""
        if target is not None:
            goal = f"  target {target:g}x: {'met' if median[name] / base <= target else 'missed'}"
        print(
            f"  {name:38} {median[name] * 1000:7.0f} ms {median[name] / base:6.1f}x"
            f" {median_cpu[name] * 1000:7.0f} ms {median_cpu[name] / base_cpu:6.1f}x{goal}"
        )
    rule = "check TEXT, database, a team rule"
    extra = median[rule] - median["check TEXT, database, no team rules"]
    extra_cpu = median_cpu[rule] - median_cpu["check TEXT, database, no team rules"]
    print(
        f"Reading and compiling one team rule from the default database: {extra * 1000:+.0f} ms"
        f" wall, {extra_cpu * 1000:+.0f} ms CPU (against a team without rules)."
    )


if __name__ == "__main__":
    main()
