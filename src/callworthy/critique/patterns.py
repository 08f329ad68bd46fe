"""Compile rule patterns safely: literal tokens and regexes, checked for catastrophic backtracking.

A team writes its own rules, and a pattern such as `(\\w+\\s?)+$` would hang
the critique on every keystroke. Python's `re` has no time-out, so patterns are
checked when the rule loads: an unbounded repeat inside another, or a repeated
alternation whose branches can start alike, is refused with the fix.
"""

from __future__ import annotations

import re
import re._constants as sre_c  # type: ignore[import-not-found]  # private, no stubs
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from callworthy.errors import CallworthyError

_UNBOUNDED = 10  # a repeat allowing more than this many is treated as unbounded


class PatternProblem(CallworthyError):
    """A pattern that does not compile or could backtrack catastrophically."""

    def __init__(self, problem: str, fix: str, *, unsafe: bool = False) -> None:
        self.unsafe = unsafe
        super().__init__(problem, fix)


def token_regex(token: str, *, left_boundary: bool = True) -> str:
    """Turn a literal phrase into a word-bounded regex; spaces and apostrophes match loosely."""
    token = token.strip()
    body = r"\s+".join(re.sub("['’]", "['’]", re.escape(word)) for word in token.split())
    left = r"\b" if left_boundary and re.match(r"\w", token) else ""
    right = r"\b" if re.search(r"\w$", token) else ""
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
            _, high, body = arg
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


@lru_cache(maxsize=4096)  # a team's rules are loaded again at each change of any of them
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


def _token_alternation(tokens: Iterable[str]) -> str:
    """Join token regexes grouped by first character, longest first within a group.

    Grouping lets `re` fail fast on a character; longest-first makes "we are a
    leading provider" win over "we are".
    """
    groups: dict[str, list[str]] = {}
    for token in tokens:
        groups.setdefault(token.strip()[:1], []).append(token_regex(token))
    parts = []
    for group in groups.values():
        group.sort(key=len, reverse=True)
        parts.append(group[0] if len(group) == 1 else "(?:" + "|".join(group) + ")")
    return "|".join(parts)


@dataclass(frozen=True, slots=True)
class Scan:
    """One regex pass, over the lower-cased text (`on_lower`) or the original.

    The regex is compiled when first used: the RE2 prefilter rules most scans out
    of a script before `re` runs, and compiling every rule's alternations up front
    was a third of the time a command took to start. The loader compiles a team's
    rules at once (`compile_now`), so their errors still show when they load.
    """

    source: str
    flags: int
    on_lower: bool
    _compiled: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    @property
    def regex(self) -> re.Pattern[str]:
        """Return the compiled regex, compiled on first use (a race compiles it twice: harmless)."""
        compiled = self._compiled
        if compiled is None:
            compiled = re.compile(self.source, self.flags)
            object.__setattr__(self, "_compiled", compiled)
        return compiled

    def matches(self, text: str, lower: str | None) -> list[re.Match[str]]:
        """Return every match in the text this scan runs on."""
        return list(self.regex.finditer(lower if self.on_lower and lower is not None else text))


@dataclass(frozen=True, slots=True)
class CompiledTerms:
    """Compiled tokens and patterns, matched case-insensitively.

    `fast` scans hold the literals lower-cased and run case-sensitively on the
    lower-cased text: three times faster in `re` than IGNORECASE, and what the
    RE2 prefilter (prefilter.py) checks in one pass. `fallback` holds IGNORECASE
    twins for text whose lower-casing would shift offsets. Patterns with inline
    case flags run IGNORECASE on the original text in both.
    """

    fast: tuple[Scan, ...]
    fallback: tuple[Scan, ...]

    def finditer(
        self, text: str, lower: str | None, ruled_out: frozenset[int] = frozenset()
    ) -> list[re.Match[str]]:
        """Return matches in order, skipping scans the prefilter ruled out."""
        if lower is None:
            scans = self.fallback
        elif ruled_out:
            scans = tuple([s for s in self.fast if id(s) not in ruled_out])
        else:
            scans = self.fast
        if len(scans) == 1:
            return scans[0].matches(text, lower)
        found = [m for scan in scans for m in scan.matches(text, lower)]
        found.sort(key=_start)
        return found


def _start(match: re.Match[str]) -> int:
    return match.start()


_CASE_SPECIFIC = re.compile(r"\(\?[a-zA-Z]*-?[a-zA-Z]*i|\\[xuUN0-7]")


def lowered_pattern(pattern: str) -> str | None:
    """Return the pattern with its literals lower-cased, or None if that would change it.

    Escapes keep their case (`\\D` stays `\\D`); a pattern with inline case flags
    or character escapes (`(?-i:...)`, `\\x41`) is left to IGNORECASE matching.
    """
    if _CASE_SPECIFIC.search(pattern):
        return None
    out, escaped = [], False
    for char in pattern:
        out.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    return "".join(out)


def _join(tokens: list[str], patterns: Iterable[str]) -> str | None:
    parts = [_token_alternation(tokens)] if tokens else []
    parts += [f"(?:{p})" for p in patterns]
    return "|".join(parts) if parts else None


def compile_terms(
    tokens: Iterable[str], patterns: Iterable[str], *, case_sensitive: bool = False
) -> CompiledTerms:
    """Compile tokens and patterns; either may be empty.

    The patterns must have passed `check_pattern`: the loader checks a team's, each
    with its line, and a test the built-ins'.
    """
    token_list = [t.strip() for t in tokens if t.strip()]
    pattern_list = sorted(patterns, key=len, reverse=True)
    if case_sensitive:
        source = _join(token_list, pattern_list)
        scans = (Scan(source, 0, False),) if source else ()
        return CompiledTerms(scans, scans)
    lowered = [(p, lowered_pattern(p)) for p in pattern_list]
    fast_src = _join([t.lower() for t in token_list], [low for _, low in lowered if low])
    folded_src = _join(token_list, [p for p, low in lowered if low])
    slow_src = _join([], [p for p, low in lowered if low is None])
    slow = (Scan(slow_src, re.IGNORECASE, False),) if slow_src else ()
    fast = (Scan(fast_src, 0, True),) if fast_src else ()
    folded = (Scan(folded_src, re.IGNORECASE, False),) if folded_src else ()
    return CompiledTerms(fast + slow, folded + slow)


def compile_now(terms: CompiledTerms) -> None:
    """Compile every scan of the terms at once (raises re.error for one that cannot compile)."""
    for scan in (*terms.fast, *terms.fallback):
        scan.regex  # noqa: B018 - the property compiles and keeps it
