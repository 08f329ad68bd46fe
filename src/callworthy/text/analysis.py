"""Analyse a script once: validate it, estimate how long it takes to say, find its numbers.

The spoken-time model (documented in docs/critique.md): words at 150 a minute
(2.5 a second, a calm voicemail pace); numbers expanded to the words a speaker
says; phone numbers digit by digit at 2.5 digits a second with a short pause
between groups, the pace at which a listener can write them down; a pause at
each comma (0.2 s) and sentence end (0.4 s).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
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

_TOKEN_RE = re.compile(
    r"(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<number>\$?\d[\d,]*(?:\.\d+)?%?)"
    r"|(?P<stop>[.!?…]+)"
    r"|(?P<comma>[,;:—–])"
)
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


@dataclass(frozen=True, slots=True)
class Document:
    """A script with everything the rules need, computed once."""

    text: str
    phones: tuple[PhoneMention, ...]
    word_count: int
    spoken_seconds: float
    question_count: int
    sentence_count: int
    _offsets: tuple[int, ...] = field(repr=False)
    _times: tuple[float, ...] = field(repr=False)

    def time_at(self, offset: int) -> float:
        """Return the spoken seconds elapsed before the character at this offset."""
        index = bisect_right(self._offsets, offset) - 1
        return self._times[index] if index >= 0 else 0.0

    def offset_at(self, seconds: float) -> int:
        """Return the character offset where the speaker reaches this many seconds."""
        index = bisect_right(self._times, seconds)
        return self._offsets[index - 1] if index > 0 else 0

    def position(self, offset: int) -> float:
        """Return how far into the spoken message an offset falls, 0.0 to 1.0."""
        if self.spoken_seconds <= 0:
            return 0.0
        return round(min(1.0, self.time_at(offset) / self.spoken_seconds), 3)


def _phone_seconds(mention: PhoneMention) -> float:
    digits = sum(c.isdigit() for c in mention.number.lstrip("+"))
    groups = 3 if digits >= 10 else 2
    return digits / PHONE_DIGITS_PER_SECOND + (groups - 1) * PHONE_GROUP_PAUSE


def analyse(text: str, region: str = "US") -> Document:
    """Analyse a validated script: tokens, spoken time, phone numbers, counts."""
    phones = find_phone_mentions(text, region)
    offsets: list[int] = []
    durations: list[float] = []
    words = 0
    phone_iter = iter(phones)
    phone = next(phone_iter, None)
    for match in _TOKEN_RE.finditer(text):
        start = match.start()
        while phone is not None and start >= phone.end:
            phone = next(phone_iter, None)
        if phone is not None and start >= phone.start:
            if start == phone.start or not offsets or offsets[-1] < phone.start:
                offsets.append(phone.start)
                durations.append(_phone_seconds(phone))
                words += 1
            continue
        kind = match.lastgroup
        if kind == "word":
            seconds, count = 1 / WORDS_PER_SECOND, 1
        elif kind == "number":
            count = spoken_word_count(match.group())
            seconds = count / WORDS_PER_SECOND
        elif kind == "stop":
            seconds, count = SENTENCE_PAUSE, 0
        else:
            seconds, count = COMMA_PAUSE, 0
        offsets.append(start)
        durations.append(seconds)
        words += count
    times = (0.0, *accumulate(durations))
    return Document(
        text=text,
        phones=phones,
        word_count=words,
        spoken_seconds=round(times[-1], 1),
        question_count=text.count("?"),
        sentence_count=sum(1 for s in _SENTENCE_RE.findall(text) if s.strip()),
        _offsets=tuple(offsets),
        _times=times[:-1],
    )
