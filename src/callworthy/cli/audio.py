"""`callworthy transcribe`, and `callworthy check` of a recording: thin veneers over audio/.

What the options and the recording test need is imported up front (light); the
speech model, the critique and Rich when a recording is actually heard.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from typing_extensions import TypedDict  # pydantic reads typing's TypedDict only from 3.12

from callworthy.audio.formats import AUDIO_SUFFIXES, audio_files, is_audio_file
from callworthy.audio.transcribe import COMPUTE_TYPES, DEFAULT_COMPUTE_TYPE
from callworthy.cli.common import FORMAT_OPTION, console, emit, handle_errors
from callworthy.errors import AudioFileError, InputFileError
from callworthy.text.plural import count

if TYPE_CHECKING:
    from rich.table import Table

    from callworthy.audio import AudioCritique, NumberTiming
    from callworthy.audio.batch import FileResult
    from callworthy.critique import Context, RuleSet

F = TypeVar("F", bound=Callable[..., Any])


class HeardNumber(TypedDict):
    """A phone number heard in a recording, as `transcribe --format json` prints it."""

    digits: str
    seconds: float
    position: float
    digits_per_second: float
    times_said: int
    heard: str
    matched_number: str | None
    digits_off: int | None


class TranscribedFile(TypedDict):
    """One recording transcribed and measured: a line of `transcribe --format json`."""

    file: str
    duration_seconds: float
    words_per_minute: float | None
    longest_pause_seconds: float
    numbers: list[HeardNumber]
    transcript: str


class FailedFile(TypedDict):
    """A recording that could not be transcribed: a line of `transcribe --format json`."""

    file: str
    error: str
    exit_code: int


#: Each line `transcribe --format json` prints (JSON Lines: one per file, as each is done).
TranscribeLine = TranscribedFile | FailedFile


def audio_options(func: F) -> F:
    """Add --model, --compute-type and --rep-phone: how a recording is heard."""
    func = click.option(
        "--rep-phone",
        metavar="NUMBER",
        help="Your own phone number: found in the recording even when the transcriber "
        "garbles a digit of it.",
    )(func)
    func = click.option(
        "--compute-type",
        type=click.Choice(COMPUTE_TYPES),
        default=DEFAULT_COMPUTE_TYPE,
        show_default=True,
        help="Speech model arithmetic: int8 is faster, float32 exact; results can differ "
        "slightly by CPU either way.",
    )(func)
    return click.option(
        "--model",
        metavar="PATH_OR_NAME",
        help="Speech model: a CTranslate2 Whisper folder, or a name already in the local "
        "Hugging Face cache (never downloaded). Default: the bundled tiny.en.",
    )(func)


@dataclass(frozen=True, slots=True)
class Hearing:
    """How to hear a recording: which model, with which arithmetic, knowing which number."""

    model: str | None = None
    compute_type: str = DEFAULT_COMPUTE_TYPE
    rep_phone: str | None = None


TEXT_SUFFIXES = (".txt", ".md", ".text")


def audio_path(source: str) -> Path | None:
    """Return SOURCE as a recording's path when it names one (by suffix or magic bytes)."""
    if source == "-" or "\n" in source or len(source) >= 4096:
        return None
    path = Path(source)
    if path.suffix.lower() in AUDIO_SUFFIXES and " " not in source and not path.is_file():
        raise AudioFileError(f"No such audio file: {source}.", "Check the path.")
    if path.suffix.lower() in TEXT_SUFFIXES or not path.is_file():
        return None
    return path if is_audio_file(path) else None


def _summary(result: AudioCritique) -> str:
    m = result.measurements
    pace = f"{m.words_per_minute:.0f} words a minute" if m.words_per_minute else "pace not measured"
    parts = [f"Measured: {m.duration_seconds:.1f} s long, {pace}"]
    parts += [
        f"number {n.digits} at {n.start:.1f} s ({n.position:.0%} in), "
        f"{n.digits_per_second:.1f} digits/s" + _heard(n)
        for n in m.numbers
    ]
    if m.pauses:
        parts.append(f"longest silence {m.longest_pause_seconds:.1f} s")
    return "; ".join(parts) + "."


def _print_recording(result: AudioCritique) -> None:
    from callworthy.cli.render import render_critique

    out = console()
    out.print(_summary(result))
    render_critique(result.critique, out)


def _heard(number: NumberTiming) -> str:
    if number.digits_off:
        return f" (heard as {number.heard}, one digit off your number)"
    return ""


def check_recording(
    path: Path, hearing: Hearing, rules: RuleSet, region: str, context: Context, fmt: str
) -> int:
    """Critique a recording, print it, and return its score."""
    from callworthy.audio.critique import critique_recording
    from callworthy.audio.numbers import KnownNumber
    from callworthy.audio.transcribe import check_file, load_model

    check_file(path)  # a missing or empty file is named before the model loads
    if hearing.rep_phone:
        KnownNumber.parse(hearing.rep_phone, region)  # and a mistyped number too
    result = critique_recording(
        path,
        load_model(hearing.model, compute_type=hearing.compute_type),
        rules=rules,
        region=region,
        context=context,
        rep_phone=hearing.rep_phone,
    )
    emit(result, fmt, _print_recording)
    return result.score


def _row(result: FileResult) -> TranscribedFile | FailedFile:
    if result.error or result.transcript is None or result.measurements is None:
        return {"file": result.path, "error": result.error, "exit_code": result.exit_code}
    m = result.measurements
    return {
        "file": result.path,
        "duration_seconds": m.duration_seconds,
        "words_per_minute": m.words_per_minute,
        "longest_pause_seconds": m.longest_pause_seconds,
        "numbers": [
            {
                "digits": n.digits,
                "seconds": n.start,
                "position": n.position,
                "digits_per_second": n.digits_per_second,
                "times_said": n.times_said,
                "heard": n.heard,
                "matched_number": n.matched,
                "digits_off": n.digits_off,
            }
            for n in m.numbers
        ],
        "transcript": result.transcript.text,
    }


def _table(rows: list[dict[str, object]]) -> Table:
    from rich.table import Table

    table = Table("file", "seconds", "wpm", "numbers (at s, digits/s)", "transcript / error")
    for row in sorted(rows, key=lambda r: str(r["file"])):
        numbers = row.get("numbers") or []
        assert isinstance(numbers, list)
        said = ", ".join(
            f"{n['digits']} @{n['seconds']}, {n['digits_per_second']}" for n in numbers
        )
        table.add_row(
            Path(str(row["file"])).name,
            str(row.get("duration_seconds", "")),
            str(row.get("words_per_minute") or ""),
            said,
            str(row.get("transcript") or f"[red]{row.get('error')}[/red]"),
        )
    return table


def _inputs(target: Path) -> list[Path]:
    if target.is_file():
        return [target]
    files = audio_files(target)
    if not files:
        raise InputFileError(
            f"No recordings in {target}.", f"Put {', '.join(sorted(AUDIO_SUFFIXES))} files there."
        )
    return files


@click.command()
@click.argument("target", metavar="DIR_OR_FILE", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes, each with its own copy of the model.",
)
@audio_options
@click.option(
    "--region",
    default="US",
    show_default=True,
    help="Region of --rep-phone when written without a country code (ISO code, e.g. GB).",
)
@FORMAT_OPTION
@handle_errors
def transcribe(
    target: Path,
    workers: int,
    model: str | None,
    compute_type: str,
    rep_phone: str | None,
    region: str,
    output_format: str,
) -> None:
    """Transcribe recorded voicemails and measure them: length, pace, when the number came.

    DIR_OR_FILE is a folder of recordings (WAV, MP3, M4A, OGG/Opus, FLAC) or
    one file. Text output is a table; --format json prints one JSON object per
    file (JSON lines) as each finishes. A file that fails is reported in its
    row and the command exits with that error's code. Runs offline.
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from callworthy.audio.batch import transcribe_many
    from callworthy.audio.numbers import KnownNumber

    paths = _inputs(target)
    known = (KnownNumber.parse(rep_phone, region),) if rep_phone else ()
    rows: list[dict[str, object]] = []
    progress = Progress(
        TextColumn("Transcribing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(stderr=True), transient=True,
    )  # fmt: skip
    with progress:
        task = progress.add_task("files", total=len(paths))
        for result in transcribe_many(
            paths, model, workers, compute_type=compute_type, known=known
        ):
            row = _row(result)
            rows.append(dict(row))
            if output_format == "json":
                click.echo(json.dumps(row, ensure_ascii=False))
            progress.advance(task)
    if output_format != "json":
        console().print(_table(rows))
    failed = [r for r in rows if r.get("exit_code")]
    if failed:
        click.echo(f"{len(failed)} of {count(len(rows), 'file')} failed.", err=True)
        sys.exit(int(str(failed[0]["exit_code"])))
