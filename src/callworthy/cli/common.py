"""What every command shares: turning library errors into one-line messages and exit codes."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import click

from callworthy import errors
from callworthy.errors import CallworthyError

if TYPE_CHECKING:
    from rich.console import Console

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")

FORMAT_OPTION = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Readable text, or JSON for scripts and integrations.",
)


class LazyChoice(click.Choice):  # type: ignore[type-arg]  # generic only in newer click
    """A choice among values read from data files when first needed, not at import.

    Building the command tree then reads no data file: the values are loaded when
    the option is checked or its help shown.
    """

    def __init__(self, load: Callable[[], Iterable[str]], case_sensitive: bool = True) -> None:
        self._load = load
        self._loaded: tuple[str, ...] | None = None
        super().__init__((), case_sensitive)

    @property
    def choices(self) -> tuple[str, ...]:
        """Return the values, loading them on first use."""
        if self._loaded is None:
            self._loaded = tuple(self._load())
        return self._loaded

    @choices.setter
    def choices(self, _value: Iterable[str]) -> None:
        """Ignore the empty tuple click's own __init__ sets: the loader gives the values."""


def console() -> Console:
    """Return a console on standard output (colour only on a terminal)."""
    from rich.console import Console  # only commands that print tables pay for Rich

    return Console(highlight=False, soft_wrap=False)


def print_json(data: Any) -> None:
    """Print data as indented JSON on standard output."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def as_data(result: Any) -> Any:
    """Return a result as JSON data: its own `to_dict()` (the API's shape), item by item."""
    if isinstance(result, list | tuple):
        return [as_data(item) for item in result]
    to_dict = getattr(result, "to_dict", None)
    return to_dict() if callable(to_dict) else result


def emit(result: T, fmt: str, render: Callable[[T], object], *, data: Any = None) -> None:
    """Print a command's result: as JSON (`data`, else the result's own) or `render`ed as text.

    The one place that chooses: every command's --format goes through here.
    """
    if fmt == "json":
        print_json(as_data(result) if data is None else data)
    else:
        render(result)


#: What the terminal adds to an error: the command or option that fixes it (CLI words only).
HINTS: dict[type[CallworthyError], str] = {
    errors.UnknownProspectError: "See `callworthy prospect list`.",
    errors.UnknownIdeaError: "See `callworthy idea list`.",
    errors.UnknownExperimentError: "See `callworthy experiment show`.",
    errors.NoOpenVoicemailError: "Pass --unmatched to store the callback alone.",
    errors.NoEligibleStrategyError: "Pass --lead if you have a lead, or --among to name others.",
    errors.UnknownTeamError: "Pass --team NAME (or set CALLWORTHY_TEAM).",
    errors.TeamChoiceError: "Pass --team NAME (or set CALLWORTHY_TEAM).",
    errors.UnknownRepError: "Pass --rep NAME (or set CALLWORTHY_REP).",
    errors.RepChoiceError: "Pass --rep NAME (or set CALLWORTHY_REP).",
}


def hint(exc: CallworthyError) -> str:
    """Return the CLI's own hint for an error (a command, an option, a docs page), or ""."""
    if isinstance(exc, errors.MigrationRequiredError):
        return "Run `callworthy db upgrade`." if exc.behind else ""
    if isinstance(exc, errors.DatabaseError) and (exc.detail or exc.location):
        # Whoever runs the CLI holds the database: what the driver said helps them fix it.
        return f"(The database said: {exc.detail}; database: {exc.location}.)"
    if isinstance(exc, errors.DataFileError) and exc.docs:
        return f"See {exc.docs}."
    return next((text for cls, text in HINTS.items() if isinstance(exc, cls)), "")


def error_line(exc: CallworthyError) -> str:
    """Return what the terminal shows for an error: the message, then the CLI's hint."""
    return f"Error: {exc.message} {hint(exc)}".rstrip()


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a CallworthyError into its message (and hint) on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except CallworthyError as exc:
            click.echo(error_line(exc), err=True)
            sys.exit(exc.exit_code)

    return wrapper
