"""The order a sitting shows each scenario's options in: shuffled per attempt, and repeatable.

A fair test (P14) cannot let the position of an answer give it away, so every
attempt shows each scenario's options in its own order. The order is drawn from
the attempt's id and the question's id alone, so a page reloaded with the same
attempt shows the same order, and answers still map by option id whatever the
order. `random.Random` seeded with a string hashes it with SHA-512 (the seed's
"version 2"), so the order is the same on every machine and every Python run.
"""

from __future__ import annotations

import random
import re

from callworthy.phoneability.data import Question, Quiz
from callworthy.phoneability.schema import OptionSpec

#: An attempt id as the surfaces carry it: URL-safe, short, never a path or markup.
ATTEMPT_RE = re.compile(r"[A-Za-z0-9_-]{6,40}")


def is_attempt(value: object) -> bool:
    """Return True when the value is a well-formed attempt id."""
    # fullmatch: `$` would also take an id ending in a newline ("abc123\n").
    return isinstance(value, str) and bool(ATTEMPT_RE.fullmatch(value))


def option_order(question: Question, attempt: str) -> tuple[OptionSpec, ...]:
    """Return the question's options in this attempt's order."""
    options = list(question.options)
    random.Random(f"{attempt}/{question.id}").shuffle(options)
    return tuple(options)


def shuffled(quiz: Quiz, attempt: str) -> tuple[tuple[Question, tuple[OptionSpec, ...]], ...]:
    """Return every question with its options in this attempt's order (questions in quiz order)."""
    return tuple((q, option_order(q, attempt)) for q in quiz.questions)
