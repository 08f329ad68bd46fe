"""`callworthy check`: critique a voicemail script before you leave it.

The critique is what this command is for, so it starts at once: the critique
and Rich are imported when it runs (not to build its options), and the team's
stored rules are read from the default database with the standard library
(services/workspace.py), and only when the team has rules of its own.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from callworthy.cli.audio import Hearing, audio_options, audio_path, check_recording
from callworthy.cli.common import FORMAT_OPTION, console, emit, handle_errors
from callworthy.cli.db import DB_OPTION, TEAM_OPTION, chosen_team
from callworthy.cli.options import rules_from, rules_options
from callworthy.errors import InputFileError, RuleFileError

if TYPE_CHECKING:
    from callworthy.critique import Critique, RuleSet

TEXT_SUFFIXES = (".txt", ".md", ".text")
#: What `check` says on a terminal before it reads the script typed there.
PROMPT = "Type or paste the voicemail, then press Ctrl-D (Ctrl-Z then Enter on Windows)."


def read_stdin() -> str:
    """Return the script on standard input, saying first what is expected on a terminal."""
    from callworthy.text.decode import MAX_BYTES, decode_script

    if sys.stdin.isatty():  # a blank terminal would look like a hang
        click.echo(PROMPT, err=True)
    return decode_script(sys.stdin.buffer.read(MAX_BYTES + 1), "standard input")


def read_input(source: str) -> str:
    """Return the script named by SOURCE: '-' is standard input, a file path, or the text itself."""
    if source == "-":
        return read_stdin()
    path = Path(source)
    one_word = 0 < len(source) < 4096 and not any(c.isspace() for c in source)
    if "\n" not in source and len(source) < 4096 and path.is_file():
        from callworthy.text.decode import MAX_BYTES, decode_script

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


def check_rules(
    db: str | None, team: str | None, rule_dirs: tuple[Path, ...], disable: tuple[str, ...]
) -> RuleSet:
    """Return the rules to critique with: the team's stored ones (if any) with the options'.

    A stored rule this version cannot load leaves the critique to the other rules,
    with a note, as the web app does; the Rules page shows what is wrong with it.
    """
    from callworthy.services.workspace import source_name, stored_team_rules

    stored = stored_team_rules(db, team)
    if stored is None or not stored.texts:
        return rules_from(rule_dirs, disable)
    try:
        rules = rules_from(rule_dirs, disable, stored.texts)
    except RuleFileError as exc:
        if not exc.path.startswith(source_name("")):
            raise  # a rule folder given with --rules: its error is the user's to see
        click.echo(f"Note: team {stored.team}'s rules cannot be used ({exc.message}).", err=True)
        return rules_from(rule_dirs, disable)
    count = len(stored.texts)
    click.echo(f"Using team {stored.team}'s {count} own rule{'s' * (count != 1)}.", err=True)
    return rules


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one critique, then restore it.

    Importing the critique and loading its rules makes some hundred thousand objects
    that all live until the command ends; the collector scanning them again and again
    was a tenth of the time `check` took. Reference counting still frees the rest.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _render(result: Critique) -> None:
    from callworthy.cli.render import render_critique  # Rich, for text output only

    render_critique(result, console())


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
@DB_OPTION
@TEAM_OPTION
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
    db: str | None,
) -> None:
    """Critique a voicemail script: a 0-100 score, what to fix and why.

    SOURCE is the script itself, a text file, a recording (WAV, MP3, M4A,
    OGG/Opus: transcribed and measured, see docs/audio.md), or - to read
    standard input (the default; on a terminal, type or paste it and press
    Ctrl-D). Each finding is anchored to the words it is about and names the
    principle behind it (see PRODUCT.md, P1-P14).

    Your team's own rules, saved on the web app's Rules page, are used when the
    database exists (the one the web app and the other commands use).
    """
    recording = audio_path(source)
    text = read_input(source) if recording is None else ""
    with collector_paused():
        from callworthy.critique import Context

        context = Context(prospect_name=prospect, company=company, concerns=concerns)
        rules = check_rules(db, chosen_team(), rule_dirs, disable)
    if recording is not None:
        hearing = Hearing(model, compute_type, rep_phone)
        score = check_recording(recording, hearing, rules, region, context, output_format)
        if fail_under is not None and score < fail_under:
            sys.exit(1)
        return
    from callworthy.critique import critique

    with collector_paused():
        result = critique(text, rules=rules, region=region, context=context)
    emit(result, output_format, _render)
    if fail_under is not None and result.score < fail_under:
        sys.exit(1)
