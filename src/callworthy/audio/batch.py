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

from callworthy.audio.measure import measure
from callworthy.audio.model import Measurements, Transcript
from callworthy.audio.transcribe import SpeechModel, load_model, transcribe_file
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


def _init_worker(model_name: str | None, threads: int) -> None:
    _worker_model["model"] = load_model(model_name, cpu_threads=threads)


def process_file(path: Path, model: SpeechModel) -> FileResult:
    """Transcribe and measure one file, turning a typed error into a result."""
    try:
        transcript = transcribe_file(path, model)
    except CallworthyError as exc:
        return FileResult(str(path), error=exc.message, exit_code=exc.exit_code)
    return FileResult(str(path), transcript, measure(transcript.words, transcript.duration_seconds))


def _work(path: Path) -> FileResult:
    return process_file(path, _worker_model["model"])


def transcribe_many(
    paths: list[Path], model_name: str | None = None, workers: int = 1
) -> Iterator[FileResult]:
    """Yield each file's result as it finishes (in-process when one worker is asked for)."""
    cores = os.cpu_count() or 1
    threads = max(1, cores // max(workers, 1))
    if workers <= 1:
        model = load_model(model_name, cpu_threads=threads)
        for path in paths:
            yield process_file(path, model)
        return
    # spawn: the workers start clean (no inherited threads or half-initialised libraries).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(model_name, threads)
    ) as pool:
        futures = [pool.submit(_work, path) for path in paths]
        for future in as_completed(futures):
            yield future.result()
