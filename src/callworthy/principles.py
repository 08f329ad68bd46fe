"""The principles P1-P14 of PRODUCT.md: their ids and short titles, and the one check of an id.

Rules, strategies, causes and quiz answers all cite principles; they validate
the ids here so "P15" is refused the same way everywhere.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

PRINCIPLES: dict[str, str] = {
    "P1": "Symptom, not problem",
    "P2": "Saving money is not a gain",
    "P3": "No message all about you",
    "P4": "No bare manipulation",
    "P5": "Value about their business",
    "P6": "Value about them",
    "P7": "The sales lead",
    "P8": "Humor, with judgement",
    "P9": "What keeps them up at night",
    "P10": "Don't be number six",
    "P11": "Earn the call",
    "P12": "Refine it to a science",
    "P13": "Your own greeting",
    "P14": "Rate your phone-ability",
}
PRINCIPLE_RE = re.compile(r"^P(?:[1-9]|1[0-4])$")


def check_principle(value: str) -> str:
    """Return a principle id if it is one of P1-P14; raise ValueError naming the fix if not."""
    if value not in PRINCIPLES:
        raise ValueError(f"unknown principle {value!r}; use one of P1 to P14")
    return value


def check_principles(values: list[str]) -> list[str]:
    """Return a non-empty list of principle ids, each checked."""
    if not values:
        raise ValueError("name at least one principle, P1 to P14")
    return [check_principle(v) for v in values]


PrincipleId = Annotated[str, AfterValidator(check_principle)]
"""A pydantic field type for one principle id."""
