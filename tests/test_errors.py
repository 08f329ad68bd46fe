"""Errors carry a category; the exit code and the HTTP status follow from it; no CLI words."""

import ast
import inspect
import re
from pathlib import Path

from callworthy import errors
from callworthy.cli.common import error_line, hint
from callworthy.errors import CallworthyError, Category
from callworthy.web.errors import HTTP_STATUS, status_of

PACKAGE = Path(__file__).parents[1] / "src" / "callworthy"
#: The exit codes documented in docs/ (critique.md, tracking.md, writer.md, audio.md, ...).
DOCUMENTED = {
    "EmptyTextError": 3, "TextTooLongError": 4, "NotTextError": 5, "DataFileError": 6,
    "RuleFileError": 6, "UnsafePatternError": 7, "InputFileError": 8, "DatabaseError": 11,
    "MigrationRequiredError": 12, "UnknownProspectError": 13, "AmbiguousProspectError": 14,
    "DuplicateProspectError": 15, "DoNotCallError": 16, "InvalidPhoneError": 17,
    "InvalidFieldError": 18, "NoOpenVoicemailError": 19, "ImportFileError": 20,
    "ProfileError": 21, "AudioSupportError": 26, "AudioFileError": 27, "AudioTooLongError": 28,
    "NoSpeechError": 29, "ModelNotFoundError": 30, "ExperimentInputError": 31,
    "UnknownIdeaError": 32, "UnknownExperimentError": 33, "ExperimentStateError": 34,
    "NoEligibleStrategyError": 35, "AnswersError": 36, "CauseFileError": 37, "QuizFileError": 38,
    "NoAnswersError": 39, "NotAuthenticatedError": 41, "PermissionDeniedError": 42,
    "AccountError": 43, "RateLimitedError": 44, "UnknownRecordError": 45, "RuleExampleError": 48,
    "ChangeStateError": 50,
}  # fmt: skip


def error_classes() -> dict[str, type[CallworthyError]]:
    return {
        name: cls
        for name, cls in vars(errors).items()
        if inspect.isclass(cls) and issubclass(cls, CallworthyError)
    }


def test_documented_exit_codes_are_stable() -> None:
    classes = error_classes()
    assert {name: classes[name].exit_code for name in DOCUMENTED} == DOCUMENTED


def test_every_category_has_a_status_and_every_error_a_category() -> None:
    assert set(HTTP_STATUS) == set(Category) == set(errors.DEFAULT_EXIT_CODES)
    for cls in error_classes().values():
        assert isinstance(cls.category, Category)
    assert status_of(errors.UnknownProspectError("x")) == 404
    assert status_of(errors.CauseFileError("f.yaml", 3, "bad")) == 422  # was 400 before
    assert status_of(errors.AccountExistsError("taken")) == 409


def test_the_four_unknown_errors_share_the_not_found_base() -> None:
    for name in ("UnknownProspectError", "UnknownIdeaError", "UnknownExperimentError"):
        assert issubclass(error_classes()[name], errors.NotFoundError)
    assert issubclass(errors.UnknownRecordError, errors.NotFoundError)


def test_a_new_class_gets_its_categorys_code_unless_it_declares_one() -> None:
    class Gone(CallworthyError):
        category = Category.NOT_FOUND

    class Busy(CallworthyError):
        category = Category.CONFLICT
        exit_code = 77

    class StillBusy(Busy):
        pass

    assert Gone.exit_code == errors.DEFAULT_EXIT_CODES[Category.NOT_FOUND]
    assert (Busy.exit_code, StillBusy.exit_code, StillBusy.category) == (77, 77, Category.CONFLICT)


def test_fields_lines_and_problems_are_attributes() -> None:
    error = errors.ProfileError("the form", 4, "rep.phone: bad.", field="rep.phone", docs="d.md")
    assert (error.field, error.line, error.docs) == ("rep.phone", 4, "d.md")
    assert error.details() == {"field": "rep.phone", "line": 4}
    imported = errors.ImportFileError("x.csv", [(3, "bad date")])
    assert imported.details() == {"problems": [{"line": 3, "reason": "bad date"}]}


def test_the_cli_adds_its_own_hints() -> None:
    behind = errors.MigrationRequiredError("old schema.", "Upgrade it.", behind=True)
    assert "callworthy db upgrade" in hint(behind) and "callworthy" not in behind.message
    assert hint(errors.MigrationRequiredError("newer schema.", "Upgrade Callworthy.")) == ""
    data = errors.RuleFileError("r.yaml", 2, "bad", "Fix it.", docs="docs/rules.md")
    assert error_line(data) == "Error: r.yaml:2: bad Fix it. See docs/rules.md."
    assert "prospect list" in hint(errors.UnknownProspectError("No prospect #9."))


def _raised_texts(path: Path) -> list[tuple[int, str]]:
    """Return the literal text of every argument of a call to an `...Error` class."""
    texts = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if not name.endswith("Error"):
            continue
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            for part in ast.walk(arg):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    texts.append((node.lineno, part.value))
    return texts


def test_no_message_outside_the_cli_names_a_command_an_option_or_a_docs_file() -> None:
    cli_words = re.compile(r"`callworthy|docs/|\w\.md\b|(?:^|[\s(])--[a-z]")
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "cli" in path.relative_to(PACKAGE).parts:
            continue
        for line, text in _raised_texts(path):
            if cli_words.search(text):
                found.append(f"{path.relative_to(PACKAGE)}:{line}: {text!r}")
    assert not found, "\n".join(found)
