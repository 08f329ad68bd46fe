"""Recorded voicemails (capability 7): transcribe, measure from word timings, critique.

The measurement and critique modules are pure (word timings in, values out);
only `transcribe` touches audio, importing faster-whisper lazily when a model
is loaded, so this package imports without the `audio` extra. The names below
are imported on first use (PEP 562): `callworthy check` asks whether a file is a
recording without loading the critique twice over.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from callworthy.audio.critique import AudioCritique, critique_transcript
    from callworthy.audio.formats import AUDIO_SUFFIXES, is_audio_file
    from callworthy.audio.measurements import LONG_PAUSE_SECONDS, measure
    from callworthy.audio.model import Measurements, NumberTiming, Pause, Transcript, Word
    from callworthy.audio.timed import parse_timed

_LAZY = {
    "AUDIO_SUFFIXES": "callworthy.audio.formats",
    "LONG_PAUSE_SECONDS": "callworthy.audio.measurements",
    "AudioCritique": "callworthy.audio.critique",
    "Measurements": "callworthy.audio.model",
    "NumberTiming": "callworthy.audio.model",
    "Pause": "callworthy.audio.model",
    "Transcript": "callworthy.audio.model",
    "Word": "callworthy.audio.model",
    "critique_transcript": "callworthy.audio.critique",
    "is_audio_file": "callworthy.audio.formats",
    "measure": "callworthy.audio.measurements",
    "parse_timed": "callworthy.audio.timed",
}

__all__ = [
    "AUDIO_SUFFIXES",
    "LONG_PAUSE_SECONDS",
    "AudioCritique",
    "Measurements",
    "NumberTiming",
    "Pause",
    "Transcript",
    "Word",
    "critique_transcript",
    "is_audio_file",
    "measure",
    "parse_timed",
]


def __getattr__(name: str) -> Any:
    """Import a public name on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module 'callworthy.audio' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
