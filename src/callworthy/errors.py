"""Typed errors shared by every layer; each names the problem and the fix.

The core raises these; the surfaces translate them (CLI exit codes, HTTP 4xx)
without rewording, so a rep sees the same sentence everywhere.
"""

from __future__ import annotations


class CallworthyError(Exception):
    """Base class: a problem the user can fix, with a distinct exit code."""

    exit_code = 10

    def __init__(self, problem: str, fix: str = "") -> None:
        self.problem = problem
        self.fix = fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """Return the one-line message: the problem, then the fix."""
        return f"{self.problem} {self.fix}".strip()


class EmptyTextError(CallworthyError):
    """The script to critique is empty or only whitespace."""

    exit_code = 3


class TextTooLongError(CallworthyError):
    """The script is longer than any voicemail should be."""

    exit_code = 4


class NotTextError(CallworthyError):
    """The input is binary or not in a readable encoding."""

    exit_code = 5


class RuleFileError(CallworthyError):
    """A rule (or other data) file is malformed; names the file and line."""

    exit_code = 6

    def __init__(self, path: str, line: int | None, problem: str, fix: str = "") -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}", fix)


class UnsafePatternError(RuleFileError):
    """A rule pattern could backtrack catastrophically."""

    exit_code = 7


class InputFileError(CallworthyError):
    """A file named on the command line cannot be read."""

    exit_code = 8
