"""Measurements from word timings and the critique of a timed transcript (no Whisper here)."""

import json

import pytest
from doc_schemas import problems

from callworthy.audio import critique_transcript, measure, parse_timed
from callworthy.audio.document import MeasuredDocument
from callworthy.audio.model import Transcript, Word
from callworthy.audio.timed import is_timed
from callworthy.critique import critique
from callworthy.errors import NoSpeechError

SCRIPT = (
    "Hi Lou, this is Kim, 704-333-1112. Three of your competitors changed their hours "
    "this month; I'll tell you which one and what it did for them. Again, 704-333-1112."
)


def test_pace_counts_ordinary_words_over_their_own_time() -> None:
    slow = measure(parse_timed(f"[wpm 140] {SCRIPT}").words, 0)
    fast = measure(parse_timed(f"[wpm 220] {SCRIPT}").words, 0)
    assert slow.words_per_minute == pytest.approx(140, abs=1)
    assert fast.words_per_minute == pytest.approx(220, abs=1)


def test_duration_is_the_recording_length_not_the_speech() -> None:
    transcript = parse_timed(f"[wpm 150] {SCRIPT}")
    m = measure(transcript.words, 60.0)
    assert m.duration_seconds == 60.0
    assert m.speaking_seconds == pytest.approx(transcript.words[-1].end, abs=0.01)
    assert measure(transcript.words, 1.0).duration_seconds == pytest.approx(
        transcript.words[-1].end, abs=0.01
    )  # a header that under-states the length never cuts the speech


def test_number_timing_position_speed_and_repeats() -> None:
    transcript = parse_timed(f"[wpm 150] [digits 2.5] {SCRIPT}")
    m = measure(transcript.words, transcript.duration_seconds)
    assert [n.digits for n in m.numbers] == ["7043331112", "7043331112"]
    first, last = m.numbers
    assert first.start == pytest.approx(5 * 0.4, abs=0.01)  # after five words at 150 wpm
    assert first.position < 0.25 < 0.7 < last.position
    assert first.times_said == last.times_said == 2
    # 10 digits in 4 s of digits plus two 0.3 s pauses between groups.
    assert first.digits_per_second == pytest.approx(10 / 4.6, abs=0.01)


def test_rushed_number_is_measured_as_rushed() -> None:
    m = measure(parse_timed(f"[digits 6] {SCRIPT}").words, 0)
    assert min(n.digits_per_second for n in m.numbers) > 4


def test_long_pauses_are_found_between_words_only() -> None:
    words = [Word("Hi", 1.0, 1.2), Word("Lou,", 1.3, 1.6), Word("sorry.", 4.0, 4.4)]
    m = measure(words, 10.0)
    assert [(p.start, p.end, p.before_word, p.seconds) for p in m.pauses] == [(1.6, 4.0, 2, 2.4)]
    assert m.longest_pause_seconds == 2.4
    assert m.words_per_minute is None  # three words: no meaningful pace


def test_no_words_measure_to_nothing_and_critique_says_so() -> None:
    assert measure([], 3.0).numbers == ()
    with pytest.raises(NoSpeechError, match="No words"):
        critique_transcript(Transcript((), 3.0, "x.wav"))


def test_timed_notation_is_recognised_only_at_the_start() -> None:
    assert is_timed("[wpm 200] Hi") and is_timed("  [pause 2] Hi")
    assert not is_timed("Hi [wpm 200]") and not is_timed("[note] Hi")
    transcript = parse_timed("[wpm 60] one [pause 3] two")
    assert [(w.start, w.end) for w in transcript.words] == [(0.0, 1.0), (4.0, 5.0)]


def test_measured_document_times_are_the_measured_ones() -> None:
    transcript = parse_timed(f"[wpm 150] {SCRIPT} [pause 20]")
    m = measure(transcript.words, transcript.duration_seconds)
    doc = MeasuredDocument(transcript, m)
    assert doc.spoken_seconds == pytest.approx(m.duration_seconds, abs=0.05)
    phone = doc.phones[0]
    assert doc.text[phone.start : phone.end] == "704-333-1112"
    assert doc.time_at(phone.start) == m.numbers[0].start
    assert doc.position(phone.start) == pytest.approx(m.numbers[0].position, abs=0.01)


def test_whisper_digit_formats_are_critiqued_as_the_grouped_number() -> None:
    words = [Word(t, i * 0.4, i * 0.4 + 0.3) for i, t in enumerate(
        "Hi Lou, this is Kim, 7043331112. I have a lead for you. Again, 704, 3-3-3, 11-12.".split()
    )]  # fmt: skip
    result = critique_transcript(Transcript(tuple(words), 12.0))
    assert result.transcript.count("704-333-1112") == 2
    rules = {f.rule for f in result.critique.findings}
    assert "callback.phone-rushed" not in rules  # the digit run is Whisper's, not the rep's
    assert "callback.phone-once" not in rules and "callback.phone-missing" not in rules


@pytest.mark.parametrize("pace", ["[wpm 150] [digits 2.5]", "[wpm 240] [digits 7] "])
def test_every_point_lost_has_a_finding_with_audio_findings(pace: str) -> None:
    result = critique_transcript(parse_timed(f"{pace} {SCRIPT} [pause 4] Bye.")).critique
    assert sum(f.points for f in result.findings) == result.score - 100
    assert "audio.long-silence" in {f.rule for f in result.findings}


def test_audio_findings_cite_principles_and_anchor_where_it_happened() -> None:
    result = critique_transcript(parse_timed(f"[wpm 240] [digits 7] {SCRIPT} [pause 4] Bye."))
    found = {f.rule: f for f in result.critique.findings}
    text = result.transcript
    rushed, fast = found["audio.number-rushed"], found["audio.too-fast"]
    silence = found["audio.long-silence"]
    assert (rushed.principle, fast.principle, silence.principle) == ("P8", "P3", "P3")
    assert text[rushed.start : rushed.end] == "704-333-1112"
    assert text[silence.start : silence.end] == "704-333-1112. Bye."
    assert "240 words a minute" in fast.message
    assert rushed.points < 0 and fast.points < 0 and silence.points < 0


def test_calm_transcript_critiques_like_its_script() -> None:
    calm = critique_transcript(parse_timed(f"[wpm 150] {SCRIPT}"))
    text = critique(SCRIPT)
    assert not [f for f in calm.critique.findings if f.rule.startswith("audio.")]
    assert {f.rule for f in calm.critique.findings} == {f.rule for f in text.findings}
    assert abs(calm.score - text.score) <= 5


def test_json_adds_transcript_duration_pace_and_number_seconds() -> None:
    result = critique_transcript(parse_timed(f"[wpm 150] {SCRIPT}"))
    data = result.to_dict()
    assert {"transcript", "duration_seconds", "words_per_minute", "pauses"} <= set(data)
    starts = [n.start for n in result.measurements.numbers]
    assert [p["seconds"] for p in data["phone_numbers"]] == starts == [2.0, 15.0]
    assert data["phone_numbers"][0]["times_said"] == 2
    assert not problems("RecordingCritique", json.loads(json.dumps(data)))  # its published shape


def test_a_shape_the_recordings_schema_refuses() -> None:
    data = json.loads(json.dumps(critique_transcript(parse_timed(f"[wpm 150] {SCRIPT}")).to_dict()))
    del data["pauses"]
    data["phone_numbers"][0]["seconds"] = "soon"
    found = problems("RecordingCritique", data)
    assert any("pauses" in p for p in found) and any("seconds" in p for p in found)


def test_scripts_without_recordings_never_get_audio_findings() -> None:
    result = critique("[wpm 300] " + SCRIPT)
    assert not [f for f in result.findings if f.rule.startswith("audio.")]


def test_the_public_measure_is_the_function_after_every_audio_module_is_imported() -> None:
    import importlib

    import callworthy.audio as audio

    for name in ("critique", "batch", "measurements", "model", "timed", "formats", "numbers"):
        importlib.import_module(f"callworthy.audio.{name}")
    assert callable(audio.measure) and audio.measure.__name__ == "measure"
    assert not isinstance(audio.measure, type(audio))  # not a module
