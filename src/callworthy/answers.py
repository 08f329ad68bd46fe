"""Check a set of answers (question id -> option id) against the questions that were asked.

Shared by the diagnose questionnaire and the phone-ability quiz: an answer that
is missing or not one of the options is an AnswersError naming the question
and listing the valid options, so the rep can fix the file in one go. Ids are
snake_case; an answers file or API client still using the dashed ids of earlier
versions (`before-the-call: how-are-you`) is read as the snake_case ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from callworthy.errors import AnswersError


def check_answers(
    questions: Sequence[tuple[str, Sequence[str]]],
    answers: Mapping[str, object],
    *,
    partial: bool = False,
    what: str = "questionnaire",
) -> dict[str, str]:
    """Return the answers as clean strings; raise AnswersError on a missing or invalid one."""
    typed = {_id(k): (str(k), v) for k, v in answers.items()}  # what was typed, for messages
    valid = dict(questions)
    unknown = sorted(key for snake, (key, _) in typed.items() if snake not in valid)
    if unknown:
        raise AnswersError(
            f"{unknown[0]!r} is not a question of the {what}.",
            f"The questions are: {', '.join(valid)}.",
        )
    clean: dict[str, str] = {}
    for qid, options in questions:
        value = typed.get(qid, (qid, None))[1]
        if value is None:
            if partial:
                continue
            raise AnswersError(
                f"No answer to {qid!r}.", f"Answer it with one of: {', '.join(options)}."
            )
        given = str(value).strip()
        if _id(given) not in options:
            raise AnswersError(
                f"{given!r} is not an option of {qid!r}.",
                f"Answer it with one of: {', '.join(options)}.",
            )
        clean[qid] = _id(given)
    return clean


def _id(value: object) -> str:
    """Return an id as the data spells it now: earlier versions' dashes are underscores."""
    return str(value).strip().replace("-", "_")


def answer_problems(
    questions: Sequence[tuple[str, Sequence[str]]], answers: Mapping[str, object]
) -> dict[str, str]:
    """Return question id -> what is wrong with its answer, for a form to show beside each."""
    problems: dict[str, str] = {}
    for qid, options in questions:
        given = answers.get(qid)
        if given is None or not str(given).strip():
            problems[qid] = "Choose an answer."
        elif str(given).strip() not in options:
            problems[qid] = f"{str(given)[:80]!r} is not one of the options; choose one."
    return problems
