"""The slot grammar: what a rep typed, made to fit the sentence a phrasing puts it in."""

from __future__ import annotations

import pytest

from callworthy.write.grammar import (
    count_word,
    fact_clause,
    fix_articles,
    indefinite_article,
    lead_clause,
    second_person,
    third_person,
    with_article,
)

LEAD = ("Harvey Zilch", "Harvey")


@pytest.mark.parametrize(
    ("detail", "clause"),
    [
        # A need, a want, as typed after "… is looking for" by habit, or as their own verb.
        ("needs two refrigerated trucks", "needs two refrigerated trucks"),
        ("need two refrigerated trucks", "needs two refrigerated trucks"),
        ("wants a new roof before winter", "wants a new roof before winter"),
        ("is looking for two refrigerated trucks", "is looking for two refrigerated trucks"),
        ("looking to buy a van", "is looking to buy a van"),
        ("interested in office space", "is interested in office space"),
        ("in the market for a new phone system", "is in the market for a new phone system"),
        ("asked about a quote for a roof", "asked about a quote for a roof"),
        ("would like a second opinion", "would like a second opinion"),
        # A noun phrase: what they are looking for.
        ("two refrigerated trucks", "is looking for two refrigerated trucks"),
        ("Two refrigerated trucks", "is looking for two refrigerated trucks"),
        ("Refrigerated trucks for the summer", "is looking for refrigerated trucks for the summer"),
        ("a dentist for his family", "is looking for a dentist for his family"),
        ("help with a second site", "is looking for help with a second site"),
        ("Dallas office space", "is looking for Dallas office space"),
        # A whole sentence, with its subject: a pronoun or the lead's own name.
        ("He needs two refrigerated trucks.", "needs two refrigerated trucks"),
        ("They need two trucks by March", "needs two trucks by March"),
        ("She's looking for an accountant.", "is looking for an accountant"),
        ("They're shopping for a new van", "is shopping for a new van"),
        ("Harvey Zilch wants a new roof", "wants a new roof"),
        ("Harvey's looking for a van", "is looking for a van"),
        ("Harvey’s shopping for a van", "is shopping for a van"),  # a typed curly apostrophe
        ("Harvey Zilch's looking for a van", "is looking for a van"),  # the longer name first
        ("Harvey Zilch needs a van", "needs a van"),
        ("The company needs a van", "needs a van"),
        ("  just   needs a quote ", "just needs a quote"),
        # A sentence about something of theirs: what they have, and what it needs.
        ("Harvey's company needs a van", "has a company that needs a van"),
        ("Harvey Zilch's firm wants two trucks", "has a firm that wants two trucks"),
        ("His company needs a van", "has a company that needs a van"),
        ("her new bakery wants forty chairs", "has a new bakery that wants forty chairs"),
        ("Her office is moving in May", "has an office that is moving in May"),
        ("His x-ray clinic needs a van", "has an x-ray clinic that needs a van"),  # said "ex"
        ("His umbrella shop needs a van", "has an umbrella shop that needs a van"),
        ("His university lab needs a van", "has a university lab that needs a van"),  # "you"
        ("Its fleet needs vans", "has a fleet that needs vans"),
        ("Their fleet needs vans", "has a fleet that needs vans"),
        # Their business, team or customer is the lead's own: the subject goes.
        ("The business needs a van", "needs a van"),
        ("Their firm wants two trucks", "wants two trucks"),
        ("Your practice needs a van", "needs a van"),
        ("The team needs a van", "needs a van"),
        ("The owner needs a van", "needs a van"),
        ("The client wants a van", "wants a van"),
        ("The customer wants a van", "wants a van"),
        # Their own verb, capitalised or not.
        ("hoping to open a shop", "is hoping to open a shop"),
        ("Planning a move in May", "is planning a move in May"),
        ("Shopping around", "is shopping around"),
        ("needs a van;", "needs a van"),
        ("", ""),
    ],
)
def test_a_leads_detail_follows_who_in_any_wording(detail: str, clause: str) -> None:
    assert lead_clause(detail, LEAD) == clause


@pytest.mark.parametrize(
    ("fact", "clause"),
    [
        ("opened a second location", "that you opened a second location"),
        ("Opened a second depot.", "that you opened a second depot"),
        ("won a local business award", "that you won a local business award"),
        ("just moved to a bigger space", "that you just moved to a bigger space"),
        ("recently expanded into Texas", "that you recently expanded into Texas"),
        # Agreement with "you": is -> are, has -> have, was -> were, opens -> open.
        ("is hiring two drivers", "that you are hiring two drivers"),
        ("has a new office manager", "that you have a new office manager"),
        ("was named best dentist in town", "that you were named best dentist in town"),
        ("expands into Texas next month", "that you expand into Texas next month"),
        ("hiring two drivers", "that you are hiring two drivers"),
        # A sentence about them: the subject becomes "you".
        ("They opened a second location.", "that you opened a second location"),
        ("She was promoted to VP", "that you were promoted to VP"),
        ("It's hiring", "that you are hiring"),
        ("Harbor Point opened a second office", "that you opened a second office"),
        ("The company won an award", "that you won an award"),
        # A sentence about something of theirs: "their" becomes "your".
        ("Their sales doubled last year", "that your sales doubled last year"),
        ("Harbor Point's sales doubled last year", "that your sales doubled last year"),
        ("Sales doubled last year", "that sales doubled last year"),
        # A noun phrase: the news about it.
        ("a second location in Reno", "the news about a second location in Reno"),
        ("new warehouse in Dallas", "the news about your new warehouse in Dallas"),
        ("Their new refrigerated trucks", "the news about your new refrigerated trucks"),
        ("just opened", "that you just opened"),
        ("Expanded", "that you expanded"),
        ("Hiring", "that you are hiring"),
        ("Opening a second shop", "that you are opening a second shop"),
        ("Its revenue doubled", "that your revenue doubled"),
        ("Harbor Point is hiring", "that you are hiring"),
        ("Harbor Point's team grew", "that your team grew"),
        ("", ""),
    ],
)
def test_a_fact_fits_i_saw_in_any_wording(fact: str, clause: str) -> None:
    assert fact_clause(fact, ("Harbor Point",)) == clause


@pytest.mark.parametrize(
    ("phrase", "article"),
    [
        ("idea", "an"), ("tip", "a"), ("hour", "an"), ("honest answer", "an"),
        ("university", "a"), ("one-time fee", "a"), ("euro", "a"), ("umbrella", "an"),
        ("Uber driver", "an"), ("MBA", "an"), ("FBI agent", "an"), ("X-ray", "an"),
        ("CPA", "a"), ("8-week plan", "an"), ("11-step list", "an"), ("12-step list", "a"),
        ("", "a"),
    ],
)  # fmt: skip
def test_the_indefinite_article_follows_the_sound(phrase: str, article: str) -> None:
    assert indefinite_article(phrase) == article
    if phrase:
        assert with_article(phrase) == f"{article} {phrase}"


def test_articles_are_fixed_after_the_slots_are_filled() -> None:
    text = "A idea for you, an tip, a hour and an agency. Plan A is fine. An MBA. A apple."
    assert fix_articles(text) == (
        "An idea for you, a tip, an hour and an agency. Plan A is fine. An MBA. An apple."
    )


@pytest.mark.parametrize(
    ("base", "third"),
    [("need", "needs"), ("want", "wants"), ("are", "is"), ("have", "has"), ("go", "goes"),
     ("watch", "watches"), ("carry", "carries"), ("stay", "stays"), ("were", "was"),
     ("pass", "passes"), ("wish", "wishes"), ("fix", "fixes"), ("buzz", "buzzes"),
     ("Carry", "Carries"), ("y", "ys")],
)  # fmt: skip
def test_third_person(base: str, third: str) -> None:
    assert third_person(base) == third


@pytest.mark.parametrize(
    ("third", "you"),
    [("is", "are"), ("has", "have"), ("was", "were"), ("does", "do"), ("opens", "open"),
     ("carries", "carry"), ("watches", "watch"), ("opened", "opened"), ("discuss", "discuss"),
     ("passes", "pass"), ("wishes", "wish"), ("fixes", "fix"), ("buzzes", "buzz"),
     ("goes", "go"), ("ties", "tie"), ("focus", "focus"), ("analysis", "analysis"),
     ("Carries", "Carry"), ("Fixes", "Fix")],
)  # fmt: skip
def test_second_person(third: str, you: str) -> None:
    assert second_person(third) == you


def test_counts_are_words() -> None:
    assert [count_word(n) for n in (2, 3, 4, 5, 12)] == ["two", "three", "four", "five", "twelve"]
