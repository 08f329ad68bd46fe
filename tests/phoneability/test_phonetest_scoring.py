"""Scoring a sitting: formula scoring's golden totals, bands, the weakest areas, bad answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from callworthy.errors import AnswersError
from callworthy.phoneability import chance, default_quiz, load_quiz, score_answers

QUIZ = default_quiz()
BEST = {q.id: q.best().id for q in QUIZ.questions}
WORST = {q.id: min(q.options, key=lambda o: o.points).id for q in QUIZ.questions}


def test_the_best_answers_score_100_and_leave_nothing_to_practise() -> None:
    result = score_answers(BEST)
    assert (result.score, result.band, result.weakest) == (100, "callworthy", ())
    assert all(a.share == 1 for a in result.areas)


def test_the_worst_answers_score_0_and_never_below() -> None:
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
    # Each question's chance is its options' mean: 20 questions are 0/1/3 (4/3), 7 are 0/0/3
    # (1), 2 are 0/0/1/3 (1) and one is 0/2/3 (5/3). Beating chance on every question is
    # worth 20*5/3 + 7*2 + 2*2 + 4/3 = 158/3; the 20 raw points lost come off it.
    beatable = sum(q.max_points - chance(q) for q in QUIZ.questions)
    assert beatable == pytest.approx(158 / 3)
    lost = 3 * sum(q.area in ("gatekeepers", "do_not_call") for q in QUIZ.questions) + 2
    assert lost == 20
    assert result.score == round(100 * (158 / 3 - 20) / (158 / 3)) == 62
    assert result.band == "number_six"
    assert [a.area for a in result.weakest] == ["gatekeepers", "do_not_call", "humor"]
    humor = next(a for a in result.areas if a.area == "humor")
    assert humor.share == pytest.approx((3 * 5 / 3 - 1 / 3) / (4 * 5 / 3))  # 0.7
    assert result.weakest[0].practise and result.weakest[0].missed
    item = next(f for f in result.feedback if f.question == "humorless")
    assert item.points == 1 and "(P8)" in item.explanation and item.best == "plain"


QUIZ_YAML = """name: A small quiz
description: Three areas, to check the formula on right-or-wrong questions.
bands:
  - {id: high, min: 50, name: High, says: Good.}
  - {id: low, min: 0, name: Low, says: Practise.}
areas:
  one: {name: One, practise: Practise one.}
  two: {name: Two, practise: Practise two.}
  three: {name: Three, practise: Practise three.}
"""


def _right_or_wrong(folder: Path, count: int) -> None:
    """Write `count` questions of three options, one right (3 points) and two wrong (0)."""
    (folder / "questions").mkdir(parents=True)
    (folder / "quiz.yaml").write_text(QUIZ_YAML)
    for n in range(count):
        area = ("one", "two", "three")[n % 3]
        options = "\n".join(
            f"- {{id: {oid}, text: Option {oid} here., points: {pts}, principle: P1, "
            f"explanation: Why this one (P1).}}"
            for oid, pts in (("right", 3), ("wrong", 0), ("other", 0))
        )
        (folder / "questions" / f"q{n:02d}.yaml").write_text(
            f"area: {area}\nscenario: Question {n} here?\noptions:\n{options}\n"
            "examples:\n- {answer: wrong, points: 0, says: P1}\n"
        )


def test_on_right_or_wrong_questions_it_is_the_classic_formula_score(tmp_path: Path) -> None:
    """R - W/(k-1) (Thurstone 1919; Lord and Novick 1968), as a share of the questions."""
    _right_or_wrong(tmp_path, 10)
    quiz = load_quiz(tmp_path)
    ids = [q.id for q in quiz.questions]
    for right in range(11):
        answers = {qid: "right" if n < right else "wrong" for n, qid in enumerate(ids)}
        wrong = 10 - right
        expected = max(0.0, (right - wrong / 2) / 10)  # k = 3 options
        assert score_answers(answers, quiz).score == int(100 * expected + 0.5), right


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
