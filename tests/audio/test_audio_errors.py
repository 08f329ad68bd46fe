"""Bad recordings and a missing extra: each a clear message and its own exit code."""

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from voicemails import need_tools

from callworthy.audio import transcribe as transcribe_module
from callworthy.audio.formats import is_audio_file
from callworthy.cli import main
from callworthy.errors import (
    AudioFileError,
    AudioSupportError,
    AudioTooLongError,
    ModelNotFoundError,
    NoSpeechError,
)


def check(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["check", *args])


def test_the_audio_errors_have_distinct_exit_codes() -> None:
    codes = [
        e.exit_code
        for e in (
            AudioSupportError,
            AudioFileError,
            AudioTooLongError,
            NoSpeechError,
            ModelNotFoundError,
        )
    ]
    assert codes == [26, 27, 28, 29, 30]


def test_files_are_told_apart_by_suffix_or_magic_bytes(tmp_path: Path) -> None:
    cases = {
        "a.bin": b"RIFF\x24\x00\x00\x00WAVEfmt ",
        "b.bin": b"ID3\x04\x00\x00",
        "c.bin": b"OggS\x00\x02",
        "d.bin": b"\x00\x00\x00\x20ftypM4A ",
        "e.bin": "not audio".encode("utf-16"),  # starts FF FE: a BOM, not an MPEG frame
        "f.bin": b"Hi Lou, this is Kim",
        "g.MP3": b"whatever",
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    found = {name for name in cases if is_audio_file(tmp_path / name)}
    assert found == {"a.bin", "b.bin", "c.bin", "d.bin", "g.MP3"}


def test_a_missing_audio_extra_names_the_install_command(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "faster_whisper", None)
    path = tmp_path / "message.wav"
    path.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt " * 4)
    result = check(str(path))
    assert result.exit_code == 26
    assert 'pip install "callworthy[audio]"' in result.output


def test_a_missing_recording_and_an_empty_one_are_named(tmp_path: Path) -> None:
    result = check(str(tmp_path / "nowhere.mp3"))
    assert result.exit_code == 27 and "No such audio file" in result.output
    (tmp_path / "empty.mp3").write_bytes(b"")
    result = check(str(tmp_path / "empty.mp3"))
    assert result.exit_code == 27 and "is empty (0 bytes)" in result.output


def test_an_oversized_file_is_refused_before_decoding(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(transcribe_module, "MAX_BYTES", 10)
    path = tmp_path / "big.wav"
    path.write_bytes(b"RIFF" + bytes(100))
    with pytest.raises(AudioTooLongError, match="the limit is"):
        transcribe_module.check_file(path)


# --- These need the extra (decoding) ----------------------------------------------------------


def test_corrupt_and_non_audio_files_are_named(speech_model, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "junk.wav").write_bytes(bytes(range(256)) * 8)
    result = check(str(tmp_path / "junk.wav"))
    assert result.exit_code == 27 and "not a readable audio file" in result.output
    (tmp_path / "notes.ogg").write_text("Hi Lou, this is Kim", encoding="utf-8")
    assert check(str(tmp_path / "notes.ogg")).exit_code == 27


def test_silence_is_not_transcribed(speech_model, tmp_path) -> None:  # type: ignore[no-untyped-def]
    need_tools("sox")
    import subprocess

    path = tmp_path / "silence.wav"
    subprocess.run(["sox", "-n", "-r", "8000", str(path), "trim", "0", "3"], check=True)
    result = check(str(path))
    assert result.exit_code == 29 and "is silent" in result.output


def test_too_long_a_recording_is_refused(speech_model, voicemail, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(transcribe_module, "MAX_SECONDS", 5.0)
    result = check(str(voicemail("early", 140)))
    assert result.exit_code == 28 and "the limit is" in result.output


def test_a_model_name_not_on_disk_is_never_downloaded(speech_model, voicemail) -> None:  # type: ignore[no-untyped-def]
    result = check(str(voicemail("early", 140)), "--model", "large-v3")
    assert result.exit_code == 30
    assert "never downloads" in result.output
    result = check(str(voicemail("early", 140)), "--model", "/no/such/model")
    assert result.exit_code == 30 and "No model folder" in result.output
