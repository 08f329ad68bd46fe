"""Recorded voicemails (capability 7): transcribe, measure from word timings, critique.

The measurement and critique modules are pure (word timings in, values out);
only `transcribe` touches audio, importing faster-whisper lazily when a model
is loaded, so this package imports without the `audio` extra.
"""

from callworthy.audio.critique import AudioCritique, critique_transcript
from callworthy.audio.formats import AUDIO_SUFFIXES, is_audio_file
from callworthy.audio.measure import LONG_PAUSE_SECONDS, measure
from callworthy.audio.model import Measurements, NumberTiming, Pause, Transcript, Word
from callworthy.audio.timed import parse_timed

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
