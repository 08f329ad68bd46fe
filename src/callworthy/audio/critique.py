"""Critique a recording's transcript with measured timings, through the one critique engine.

The measured length replaces the spoken-time estimate, and the audio rules
(`src/callworthy/rules/audio/`: too fast, number rushed, long silence) read the
measured pace, number speed and silences as metrics, so the score keeps its
invariant: every point lost has a finding. Given the rep's own number, a number
the transcriber garbled by a digit still counts as said, where it was said.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from callworthy.audio.document import MeasuredDocument
from callworthy.audio.measurements import measure
from callworthy.audio.model import Measurements, NumberTiming, Transcript
from callworthy.audio.numbers import KnownNumber
from callworthy.audio.transcribe import SpeechModel, transcribe_file
from callworthy.critique.context import EMPTY_CONTEXT, Context
from callworthy.critique.engine import critique_document
from callworthy.critique.loader import RuleSet, default_rules
from callworthy.critique.model import Critique
from callworthy.errors import NoSpeechError


@dataclass(frozen=True, slots=True)
class AudioCritique:
    """The critique of a recording: the transcript's critique plus what was measured."""

    critique: Critique
    measurements: Measurements
    transcript: str
    """The text that was critiqued (phone numbers written in grouped form)."""
    number_seconds: tuple[float, ...]
    """When each of the critique's phone numbers starts, in seconds."""
    number_timings: tuple[NumberTiming | None, ...]
    """The measured number behind each of the critique's phone numbers (None if not matched)."""

    @property
    def score(self) -> int:
        """Return the critique's score."""
        return self.critique.score

    def to_dict(self) -> dict[str, Any]:
        """Return the critique's JSON shape plus transcript, duration, pace and number times."""
        data = self.critique.to_dict()
        m = self.measurements
        timed = zip(self.number_seconds, self.number_timings, strict=True)
        for phone, (seconds, timing) in zip(data["phone_numbers"], timed, strict=True):
            phone["seconds"] = seconds
            phone["digits_per_second"] = timing.digits_per_second if timing else None
            phone["times_said"] = timing.times_said if timing else None
            phone["heard"] = timing.heard if timing else None
            phone["matched_number"] = timing.matched if timing else None
            phone["digits_off"] = timing.digits_off if timing else None
        data["transcript"] = self.transcript
        data["duration_seconds"] = m.duration_seconds
        data["speaking_seconds"] = m.speaking_seconds
        data["words_per_minute"] = m.words_per_minute
        data["pauses"] = [{"start": p.start, "seconds": p.seconds} for p in m.pauses]
        return data


def _match_numbers(doc: MeasuredDocument) -> tuple[tuple[float, NumberTiming | None], ...]:
    """Pair each phone number the critique found with the measured number at its span."""
    numbers = doc.measurements.numbers
    spans = [doc.number_span(i) for i in range(len(numbers))]
    matched = []
    for phone in doc.phones:
        timing = next(
            (numbers[i] for i, (s, e) in enumerate(spans) if s < phone.end and phone.start < e),
            None,
        )
        seconds = timing.start if timing else round(doc.time_at(phone.start), 2)
        matched.append((seconds, timing))
    return tuple(matched)


def critique_transcript(
    transcript: Transcript,
    *,
    rules: RuleSet | None = None,
    region: str = "US",
    context: Context | None = None,
    rep_phone: str | None = None,
) -> AudioCritique:
    """Measure a transcript and critique it with the measured timings.

    `rep_phone` is the rep's own number as typed; when given, a number heard one
    digit off is matched to it (InvalidPhoneError when it is not a number).
    """
    known = (KnownNumber.parse(rep_phone, region),) if rep_phone else ()
    if not transcript.words:
        raise NoSpeechError(
            f"No words were heard in {transcript.source or 'the recording'}.",
            "Check that it is a voice recording and that the volume is not near zero.",
        )
    measured = measure(transcript.words, transcript.duration_seconds, known)
    doc = MeasuredDocument(transcript, measured, region)
    ruleset = default_rules() if rules is None else rules  # an empty set is a set
    result = critique_document(doc, ruleset, context or EMPTY_CONTEXT)
    matched = _match_numbers(doc)
    return AudioCritique(
        result,
        measured,
        doc.text,
        tuple(seconds for seconds, _ in matched),
        tuple(timing for _, timing in matched),
    )


def critique_recording(
    path: Path,
    model: SpeechModel,
    *,
    rules: RuleSet | None = None,
    region: str = "US",
    context: Context | None = None,
    rep_phone: str | None = None,
) -> AudioCritique:
    """Transcribe a recording, measure it and critique it (see critique_transcript)."""
    if rep_phone:
        KnownNumber.parse(rep_phone, region)  # a mistyped number is named before the slow part
    transcript = transcribe_file(path, model)
    return critique_transcript(
        transcript, rules=rules, region=region, context=context, rep_phone=rep_phone
    )
