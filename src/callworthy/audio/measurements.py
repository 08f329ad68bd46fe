"""Measure a recording from its word timings: length, pace, silences, when the number came.

Pure arithmetic on `Word` times (no audio, no model), so it is tested with
hand-made word lists. Definitions (docs/audio.md):

- duration: the recording's real length, silence included (what the prospect hears);
- pace: words per minute over the time spent saying ordinary words, i.e. the
  words outside phone numbers divided by the speaking time less the numbers'
  time and less long silences (the number has its own measure);
- long silence: a gap of at least LONG_PAUSE_SECONDS between two words;
- a number's speed: its digits divided by the seconds from its first word's
  start to its last word's end (2.5 digits a second is the pace a listener can
  write down, P8);
- a number's position: its start time over the duration (P8: first half).

Given the rep's own number, a number heard one digit off is matched to it
(`audio.numbers`): its digits are the rep's, its `heard` digits what was written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from callworthy.audio.model import Measurements, NumberTiming, Pause, Word
from callworthy.audio.numbers import KnownNumber, SpokenNumber, find_spoken_numbers

#: A gap between words at least this long is a silence the listener notices.
LONG_PAUSE_SECONDS = 2.0
#: Fewer ordinary words than this give no meaningful pace.
MIN_WORDS_FOR_PACE = 5


def find_pauses(words: Sequence[Word], threshold: float = LONG_PAUSE_SECONDS) -> tuple[Pause, ...]:
    """Return every gap between consecutive words of at least `threshold` seconds."""
    return tuple(
        Pause(prev.end, word.start, index)
        for index, (prev, word) in enumerate(pairwise(words), start=1)
        if word.start - prev.end >= threshold
    )


def _number_timings(
    words: Sequence[Word], spoken: list[SpokenNumber], duration: float
) -> tuple[NumberTiming, ...]:
    times_said = Counter(n.digits[-7:] for n in spoken)
    timings = []
    for number in spoken:
        start, end = words[number.first].start, words[number.end - 1].end
        span = max(end - start, 0.01)
        timings.append(
            NumberTiming(
                digits=number.digits,
                start=round(start, 2),
                end=round(end, 2),
                position=round(min(1.0, start / duration), 3) if duration > 0 else 0.0,
                digits_per_second=round(len(number.digits) / span, 2),
                times_said=times_said[number.digits[-7:]],
                first_word=number.first,
                end_word=number.end,
                heard=number.heard or number.digits,
                matched=number.matched,
                digits_off=number.digits_off,
            )
        )
    return tuple(timings)


def _pace(
    words: Sequence[Word], numbers: tuple[NumberTiming, ...], pauses: tuple[Pause, ...]
) -> float | None:
    """Return words per minute over the time spent on ordinary words."""
    in_numbers = sum(n.end_word - n.first_word for n in numbers)
    count = len(words) - in_numbers
    if count < MIN_WORDS_FOR_PACE:
        return None
    seconds = words[-1].end - words[0].start
    seconds -= sum(n.end - n.start for n in numbers)
    seconds -= sum(p.seconds for p in pauses)
    if seconds <= 0:
        return None
    return round(count / seconds * 60, 1)


def measure(
    words: Sequence[Word], duration_seconds: float, known: Sequence[KnownNumber] = ()
) -> Measurements:
    """Measure length, pace, long silences and phone-number timing from word timings.

    `known` holds the rep's own number(s), matched with a digit's tolerance.
    """
    duration = max(duration_seconds, words[-1].end if words else 0.0)
    if not words:
        return Measurements(round(duration, 2), 0.0, 0, None, (), ())
    pauses = find_pauses(words)
    numbers = _number_timings(words, find_spoken_numbers(words, known), duration)
    return Measurements(
        duration_seconds=round(duration, 2),
        speaking_seconds=round(words[-1].end - words[0].start, 2),
        word_count=len(words),
        words_per_minute=_pace(words, numbers, pauses),
        pauses=pauses,
        numbers=numbers,
    )
