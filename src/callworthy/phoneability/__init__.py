"""The phone-ability self-test (P14, capability 6): scenario questions as data, scored.

Pure: answers go in, a score with a band, area shares, the three weakest
areas with what to practise and per-question feedback come out. The quiz is
YAML data (quizzes/phoneability/); storage of results lives in services.
"""

from callworthy.phoneability.data import Question, Quiz, default_quiz, load_quiz
from callworthy.phoneability.scoring import AreaScore, Feedback, PhoneTestScore, score_answers

__all__ = [
    "AreaScore",
    "Feedback",
    "PhoneTestScore",
    "Question",
    "Quiz",
    "default_quiz",
    "load_quiz",
    "score_answers",
]
