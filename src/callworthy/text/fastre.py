"""RE2 where it is safe: the optional google-re2 import and the text it may be used on.

RE2 matches many patterns in one linear-time pass, far faster than Python's
`re` for the alternations the rules use. The two engines agree on `\\b`, `\\w`,
`\\d` and `\\s` for plain ASCII text without the control characters
(\\x0b, \\x1c-\\x1f) that Python counts as whitespace, and for the typographic
punctuation scripts are pasted with (curly quotes, dashes, the ellipsis, bullets),
which neither engine counts as a word, digit or space character; elsewhere (an
accented letter, a non-breaking space) `re` decides.
"""

from __future__ import annotations

import re
from typing import Any

re2: Any
try:
    import re2
except ImportError:  # pragma: no cover - exercised only where the wheel is missing
    re2 = None

__all__ = ["AsciiPattern", "ascii_pattern", "re2", "re2_compile", "re2_options", "re2_safe"]

# Typographic punctuation both engines see alike: ‘ ’ ‚ ‛ “ ” „ ′ ″ – — ‒ ― … • ·.
_TYPOGRAPHIC = (
    "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u2032\u2033"
    "\u2013\u2014\u2012\u2015\u2026\u2022\u00b7"
)
_UNSAFE_CHARS = re.compile(rf"[^\x00-\x0a\x0c-\x1b\x20-\x7f{_TYPOGRAPHIC}]")


def re2_safe(text: str) -> bool:
    """Return whether RE2 and `re` agree on this text (RE2 is installed and the text is plain)."""
    return re2 is not None and not _UNSAFE_CHARS.search(text)


def re2_options() -> Any:
    """Return RE2 options that keep RE2 from logging patterns it cannot parse."""
    options = re2.Options()
    options.log_errors = False
    return options


def re2_compile(pattern: str) -> Any | None:
    """Compile a pattern with RE2, or return None if RE2 is missing or cannot express it."""
    if re2 is None:
        return None
    try:
        return re2.compile(pattern, re2_options())
    except re2.error:
        return None


class AsciiPattern:
    """A pattern compiled by RE2 that lists its match spans in bytes, without the wrapper.

    google-re2's `finditer` walks the matches in a Python generator that makes a
    match object for each and maps byte offsets to characters: on a voicemail's
    few hundred characters that costs more than the match itself. This calls the
    binding's `RE2.Match` (the wrapper's own engine call) in a plain loop and
    returns (start, end) pairs — character offsets, for the ASCII text it is
    given only. `fastre` is the one module that knows RE2's Python binding.
    """

    __slots__ = ("_match", "_unanchored")

    def __init__(self, compiled: Any) -> None:
        self._match = compiled._regexp.Match  # the binding's engine call, as the wrapper uses
        self._unanchored = re2._Anchor.UNANCHORED

    def search(self, data: bytes) -> bool:
        """Return whether the pattern matches anywhere in the ASCII bytes."""
        return bool(self._match(self._unanchored, data, 0, len(data))[0][0] >= 0)

    def spans(self, data: bytes) -> list[tuple[int, int]]:
        """Return every non-overlapping match's (start, end) in ASCII bytes, left to right."""
        out: list[tuple[int, int]] = []
        pos, end, match, anchor = 0, len(data), self._match, self._unanchored
        while True:
            span = match(anchor, data, pos, end)[0]
            if span[0] < 0:
                return out
            out.append(span)
            if span[0] == span[1]:  # an empty match: step past it, as `re` does
                if span[1] == end:
                    return out
                pos = span[1] + 1
            else:
                pos = span[1]


def ascii_pattern(pattern: str) -> AsciiPattern | None:
    """Compile a pattern for AsciiPattern, or return None if RE2 is missing or cannot express it."""
    compiled = re2_compile(pattern)
    if compiled is None:
        return None
    try:
        return AsciiPattern(compiled)
    except AttributeError:  # pragma: no cover - a google-re2 without the binding we call
        return None
