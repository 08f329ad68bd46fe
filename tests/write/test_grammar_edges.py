"""The slot grammar at its edges: each word list entry, contractions, commas, names given in
another case, a subject with nothing after it, a capital kept or lowered, an adverb alone."""

from __future__ import annotations

import pytest

from callworthy.write.grammar import (
    fact_clause,
    indefinite_article,
    lead_clause,
    second_person,
    third_person,
)

NOUNS = ("company", "business", "firm", "practice", "team", "lead", "owner", "client", "customer")


@pytest.mark.parametrize("owner", ["the", "their", "your"])
@pytest.mark.parametrize("noun", NOUNS)
def test_the_company_as_a_subject_is_dropped(owner: str, noun: str) -> None:
    assert lead_clause(f"{owner.capitalize()} {noun} needs a van") == "needs a van"
    assert fact_clause(f"{owner} {noun} doubled sales") == "that you doubled sales"


@pytest.mark.parametrize(
    ("detail", "names", "clause"),
    [
        ("She's looking for a van", (), "is looking for a van"),
        ("Harvey's looking for a van", ("Harvey",), "is looking for a van"),
        ("Harvey's", ("Harvey",), "is looking for Harvey's"),  # a shop's name, not a subject
        # The longest name is dropped first, whatever case it was given in.
        ("Dana Lee needs a van", ("dana", "Dana Lee"), "needs a van"),
        ("just Harvey needs a van", ("Harvey",), "just needs a van"),
        ("Weekly cleaning", (), "is looking for weekly cleaning"),
        ("THe new van", (), "is looking for THe new van"),  # not a capital from a sentence
        ("The company", (), ""),
        ("He.", (), ""),
        ("the", (), "is looking for the"),
        ("He needs, urgently, a van", (), "needs, urgently, a van"),
        ("glass for the lobby", (), "is looking for glass for the lobby"),
        ("just", (), "just"),
        ("Finally moved.", (), "finally moved"),
        ("hoping to buy a van", (), "is hoping to buy a van"),
        ("planning to buy a van", (), "is planning to buy a van"),
        ("shopping for a van", (), "is shopping for a van"),
        ("Their store needs a van", (), "has a store that needs a van"),
        ("Its store needs a van", (), "has a store that needs a van"),
        ("his old van", (), "is looking for his old van"),
    ],
)
def test_a_leads_detail_at_the_grammars_edges(
    detail: str, names: tuple[str, ...], clause: str
) -> None:
    assert lead_clause(detail, names) == clause


@pytest.mark.parametrize(
    ("fact", "names", "clause"),
    [
        ("launched SpaceX.", (), "that you launched SpaceX"),
        ("They're hiring two drivers", (), "that you are hiring two drivers"),
        ("Dana doubled sales", ("Dana",), "that you doubled sales"),
        ("They doubled sales", (), "that you doubled sales"),
        ("Sales picks up", (), "that sales picks up"),
        ("Expanded", (), "that you expanded"),
        ("their refrigerated trucks", (), "the news about your refrigerated trucks"),
        ("They", (), ""),
        ("Finally hiring", (), "that you finally are hiring"),
        ("Revenue at Harbor Point doubled", (), "that revenue at Harbor Point doubled"),
        ("Ad sales doubled", (), "that ad sales doubled"),
        ("Hiring two drivers", (), "that you are hiring two drivers"),
    ],
)
def test_a_fact_at_the_grammars_edges(fact: str, names: tuple[str, ...], clause: str) -> None:
    assert fact_clause(fact, names) == clause


def test_an_adverb_alone_is_no_subject_to_drop() -> None:
    assert fact_clause("Recently").startswith("that you ")


@pytest.mark.parametrize(
    ("verb", "third"), [("veto", "vetoes"), ("echo", "echoes"), ("enjoy", "enjoys"),
                        ("deploy", "deploys"), ("carry", "carries")]
)  # fmt: skip
def test_third_person_of_o_and_y_endings(verb: str, third: str) -> None:
    assert third_person(verb) == third


@pytest.mark.parametrize(("third", "you"), [("flies", "fly"), ("tries", "try"), ("ties", "tie")])
def test_second_person_of_ies_endings(third: str, you: str) -> None:
    assert second_person(third) == you


@pytest.mark.parametrize(
    ("phrase", "article"),
    [
        ("'open' door", "an"),  # quotes are not letters
        ("MBA study plan", "an"),  # the first word decides, not the last but one
        ("F grade", "an"),  # a single capital is said by its name
        ("R", "an"),
        ("S corp", "an"),
        ("X", "an"),
        ("U", "a"),
        ("B", "a"),
        ("A", "an"),
    ],
)
def test_the_article_of_a_quoted_word_an_acronym_and_a_letter(phrase: str, article: str) -> None:
    assert indefinite_article(phrase) == article
