"""One RE2 pass that rules out, before `re` runs, the scans that cannot match a script.

Most rules do not fire on most scripts, and Python's `re` pays for every pass
over the text. RE2's `Set` matches all the rules' alternations in one
linear-time pass; only the scans it does not rule out then run in `re` to find
their spans.

Sound by construction: each scan goes into the set as a *superset* of itself —
look-arounds (which RE2 lacks) dropped, case flags dropped and literals
lower-cased, matched against the lower-cased text — so RE2 finding nothing
proves `re` would find nothing. It is used only on text where RE2 and `re`
agree on what a word, digit or space is (`text.fastre.re2_safe`); other text
runs every scan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from callworthy.critique.patterns import Scan, lowered_pattern
from callworthy.text.fastre import re2, re2_options, re2_safe


class Verdict(NamedTuple):
    """What the prefilter's pass says about one text."""

    ruled_out: frozenset[int]
    """Scans (by id) that cannot match."""
    confirmed: frozenset[int]
    """Scans (by id) that surely match."""
    ascii: bytes | None = None
    """The lower-cased text as bytes, when it is plain ASCII: scans may run on it in RE2."""


#: The verdict on text RE2 may not judge (or with no prefilter): every scan runs.
UNSAFE = Verdict(frozenset(), frozenset())


def _class_body(pattern: str, start: int) -> int:
    """Return where the body of the class opening at `start` begins (past `[`, `^` and a `]`).

    A `]` first in a class ("[]...]", "[^]...]") is a literal, not the class's end.
    """
    i = start + 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1
    return i


def _group_end(pattern: str, start: int) -> int:
    """Return the index just past the group that opens at `start` (escapes and classes skipped)."""
    depth, i, in_class = 0, start, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i = _class_body(pattern, i)
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError(f"unbalanced group in {pattern!r}")


_LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")


def superset_pattern(pattern: str) -> str:
    """Return a pattern matching at least what `pattern` matches, for RE2 on lower-cased text.

    Look-arounds only ever remove matches, so dropping them widens the pattern;
    so does dropping inline case flags once the literals are lower-cased.
    """
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class, body = True, _class_body(pattern, i)
            out.append(pattern[i:body])
            i = body
            continue
        elif pattern.startswith(_LOOKAROUNDS, i):
            i = _group_end(pattern, i)
            continue
        elif pattern.startswith("(?", i):  # "(?P<" or "(?#" fails the flags test below
            flags_end = pattern.index(":", i) if ":" in pattern[i:] else -1
            if flags_end != -1 and all(c in "aiLmsux-" for c in pattern[i + 2 : flags_end]):
                out.append("(?:")  # "(?-i:" or "(?i:": a case flag, moot on lower-cased text
                i = flags_end + 1
                continue
        out.append(char)
        i += 1
    lowered = lowered_pattern("".join(out))
    if lowered is None:
        raise ValueError(f"cannot lower-case {pattern!r}")
    return lowered


@dataclass(frozen=True, slots=True)
class Prefilter:
    """An RE2 set of scans; `verdict` says which cannot match a text and which do."""

    matcher: Any
    scan_ids: tuple[int, ...]
    """The id() of the scan behind each pattern of the set, by index."""
    all_ids: frozenset[int]
    exact: frozenset[int]
    """Scans whose set pattern is the scan itself (a match there is a match in `re`)."""

    @classmethod
    def build(cls, scans: Iterable[Scan]) -> Prefilter | None:
        """Compile a superset of each scan RE2 can express; None if there is nothing to gain."""
        if re2 is None:
            return None
        matcher = re2.Set.SearchSet(re2_options())
        ids: list[int] = []
        exact: set[int] = set()
        for scan in scans:
            if scan.linear:
                continue  # an RE2 scan (a team's pattern) is linear already: it always runs
            try:
                pattern = superset_pattern(scan.source)
                matcher.Add(pattern)
            except (ValueError, re2.error):
                continue  # RE2 cannot express even a superset: that scan always runs
            ids.append(id(scan))
            if scan.on_lower and pattern == scan.source:
                exact.add(id(scan))
        if not ids:
            return None
        matcher.Compile()
        return cls(matcher, tuple(ids), frozenset(ids), frozenset(exact))

    def verdict(self, lower: str | None, ascii: bytes | None = None) -> Verdict:
        """Return the ids of scans that cannot match and of those that surely do match.

        `ascii` is `lower` as bytes when it is plain ASCII (Document.ascii). Both
        sets are empty when the text is not safe for RE2: then every scan runs.
        """
        if ascii is None and (lower is None or not re2_safe(lower)):
            return UNSAFE
        ids = self.scan_ids
        hits = frozenset([ids[i] for i in self.matcher.Match(ascii or lower) or ()])
        return Verdict(self.all_ids - hits, hits & self.exact, ascii)
