"""Check a set of answers (question id -> option id) against the questions that were asked.

Shared by the diagnose questionnaire and the phone-ability quiz: an answer that
is missing or not one of the options is an AnswersError naming the question
and listing the valid options, so the rep can fix the file in one go.
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
    valid = dict(questions)
    unknown = sorted(str(k) for k in answers if str(k) not in valid)
    if unknown:
        raise AnswersError(
            f"{unknown[0]!r} is not a question of the {what}.",
            f"The questions are: {', '.join(valid)}.",
        )
    clean: dict[str, str] = {}
    for qid, options in questions:
        if qid not in answers or answers[qid] is None:
            if partial:
                continue
            raise AnswersError(
                f"No answer to {qid!r}.", f"Answer it with one of: {', '.join(options)}."
            )
        given = str(answers[qid]).strip()
        if given not in options:
            raise AnswersError(
                f"{given!r} is not an option of {qid!r}.",
                f"Answer it with one of: {', '.join(options)}.",
            )
        clean[qid] = given
    return clean


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
