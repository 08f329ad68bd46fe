"""Compile rule patterns safely: literal tokens and regexes, checked for catastrophic backtracking.

A team writes its own rules, and a pattern such as `(\\w+\\s?)+$` would hang
the critique on every keystroke. Python's `re` has no time-out, so patterns are
checked when the rule loads: an unbounded repeat inside another, or a repeated
alternation whose branches can start alike, is refused with the fix.
"""

from __future__ import annotations

import re
import re._constants as sre_c
import re._parser as sre_parse
from collections.abc import Iterable
from typing import Any

from callworthy.errors import CallworthyError

_UNBOUNDED = 10  # a repeat allowing more than this many is treated as unbounded
_NEVER = re.compile(r"(?!)")


class PatternProblem(CallworthyError):
    """A pattern that does not compile or could backtrack catastrophically."""

    def __init__(self, problem: str, fix: str, *, unsafe: bool = False) -> None:
        self.unsafe = unsafe
        super().__init__(problem, fix)


def token_regex(token: str) -> str:
    """Turn a literal phrase into a word-bounded regex; spaces and apostrophes match loosely."""
    parts = []
    for word in token.strip().split():
        parts.append(re.sub("['’]", "['’]", re.escape(word)))
    body = r"\s+".join(parts)
    left = r"\b" if re.match(r"\w", token.strip()) else ""
    right = r"\b" if re.search(r"\w$", token.strip()) else ""
    return f"{left}{body}{right}"


def _first_literals(items: list[Any]) -> set[Any]:
    """Return a rough set of what a branch can start with; '*' when unknown."""
    if not items:
        return {"*"}
    op, arg = items[0]
    if op is sre_c.LITERAL:
        return {arg}
    if op is sre_c.SUBPATTERN:
        return _first_literals(list(arg[-1]))
    return {"*"}


def _walk(items: Iterable[Any], inside_repeat: bool) -> str | None:
    """Return why a parsed pattern could backtrack catastrophically, or None."""
    for op, arg in items:
        if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            low, high, body = arg
            unbounded = high is sre_c.MAXREPEAT or high > _UNBOUNDED
            if unbounded and inside_repeat:
                return "a repeat (+, * or {n,}) nested inside another repeat"
            reason = _walk(body, inside_repeat or unbounded)
            if reason:
                return reason
        elif op is sre_c.SUBPATTERN:
            reason = _walk(arg[-1], inside_repeat)
            if reason:
                return reason
        elif op is sre_c.BRANCH:
            branches = arg[1]
            if inside_repeat:
                starts = [_first_literals(list(b)) for b in branches]
                seen: set[Any] = set()
                for s in starts:
                    if "*" in s or seen & s:
                        return "a repeated alternation whose branches can match the same text"
                    seen |= s
            for branch in branches:
                reason = _walk(branch, inside_repeat)
                if reason:
                    return reason
        elif op is sre_c.ASSERT or op is sre_c.ASSERT_NOT:
            reason = _walk(arg[1], inside_repeat)
            if reason:
                return reason
    return None


def check_pattern(pattern: str) -> None:
    """Raise PatternProblem if a regex is invalid or could backtrack catastrophically."""
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except re.error as exc:
        raise PatternProblem(
            f"pattern {pattern!r} is not a valid regular expression ({exc}).",
            "Fix the regex, or use `tokens:` for plain phrases.",
        ) from exc
    reason = _walk(list(parsed), False)
    if reason:
        raise PatternProblem(
            f"pattern {pattern!r} could backtrack catastrophically: {reason}.",
            "Rewrite it without nesting repeats (e.g. `(\\w+\\s?)+` -> `[\\w\\s]+`), "
            "or list plain phrases under `tokens:`.",
            unsafe=True,
        )


def compile_matcher(
    tokens: Iterable[str], patterns: Iterable[str], *, case_sensitive: bool = False
) -> re.Pattern[str]:
    """Compile tokens and patterns into one alternation; a never-matching regex when empty."""
    parts = [token_regex(t) for t in tokens]
    for pattern in patterns:
        check_pattern(pattern)
        parts.append(f"(?:{pattern})")
    if not parts:
        return _NEVER
    # Longest alternatives first so "we are a leading provider" beats "we are".
    parts.sort(key=len, reverse=True)
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile("|".join(parts), flags)
