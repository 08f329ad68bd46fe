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
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from callworthy.errors import CallworthyError
from callworthy.text.fastre import AsciiPattern, ascii_pattern

Span = tuple[int, int]
_SPAN = re.Match.span

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

    `twin` is the same pattern compiled by RE2 where RE2 can express it exactly
    (no look-arounds). On plain ASCII text — where the two engines agree on
    every character class and a byte offset is a character offset — it finds
    the same spans as `re` in linear time, several times faster on the bounded
    repeats ("[^.;?!]{0,60}?") the detectors are written with.
    """

    regex: re.Pattern[str]
    on_lower: bool
    twin: AsciiPattern | None = None

    def spans(self, text: str, lower: str | None, ascii: bytes | None = None) -> list[Span]:
        """Return the (start, end) of every match in the text this scan runs on."""
        if self.on_lower and lower is not None:
            if ascii is not None and self.twin is not None:
                return self.twin.spans(ascii)
            return list(map(_SPAN, self.regex.finditer(lower)))
        return list(map(_SPAN, self.regex.finditer(text)))

    def count(self, text: str, lower: str | None) -> int:
        """Return how many non-empty matches there are (in `re`: counting makes no spans)."""
        target = lower if self.on_lower and lower is not None else text
        if _never_empty(self.regex):
            return len(self.regex.findall(target))  # no match objects to make
        return sum(1 for m in self.regex.finditer(target) if m.end() > m.start())


@lru_cache(maxsize=None)
def _never_empty(regex: re.Pattern[str]) -> bool:
    """Return whether a regex cannot match the empty string (its shortest match is a character)."""
    return bool(sre_parse.parse(regex.pattern, regex.flags).getwidth()[0] > 0)


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

    def spans(
        self,
        text: str,
        lower: str | None,
        ruled_out: frozenset[int] = frozenset(),
        ascii: bytes | None = None,
    ) -> list[Span]:
        """Return the (start, end) of every match, in order, skipping ruled-out scans.

        `ascii`: the lower-cased text as bytes when it is plain ASCII that RE2 may
        match (the prefilter says so); scans with an RE2 twin then run on it.
        """
        scans = self._scans(lower, ruled_out)
        if len(scans) == 1:
            return scans[0].spans(text, lower, ascii)
        found = [span for scan in scans for span in scan.spans(text, lower, ascii)]
        found.sort()
        return found

    def count(self, text: str, lower: str | None, ruled_out: frozenset[int] = frozenset()) -> int:
        """Return how many non-empty matches there are."""
        return sum(scan.count(text, lower) for scan in self._scans(lower, ruled_out))

    def _scans(self, lower: str | None, ruled_out: frozenset[int]) -> tuple[Scan, ...]:
        if lower is None:
            return self.fallback
        if ruled_out:
            return tuple([s for s in self.fast if id(s) not in ruled_out])
        return self.fast


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
    """Compile tokens and patterns (checked for safety first); either may be empty."""
    token_list = [t.strip() for t in tokens if t.strip()]
    pattern_list = sorted(patterns, key=len, reverse=True)
    for pattern in pattern_list:
        check_pattern(pattern)
    if case_sensitive:
        source = _join(token_list, pattern_list)
        scans = (Scan(re.compile(source), False),) if source else ()
        return CompiledTerms(scans, scans)
    lowered = [(p, lowered_pattern(p)) for p in pattern_list]
    fast_src = _join([t.lower() for t in token_list], [low for _, low in lowered if low])
    folded_src = _join(token_list, [p for p, low in lowered if low])
    slow_src = _join([], [p for p, low in lowered if low is None])
    slow = (Scan(re.compile(slow_src, re.IGNORECASE), False),) if slow_src else ()
    fast = (Scan(re.compile(fast_src), True, ascii_pattern(fast_src)),) if fast_src else ()
    folded = (Scan(re.compile(folded_src, re.IGNORECASE), False),) if folded_src else ()
    return CompiledTerms(fast + slow, folded + slow)
