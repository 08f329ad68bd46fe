"""Scoring a sitting: golden totals, bands, the weakest three areas, bad answers."""

from __future__ import annotations

import pytest

from callworthy.errors import AnswersError
from callworthy.phoneability import default_quiz, score_answers

QUIZ = default_quiz()
BEST = {q.id: q.best().id for q in QUIZ.questions}
WORST = {q.id: min(q.options, key=lambda o: o.points).id for q in QUIZ.questions}


def test_the_best_answers_score_100_and_leave_nothing_to_practise() -> None:
    result = score_answers(BEST)
    assert (result.score, result.band, result.weakest) == (100, "callworthy", ())
    assert all(a.share == 1 for a in result.areas)


def test_the_worst_answers_score_0() -> None:
    result = score_answers(WORST)
    assert (result.score, result.band) == (0, "start_over")
    assert len(result.weakest) == 3 and all(a.share == 0 for a in result.weakest)


def test_golden_score_and_weakest_areas() -> None:
    # Miss every gatekeeper and do-not-call question, one humor question; the rest best.
    answers = dict(BEST)
    for q in QUIZ.questions:
        if q.area in ("gatekeepers", "do_not_call"):
            answers[q.id] = min(q.options, key=lambda o: o.points).id
    answers["humorless"] = "softer"  # 1 of 3
    result = score_answers(answers)
    most = sum(q.max_points for q in QUIZ.questions)  # 30 questions x 3 = 90
    lost = 3 * sum(q.area in ("gatekeepers", "do_not_call") for q in QUIZ.questions) + 2
    assert most == 90 and lost == 20
    assert result.score == round(100 * (most - lost) / most) == 78
    assert result.band == "returned"
    assert [a.area for a in result.weakest] == ["gatekeepers", "do_not_call", "humor"]
    assert result.weakest[0].practise and result.weakest[0].missed
    humor = next(f for f in result.feedback if f.question == "humorless")
    assert humor.points == 1 and "(P8)" in humor.explanation and humor.best == "plain"


BANDS = [
    (90, "callworthy"),
    (89, "returned"),
    (55, "number_six"),
    (54, "needs_work"),
    (34, "start_over"),
]


@pytest.mark.parametrize(("score", "band"), BANDS)
def test_bands_by_minimum(score: int, band: str) -> None:
    assert next(b.id for b in QUIZ.bands if score >= b.min) == band


def test_missing_or_invalid_answers_name_the_question_and_options() -> None:
    answers = dict(BEST)
    del answers["length"]
    with pytest.raises(AnswersError, match=r"No answer to 'length'\. .*short, long, tiny"):
        score_answers(answers)
    with pytest.raises(AnswersError, match=r"'b' is not an option of 'length'"):
        score_answers({**BEST, "length": "b"})


def test_answers_with_the_dashed_ids_of_earlier_versions_still_score() -> None:
    quiz = default_quiz()
    snake = {q.id: q.best().id for q in quiz.questions}
    dashed = {k.replace("_", "-"): v.replace("_", "-") for k, v in snake.items()}
    assert score_answers(dashed, quiz).answers == score_answers(snake, quiz).answers == snake
