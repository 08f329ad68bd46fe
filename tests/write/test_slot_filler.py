"""The slot filler on its own: what each slot is filled with, and what a phrasing promises.

Each test builds its profile and its filler inside the test (mutation testing credits a
test only with the code it runs).
"""

from __future__ import annotations

import random

from callworthy.write.deliver import Item
from callworthy.write.grammar import count_word
from callworthy.write.packs import default_packs
from callworthy.write.profile import Lead, Prospect, Rep
from callworthy.write.slots import GREETINGS, SlotFiller, render

REP = Rep(name="Kim Ortiz", phone="+17043331112", company="Acme Staffing")


def filler(**fields: object) -> SlotFiller:
    """Return a filler for Dana Lee of Harbor Dental, with `fields` changed, on the dental pack."""
    given: dict[str, object] = {"name": "Dana Lee", "company": "Harbor Dental", **fields}
    prospect = Prospect(**given)  # type: ignore[arg-type]
    packs = default_packs()
    return SlotFiller(prospect, REP, packs["dental"], random.Random(0), fallback=packs["general"])


def test_the_profiles_own_slots_are_filled_as_given_and_empty_where_it_says_nothing() -> None:
    fill = filler(role=None).fill(["first_name", "company", "role", "rep_name", "rep_company"])
    assert fill.values == {
        "first_name": "Dana",
        "company": "Harbor Dental",
        "role": "",
        "rep_name": "Kim Ortiz",
        "rep_company": "Acme Staffing",
    }
    assert filler(role="Office manager").fill(["role"]).values == {"role": "Office manager"}


def test_a_lead_is_promised_as_its_name_and_what_they_need() -> None:
    lead = Lead(name="Harvey Zilch", detail="Harvey needs two vans")
    fill = filler(lead=lead).fill(["lead_name", "lead_detail", "number"])
    assert fill.values == {"lead_name": "Harvey Zilch", "lead_detail": "needs two vans"}
    assert (fill.slot, fill.content) == ("lead_name", Item("Harvey Zilch", "needs two vans"))
    assert fill.items == (Item("Harvey Zilch", "needs two vans"),)


def test_a_lead_without_a_detail_is_promised_by_name_alone() -> None:
    fill = filler(lead=Lead(name="Harvey Zilch")).fill(["lead_name"])
    assert fill.items == (Item("Harvey Zilch", ""),)


def test_a_fact_about_them_by_name_or_company_is_said_to_them() -> None:
    facts = ("Harbor Dental opened a second office", "Dana Lee won an award")
    fill = filler(facts=facts)
    said = {fill.fill(["fact"]).values["fact"] for _ in facts}
    assert said == {"that you opened a second office", "that you won an award"}


def test_what_the_profile_cannot_fill_is_named_slot_by_slot() -> None:
    bare = filler()
    wanted = ["fact", "lead_name", "company", "number", "n", "tip_topic", "greet", "role"]
    assert bare.missing(wanted) == ["fact", "lead_name", "role"]
    assert not bare.has_facts() and filler(facts=("opened a shop",)).has_facts()


def test_a_concern_in_their_words_promises_the_packs_ideas_on_it() -> None:
    fill = filler(concerns=("hygienist turnover",))
    drawn = fill.fill(["concern"])
    assert drawn.values == {"concern": "hygienist turnover"}
    assert drawn.content.concern == "keeping good hygienists"
    assert drawn.items == (Item(drawn.content.ideas[0]),)  # one idea: the message counts none
    # Then the pack's other concerns, each once: theirs is not promised twice.
    rest = [fill.fill(["concern"]).content.concern for _ in range(4)]
    assert "keeping good hygienists" not in rest and len(set(rest)) == 4


def test_a_counted_promise_delivers_every_idea_and_says_how_many() -> None:
    drawn = filler(concerns=("hygienist turnover",)).fill(["concern", "n"])
    ideas = drawn.content.ideas
    assert len(ideas) > 1 and drawn.items == tuple(Item(idea) for idea in ideas)
    assert drawn.values["n"] == count_word(len(ideas))


def test_their_concerns_are_named_in_their_words_first_then_the_packs() -> None:
    fill = filler(concerns=("insurance claims taking forever",))
    first = fill.fill(["their_concern"]).values["their_concern"]
    assert first == "insurance claims taking forever"
    packs = {c.concern for c in default_packs()["dental"].concerns}
    assert fill.fill(["their_concern"]).values["their_concern"] in packs


def test_a_greeting_and_a_reason_are_words_to_say() -> None:
    fill = filler()
    assert fill.fill(["greet"]).values["greet"] in GREETINGS
    reasons = {r.reason for r in default_packs()["dental"].buying_reasons}
    drawn = fill.fill(["reason"])
    assert drawn.values["reason"] in reasons and drawn.content.reason == drawn.values["reason"]


def test_each_sentence_a_slot_opens_starts_with_a_capital() -> None:
    text = render(
        "{question} {tip} Call me at {number}. {close}",
        {"question": "what fills an empty chair?", "tip": "a list helps.", "close": "thanks!"},
        "704-333-1112",
    )
    assert text == "What fills an empty chair? A list helps. Call me at 704-333-1112. Thanks!"
    assert render("It is a {x} idea.", {"x": "hour-long"}, "1") == "It is an hour-long idea."
