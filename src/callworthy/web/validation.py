"""Plain words for a request refused before any service ran (a 422 of the framework).

pydantic says `query.window: Input should be greater than or equal to 1`; a client is
told what the CLI would tell a person: the parameter as it is sent (`window`), what was
sent and what it must be (`window is 0; it must be 1 or more.`). The web edge
(web/errors.py) puts these sentences in the API's error shape or on a page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from callworthy.text.plural import count

#: Where a value came from, the first part of pydantic's `loc`: not part of its name.
SOURCES = frozenset({"body", "query", "path", "header", "cookie", "form"})
#: How many problems one message lists (a body may break many fields at once).
MOST = 5

_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_Words = Callable[[str, Any, Mapping[str, Any]], str]


def _shown(value: Any) -> str:
    """Return a sent value as a message quotes it: text quoted (a number sent as text not)."""
    text = repr(value) if isinstance(value, str) and not _NUMBER.fullmatch(value) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _limit(value: Any) -> str:
    """Return a bound as a person writes it: 1, not 1.0."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _one_of(expected: str) -> str:
    return expected.replace("'", "").replace('"', "")


#: The wording of each kind of pydantic error a request can meet: (field, value, ctx).
WORDS: dict[str, _Words] = {
    "missing": lambda f, v, c: f"{f} is missing; send it.",
    "greater_than_equal": lambda f, v, c: (
        f"{f} is {_shown(v)}; it must be {_limit(c['ge'])} or more."
    ),
    "greater_than": lambda f, v, c: f"{f} is {_shown(v)}; it must be more than {_limit(c['gt'])}.",
    "less_than_equal": lambda f, v, c: f"{f} is {_shown(v)}; it must be {_limit(c['le'])} or less.",
    "less_than": lambda f, v, c: f"{f} is {_shown(v)}; it must be less than {_limit(c['lt'])}.",
    "int_parsing": lambda f, v, c: f"{f} is {_shown(v)}; it must be a whole number.",
    "int_type": lambda f, v, c: f"{f} is {_shown(v)}; it must be a whole number.",
    "int_from_float": lambda f, v, c: f"{f} is {_shown(v)}; it must be a whole number.",
    "float_parsing": lambda f, v, c: f"{f} is {_shown(v)}; it must be a number.",
    "float_type": lambda f, v, c: f"{f} is {_shown(v)}; it must be a number.",
    "bool_parsing": lambda f, v, c: f"{f} is {_shown(v)}; it must be true or false.",
    "bool_type": lambda f, v, c: f"{f} is {_shown(v)}; it must be true or false.",
    "string_type": lambda f, v, c: f"{f} is {_shown(v)}; it must be text.",
    "string_too_short": lambda f, v, c: (
        f"{f} is too short; it must have at least {count(c['min_length'], 'character')}."
    ),
    "string_too_long": lambda f, v, c: (
        f"{f} has {len(v)} characters; it may have at most {c['max_length']}."
    ),
    "too_short": lambda f, v, c: f"{f} must hold at least {count(c['min_length'], 'item')}.",
    "too_long": lambda f, v, c: f"{f} may hold at most {count(c['max_length'], 'item')}.",
    "literal_error": lambda f, v, c: (
        f"{f} is {_shown(v)}; it must be one of {_one_of(c['expected'])}."
    ),
    "enum": lambda f, v, c: f"{f} is {_shown(v)}; it must be one of {_one_of(c['expected'])}.",
    "list_type": lambda f, v, c: f"{f} must be a list.",
    "dict_type": lambda f, v, c: f"{f} must be a JSON object.",
    "model_type": lambda f, v, c: f"{f} must be a JSON object.",
    "model_attributes_type": lambda f, v, c: f"{f} must be a JSON object.",
    "json_invalid": lambda f, v, c: f"The body is not valid JSON ({c.get('error', 'unreadable')}).",
    "extra_forbidden": lambda f, v, c: f"{f} is not a field this request takes; leave it out.",
    "date_from_datetime_parsing": lambda f, v, c: (
        f"{f} is {_shown(v)}; write a date like 2024-03-15."
    ),
    "datetime_from_date_parsing": lambda f, v, c: (
        f"{f} is {_shown(v)}; write a time like 2024-03-15T14:30:00+00:00."
    ),
}


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One refused value: the parameter or body field as the client sends it, and why."""

    field: str
    problem: str


def field_name(loc: Sequence[Any]) -> str:
    """Return the name a client knows a value by: `window`, `answers.q1`, `body`."""
    parts = [str(part) for part in loc]
    if parts and parts[0] in SOURCES and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts) or "body"


def _page_name(loc: Sequence[Any]) -> str:
    """Return a form field's name in words, as a page shows it (`rep name`)."""
    return str(loc[-1]).replace("_", " ") if loc else "the form"


def _sentence(error: Mapping[str, Any], name: str) -> str:
    words = WORDS.get(str(error.get("type")))
    context = error.get("ctx") or {}
    if words is not None:
        try:
            return words(name, error.get("input"), context)
        except (KeyError, TypeError):  # a context without what the words need
            pass
    said = str(error.get("msg", "is not acceptable")).removeprefix("Value error, ")
    said = said.replace("Input should be", "it should be")
    return f"{name} is not acceptable: {said[:1].lower()}{said[1:]}".rstrip(".") + "."


def field_problems(
    errors: Sequence[Mapping[str, Any]], *, page: bool = False
) -> list[FieldProblem]:
    """Return each refused value in plain words, the first few (named in words on a page)."""
    made = []
    for error in errors[:MOST]:
        loc = error.get("loc", ())
        name = _page_name(loc) if page else field_name(loc)
        made.append(FieldProblem(field_name(loc), _sentence(error, name)))
    return made


def message(problems: Sequence[FieldProblem]) -> str:
    """Return the API's one message: every problem, then the fix."""
    said = " ".join(problem.problem for problem in problems) or "The request is not acceptable."
    return f"{said} Correct the request and send it again."
