"""Synthesised voicemails through faster-whisper: duration, pace, number timing, critique, CLI.

Slow-ish (one model load per compute type, a dozen short clips): what is asserted
is what the product promises, with the tolerance speech recognition needs —
duration within 5% of sox's, pace ordered by the espeak-ng rate, the rep's own
number found (one digit dropped, doubled or changed is still it) where the script
put it, the critique's strategic findings equal to the script's. Never an exact
transcript: tiny.en hears the same file a little differently on another CPU, and
every test here runs under both compute types (int8 and float32) so a kernel
difference shows up on any one machine.
"""

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from doc_schemas import problems
from voicemails import RATES, SCRIPTS, SPOKEN, WRITTEN, need_tools, soxi_seconds

from callworthy.audio.critique import AudioCritique, critique_recording
from callworthy.cli import main
from callworthy.critique import critique
from callworthy.errors import InvalidPhoneError

CALLWORTHY = str(Path(sys.executable).parent / "callworthy")
_cache: dict[tuple[Path, str], AudioCritique] = {}
REP_PHONE = "(704) 333-1112"
REP_E164 = "+17043331112"
STRATEGY = ("value.", "focus.", "pitch.", "humor.", "generic.")


@pytest.fixture
def critiqued(speech_model, voicemail) -> Callable[..., AudioCritique]:  # type: ignore[no-untyped-def]
    def run(script: str, rate: int = 140, fmt: str = "wav") -> AudioCritique:
        path = voicemail(script, rate, fmt)
        key = (path, speech_model.compute_type)
        if key not in _cache:
            _cache[key] = critique_recording(path, speech_model, rep_phone=REP_PHONE)
        return _cache[key]

    return run


@pytest.mark.parametrize("fmt", ["wav", "mp3", "ogg", "opus", "m4a"])
def test_measured_duration_is_within_5_percent_of_sox(critiqued, voicemail, fmt) -> None:  # type: ignore[no-untyped-def]
    expected = soxi_seconds(voicemail("early", 140, "wav"))  # the source of every encoding
    measured = critiqued("early", 140, fmt).measurements.duration_seconds
    assert measured == pytest.approx(expected, rel=0.05)
    assert critiqued("early", 140, fmt).measurements.numbers, "the number is found in every format"


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_pace_follows_the_speaking_rate(critiqued, script) -> None:  # type: ignore[no-untyped-def]
    slow, fast = (critiqued(script, rate).measurements.words_per_minute for rate in RATES)
    assert slow is not None and fast is not None
    assert slow < fast
    assert slow == pytest.approx(RATES[0], rel=0.2)
    assert fast == pytest.approx(RATES[1], rel=0.2)


def test_the_number_is_where_the_script_put_it(critiqued) -> None:  # type: ignore[no-untyped-def]
    for script, low, high in (("early", 0.0, 0.3), ("late", 0.65, 1.0)):
        estimate = critique(SCRIPTS[script].format(number=WRITTEN)).phone_numbers[0].position
        numbers = critiqued(script).measurements.numbers
        assert [n.matched for n in numbers] == [REP_E164], numbers  # the rep's, once
        number = numbers[0]
        assert number.digits == "7043331112" and number.digits_off in (0, 1)
        assert low <= number.position <= high
        assert number.position == pytest.approx(estimate, abs=0.12)


def test_a_number_said_twice_is_counted_twice_however_each_is_heard(critiqued) -> None:  # type: ignore[no-untyped-def]
    script = (
        "Hi Lou, this is Kim, " + SPOKEN + ". Three of your competitors changed their opening "
        "hours this month. I'll tell you which one. Again, " + SPOKEN + "."
    )
    numbers = critiqued(script).measurements.numbers
    assert [n.matched for n in numbers] == [REP_E164, REP_E164]
    assert [n.times_said for n in numbers] == [2, 2]
    assert numbers[0].position < 0.4 < numbers[1].position
    assert "callback.phone-once" not in {f.rule for f in critiqued(script).critique.findings}


def test_the_transcript_critiques_like_the_script(critiqued) -> None:  # type: ignore[no-untyped-def]
    for script in SCRIPTS:
        text = critique(SCRIPTS[script].format(number=WRITTEN))
        audio = critiqued(script).critique
        assert abs(audio.score - text.score) <= 15, (audio.findings, text.findings)

        def strategic(findings):  # type: ignore[no-untyped-def]
            return {f.rule for f in findings if f.rule.startswith(STRATEGY)}

        assert strategic(audio.findings) == strategic(text.findings)
        assert sum(f.points for f in audio.findings) == audio.score - 100
        late = "callback.phone-late" in {f.rule for f in audio.findings}
        assert late == (script == "late")


def test_fast_speech_and_a_rushed_number_are_findings(critiqued) -> None:  # type: ignore[no-untyped-def]
    calm = {f.rule for f in critiqued("early", 140).critique.findings}
    rushed = critiqued("early", 220)
    rules = {f.rule: f for f in rushed.critique.findings}
    assert not {"audio.too-fast", "audio.number-rushed"} & calm
    assert {"audio.too-fast", "audio.number-rushed"} <= set(rules)
    number = rules["audio.number-rushed"]
    assert number.principle == "P8"
    assert rushed.transcript[number.start : number.end].count("-") >= 1  # on the number


def test_a_long_silence_is_measured_and_flagged(critiqued) -> None:  # type: ignore[no-untyped-def]
    script = (
        "<speak>Hi Lou, this is Kim, " + SPOKEN + ". <break time='6s'/> Your competitors "
        "changed their opening hours this month. I'll tell you which one.</speak>"
    )
    need_tools("espeak-ng")
    result = critiqued(script)  # espeak-ng is given -m: it reads the SSML break
    # Whisper stretches the word before a silence into it: the measure is a lower bound.
    assert 3 <= result.measurements.longest_pause_seconds <= 6.5
    assert "audio.long-silence" in {f.rule for f in result.critique.findings}


# --- The CLI, through the real entry point ----------------------------------------------------


def test_check_a_recording_as_json(voicemail, speech_model) -> None:  # type: ignore[no-untyped-def]
    path = str(voicemail("early", 140))
    args = ["check", path, "--format", "json", "--rep-phone", REP_PHONE]
    result = CliRunner().invoke(main, [*args, "--compute-type", speech_model.compute_type])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"transcript", "duration_seconds", "words_per_minute", "score", "findings"} <= set(data)
    [phone] = data["phone_numbers"]
    assert phone["seconds"] < 5
    assert phone["matched_number"] == REP_E164 and phone["digits_off"] in (0, 1)
    assert len(phone["heard"]) in (9, 10, 11) and phone["heard"].startswith("70")
    # The matched number is written as the rep's own in the text the critique judged.
    assert "704-333-1112" in data["transcript"]
    assert not problems("RecordingCritique", data)  # docs/schemas/RecordingCritique.json


def test_a_mistyped_rep_phone_is_refused_before_the_model_loads(voicemail) -> None:  # type: ignore[no-untyped-def]
    path = str(voicemail("early", 140))
    result = CliRunner().invoke(main, ["check", path, "--rep-phone", "call me"])
    assert result.exit_code == InvalidPhoneError.exit_code
    assert "is not a phone number" in result.output


def test_transcribe_a_folder_with_workers_reports_each_file(
    voicemail, tmp_path, speech_model
) -> None:  # type: ignore[no-untyped-def]
    for name in ("early", "late"):
        (tmp_path / f"{name}.mp3").write_bytes(voicemail(name, 140, "mp3").read_bytes())
    (tmp_path / "broken.wav").write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunk" * 10)
    (tmp_path / "notes.txt").write_text("not audio", encoding="utf-8")
    out = subprocess.run(
        [CALLWORTHY, "transcribe", str(tmp_path), "--workers", "2", "--format", "json",
         "--rep-phone", REP_PHONE, "--compute-type", speech_model.compute_type],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    rows = {Path(r["file"]).name: r for r in map(json.loads, out.stdout.splitlines())}
    assert set(rows) == {"early.mp3", "late.mp3", "broken.wav"}
    early, late = rows["early.mp3"]["numbers"], rows["late.mp3"]["numbers"]
    assert [n["matched_number"] for n in early + late] == [REP_E164, REP_E164]
    assert early[0]["position"] < 0.3 < 0.65 < late[0]["position"]
    assert rows["broken.wav"]["exit_code"] == 27
    assert out.returncode == 27, out.stderr
