"""Find phone numbers in transcribed words, whatever way the transcriber wrote the digits.

Whisper writes a spoken number in many ways: "704-333-1112", "7043331112",
"704, 3-3-3, 11-12", "three-three-three", "seven oh four", and mishears some
digits as look-alike words ("free" for three, "for" for four). A run of
number-like words, not broken by a sentence end, is read back as digits; the
look-alike words count only inside a run that has real digits, and are dropped
from its ends when the number makes more sense without them (P8: the number
must be heard, so it must be found however it was written).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from callworthy.audio.model import Word
from callworthy.text.numbers import WORD_DIGITS, spoken_digits

MIN_DIGITS = 7
MAX_DIGITS = 15
#: Words Whisper writes for a digit it misheard, and the digit word they stand for.
HOMOPHONES = {
    "free": "three",
    "tree": "three",
    "for": "four",
    "fore": "four",
    "to": "two",
    "too": "two",
    "won": "one",
    "ate": "eight",
    "niner": "nine",
}
# These say a digit only next to other digits ("oh" is also a greeting).
_WEAK = frozenset({*HOMOPHONES, "oh", "o", "double", "triple"})
_REPEATS = frozenset({"double", "triple"})
_MULTIPLIERS = frozenset({"hundred", "thousand"})
_SPLIT_RE = re.compile(r"[-–—./]+")
_STRIP = " \t\"'“”‘’()[],;:!?."
_SENTENCE_END = (".", "!", "?", "…")


@dataclass(frozen=True, slots=True)
class SpokenNumber:
    """A run of words that says a phone number: `words[first:end]` say `digits`."""

    digits: str
    first: int
    end: int


def token_parts(token: str) -> list[str] | None:
    """Split a word into digit groups and digit words, or None if it is not part of a number."""
    parts = [p for p in _SPLIT_RE.split(token.lower().strip(_STRIP)) if p]
    if not parts:
        return None
    for part in parts:
        if not (
            part.isdigit()
            or part in WORD_DIGITS
            or part in HOMOPHONES
            or part in _REPEATS
            or part in _MULTIPLIERS
        ):
            return None
    return parts


def _is_weak(parts: list[str]) -> bool:
    return all(p in _WEAK for p in parts)


def parts_digits(parts: list[str]) -> str:
    """Read back the digits a sequence of groups and words says ("free", "11" -> "311")."""
    out: list[str] = []
    words: list[str] = []
    for part in parts:
        if part.isdigit():
            out.append(spoken_digits(words))
            words = []
            out.append(part)
        else:
            words.append(HOMOPHONES.get(part, part))
    out.append(spoken_digits(words))
    return "".join(out)


def _plausible(digits: str) -> int:
    """Rank a digit string as a phone number: 2 a usual length, 1 possible, 0 not."""
    if len(digits) in (7, 10) or (len(digits) == 11 and digits.startswith("1")):
        return 2
    return 1 if MIN_DIGITS <= len(digits) <= MAX_DIGITS else 0


def _best_trim(parts: list[list[str]], first: int) -> SpokenNumber | None:
    """Drop weak words from the run's ends until it reads as the likeliest phone number."""
    n = len(parts)
    lead = next((i for i, p in enumerate(parts) if not _is_weak(p)), n)
    if lead == n:
        return None  # only look-alike words: "for two" is not a number
    trail = next(i for i in range(n - 1, -1, -1) if not _is_weak(parts[i]))
    best: tuple[int, int, int, int, str] | None = None
    for a in range(lead + 1):
        for b in range(trail + 1, n + 1):
            digits = parts_digits([p for group in parts[a:b] for p in group])
            rank = (_plausible(digits), b - a)
            if rank[0] and (best is None or rank > best[:2]):
                best = (*rank, a, b, digits)
    if best is None:
        return None
    return SpokenNumber(best[4], first + best[2], first + best[3])


def _runs(words: Sequence[Word]) -> list[tuple[int, list[list[str]]]]:
    """Return each maximal run of number-like words: its first index and its parts."""
    runs: list[tuple[int, list[list[str]]]] = []
    current: list[list[str]] = []
    start = 0
    for index, word in enumerate(words):
        parts = token_parts(word.text)
        if parts is None:
            if current:
                runs.append((start, current))
            current = []
            continue
        if not current:
            start = index
        current.append(parts)
        if word.text.rstrip(" \"')”’").endswith(_SENTENCE_END):
            runs.append((start, current))
            current = []
    if current:
        runs.append((start, current))
    return runs


def find_spoken_numbers(words: Sequence[Word]) -> list[SpokenNumber]:
    """Return every phone number said in the words, in order."""
    found = []
    for start, parts in _runs(words):
        number = _best_trim(parts, start)
        if number is not None:
            found.append(number)
    return found


def written_form(digits: str) -> str:
    """Write digits the way a script groups a phone number: "7043331112" -> "704-333-1112"."""
    prefix = ""
    if len(digits) == 11 and digits.startswith("1"):
        prefix, digits = "1-", digits[1:]
    if len(digits) == 10:
        return f"{prefix}{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if len(digits) == 7:
        return f"{prefix}{digits[:3]}-{digits[3:]}"
    return prefix + "-".join(digits[i : i + 3] for i in range(0, len(digits), 3))
