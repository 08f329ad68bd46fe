"""Timed scripts: a script with pace marks, turned into the word timings a recording would give.

The notation lets audio rules carry examples (rules are data, with examples
inside) and lets tests describe a recording in one line:

    "[wpm 220] Hi Lou, this is Kim, [digits 5] 704-333-1112. [pause 3] Again ..."

`[wpm N]` sets the pace of the words that follow (default 150), `[digits N]`
the digits a second at which phone numbers are said (default 2.5, P8),
`[pause S]` inserts S seconds of silence. Punctuation adds no time (the pace
is the measured one, short pauses included); a number's digit groups become
one word each, as Whisper writes them ("704", "333", "1112."), with 0.3 s
between groups.
"""

from __future__ import annotations

import re

from callworthy.audio.model import Transcript, Word
from callworthy.text.analysis import PHONE_GROUP_PAUSE

_DIRECTIVE_RE = re.compile(r"\[(wpm|digits|pause)\s+(\d+(?:\.\d+)?)\]")
_DIGITS_RE = re.compile(r"^[(]?\d[\d\-–.()]*[.,;:!?]?$")
#: Silence left after the last word, as a recorder keeps a moment before hanging up.
TRAILING_SILENCE = 0.5


def is_timed(script: str) -> bool:
    """Return whether a script starts with a pace mark (and so is a timed script)."""
    return _DIRECTIVE_RE.match(script.lstrip()) is not None


def _groups(token: str) -> list[str]:
    """Split "704-333-1112," into the words Whisper would write: "704", "333", "1112,"."""
    groups = [g for g in re.split(r"[-–()]+", token) if g]
    return groups or [token]


def parse_timed(script: str, source: str = "timed script") -> Transcript:
    """Turn a timed script into a transcript with synthetic, exact word timings."""
    wpm, digits_rate, clock = 150.0, 2.5, 0.0
    words: list[Word] = []
    for piece in re.split(r"(\[[^\]]*\])", script):
        directive = _DIRECTIVE_RE.fullmatch(piece.strip())
        if directive:
            kind, value = directive.group(1), float(directive.group(2))
            if kind == "pause":
                clock += value
            elif kind == "wpm":
                wpm = value
            else:
                digits_rate = value
            continue
        for token in piece.split():
            if _DIGITS_RE.match(token):
                groups = _groups(token)
                for i, group in enumerate(groups):
                    said = sum(c.isdigit() for c in group) / digits_rate
                    words.append(Word(group, round(clock, 3), round(clock + said, 3)))
                    clock += said + (PHONE_GROUP_PAUSE if i < len(groups) - 1 else 0.0)
            else:
                said = 60.0 / wpm
                words.append(Word(token, round(clock, 3), round(clock + said, 3)))
                clock += said
    return Transcript(tuple(words), round(clock + TRAILING_SILENCE, 3), source, "timed")
