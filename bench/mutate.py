"""Mutation testing of the core: how many small breakages of the code do its tests catch?

Runs mutmut 3 on one core module (or one file of it) at a time, against that module's
own test folder only (`critique/` against `tests/critique/`, ...), and prints a table
like a benchmark: killed / survived / timeout / other / total / % killed, per file and
per module. A timeout counts as killed (the mutant hung the code); "other" is mutants
no selected test reaches (`no tests`), skipped or suspicious, and they count against
the score. Target (issue 19): at least 90% killed in each core module; the survivors
that remain are equivalent mutants, listed in docs/testing.md. Never fails on a score:
it only prints figures. Not part of CI (a module takes minutes).

Each target runs in its own folder, `.mutmut/<target>/` (ignored by git): a copy of
`src/`, `tests/` (and the `bench/`, `data/` and `examples/` they read) and this project's
pyproject.toml, whose `[tool.mutmut]` section is
the shared settings (short per-mutant timeout, quiet pytest) with `only_mutate` and the
test folder set for the target. mutmut remembers results there, so a rerun only tests
the functions that changed (and, with `--retest`, the mutants that survived last time,
against the tests as they are now). With `--commit REV` the source and tests come from that
commit instead (`git archive`): the "before" figures of a change.

    .venv/bin/python bench/mutate.py [TARGET ...] [--commit REV] [--fresh] [--tests FILE ...]

TARGET is a module (`experiments`) or one file (`experiments/srm.py`); by default every
core module in turn. Run it niced on a shared machine (`make mutate` does). `--tests`
narrows the tests to some files (the critique's whole folder takes about 35 s a
surviving mutant); the table says so.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from collections import Counter
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".mutmut"
PACKAGE = "src/callworthy"
#: The core modules, each tested against its own test folder.
MODULES = ("critique", "experiments", "text", "write", "diagnose", "phoneability")
#: What the tests read besides src/ and tests/ (the benchmark corpus, the coaching data).
TREES = ("src", "tests", "bench", "data", "examples")
#: mutmut's exit codes per mutant (mutmut/stats.py), grouped as the table shows them.
KILLED = {1, 3}
TIMEOUT = {36, 24, -24, 152, 255}
SURVIVED = {0}


def module_of(target: str) -> str:
    """Return the core module a target belongs to ("experiments/srm.py" -> "experiments")."""
    module = target.split("/", 1)[0]
    if module not in MODULES:
        sys.exit(f"Unknown target {target!r}: give one of {', '.join(MODULES)}, or module/file.py.")
    return module


def settings(target: str, tests: list[str] | None = None) -> str:
    """Return the `[tool.mutmut]` section for one target: the shared one, narrowed."""
    text = (ROOT / "pyproject.toml").read_text()
    section = re.search(r"^\[tool\.mutmut\]\n(.*?)(?=^\[|\Z)", text, re.M | re.S)
    shared = section.group(1) if section else ""
    keep = [
        line
        for line in shared.splitlines()
        if line.strip() and not line.startswith(("only_mutate", "pytest_add_cli_args_test_"))
    ]
    scope = f"{PACKAGE}/{target}" if target.endswith(".py") else f"{PACKAGE}/{target}/*"
    keep.append(f"only_mutate = [{json.dumps(scope)}]")
    selection = tests or [f"tests/{module_of(target)}"]
    keep.append(f"pytest_add_cli_args_test_selection = {json.dumps(selection)}")
    return "[tool.mutmut]\n" + "\n".join(keep) + "\n"


def prepare(target: str, commit: str | None, fresh: bool, tests: list[str] | None) -> Path:
    """Fill the target's folder with the source, the tests and a narrowed pyproject.toml."""
    folder = WORK / (
        target.replace("/", "-").removesuffix(".py") + (f"@{commit}" if commit else "")
    )
    if fresh and folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name in TREES:
        shutil.rmtree(folder / name, ignore_errors=True)
    if commit:
        archive = subprocess.run(
            ["git", "archive", commit, *TREES, "pyproject.toml"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        ).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        base = (folder / "pyproject.toml").read_text()
    else:
        for name in TREES:
            shutil.copytree(
                ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        base = (ROOT / "pyproject.toml").read_text()
    base = re.sub(r"^\[tool\.mutmut\]\n.*?(?=^\[|\Z)", "", base, flags=re.M | re.S)
    (folder / "pyproject.toml").write_text(base.rstrip() + "\n\n" + settings(target, tests))
    return folder


def run(folder: Path, jobs: int, names: list[str]) -> float:
    """Run mutmut in the folder (its output to mutmut.log there); return the seconds taken.

    mutmut keeps an earlier verdict unless the mutant is named: `names` are tested again.
    """
    started = time.perf_counter()
    mutmut = Path(sys.executable).with_name("mutmut")
    with (folder / "mutmut.log").open("w") as log:
        subprocess.run(
            [str(mutmut), "run", "--max-children", str(jobs), *names],
            cwd=folder,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
            check=False,
        )
    return time.perf_counter() - started


def tally(folder: Path) -> dict[str, Counter[str]]:
    """Count the mutants of each mutated file by outcome, from mutmut's .meta files."""
    out: dict[str, Counter[str]] = {}
    for meta in sorted((folder / "mutants" / PACKAGE).rglob("*.py.meta")):
        codes = json.loads(meta.read_text()).get("exit_code_by_key", {})
        if not codes:
            continue
        name = str(meta.relative_to(folder / "mutants" / PACKAGE)).removesuffix(".meta")
        counts: Counter[str] = Counter()
        for code in codes.values():
            outcome = (
                "killed"
                if code in KILLED
                else "timeout"
                if code in TIMEOUT
                else "survived"
                if code in SURVIVED
                else "other"
            )
            counts[outcome] += 1
        out[name] = counts
    return out


def survivors(folder: Path) -> list[str]:
    """Return the names of the mutants that survived (for `mutmut show NAME` in the folder)."""
    found = []
    for meta in sorted((folder / "mutants" / PACKAGE).rglob("*.py.meta")):
        codes = json.loads(meta.read_text()).get("exit_code_by_key", {})
        found += [name for name, code in codes.items() if code not in KILLED | TIMEOUT]
    return found


def row(name: str, c: Counter[str]) -> str:
    total = sum(c.values())
    score = 100 * (c["killed"] + c["timeout"]) / total if total else 0.0
    return (
        f"{name:<32} {c['killed']:>6} {c['survived']:>8} {c['timeout']:>7} {c['other']:>5}"
        f" {total:>6} {score:>6.1f}%"
    )


def main() -> None:
    """Run each target and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", default=list(MODULES))
    parser.add_argument("--commit", help="measure this commit's source and tests instead")
    parser.add_argument("--jobs", type=int, default=1, help="mutants tested at once")
    parser.add_argument("--fresh", action="store_true", help="forget earlier results")
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    parser.add_argument(
        "--retest", action="store_true", help="test the last run's survivors again (new tests)"
    )
    parser.add_argument(
        "--tests", nargs="+", help="test files to run instead of the module's folder (say so)"
    )
    args = parser.parse_args()
    header = f"{'file':<32} killed survived timeout other  total   score"
    for target in args.targets:
        module_of(target)
        folder = prepare(target, args.commit, args.fresh, args.tests)
        if args.retest:  # which tests reach which function is measured again: tests changed
            (folder / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
        seconds = run(folder, args.jobs, [])  # new mutants and changed functions
        if args.retest and survivors(folder):
            seconds += run(folder, args.jobs, survivors(folder))
        counts = tally(folder)
        label = f"{target}" + (f" @ {args.commit}" if args.commit else "")
        label += f" (tests: {' '.join(args.tests)})" if args.tests else ""
        print(f"\n{label}: {seconds:.0f} s  (log: {folder.relative_to(ROOT)}/mutmut.log)")
        print(header)
        for name, c in counts.items():
            print(row(name, c))
        if len(counts) > 1:
            print(row("all", sum(counts.values(), Counter())))
        if args.survivors:
            print("\n".join(f"  survived: {name}" for name in survivors(folder)))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
