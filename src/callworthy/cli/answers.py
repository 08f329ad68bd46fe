"""Answers to a questionnaire or quiz: read from a YAML/JSON file, or asked one by one.

Shared by `callworthy diagnose` and `callworthy phonetest`. A file maps
question id -> option id; the core checks the answers (a missing or invalid
one names the question and lists the options). Asked at the prompt, each
option can be given by its number or its id.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click
import yaml

from callworthy.errors import AnswersError, InputFileError, NoAnswersError, NotTextError

MAX_ANSWERS_BYTES = 256 * 1024

ANSWERS_OPTION = click.option(
    "--answers",
    "answers_file",
    metavar="FILE",
    help="A YAML or JSON file mapping question id -> option id (- for stdin); "
    "without it the questions are asked one by one.",
)


@dataclass(frozen=True, slots=True)
class Prompt:
    """One question as the prompt shows it."""

    id: str
    text: str
    help: str
    options: tuple[tuple[str, str], ...]
    """(option id, label) in order."""


def read_answers(path: str) -> dict[str, object]:
    """Return the answers in a YAML or JSON file (question id -> option id)."""
    try:
        raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise InputFileError(f"Cannot read {path}: {exc.strerror}.", "Check the path.") from exc
    if len(raw) > MAX_ANSWERS_BYTES:
        raise InputFileError(f"{path} is {len(raw):,} bytes: too big for answers.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotTextError(f"{path} is not UTF-8 text.", "Save it as UTF-8.") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise AnswersError(f"{path} is not valid YAML or JSON ({exc}).", "Check quoting.") from exc
    if not isinstance(data, dict):
        raise AnswersError(
            f"{path} must map each question id to an option id.", "e.g. relationship: cold"
        )
    return {str(k): v for k, v in data.items()}


def ask(prompts: Sequence[Prompt], *, show_ids: bool = True) -> dict[str, str]:
    """Ask each question on the terminal; return question id -> option id.

    Without `show_ids` an option is shown by its number alone (a test's ids would hint at
    the answer); its id is still accepted.
    """
    answers: dict[str, str] = {}
    for number, prompt in enumerate(prompts, 1):
        click.echo(f"\n{number}. {prompt.text}", err=True)
        if prompt.help:
            click.echo(f"   ({prompt.help})", err=True)
        for index, (oid, label) in enumerate(prompt.options, 1):
            click.echo(f"   {index}) {label}" + (f"  [{oid}]" if show_ids else ""), err=True)
        ids = [oid for oid, _ in prompt.options]
        numbers = [str(i) for i in range(1, len(ids) + 1)]
        try:
            given = click.prompt(
                "   Your answer", type=click.Choice(numbers + ids), show_choices=False, err=True
            )
        except click.exceptions.Abort as exc:
            raise NoAnswersError(
                f"The input ended before question {prompt.id!r} was answered.",
                "Answer every question, or give the answers with --answers FILE.",
            ) from exc
        answers[prompt.id] = ids[int(given) - 1] if given in numbers else given
    return answers
