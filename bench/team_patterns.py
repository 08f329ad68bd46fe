"""Benchmark a team's hostile patterns: Python's `re` (before) against RE2 (now), and a critique.

The issue's patterns: `\\w*\\w*\\w*\\w*!` (saved, now run by RE2) and
`(?:(?:\\w{0,10}){0,10}){0,10}!` (now refused at load: too large a program). For
each, `re`'s time on a run of word characters grows with its length (polynomially,
holding the GIL): it is measured on growing runs until one takes over a second.
RE2's time is measured on 229 and 5,000 characters, and so is a whole critique with
the first pattern as a team rule. Only prints figures.

    .venv/bin/python bench/team_patterns.py
"""

from __future__ import annotations

import multiprocessing
import re
import statistics
import time

from callworthy import critique
from callworthy.critique import load_rules
from callworthy.critique.loader import RuleText
from callworthy.critique.patterns import PatternProblem, linear_regex

PATTERNS = (r"\w*\w*\w*\w*!", r"(?:(?:\w{0,10}){0,10}){0,10}!")
RULE = """\
kind: existence
principle: P3
level: warning
subscore: prospect_focus
message: "{{match}} shouts."
fix: Say it calmly.
patterns: ['{pattern}']
examples:
  pass: ["Hi Lou, three ways to keep your drivers."]
  fail: ["Your relationships matter!"]
"""


def seconds(func: object, *args: object, rounds: int = 5) -> float:
    """Return the median time of a call."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        func(*args)  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _scan(pattern: str, length: int) -> None:
    list(re.compile(pattern).finditer("a" * length))


def python_re(pattern: str, limit: float = 5.0) -> None:
    """Print `re`'s time on growing runs of word characters, each in a child process that is
    stopped after `limit` seconds (`re` cannot be interrupted otherwise)."""
    length = 4
    while length <= 4096:
        child = multiprocessing.Process(target=_scan, args=(pattern, length))
        started = time.perf_counter()
        child.start()
        child.join(limit)
        taken = time.perf_counter() - started
        if child.is_alive():
            child.kill()
            child.join()
            print(f"  re   {length:>5} characters: over {limit:.0f} s (stopped)")
            return
        print(f"  re   {length:>5} characters: {taken * 1000:10.2f} ms (with a process start)")
        length *= 2


def main() -> None:
    """Print the figures for each pattern."""
    for pattern in PATTERNS:
        print(f"pattern {pattern}")
        python_re(pattern)
        try:
            compiled = linear_regex(pattern)
        except PatternProblem as exc:  # the refusal is the figure to print
            print(f"  RE2  refused at load: {exc}")
            continue
        for length in (229, 5000):
            taken = seconds(lambda t, rx=compiled: list(rx.finditer(t)), "a" * length)
            print(f"  RE2  {length:>5} characters: {taken * 1000:10.3f} ms")
        rule = RULE.format(pattern=pattern)
        rules = load_rules(extra=[RuleText("acme.shout", rule, "team rule")])
        for text in ("Hi Jane, " + "a" * 220, "Hi Jane, call me at 704-333-1112. " + "a" * 4960):
            taken = seconds(lambda t, rs=rules: critique(t, rules=rs), text)
            print(f"  critique with it as a team rule, {len(text):>5} characters: "
                  f"{taken * 1000:.2f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
