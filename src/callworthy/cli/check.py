"""`callworthy check`: critique a voicemail script before you leave it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from callworthy.cli.audio import Hearing, audio_options, audio_path, check_recording
from callworthy.cli.common import FORMAT_OPTION, console, emit, handle_errors
from callworthy.cli.options import rules_from, rules_options
from callworthy.cli.render import render_critique
from callworthy.critique import Context, critique
from callworthy.errors import InputFileError
from callworthy.text.decode import MAX_BYTES, decode_script

TEXT_SUFFIXES = (".txt", ".md", ".text")


def read_input(source: str) -> str:
    """Return the script named by SOURCE: '-' is standard input, a file path, or the text itself."""
    if source == "-":
        return decode_script(sys.stdin.buffer.read(MAX_BYTES + 1), "standard input")
    path = Path(source)
    one_word = 0 < len(source) < 4096 and not any(c.isspace() for c in source)
    if "\n" not in source and len(source) < 4096 and path.is_file():
        with path.open("rb") as handle:
            return decode_script(handle.read(MAX_BYTES + 1), str(path))
    if one_word and path.is_dir():
        raise InputFileError(
            f"{source} is a folder, not a script.", "Name a text file, or quote the script text."
        )
    if one_word and (path.suffix.lower() in TEXT_SUFFIXES or "/" in source):
        # A single word with a slash is a path that is not there, not a voicemail.
        raise InputFileError(
            f"no such file: {source}.", "Check the path, or quote the script text."
        )
    return source


@click.command()
@click.argument("source", metavar="[TEXT | FILE | -]", default="-")
@FORMAT_OPTION
@click.option(
    "--fail-under",
    type=click.IntRange(0, 100),
    metavar="N",
    help="Exit with status 1 when the score is below N (for scripts and CI).",
)
@click.option("--prospect", metavar="NAME", help="The prospect's name, to check it is used.")
@click.option("--company", metavar="NAME", help="The prospect's company.")
@click.option(
    "--concern",
    "concerns",
    multiple=True,
    metavar="TEXT",
    help="Something that keeps them up at night, in their words (repeatable).",
)
@audio_options
@rules_options
@handle_errors
def check(
    source: str,
    output_format: str,
    fail_under: int | None,
    prospect: str | None,
    company: str | None,
    concerns: tuple[str, ...],
    rule_dirs: tuple[Path, ...],
    disable: tuple[str, ...],
    region: str,
    model: str | None,
    compute_type: str,
    rep_phone: str | None,
) -> None:
    """Critique a voicemail script: a 0-100 score, what to fix and why.

    SOURCE is the script itself, a text file, a recording (WAV, MP3, M4A,
    OGG/Opus: transcribed and measured, see docs/audio.md), or - to read
    standard input (the default). Each finding is anchored to the words it is about and
    names the principle behind it (see PRODUCT.md, P1-P14).
    """
    context = Context(prospect_name=prospect, company=company, concerns=concerns)
    recording = audio_path(source)
    if recording is not None:
        hearing = Hearing(model, compute_type, rep_phone)
        score = check_recording(
            recording, hearing, rules_from(rule_dirs, disable), region, context, output_format
        )
        if fail_under is not None and score < fail_under:
            sys.exit(1)
        return
    text = read_input(source)
    result = critique(text, rules=rules_from(rule_dirs, disable), region=region, context=context)
    emit(result, output_format, lambda r: render_critique(r, console()))
    if fail_under is not None and result.score < fail_under:
        sys.exit(1)
