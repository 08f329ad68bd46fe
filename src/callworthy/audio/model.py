"""The audio values: transcribed words with their times, and what was measured from them.

Frozen dataclasses, plain to dump as JSON; every time is in seconds from the
start of the recording.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Word:
    """One transcribed word (punctuation attached, as the transcriber wrote it) and its times."""

    text: str
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class Transcript:
    """What a recording says, word by word, and how long the recording lasts."""

    words: tuple[Word, ...]
    duration_seconds: float
    """The real length of the recording, silence included."""
    source: str = ""
    model: str = ""

    @property
    def text(self) -> str:
        """Return the words as one line of text."""
        return " ".join(w.text for w in self.words)


@dataclass(frozen=True, slots=True)
class Pause:
    """A silence between two words that is long enough for a listener to notice."""

    start: float
    end: float
    before_word: int
    """Index of the word said after the silence."""

    @property
    def seconds(self) -> float:
        """Return how long the silence lasts."""
        return round(self.end - self.start, 2)


@dataclass(frozen=True, slots=True)
class NumberTiming:
    """A phone number as it was said: when, how far in, how fast, how often (P8)."""

    digits: str
    start: float
    end: float
    position: float
    """Start time as a fraction of the recording, 0.0 to 1.0."""
    digits_per_second: float
    times_said: int
    """How often this number (its last seven digits) is said in the whole message."""
    first_word: int
    end_word: int
    """The number's words are `words[first_word:end_word]`."""
    heard: str = ""
    """The digits as the transcriber wrote them (differs from `digits` when matched one off)."""
    matched: str | None = None
    """The rep's own number (E.164) that these words say, when the rep's number was given."""
    digits_off: int | None = None
    """How far the heard digits are from the matched number: 0 exactly, 1 one digit off."""

    @property
    def key(self) -> str:
        """Return the digits that identify the line (the last seven), to spot repeats."""
        return self.digits[-7:]


@dataclass(frozen=True, slots=True)
class Measurements:
    """The measured facts of one recording (docs/audio.md)."""

    duration_seconds: float
    speaking_seconds: float
    """From the first word's start to the last word's end."""
    word_count: int
    words_per_minute: float | None
    """Pace of the words outside phone numbers, long silences left out; None with too few words."""
    pauses: tuple[Pause, ...]
    numbers: tuple[NumberTiming, ...]

    @property
    def longest_pause_seconds(self) -> float:
        """Return the longest silence between words (0.0 when there is none)."""
        return max((p.seconds for p in self.pauses), default=0.0)
