"""What a scored sitting carries: each question's feedback, the areas' shares, the JSON, ids."""

from __future__ import annotations

import pytest

from callworthy.errors import AnswersError
from callworthy.phoneability import default_quiz, score_answers
from callworthy.phoneability.order import is_attempt

QUIZ = default_quiz()
BEST = {q.id: q.best().id for q in QUIZ.questions}


def test_a_missed_question_explains_the_answer_given_and_the_best_one() -> None:
    question = QUIZ.questions[0]
    worst = min(question.options, key=lambda o: o.points)
    result = score_answers({**BEST, question.id: worst.id})
    [item] = [f for f in result.feedback if f.question == question.id]
    best = question.best()
    assert (item.area, item.chosen, item.points, item.explanation) == (
        question.area,
        worst.id,
        worst.points,
        worst.explanation,
    )
    assert (item.max_points, item.best, item.best_explanation) == (
        best.points,
        best.id,
        best.explanation,
    )
    area = next(a for a in result.areas if a.area == question.area)
    assert area.missed == (question.id,) and area.title == QUIZ.areas[question.area].name
    assert area.practise == QUIZ.areas[question.area].practise
    assert area.points == area.max_points - (best.points - worst.points)


def test_the_sitting_keeps_each_areas_share_and_shows_every_field_in_json() -> None:
    result = score_answers(BEST)
    assert result.area_shares() == {a.area: a.share for a in result.areas}
    assert set(result.area_shares()) == set(QUIZ.areas)
    data = result.to_dict()
    assert (data["score"], data["band"], data["quiz_version"]) == (100, "callworthy", QUIZ.version)
    assert data["band_title"] == QUIZ.bands[0].name and data["band_says"] == QUIZ.bands[0].says
    assert len(data["feedback"]) == len(QUIZ.questions) and data["answers"] == BEST


def test_an_unknown_option_is_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="nope"):
        QUIZ.questions[0].option("nope")


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("abc123", True),  # six: the shortest
        ("a" * 40, True),  # forty: the longest
        ("A-b_9Zz", True),
        ("abc12", False),
        ("a" * 41, False),
        ("abc 123", False),
        ("abc/123", False),
        ("abc123\n", False),
        (123456, False),
        (None, False),
    ],
)
def test_an_attempt_id_is_six_to_forty_url_safe_characters(value: object, ok: bool) -> None:
    assert is_attempt(value) is ok


def test_an_unknown_question_is_named_as_not_in_the_phone_ability_test() -> None:
    with pytest.raises(AnswersError) as caught:
        score_answers({**BEST, "lunch": "a"})
    assert "'lunch' is not a question of the phone-ability test." in str(caught.value)


def test_with_every_area_at_zero_the_weakest_are_those_that_lost_most_then_in_quiz_order() -> None:
    worst = {q.id: min(q.options, key=lambda o: o.points).id for q in QUIZ.questions}
    result = score_answers(worst)
    order = list(QUIZ.areas)
    expected = sorted(result.areas, key=lambda a: (a.points - a.max_points, order.index(a.area)))
    assert [a.area for a in result.weakest] == [a.area for a in expected[:3]]
    assert len({a.max_points - a.points for a in result.areas}) > 1  # the tie-break is exercised
