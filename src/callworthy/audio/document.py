"""A transcript as the critique engine sees it: the text, with MEASURED times in place of estimates.

The transcript's words are joined into a script; each phone number, however
the transcriber wrote its digits, is written once in grouped form
("704-333-1112") so the text rules judge the words, not the transcriber's
digit formatting, while the measured timing says how it was really said (P8).
`MeasuredDocument` is a `Document` whose timeline is the words' start times
and whose length is the recording's, so `position`, `time_at` and the length
rules use what was measured; it also answers the audio-only metrics.
"""

from __future__ import annotations

from bisect import bisect_right

import phonenumbers

from callworthy.audio.model import Measurements, Transcript
from callworthy.audio.numbers import written_form
from callworthy.text.analysis import Document, Timeline
from callworthy.text.phones import PhoneMention


def e164(digits: str, region: str) -> str:
    """Return a number in E.164 when it is a valid full number, otherwise its digits."""
    try:
        parsed = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return digits
    if phonenumbers.is_valid_number(parsed):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return digits


_TRAILING = ".,;:!?…"


def _number_text(words: list[str], digits: str) -> str:
    """Write a number in grouped form, keeping the punctuation after its last word."""
    last = words[-1].rstrip()
    tail = last[len(last.rstrip(_TRAILING)) :]
    return written_form(digits) + tail


def layout(transcript: Transcript, measured: Measurements) -> tuple[str, list[int], list[int]]:
    """Return the script text, and the text offset and word index of each timed token."""
    by_first = {n.first_word: n for n in measured.numbers}
    pieces: list[str] = []
    offsets: list[int] = []
    indexes: list[int] = []
    position = 0
    index = 0
    words = transcript.words
    while index < len(words):
        number = by_first.get(index)
        if number is not None:
            piece = _number_text([w.text for w in words[index : number.end_word]], number.digits)
            step = number.end_word - index
        else:
            piece, step = words[index].text.strip(), 1
        if not piece:
            index += step
            continue
        offsets.append(position)
        indexes.append(index)
        pieces.append(piece)
        position += len(piece) + 1
        index += step
    return " ".join(pieces), offsets, indexes


class MeasuredDocument(Document):
    """A transcript analysed like a script, but timed by the recording itself."""

    measured_any = True

    def __init__(self, transcript: Transcript, measured: Measurements, region: str = "US") -> None:
        text, offsets, indexes = layout(transcript, measured)
        super().__init__(text, region)
        words = transcript.words
        # Token k starts at its first word's time; the last entry is the recording's end.
        times = [words[i].start for i in indexes] + [measured.duration_seconds]
        self.timeline = Timeline(offsets, times)
        self.spoken_seconds = round(measured.duration_seconds, 1)
        self.measurements = measured
        self.transcript = transcript
        self._indexes = indexes
        self.phones = self._measured_phones(region)

    def _measured_phones(self, region: str) -> tuple[PhoneMention, ...]:
        """Return the measured numbers as phone mentions, plus any other the text finder saw.

        The word-run finder is the authority on a transcript: it reads Whisper's
        digit quirks, and keeps a number the transcriber garbled (9 digits heard
        for 10) that the text matcher would not recognise.
        """
        mentions = []
        for i, number in enumerate(self.measurements.numbers):
            start, end = self.number_span(i)
            mentions.append(
                PhoneMention(e164(number.digits, region), start, end, False, len(number.digits))
            )
        others = [
            p for p in self.phones if not any(m.start < p.end and p.start < m.end for m in mentions)
        ]
        return tuple(sorted([*mentions, *others], key=lambda m: m.start))

    def word_span(self, first: int, end: int) -> tuple[int, int]:
        """Return the text span of words[first:end] (a number's words share one token)."""
        low = max(bisect_right(self._indexes, first) - 1, 0)
        high = max(bisect_right(self._indexes, end - 1) - 1, low)
        offsets = self.timeline.offsets
        stop = offsets[high + 1] - 1 if high + 1 < len(offsets) else len(self.text)
        return offsets[low], stop

    def number_span(self, number_index: int) -> tuple[int, int]:
        """Return the text span of the measured number with this index."""
        number = self.measurements.numbers[number_index]
        start, end = self.word_span(number.first_word, number.end_word)
        return start, start + len(self.text[start:end].rstrip(_TRAILING + " "))

    def measured(self, name: str) -> float | None:
        """Return a metric measured on the recording (pace, fastest number, longest silence)."""
        m = self.measurements
        if name == "words_per_minute":
            return m.words_per_minute
        if name == "phone_digits_per_second":
            return max((n.digits_per_second for n in m.numbers), default=None)
        if name == "longest_pause_seconds":
            return m.longest_pause_seconds
        return None

    def measured_span(self, name: str) -> tuple[int, int] | None:
        """Return the span a measured metric is about: the rushed number, the longest silence."""
        m = self.measurements
        if name == "phone_digits_per_second" and m.numbers:
            fastest = max(range(len(m.numbers)), key=lambda i: m.numbers[i].digits_per_second)
            return self.number_span(fastest)
        if name == "longest_pause_seconds" and m.pauses:
            pause = max(m.pauses, key=lambda p: p.seconds)
            # The words either side of the silence.
            start = self.word_span(pause.before_word - 1, pause.before_word)[0]
            return start, self.word_span(pause.before_word, pause.before_word + 1)[1]
        return None
