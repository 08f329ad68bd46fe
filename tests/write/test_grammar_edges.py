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

THEM = ("company", "business", "firm", "practice", "lead", "owner")
THEIRS = ("team", "client", "customer")


@pytest.mark.parametrize("owner", ["the", "their", "your"])
@pytest.mark.parametrize("noun", THEM + THEIRS)
def test_the_company_or_its_people_as_a_leads_subject_is_dropped(owner: str, noun: str) -> None:
    assert lead_clause(f"{owner.capitalize()} {noun} needs a van") == "needs a van"


@pytest.mark.parametrize("owner", ["the", "their", "your"])
@pytest.mark.parametrize("noun", THEM)
def test_the_company_as_a_facts_subject_is_you(owner: str, noun: str) -> None:
    assert fact_clause(f"{owner} {noun} doubled sales") == "that you doubled sales"


@pytest.mark.parametrize(("owner", "said"), [("the", "the"), ("their", "your"), ("your", "your")])
@pytest.mark.parametrize("noun", THEIRS)
def test_their_team_or_customers_in_a_fact_stay_theirs(owner: str, said: str, noun: str) -> None:
    """A fact about their team is not about them: "that your team doubled sales"."""
    assert fact_clause(f"{owner} {noun} doubled sales") == f"that {said} {noun} doubled sales"


@pytest.mark.parametrize(
    ("detail", "names", "clause"),
    [
        ("She's looking for a van", (), "is looking for a van"),
        ("He's a dentist", (), "is a dentist"),
        ("Harvey's moving, and needs a van", ("Harvey",), "is moving, and needs a van"),
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
        ("x-ray", "an"),  # a letter and a hyphen: said by its name
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


@pytest.mark.parametrize(
    ("detail", "clause"),
    [
        # An "-ing" word first is what they are doing; one that names a thing is what they want.
        ("hiring two drivers", "is hiring two drivers"),
        ("Opening a second shop in May", "is opening a second shop in May"),
        ("financing for a second store", "is looking for financing for a second store"),
        ("Marketing help", "is looking for marketing help"),
        # "'s" is "has" before a past participle, "is" before anything else.
        ("He's got a van but needs two", "has got a van but needs two"),
        ("Harvey's got a van", "has got a van"),
        ("She's just opened a shop", "has just opened a shop"),
        ("She's been asking about vans", "has been asking about vans"),
        ("He's interested in vans", "is interested in vans"),
        ("She's moving in May", "is moving in May"),
        # An adverb in "-ly" before the verb stays before it.
        ("really needs a van", "really needs a van"),
        ("Desperately wants a new van", "desperately wants a new van"),
        ("weekly deliveries", "is looking for weekly deliveries"),  # no verb after it
        # Something of theirs with "the", or more than one of it.
        ("The house needs a roof", "has a house that needs a roof"),
        ("The old barn needs a roof", "has an old barn that needs a roof"),
        ("His trucks need tyres", "has trucks that need tyres"),
        ("Their two vans need tyres", "has two vans that need tyres"),
        ("Her business needs a van", "has a business that needs a van"),  # no plural
        ("His campus needs a van", "has a campus that needs a van"),
        ("Her analysis needs a rewrite", "has an analysis that needs a rewrite"),
        ("A truck of his needs tyres", "has a truck of his that needs tyres"),
        ("An old barn needs a roof", "has an old barn that needs a roof"),
    ],
)
def test_a_leads_detail_in_more_wordings(detail: str, clause: str) -> None:
    assert lead_clause(detail, ("Harvey",)) == clause


@pytest.mark.parametrize(
    ("fact", "clause"),
    [
        # Done to them: a participle said of them, or anything "-ed by" someone.
        ("Acquired by Oracle", "that you were acquired by Oracle"),
        ("Named best bakery in town", "that you were named best bakery in town"),
        ("featured in the Tribune", "that you were featured in the Tribune"),
        ("Just voted best diner", "that you were just voted best diner"),
        ("Acquired by IBM", "that you were acquired by IBM"),
        ("CERTIFIED by the state", "that you were CERTIFIED by the state"),  # as typed
        ("Bought by a rival last year", "that you were bought by a rival last year"),
        ("Invited by the mayor", "that you were invited by the mayor"),
        ("Ranked #3 in Ohio", "that you were ranked #3 in Ohio"),
        ("Voted 2nd best diner", "that you were voted 2nd best diner"),
        ("Featured", "that you were featured"),
        ("Opened by", "that you were opened by"),  # "-ed by": done to them
        ("Won by a length", "that you were won by a length"),  # an irregular past too
        ("Built new offices", "that you built new offices"),
        # Done by them: an object follows.
        ("Acquired a rival", "that you acquired a rival"),
        ("Acquired Acme", "that you acquired Acme"),
        ("Acquired Acme last year", "that you acquired Acme last year"),
        ("promoted two managers", "that you promoted two managers"),
        ("mentioned your bakery on the radio", "that you mentioned your bakery on the radio"),
        # A plural noun opens the sentence and its verb comes later.
        ("Sales at Harbor Point doubled", "that sales at Harbor Point doubled"),
        ("Orders from Ohio tripled last year", "that orders from Ohio tripled last year"),
        # A verb first, and another later: the first is still theirs.
        ("has opened stores and hired staff", "that you have opened stores and hired staff"),
        ("expanded into Ohio and hired staff", "that you expanded into Ohio and hired staff"),
        ("expands into Texas next month", "that you expand into Texas next month"),
        # "'s got", "-ly" adverbs and "-ing" nouns, as in a lead's detail.
        ("He's got a new van", "that you have got a new van"),
        ("really grew this year", "that you really grew this year"),
        ("Marketing push in Ohio", "the news about your marketing push in Ohio"),
    ],
)
def test_a_fact_in_more_wordings(fact: str, clause: str) -> None:
    assert fact_clause(fact, ("Harbor Point",)) == clause
