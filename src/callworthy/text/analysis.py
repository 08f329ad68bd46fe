"""Analyse a script once: validate it, estimate how long it takes to say, find its numbers.

The spoken-time model (documented in docs/critique.md): words at 150 a minute
(2.5 a second, a calm voicemail pace); numbers expanded to the words a speaker
says; phone numbers digit by digit at 2.5 digits a second with a short pause
between groups, the pace at which a listener can write them down; a pause at
each comma (0.2 s) and sentence end (0.4 s).

Times are computed by counting (a few C-level regex passes) rather than by a
Python loop over tokens; the token-by-token timeline is built only when a
rule needs the offset at which a time is reached.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from itertools import accumulate

from callworthy.errors import EmptyTextError, TextTooLongError
from callworthy.text.numbers import spoken_word_count
from callworthy.text.phones import PhoneMention, find_phone_mentions

#: Longest script accepted, in characters: about four minutes of speech.
#: A voicemail is not an essay (the target is 15-30 s, roughly 40-75 words).
MAX_CHARS = 5000

WORDS_PER_SECOND = 2.5
PHONE_DIGITS_PER_SECOND = 2.5
PHONE_GROUP_PAUSE = 0.3
COMMA_PAUSE = 0.2
SENTENCE_PAUSE = 0.4

#: Metrics only a recording can give (callworthy.audio measures them); a script has none.
MEASURED_METRICS = ("words_per_minute", "phone_digits_per_second", "longest_pause_seconds")

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_NUMBER_RE = re.compile(r"\$?\d[\d,]*(?:\.\d+)?%?")
_STOP_RE = re.compile(r"[.!?…]+")
_COMMA_RE = re.compile(r"[,;:—–]")
_TOKEN_RE = re.compile(
    rf"(?P<word>{_WORD_RE.pattern})|(?P<number>{_NUMBER_RE.pattern})"
    rf"|(?P<stop>{_STOP_RE.pattern})|(?P<comma>{_COMMA_RE.pattern})"
)
_DURATIONS = {"word": 1 / WORDS_PER_SECOND, "stop": SENTENCE_PAUSE, "comma": COMMA_PAUSE}
_SENTENCE_RE = re.compile(r"[^.!?…]+(?:[.!?…]+|$)")


def validate_script(text: str) -> str:
    """Return the script if it can be critiqued; raise a typed error naming the fix if not."""
    if not text or not text.strip():
        raise EmptyTextError(
            "The script is empty.", "Paste or type the voicemail you plan to leave."
        )
    if len(text) > MAX_CHARS:
        raise TextTooLongError(
            f"The script is {len(text):,} characters; the limit is {MAX_CHARS:,}.",
            "A voicemail should last 15-30 seconds (about 40-75 words): cut it down.",
        )
    return text


def phone_seconds(mention: PhoneMention) -> float:
    """Return how long a phone number takes to say clearly, digit by digit, with pauses."""
    digits = mention.digits_said or sum(c.isdigit() for c in mention.number)
    groups = 3 if digits >= 10 else 2
    return digits / PHONE_DIGITS_PER_SECOND + (groups - 1) * PHONE_GROUP_PAUSE


def _mask(text: str, phones: tuple[PhoneMention, ...]) -> str:
    """Blank out phone numbers so the counts below do not count their digits as words."""
    if not phones:
        return text
    parts, last = [], 0
    for phone in phones:
        parts += [text[last : phone.start], " " * (phone.end - phone.start)]
        last = phone.end
    return "".join([*parts, text[last:]])


def _timeline(masked: str, phones: tuple[PhoneMention, ...]) -> tuple[list[int], list[float], int]:
    """Return token start offsets, the seconds elapsed at each, and the words spoken.

    One regex pass over the text with its phone numbers blanked; the numbers go
    back in as single tokens of their own duration.
    """
    matches = list(_TOKEN_RE.finditer(masked))
    offsets = [m.start() for m in matches]
    kinds = [m.lastgroup or "" for m in matches]
    words = kinds.count("word")
    if "number" in kinds:  # a few scripts: say each number the way it is spoken
        counts = [
            spoken_word_count(m.group()) if k == "number" else 0
            for m, k in zip(matches, kinds, strict=True)
        ]
        words += sum(counts)
        durations = [
            _DURATIONS.get(k) or n / WORDS_PER_SECOND for k, n in zip(kinds, counts, strict=True)
        ]
    else:
        durations = list(map(_DURATIONS.__getitem__, kinds))
    for phone in phones:
        index = bisect_right(offsets, phone.start)
        offsets.insert(index, phone.start)
        durations.insert(index, phone_seconds(phone))
    return offsets, list(accumulate(durations, initial=0.0)), words + len(phones)


class Document:
    """A script with everything the rules need, computed once (read-only by convention)."""

    __slots__ = (
        "__dict__",
        "_offsets",
        "_times",
        "lower",
        "phones",
        "question_count",
        "spoken_seconds",
        "text",
        "word_count",
    )

    def __init__(self, text: str, region: str = "US") -> None:
        lowered = text.lower()
        self.text = text
        self.lower: str | None = lowered if len(lowered) == len(text) else None
        """The text lower-cased, or None where lower-casing would shift offsets."""
        self.phones: tuple[PhoneMention, ...] = find_phone_mentions(text, region, self.lower)
        self._offsets, self._times, self.word_count = _timeline(
            _mask(text, self.phones), self.phones
        )
        self.spoken_seconds: float = round(self._times[-1], 1)
        self.question_count: int = text.count("?")

    @cached_property
    def sentence_count(self) -> int:
        """Return the number of sentences."""
        return sum(1 for s in _SENTENCE_RE.findall(self.text) if s.strip())

    def time_at(self, offset: int) -> float:
        """Return the spoken seconds elapsed before the character at this offset."""
        return self._times[bisect_right(self._offsets, offset - 1)]

    def position(self, offset: int) -> float:
        """Return how far into the spoken message an offset falls, 0.0 to 1.0."""
        if self.spoken_seconds <= 0:
            return 0.0
        return round(min(1.0, self.time_at(offset) / self._times[-1]), 3)

    def offset_at(self, seconds: float) -> int:
        """Return the offset of the first token the speaker starts after this many seconds."""
        index = bisect_right(self._times, seconds) - 1
        return self._offsets[index] if index < len(self._offsets) else len(self.text)

    def measured(self, name: str) -> float | None:
        """Return a metric measured on a recording (MEASURED_METRICS); None for a script."""
        return None

    def measured_span(self, name: str) -> tuple[int, int] | None:
        """Return the span a measured metric is about (the rushed number), or None."""
        return None


def analyse(text: str, region: str = "US") -> Document:
    """Analyse a validated script: spoken time, phone numbers, counts."""
    return Document(text, region)
