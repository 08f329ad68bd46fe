"""The phone-ability self-test (P14, capability 6): scenario questions as data, scored.

Pure: answers go in, a score with a band, area shares, the three weakest
areas with what to practise and per-question feedback come out. The quiz is
YAML data (quizzes/phoneability/); storage of results lives in services.
"""

from callworthy.phoneability.data import SCORING, Question, Quiz, default_quiz, load_quiz
from callworthy.phoneability.order import is_attempt, option_order, shuffled
from callworthy.phoneability.scoring import (
    AreaScore,
    Feedback,
    PhoneTestScore,
    chance,
    score_answers,
)

__all__ = [
    "SCORING",
    "AreaScore",
    "Feedback",
    "PhoneTestScore",
    "Question",
    "Quiz",
    "chance",
    "default_quiz",
    "is_attempt",
    "load_quiz",
    "option_order",
    "score_answers",
    "shuffled",
]
