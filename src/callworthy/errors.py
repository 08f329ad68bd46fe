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


class DataFileError(CallworthyError):
    """A data file (rule, strategy, pack, quiz) is malformed; names the file and line."""

    exit_code = 6

    def __init__(self, path: str, line: int | None, problem: str, fix: str = "") -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}", fix)


class RuleFileError(DataFileError):
    """A rule file is malformed."""


class UnsafePatternError(RuleFileError):
    """A rule pattern could backtrack catastrophically."""

    exit_code = 7


class InputFileError(CallworthyError):
    """A file named on the command line cannot be read."""

    exit_code = 8


# --- Storage and tracking (capability 3): exit codes 11-20 ---------------------------------


class DatabaseError(CallworthyError):
    """The database cannot be opened, reached, written or is not in the expected shape."""

    exit_code = 11


class MigrationRequiredError(DatabaseError):
    """The database schema is older (or newer) than this version of Callworthy."""

    exit_code = 12


class UnknownProspectError(CallworthyError):
    """No prospect matches the id, name or phone number given."""

    exit_code = 13


class AmbiguousProspectError(CallworthyError):
    """Several prospects match the name given; the user must say which one."""

    exit_code = 14


class DuplicateProspectError(CallworthyError):
    """A prospect with the same phone number or CRM id already exists."""

    exit_code = 15


class DoNotCallError(CallworthyError):
    """The prospect or number is on the do-not-call list; nothing may be logged for them."""

    exit_code = 16


class InvalidPhoneError(CallworthyError):
    """A phone number cannot be parsed into a valid E.164 number."""

    exit_code = 17


class InvalidFieldError(CallworthyError):
    """A value given for a record is malformed (a strategy id, an outcome, a date)."""

    exit_code = 18


class NoOpenVoicemailError(CallworthyError):
    """A callback has no voicemail waiting for it to answer."""

    exit_code = 19


class ImportFileError(CallworthyError):
    """A file to import is not usable; lists every bad line with its number and reason."""

    exit_code = 20

    def __init__(
        self, path: str, problems: list[tuple[int | None, str]], fix: str = "Nothing was written."
    ) -> None:
        self.path = path
        self.problems = problems
        lines = [f"{path}:{line}: {why}" if line else f"{path}: {why}" for line, why in problems]
        shown = lines[:50] + ([f"... and {len(lines) - 50} more"] if len(lines) > 50 else [])
        summary = f"{len(problems)} problem(s) in {path}:\n" + "\n".join(shown)
        super().__init__(summary, fix)

    @property
    def message(self) -> str:
        """Return the report: every bad line on its own line, then the fix."""
        return f"{self.problem}\n{self.fix}".strip()


# --- The message writer (capability 2): exit codes 21-25 ------------------------------------


class ProfileError(DataFileError):
    """A prospect or rep profile (file or options) is malformed; names the field and the line."""

    exit_code = 21


# --- Recorded voicemails (capability 7): exit codes 26-30 -----------------------------------


class AudioSupportError(CallworthyError):
    """The optional audio extra (faster-whisper and the bundled model) is not installed."""

    exit_code = 26


class AudioFileError(CallworthyError):
    """An audio file is empty, corrupt, not audio, or in a format that cannot be decoded."""

    exit_code = 27


class AudioTooLongError(CallworthyError):
    """A recording is longer than any voicemail (10 minutes) or larger than the size cap."""

    exit_code = 28


class NoSpeechError(CallworthyError):
    """A recording is silent or holds no words the transcriber could make out."""

    exit_code = 29


class ModelNotFoundError(CallworthyError):
    """The speech model named is neither a local folder nor in the local model cache."""

    exit_code = 30


# --- Experiments and the ideas board (capability 4, P12): exit codes 31-35 -----------------


class ExperimentInputError(CallworthyError):
    """An experiment input is malformed (naive time, callback before the voicemail, bad setting).

    Raised by the pure core (`callworthy.experiments`, which re-exports it) and the services.
    """

    exit_code = 31


class UnknownIdeaError(CallworthyError):
    """No idea on the team's board matches the id given."""

    exit_code = 32


class UnknownExperimentError(CallworthyError):
    """No experiment matches the id given, or the team has none yet."""

    exit_code = 33


class ExperimentStateError(CallworthyError):
    """The experiment cannot do that now (one already running, already stopped, no open ideas)."""

    exit_code = 34


class NoEligibleStrategyError(CallworthyError):
    """No strategy may be used on this prospect (every one excluded by humor, lead or choice)."""

    exit_code = 35


# --- Diagnose and the phone-ability test (capabilities 5 and 6): exit codes 36-40 -----------


class AnswersError(CallworthyError):
    """An answer to the questionnaire or the quiz is missing or not one of the options."""

    exit_code = 36


class CauseFileError(DataFileError):
    """A cause file or the diagnose questionnaire is malformed; names the file and the line."""

    exit_code = 37


class QuizFileError(DataFileError):
    """A phone-ability quiz file is malformed; names the file and the line."""

    exit_code = 38


class NoAnswersError(CallworthyError):
    """The questions could not be asked: no --answers file and no more input to read."""

    exit_code = 39


# --- Accounts and the web app (issue #6): exit codes 41-45 ----------------------------------


class NotAuthenticatedError(CallworthyError):
    """No valid session or API token: the user must log in or send `Authorization: Bearer`."""

    exit_code = 41


class PermissionDeniedError(CallworthyError):
    """The user is logged in but their role may not do this (a rep on a manager's page)."""

    exit_code = 42


class AccountError(CallworthyError):
    """An account cannot be made as asked (e-mail taken, weak password, set-up already done)."""

    exit_code = 43


class RateLimitedError(CallworthyError):
    """Too many failed log-ins from one address for one e-mail; wait before trying again."""

    exit_code = 44

    def __init__(self, problem: str, fix: str = "", retry_after: int = 60) -> None:
        self.retry_after = retry_after
        super().__init__(problem, fix)


class UnknownRecordError(CallworthyError):
    """No record with that id is visible to this user (it does not exist or is not theirs)."""

    exit_code = 45


# --- Team rules on the web (issue #6): exit codes 48-49 --------------------------------------


class RuleExampleError(RuleFileError):
    """A team rule's own pass/fail example does not behave as declared; it is not saved."""

    exit_code = 48
