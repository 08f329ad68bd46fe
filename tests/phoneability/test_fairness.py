"""A fair test (P14): neither an answer's position nor its length predicts the score.

Each attempt shows every scenario's options in its own order, and the score is
corrected for guessing (formula scoring), so answering by position, by length or
at random lands at or near 0, in the lowest band, while a rep who knows the
principles (the best answers) scores 100 whatever the order.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Sequence

import pytest

from callworthy.phoneability import default_quiz, option_order, score_answers, shuffled
from callworthy.phoneability.schema import OptionSpec

QUIZ = default_quiz()
LOWEST = QUIZ.bands[-1]
ATTEMPTS = [f"attempt-{n:04d}" for n in range(400)]
Pick = Callable[[Sequence[OptionSpec]], OptionSpec]
BY_POSITION: dict[str, Pick] = {
    "first option": lambda options: options[0],
    "second option": lambda options: options[1],
    "last option": lambda options: options[-1],
}
BY_LENGTH: dict[str, Pick] = {
    "longest option": lambda options: max(options, key=lambda o: len(o.text)),
    "shortest option": lambda options: min(options, key=lambda o: len(o.text)),
    "most words": lambda options: max(options, key=lambda o: len(o.text.split())),
    "fewest words": lambda options: min(options, key=lambda o: len(o.text.split())),
}


def sitting(pick: Pick, attempt: str) -> int:
    """Return the score of a sitting answered with `pick` on this attempt's order."""
    answers = {q.id: pick(options).id for q, options in shuffled(QUIZ, attempt)}
    return score_answers(answers, QUIZ).score


@pytest.mark.parametrize("name", BY_POSITION)
def test_answering_by_position_lands_in_the_lowest_band(name: str) -> None:
    scores = [sitting(BY_POSITION[name], attempt) for attempt in ATTEMPTS]
    assert statistics.mean(scores) <= 10  # chance is 0; clipping at 0 lifts the mean a little
    in_lowest = sum(score < QUIZ.bands[-2].min for score in scores) / len(scores)
    assert in_lowest >= 0.98, (name, in_lowest)  # a lucky streak stays possible, and rare


@pytest.mark.parametrize("name", BY_LENGTH)
def test_answering_by_length_lands_in_the_lowest_band(name: str) -> None:
    scores = {sitting(BY_LENGTH[name], attempt) for attempt in ATTEMPTS[:50]}
    assert max(scores) < QUIZ.bands[-2].min and max(scores) <= 10, (name, scores)
    assert LOWEST.min == 0


def test_knowing_the_principles_scores_100_in_every_order() -> None:
    best: Pick = lambda options: max(options, key=lambda o: o.points)  # noqa: E731
    assert {sitting(best, attempt) for attempt in ATTEMPTS[:50]} == {100}


def test_no_position_holds_the_best_answer_more_than_chance() -> None:
    places: Counter[int] = Counter()
    for attempt in ATTEMPTS:
        for question, options in shuffled(QUIZ, attempt):
            if len(options) == 3:
                places[[o.id for o in options].index(question.best().id)] += 1
    total = sum(places.values())
    assert all(abs(count / total - 1 / 3) < 0.03 for count in places.values()), places


def test_the_best_answer_is_not_told_by_its_length() -> None:
    """In the data itself: the best answer is the longest in about a third of the scenarios."""
    rank = Counter(
        sorted(q.options, key=lambda o: len(o.text)).index(q.best()) for q in QUIZ.questions
    )
    longest = sum(max(q.options, key=lambda o: len(o.text)) is q.best() for q in QUIZ.questions)
    shortest = sum(min(q.options, key=lambda o: len(o.text)) is q.best() for q in QUIZ.questions)
    assert longest <= 13 and shortest <= 13 and rank[1] >= 6, (longest, shortest, rank)


def test_an_attempt_repeats_its_order_and_attempts_differ() -> None:
    question = next(q for q in QUIZ.questions if len(q.options) == 3)
    assert option_order(question, "attempt-a") == option_order(question, "attempt-a")
    orders = {tuple(o.id for o in option_order(question, f"attempt-{n}")) for n in range(60)}
    assert len(orders) == 6  # every order of three options appears


def test_the_order_is_the_same_in_every_process() -> None:
    """String seeds are hashed with SHA-512, not Python's randomised hash: a reload keeps it."""
    code = (
        "from callworthy.phoneability import default_quiz, shuffled;"
        "print([o.id for _, opts in shuffled(default_quiz(), 'attempt-x') for o in opts])"
    )
    runs = set()
    for seed in ("1", "2"):
        env = {"PYTHONHASHSEED": seed, "PATH": ""}
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        runs.add(done.stdout)
    here = str([o.id for _, opts in shuffled(QUIZ, "attempt-x") for o in opts]) + "\n"
    assert runs == {here}
