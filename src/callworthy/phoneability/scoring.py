"""Score a sitting of the phone-ability test (P14): total, band, areas, what to practise.

The model (docs/phonetest.md) is formula scoring, the textbook correction for
guessing (Thurstone 1919; Lord and Novick 1968, ch. 14; Frary 1988), extended
to options worth 0-3 points: each answer counts by how far it beats what a
blind pick of that question earns on average (the mean of its options' points),
and the score is the share of the most that can be beaten, 0-100, rounded half
up and never below 0:

    chance(q) = mean of q's option points
    score     = round(100 * max(0, sum(points chosen - chance)) / sum(best - chance))

With one right answer worth 1 among k options this is R - W/(k-1), the classic
formula score, as a share of the questions. Answering at random, by position or
by length therefore scores about 0, and knowing every principle scores 100.
Each area gets the same share on its own questions; the weakest three areas
(lowest share, then most points lost, then quiz order) are the ones to
practise. An area with a full share is never called weak. The band is the
first whose `min` the score reaches (quiz.yaml lists them from the top).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Any

from callworthy.answers import check_answers
from callworthy.phoneability.data import Question, Quiz, default_quiz

WEAKEST = 3


@dataclass(frozen=True, slots=True)
class Feedback:
    """One question answered: the points, why, and the best answer where it was missed."""

    question: str
    area: str
    chosen: str
    points: int
    max_points: int
    explanation: str
    best: str
    best_explanation: str


@dataclass(frozen=True, slots=True)
class AreaScore:
    """How one area went, and what to practise."""

    area: str
    title: str
    points: int
    max_points: int
    share: float
    """The area's formula score, 0-1 (points and max_points are the raw points)."""
    practise: str
    missed: tuple[str, ...]
    """Questions in the area that did not get the best answer."""


@dataclass(frozen=True, slots=True)
class PhoneTestScore:
    """A scored sitting: total, band, every area, the weakest three and per-question feedback."""

    score: int
    band: str
    band_title: str
    band_says: str
    areas: tuple[AreaScore, ...]
    weakest: tuple[AreaScore, ...]
    feedback: tuple[Feedback, ...]
    answers: dict[str, str]
    quiz_version: str

    def area_shares(self) -> dict[str, float]:
        """Return area -> share of the points, 0-1 (what storage keeps)."""
        return {a.area: a.share for a in self.areas}

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape shared by the CLI, the API and the library."""
        return asdict(self)


def _round_half_up(value: float) -> int:
    return int(value + 0.5)


def _feedback(quiz: Quiz, answers: Mapping[str, str]) -> tuple[Feedback, ...]:
    items = []
    for question in quiz.questions:
        chosen, best = question.option(answers[question.id]), question.best()
        items.append(
            Feedback(
                question.id,
                question.area,
                chosen.id,
                chosen.points,
                question.max_points,
                chosen.explanation,
                best.id,
                best.explanation,
            )
        )
    return tuple(items)


def chance(question: Question) -> Fraction:
    """Return what a blind pick of this question earns on average: its options' mean points."""
    return Fraction(sum(o.points for o in question.options), len(question.options))


def corrected_share(items: Sequence[tuple[int, int, Fraction]]) -> float:
    """Return the formula score of (points, best, chance) answers as a share, 0-1.

    Summed exactly (chance is a fraction such as 4/3), so two areas with the same share
    get the same figure and the tie-break on points lost decides between them.
    """
    gained = sum(points - luck for points, _, luck in items)
    most = sum(best - luck for _, best, luck in items)
    return float(max(Fraction(0), gained) / most)


def _areas(quiz: Quiz, feedback: tuple[Feedback, ...]) -> tuple[AreaScore, ...]:
    luck = {q.id: chance(q) for q in quiz.questions}
    result = []
    for area, spec in quiz.areas.items():
        mine = [f for f in feedback if f.area == area]
        points, most = sum(f.points for f in mine), sum(f.max_points for f in mine)
        share = corrected_share([(f.points, f.max_points, luck[f.question]) for f in mine])
        missed = tuple(f.question for f in mine if f.points < f.max_points)
        result.append(AreaScore(area, spec.name, points, most, share, spec.practise, missed))
    return tuple(result)


def score_answers(answers: Mapping[str, object], quiz: Quiz | None = None) -> PhoneTestScore:
    """Score a complete set of answers (question id -> option id) against the quiz."""
    quiz = quiz or default_quiz()
    clean = check_answers(quiz.choices(), answers, what="phone-ability test")
    feedback = _feedback(quiz, clean)
    areas = _areas(quiz, feedback)
    luck = {q.id: chance(q) for q in quiz.questions}
    share = corrected_share([(f.points, f.max_points, luck[f.question]) for f in feedback])
    score = _round_half_up(100 * share)
    band = next(b for b in quiz.bands if score >= b.min)
    order = {a.area: i for i, a in enumerate(areas)}
    weak = sorted(
        (a for a in areas if a.share < 1),
        key=lambda a: (a.share, -(a.max_points - a.points), order[a.area]),
    )
    return PhoneTestScore(
        score, band.id, band.name, band.says, areas, tuple(weak[:WEAKEST]), feedback,
        clean, quiz.version,
    )  # fmt: skip
