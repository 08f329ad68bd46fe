"""What every command shares: turning library errors into one-line messages and exit codes."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import click
from rich.console import Console

from callworthy.errors import CallworthyError

P = ParamSpec("P")
R = TypeVar("R")

FORMAT_OPTION = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Readable text, or JSON for scripts and integrations.",
)


def console() -> Console:
    """Return a console on standard output (colour only on a terminal)."""
    return Console(highlight=False, soft_wrap=False)


def print_json(data: Any) -> None:
    """Print data as indented JSON on standard output."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a CallworthyError into its one-line message on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except CallworthyError as exc:
            click.echo(f"Error: {exc.message}", err=True)
            sys.exit(exc.exit_code)

    return wrapper
