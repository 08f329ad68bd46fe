"""What the critique may know of the prospect: which words of each field count as naming them."""

from __future__ import annotations

import pytest

from callworthy.critique.context import Context, terms_regex

PROSPECT = Context(
    prospect_name=" John Smith ",
    company="Harvey Vans",
    concerns=("cash flow", "cash"),
    vocabulary=("routes",),
)


@pytest.mark.parametrize(
    ("field", "terms"),
    [
        ("prospect_name", ("John Smith", "John")),  # a first name alone counts
        ("company", ("Harvey Vans",)),
        ("concerns", ("cash flow", "cash")),
        ("vocabulary", ("routes",)),
    ],
)
def test_each_field_gives_its_terms(field: str, terms: tuple[str, ...]) -> None:
    assert PROSPECT.terms(field) == terms


@pytest.mark.parametrize("field", ["prospect_name", "company", "concerns", "vocabulary"])
def test_an_empty_context_gives_no_terms_and_no_regex(field: str) -> None:
    assert Context().terms(field) == ()
    assert Context(prospect_name="  ").terms("prospect_name") == ()
    assert Context().regex((field,)) is None


def test_a_one_word_name_is_one_term() -> None:
    assert Context(prospect_name="Cher").terms("prospect_name") == ("Cher",)


def test_the_regex_finds_whole_words_case_blind_longest_first() -> None:
    regex = PROSPECT.regex(("prospect_name", "concerns"))
    assert regex is not None
    text = "Hi JOHN, about CASH FLOW and cashews, johnny."
    assert [m.group() for m in regex.finditer(text)] == ["JOHN", "CASH FLOW"]


def test_blank_terms_are_dropped_and_only_blanks_give_no_regex() -> None:
    assert terms_regex((" ", "")) is None
    regex = terms_regex(("  routes ", " "))
    assert regex is not None and [m.group() for m in regex.finditer("Our routes.")] == ["routes"]
