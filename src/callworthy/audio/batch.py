"""Transcribe and measure many recordings at once, in worker processes.

Each worker loads the model once (a process initializer) and then handles
files one by one; results come back as they finish, so a caller can show
progress. A file that fails gives a result with its error, not a crash.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from callworthy.audio.measurements import measure
from callworthy.audio.model import Measurements, Transcript
from callworthy.audio.numbers import KnownNumber
from callworthy.audio.transcribe import (
    DEFAULT_COMPUTE_TYPE,
    SpeechModel,
    load_model,
    transcribe_file,
)
from callworthy.errors import CallworthyError


@dataclass(frozen=True, slots=True)
class FileResult:
    """One file's transcript and measurements, or the error that stopped it."""

    path: str
    transcript: Transcript | None = None
    measurements: Measurements | None = None
    error: str = ""
    exit_code: int = 0


_worker_model: dict[str, SpeechModel] = {}


def _init_worker(model_name: str | None, threads: int, compute_type: str) -> None:
    _worker_model["model"] = load_model(model_name, threads, compute_type)


def process_file(path: Path, model: SpeechModel, known: tuple[KnownNumber, ...] = ()) -> FileResult:
    """Transcribe and measure one file, turning a typed error into a result."""
    try:
        transcript = transcribe_file(path, model)
    except CallworthyError as exc:
        return FileResult(str(path), error=exc.message, exit_code=exc.exit_code)
    measured = measure(transcript.words, transcript.duration_seconds, known)
    return FileResult(str(path), transcript, measured)


def _work(path: Path, known: tuple[KnownNumber, ...]) -> FileResult:
    return process_file(path, _worker_model["model"], known)


def transcribe_many(
    paths: list[Path],
    model_name: str | None = None,
    workers: int = 1,
    *,
    compute_type: str = DEFAULT_COMPUTE_TYPE,
    known: tuple[KnownNumber, ...] = (),
) -> Iterator[FileResult]:
    """Yield each file's result as it finishes (in-process when one worker is asked for).

    `known` holds the rep's own number, matched in every file with a digit's tolerance.
    """
    cores = os.cpu_count() or 1
    threads = max(1, cores // max(workers, 1))
    if workers <= 1:
        model = load_model(model_name, threads, compute_type)
        for path in paths:
            yield process_file(path, model, known)
        return
    # spawn: the workers start clean (no inherited threads or half-initialised libraries).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(model_name, threads, compute_type),
    ) as pool:
        futures = [pool.submit(_work, path, known) for path in paths]
        for future in as_completed(futures):
            yield future.result()
