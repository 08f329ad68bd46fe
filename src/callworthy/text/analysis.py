"""Analyse a script once: validate it, estimate how long it takes to say, find its numbers.

The spoken-time model (documented in docs/critique.md): words at 150 a minute
(2.5 a second, a calm voicemail pace); numbers expanded to the words a speaker
says; phone numbers digit by digit at 2.5 digits a second with a short pause
between groups, the pace at which a listener can write them down; a pause at
each comma (0.2 s) and sentence end (0.4 s).

Times come from a Timeline: for a script, the estimate kept as sorted offsets
per kind of token and read by bisection; for a recording, the measured word
times (audio/document.py).
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections.abc import Iterable
from functools import cached_property
from itertools import accumulate

from callworthy.errors import EmptyTextError, TextTooLongError
from callworthy.text.fastre import re2_safe
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

# The text rules match on reads typographic punctuation as its typewriter twin, one
# character for one (offsets keep): a rule written "you're" matches the "you’re" a page or
# a phone's keyboard types, "..." matches "…" as "." does, and most pasted scripts become
# plain ASCII, which the fast paths (RE2 on bytes, the C counts below) need.
_TYPEWRITER = (
    *((c, "'") for c in "\u2019\u2018\u201b\u02bc\u2032"),
    *((c, '"') for c in "\u201c\u201d\u201e\u2033"),
    *((c, "-") for c in "\u2013\u2014\u2012\u2015"),
    ("\u2026", "."),
    *((c, "*") for c in "\u2022\u00b7"),
    ("\u00a0", " "),
)
# The spoken-time model's own reading: an en or em dash is a comma pause, "…" a sentence
# end, ’ joins a word as ' does (_WORD_RE); the rest are neither words nor pauses.
_TIMING_TYPEWRITER = (
    ("\u2019", "'"),
    *((c, ",") for c in "\u2013\u2014"),
    ("\u2026", "."),
    *((c, '"') for c in "\u2018\u201b\u02bc\u2032\u201c\u201d\u201e\u2033\u2012\u2015\u2022"),
)


def typewrite(text: str, pairs: tuple[tuple[str, str], ...] = _TYPEWRITER) -> str:
    """Return the text with each typographic character replaced by its one-character twin.

    str.replace per character present, in C: on a pasted script ten times faster than
    str.translate, which looks every character up in a dict.
    """
    if text.isascii():
        return text
    for typographic, plain in pairs:
        if typographic in text:
            text = text.replace(typographic, plain)
    return text


_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_NUMBER_RE = re.compile(r"\$?\d[\d,]*(?:\.\d+)?%?")
_STOP_RE = re.compile(r"[.!?…]+")
_COMMA_RE = re.compile(r"[,;:—–]")
_DIGIT_RE = re.compile(r"\d")
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


def _mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Blank out spans (phone numbers, numbers) so the counts below see no words or pauses there."""
    parts, last = [], 0
    for start, end in spans:
        parts += [text[last:start], " " * (end - start)]
        last = end
    return "".join([*parts, text[last:]]) if parts else text


class Timeline:
    """Token start offsets and the seconds elapsed before each; `times[-1]` is the total.

    A recording's timeline is measured (audio/document.py); a script's is built
    from the estimate below, on demand.
    """

    __slots__ = ("offsets", "times")

    def __init__(self, offsets: list[int], times: list[float]) -> None:
        self.offsets = offsets
        self.times = times

    @property
    def total(self) -> float:
        """Return the seconds the whole message lasts."""
        return self.times[-1]

    def time_at(self, offset: int) -> float:
        """Return the seconds elapsed before the token that starts at (or covers) this offset."""
        return self.times[bisect_right(self.offsets, offset - 1)]

    def offset_at(self, seconds: float) -> int:
        """Return the offset of the token the speaker is saying at this many seconds."""
        index = bisect_right(self.times, seconds) - 1
        return self.offsets[index] if index < len(self.offsets) else -1


def _ascii_table(keep: str, mark: str) -> bytes:
    """Return a bytes.translate table: `keep` characters become `mark`, any other byte a space."""
    table = bytearray(b" " * 256)
    for char in keep:
        table[ord(char)] = ord(mark)
    return bytes(table)


# Plain ASCII text is counted with bytes.translate, split and count, in C: a run of letters
# and apostrophes is a word ("don't" is one, as _WORD_RE has it); a run of . ! ? is one
# sentence end; each , ; : is a comma pause. Exact where every apostrophe touches a letter
# and no two are adjacent (_ODD_APOSTROPHE finds the text where it is not: the regexes count
# that).
_WORD_TABLE = bytes(
    b"'"[0] if i == ord("'") else t for i, t in enumerate(_ascii_table(string.ascii_letters, "a"))
)
_STOP_TABLE = _ascii_table(".!?", ".")
_COMMA_TABLE = _ascii_table(",;:", ",")
_ODD_APOSTROPHE = re.compile(r"'(?<![A-Za-z]')(?![A-Za-z])|''")


class EstimatedTimeline(Timeline):
    """The spoken-time model's timeline, counted per kind of token up to any offset.

    Most scripts need only a few look-ups (where the number is), so words and
    pauses are counted up to the offset asked for — on plain ASCII text by
    translating and splitting the prefix in C, otherwise by bisecting the
    offsets the regexes found — instead of building the merged token-by-token
    timeline, which is made only if `offset_at` asks for it.
    """

    __slots__ = (
        "_extras",
        "_lists",
        "_masked",
        "_plain",
        "_total",
        "_word_count",
        "number_words",
    )

    def __init__(self, masked: str, phones: tuple[PhoneMention, ...]) -> None:
        super().__init__([], [])
        found = list(_NUMBER_RE.finditer(masked)) if _DIGIT_RE.search(masked) else []
        numbers = [(m.start(), spoken_word_count(m.group())) for m in found]
        # A number's own "," and "." ("$1,200", "2.5") are said as words, not paused on.
        masked = _mask(masked, [(m.start(), m.start() + len(m.group().rstrip(","))) for m in found])
        self._masked = masked
        self._plain: tuple[bytes, bytes, bytes] | None = None
        """The text as letters, sentence ends and commas (for the C counts), if plain ASCII."""
        plain = typewrite(masked, _TIMING_TYPEWRITER)
        if plain.isascii() and ("'" not in plain or not _ODD_APOSTROPHE.search(plain)):
            data = plain.encode()
            self._plain = (
                data.translate(_WORD_TABLE),
                data.translate(_STOP_TABLE),
                data.translate(_COMMA_TABLE),
            )
        self._lists: tuple[list[int], list[int], list[int]] | None = None
        self.number_words = sum(count for _, count in numbers)
        """Words said for the ordinary numbers ("$1,200" is five)."""
        self._extras = [(start, count / WORDS_PER_SECOND) for start, count in numbers]
        self._extras += [(p.start, phone_seconds(p)) for p in phones]
        counts = self._counts(len(masked) + 1)
        self._word_count = counts[0]
        self._total = self._seconds(counts, len(masked) + 1)

    def _token_lists(self) -> tuple[list[int], list[int], list[int]]:
        """Return the start offsets of every word, sentence end and comma pause (found once)."""
        if self._lists is None:
            start, masked = re.Match.start, self._masked
            self._lists = (
                list(map(start, _WORD_RE.finditer(masked))),
                list(map(start, _STOP_RE.finditer(masked))),
                list(map(start, _COMMA_RE.finditer(masked))),
            )
        return self._lists

    def _counts(self, offset: int) -> tuple[int, int, int]:
        """Return the words, sentence ends and comma pauses that start before `offset`."""
        if self._plain is not None:
            words, stops, commas = self._plain
            head = words[:offset]
            # A lone apostrophe at the cut is a word's leading one; its letters come after.
            lone = head[-1:] == b"'" and head[-2:-1] in (b"", b" ")
            return (
                len(head.split()) - lone,
                len(stops[:offset].split()),
                commas.count(b",", 0, offset),
            )
        word_ends, stop_ends, comma_ends = self._token_lists()
        last = offset - 1
        return (
            bisect_right(word_ends, last),
            bisect_right(stop_ends, last),
            bisect_right(comma_ends, last),
        )

    @property
    def total(self) -> float:
        """Return the seconds the whole message lasts."""
        return self._total

    @property
    def word_count(self) -> int:
        """Return the plain words (numbers and phone numbers not included)."""
        return self._word_count

    def time_at(self, offset: int) -> float:
        """Return the seconds elapsed before the token that starts at (or covers) this offset."""
        return self._seconds(self._counts(offset), offset)

    def _seconds(self, counts: tuple[int, int, int], offset: int) -> float:
        """Return the seconds the counted tokens and the extras before `offset` take."""
        words, stops, commas = counts
        last = offset - 1
        return (
            words / WORDS_PER_SECOND
            + stops * SENTENCE_PAUSE
            + commas * COMMA_PAUSE
            + sum(seconds for start, seconds in self._extras if start <= last)
        )

    def offset_at(self, seconds: float) -> int:
        """Return the offset of the token the speaker is saying at this many seconds."""
        if not self.offsets:
            words, stops, commas = self._token_lists()
            events = [(o, 1 / WORDS_PER_SECOND) for o in words]
            events += [(o, SENTENCE_PAUSE) for o in stops]
            events += [(o, COMMA_PAUSE) for o in commas]
            events += self._extras
            events.sort()
            self.offsets = [o for o, _ in events]
            self.times = list(accumulate((d for _, d in events), initial=0.0))
        return super().offset_at(seconds)


class Document:
    """A script with everything the rules need, computed once (read-only by convention)."""

    __slots__ = (
        "__dict__",
        "_positions",
        "ascii",
        "lower",
        "phones",
        "question_count",
        "spoken_seconds",
        "text",
        "timeline",
        "word_count",
    )

    measured_any = False
    """Whether anything was measured (a recording): a script has no measurements."""

    def __init__(self, text: str, region: str = "US") -> None:
        lowered = typewrite(text.lower())
        self.text = text
        self.lower: str | None = lowered if len(lowered) == len(text) else None
        """The text lower-cased, typographic punctuation typed plain; None where lower-casing
        would shift offsets."""
        self.ascii: bytes | None = (
            lowered.encode() if self.lower is not None and lowered.isascii() else None
        )
        """`lower` as bytes where it is plain ASCII RE2 may read (`fastre.re2_safe`), else None."""
        if self.ascii is not None and not re2_safe(lowered):
            self.ascii = None
        self.phones: tuple[PhoneMention, ...] = find_phone_mentions(
            text, region, self.lower, self.ascii
        )
        masked = _mask(text, ((p.start, p.end) for p in self.phones))
        estimate = EstimatedTimeline(masked, self.phones)
        self.timeline: Timeline = estimate
        self.word_count: int = estimate.word_count + estimate.number_words + len(self.phones)
        self.spoken_seconds: float = round(estimate.total, 1)
        self.question_count: int = text.count("?")
        self._positions: dict[int, float] = {}

    @cached_property
    def sentence_count(self) -> int:
        """Return the number of sentences."""
        return sum(1 for s in _SENTENCE_RE.findall(self.text) if s.strip())

    def time_at(self, offset: int) -> float:
        """Return the spoken seconds elapsed before the character at this offset."""
        return self.timeline.time_at(offset)

    def position(self, offset: int) -> float:
        """Return how far into the spoken message an offset falls, 0.0 to 1.0."""
        known = self._positions.get(offset)  # the number's is asked for by several rules
        if known is not None:
            return known
        total = self.timeline.total
        found = 0.0 if total <= 0 else round(min(1.0, self.timeline.time_at(offset) / total), 3)
        self._positions[offset] = found
        return found

    def offset_at(self, seconds: float) -> int:
        """Return the offset of the token the speaker is saying at this many seconds."""
        offset = self.timeline.offset_at(seconds)
        return len(self.text) if offset < 0 else offset

    def measured(self, name: str) -> float | None:
        """Return a metric measured on a recording (MEASURED_METRICS); None for a script."""
        return None

    def measured_span(self, name: str) -> tuple[int, int] | None:
        """Return the span a measured metric is about (the rushed number), or None."""
        return None


def analyse(text: str, region: str = "US") -> Document:
    """Analyse a validated script: spoken time, phone numbers, counts."""
    return Document(text, region)
