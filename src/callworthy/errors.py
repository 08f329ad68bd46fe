"""Typed errors shared by every layer; each names the problem and the fix.

Every error has a category (invalid, not_found, conflict, ...) from which the
surfaces derive what they answer: the web its HTTP status (web/errors.py), the
CLI its exit code (declared once per class below; a class that declares a new
category and no code gets that category's default). What an error is about is
kept as attributes (`field`, `path`, `line`, `problems`, `docs`), never only in
the sentence, so a surface can place it beside a form field or add a hint of
its own ("run `callworthy db upgrade`"). Messages name no CLI command, option or
docs file: those hints belong to the surface that has them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar


class Category(StrEnum):
    """What kind of problem an error is; the HTTP status and the default exit code follow."""

    INVALID = "invalid"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    FORBIDDEN = "forbidden"
    NOT_AUTHENTICATED = "not_authenticated"
    RATE_LIMITED = "rate_limited"
    TOO_LARGE = "too_large"
    UNAVAILABLE = "unavailable"


#: The exit code of a class that declares a category but no code of its own.
DEFAULT_EXIT_CODES: dict[Category, int] = {
    Category.INVALID: 10,
    Category.UNAVAILABLE: 11,
    Category.NOT_AUTHENTICATED: 41,
    Category.FORBIDDEN: 42,
    Category.RATE_LIMITED: 44,
    Category.NOT_FOUND: 45,
    Category.CONFLICT: 46,
    Category.TOO_LARGE: 47,
}


class CallworthyError(Exception):
    """Base class: a problem the user can fix, with a category and a distinct exit code."""

    category: ClassVar[Category] = Category.INVALID
    exit_code: ClassVar[int] = DEFAULT_EXIT_CODES[Category.INVALID]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "category" in cls.__dict__ and "exit_code" not in cls.__dict__:
            cls.exit_code = DEFAULT_EXIT_CODES[cls.category]

    def __init__(self, problem: str, fix: str = "", *, field: str | None = None) -> None:
        self.problem = problem
        self.fix = fix
        self.field = field
        """The input field the problem is about (`phone`, `rep.phone`), when there is one."""
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """Return the one-line message: the problem, then the fix."""
        return f"{self.problem} {self.fix}".strip()

    def details(self) -> dict[str, Any]:
        """Return the attributes a surface may show beside the message (field, line, ...)."""
        return {"field": self.field} if self.field else {}


class NotFoundError(CallworthyError):
    """No record of that id is visible to this user (missing, or not theirs to know of)."""

    category = Category.NOT_FOUND


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
    """A data file (rule, strategy, pack, quiz) is malformed; names the file and line.

    `docs` names the page that documents the format, for a surface to point to.
    """

    exit_code = 6

    def __init__(
        self,
        path: str,
        line: int | None,
        problem: str,
        fix: str = "",
        *,
        field: str | None = None,
        docs: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.docs = docs
        self.detail = problem
        """The problem without the file and line in front."""
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}", fix, field=field)

    def details(self) -> dict[str, Any]:
        """Return the field and the line of the problem."""
        return {**super().details(), "line": self.line}


class RuleFileError(DataFileError):
    """A rule file is malformed."""


class UnsafePatternError(RuleFileError):
    """A rule pattern that could make a critique slow: RE2 cannot run it in linear time
    (a backreference, a look-around, too large) or, in a built-in, it could backtrack."""

    exit_code = 7


class InputFileError(CallworthyError):
    """A file named on the command line cannot be read."""

    exit_code = 8


# --- Storage and tracking (capability 3): exit codes 11-20 ---------------------------------


class DatabaseError(CallworthyError):
    """The database cannot be opened, reached, written or is not in the expected shape.

    The message never names the database (no URL, credentials, SQL or path): a web page
    shows it to whoever asked. What the driver said and where the database is are kept
    as `detail` and `location` (its URL with the password hidden), for the server's log
    and for the terminal of whoever runs the CLI on their own database.
    """

    category = Category.UNAVAILABLE  # exit code 11

    def __init__(
        self,
        problem: str,
        fix: str = "",
        *,
        field: str | None = None,
        detail: str = "",
        location: str = "",
    ) -> None:
        self.detail = detail
        self.location = location
        super().__init__(problem, fix, field=field)


class MigrationRequiredError(DatabaseError):
    """The database schema is older (or newer) than this version of Callworthy."""

    exit_code = 12

    def __init__(self, problem: str, fix: str = "", *, behind: bool = False) -> None:
        self.behind = behind
        """True when the schema is older than this Callworthy: upgrading the database fixes it."""
        super().__init__(problem, fix)


class _ChoiceError(CallworthyError):
    """A name that must be one of a list: the list is an attribute, and shown in the message."""

    def __init__(self, problem: str, fix: str = "", *, choices: tuple[str, ...] = ()) -> None:
        self.choices = choices
        """The names to choose from, in order."""
        super().__init__(problem, fix)


class UnknownTeamError(_ChoiceError, NotFoundError):
    """No team of the database has the name given."""

    # exit code 45, the not_found default


class TeamChoiceError(_ChoiceError):
    """The database holds several teams and none was named."""

    # exit code 10, the invalid default


class UnknownRepError(_ChoiceError, NotFoundError):
    """The team has no rep of the name given (no rep is made up to match it)."""

    # exit code 45, the not_found default


class RepChoiceError(_ChoiceError):
    """The team has several reps, none was named and the login name is none of them."""

    # exit code 10, the invalid default


class UnknownProspectError(NotFoundError):
    """No prospect matches the id, name or phone number given."""

    exit_code = 13


class AmbiguousProspectError(CallworthyError):
    """Several prospects match the name given; the user must say which one."""

    exit_code = 14


class DuplicateProspectError(CallworthyError):
    """A prospect with the same phone number or CRM id already exists."""

    category = Category.CONFLICT
    exit_code = 15


class DoNotCallError(CallworthyError):
    """The prospect or number is on the do-not-call list; nothing may be logged for them."""

    category = Category.CONFLICT
    exit_code = 16


class InvalidPhoneError(CallworthyError):
    """A phone number cannot be parsed into a valid E.164 number."""

    exit_code = 17


class InvalidFieldError(CallworthyError):
    """A value given for a record is malformed (a strategy id, an outcome, a date)."""

    exit_code = 18


class UnknownStrategyError(InvalidFieldError):
    """A strategy id is not in the team's registry (the strategy files and its tried ideas)."""

    # exit code 18, as for any malformed field


class NoOpenVoicemailError(CallworthyError):
    """A callback has no voicemail waiting for it to answer."""

    category = Category.CONFLICT
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
        counted = f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"
        summary = f"{counted} in {path}:\n" + "\n".join(shown)
        super().__init__(summary, fix)

    @property
    def message(self) -> str:
        """Return the report: every bad line on its own line, then the fix."""
        return f"{self.problem}\n{self.fix}".strip()

    def details(self) -> dict[str, Any]:
        """Return every bad line with its number and reason."""
        return {"problems": [{"line": line, "reason": why} for line, why in self.problems]}


# --- The message writer (capability 2): exit codes 21-25 ------------------------------------


class ProfileError(DataFileError):
    """A prospect or rep profile (file or options) is malformed; names the field and the line."""

    exit_code = 21


# --- Recorded voicemails (capability 7): exit codes 26-30 -----------------------------------


class AudioSupportError(CallworthyError):
    """The optional audio extra (faster-whisper and the bundled model) is not installed."""

    category = Category.UNAVAILABLE
    exit_code = 26


class AudioFileError(CallworthyError):
    """An audio file is empty, corrupt, not audio, or in a format that cannot be decoded."""

    exit_code = 27


class AudioTooLongError(CallworthyError):
    """A recording is longer than any voicemail (10 minutes) or larger than the size cap."""

    category = Category.TOO_LARGE
    exit_code = 28


class NoSpeechError(CallworthyError):
    """A recording is silent or holds no words the transcriber could make out."""

    exit_code = 29


class ModelNotFoundError(CallworthyError):
    """The speech model named is neither a local folder nor in the local model cache."""

    category = Category.UNAVAILABLE
    exit_code = 30


# --- Experiments and the ideas board (capability 4, P12): exit codes 31-35 -----------------


class ExperimentInputError(CallworthyError):
    """An experiment input is malformed (naive time, callback before the voicemail, bad setting).

    Raised by the pure core (`callworthy.experiments`, which re-exports it) and the services.
    """

    exit_code = 31


class UnknownIdeaError(NotFoundError):
    """No idea on the team's board matches the id given."""

    exit_code = 32


class UnknownExperimentError(NotFoundError):
    """No experiment matches the id given, or the team has none yet."""

    exit_code = 33


class ExperimentStateError(CallworthyError):
    """The experiment cannot do that now (one already running, already stopped, no open ideas)."""

    category = Category.CONFLICT
    exit_code = 34


class NoEligibleStrategyError(CallworthyError):
    """No strategy may be used on this prospect (every one excluded by humor, lead or choice)."""

    category = Category.CONFLICT
    exit_code = 35


class ContactLimitError(CallworthyError):
    """The contact cadence says stop: enough voicemails went unanswered (P1)."""

    category = Category.CONFLICT
    exit_code = 22


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
    """The questions could not be asked: no answers file and no more input to read."""

    exit_code = 39


# --- Accounts and the web app (issue #6): exit codes 41-47 ----------------------------------


class NotAuthenticatedError(CallworthyError):
    """No valid session or API token: the user must log in or send `Authorization: Bearer`."""

    category = Category.NOT_AUTHENTICATED  # exit code 41


class PermissionDeniedError(CallworthyError):
    """The user is logged in but their role may not do this (a rep on a manager's page)."""

    category = Category.FORBIDDEN  # exit code 42


class AccountError(CallworthyError):
    """An account cannot be made as asked (bad e-mail, weak password, empty name)."""

    exit_code = 43


class AccountExistsError(AccountError):
    """The account or the set-up asked for exists already (e-mail taken, set-up done)."""

    category = Category.CONFLICT  # exit code 46


class RateLimitedError(CallworthyError):
    """Too many failed log-ins from one address, or for one account; wait before trying again."""

    category = Category.RATE_LIMITED  # exit code 44

    def __init__(self, problem: str, fix: str = "", retry_after: int = 60) -> None:
        self.retry_after = retry_after
        super().__init__(problem, fix)


class UnknownRecordError(NotFoundError):
    """No record with that id is visible to this user (it does not exist or is not theirs)."""

    # exit code 45, the not_found default


class ResetLinkError(NotFoundError):
    """A password-reset link that is unknown, already used or expired."""

    # exit code 45, the not_found default


class ServerBusyError(CallworthyError):
    """Too many log-ins are waiting for a password check; try again in a moment."""

    category = Category.UNAVAILABLE  # exit code 11


# --- Team rules on the web (issue #6): exit codes 48-49 --------------------------------------


class RuleExampleError(RuleFileError):
    """A team rule's own pass/fail example does not behave as declared; it is not saved."""

    exit_code = 48


# --- Corrections and their audit log (issue 11): exit code 50 ---------------------------------


class ChangeStateError(CallworthyError):
    """A change cannot be undone now: already undone, changed again since, or its record gone."""

    category = Category.CONFLICT
    exit_code = 50


# --- Capture from dialers (issue 17) ----------------------------------------------------------


class WebhookSignatureError(CallworthyError):
    """A webhook's signature, token or timestamp does not verify: the delivery is refused."""

    category = Category.NOT_AUTHENTICATED  # exit code 41


class WebhookPayloadError(CallworthyError):
    """A webhook's body is not what its dialer (or the generic schema) defines."""

    # exit code 10, the invalid default


class WebhookSecretError(CallworthyError):
    """A webhook secret cannot be stored, shown or used as asked."""

    # exit code 10, the invalid default
