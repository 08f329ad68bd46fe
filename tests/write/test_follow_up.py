"""The follow-up e-mail of each kind of promise, word for word: what a rep sends next.

Built from explicit items (no pack draw), so each test shows the whole e-mail a rep would
send: its subject, the promise in words, every item numbered, the closing and the signature.
"""

from __future__ import annotations

from callworthy.write import default_packs, profile_from_mapping
from callworthy.write.deliver import Deliverable, Item, compose

PROFILE = profile_from_mapping(
    {
        "prospect": {"name": "Dana Lee", "company": "Lee Dental",
                     "lead": {"name": "Hannah Cole", "contact": "hannah@cole.example"}},
        "rep": {"name": "Kim Alvarez", "phone": "704-333-1112", "company": "Northwind",
                "email": "kim@northwind.example"},
    }
)  # fmt: skip
NUMBER = "704-333-1112"
SIGNATURE = "Kim Alvarez\nNorthwind\n704-333-1112\nkim@northwind.example"
CLOSING = (
    "None of it needs anything from me. If you'd like to talk it through, I'm at 704-333-1112."
)
WAYS = (Item("Text a reminder the day before"), Item("Keep a waitlist", "call it first"))


def email(
    slot: str, items: tuple[Item, ...], values: dict[str, str], pack: bool = False
) -> Deliverable:
    """Return the deliverable of one slot for Dana (prospect) from Kim (rep)."""
    return compose(
        slot,
        items,
        values,
        pack=default_packs()["dental"] if pack else None,
        prospect=PROFILE.prospect,
        rep=PROFILE.rep,
        number=NUMBER,
    )


def test_ways_are_promised_by_count_and_numbered_one_a_line() -> None:
    sent = email("tip_topic", WAYS, {"tip_topic": "fill last-minute cancellations"})
    assert (sent.kind, sent.promise) == ("ways", "two ways to fill last-minute cancellations")
    assert sent.email.subject == "Two ways to fill last-minute cancellations"
    assert sent.email.body == (
        "Hi Dana,\n\nAs promised in my voicemail, here are two ways to fill last-minute "
        "cancellations:\n\n1. Text a reminder the day before\n2. Keep a waitlist: call it first"
        f"\n\n{CLOSING}\n\n{SIGNATURE}"
    )


def test_resources_list_each_site_with_what_it_is_for_and_its_address() -> None:
    sites = (Item("ADA", "guides", "https://ada.example"), Item("CDC", "", None))
    sent = email("resource_topic", sites, {"resource_topic": "keep patients safe"})
    assert (sent.kind, sent.promise) == (
        "resources",
        "two resources to help you keep patients safe",
    )
    assert sent.email.subject == "Two resources to help you keep patients safe"
    assert sent.email.body == (
        "Hi Dana,\n\nHere are the two resources to help you keep patients safe, as promised:\n\n"
        f"1. ADA: guides\n   https://ada.example\n2. CDC\n\n{CLOSING}\n\n{SIGNATURE}"
    )


def test_an_answer_repeats_the_question_and_says_where_it_comes_from() -> None:
    answer = (Item("About 1 in 4", "a 2023 survey"),)
    sent = email("question", answer, {"question": "How many patients skip a checkup?"})
    assert (sent.kind, sent.promise) == (
        "answer",
        'the answer to "How many patients skip a checkup?"',
    )
    assert sent.email.subject == "The answer to my question"
    assert sent.email.body == (
        "Hi Dana,\n\nMy voicemail asked: How many patients skip a checkup?\n\n"
        "The answer: About 1 in 4\n\nWhere it comes from: a 2023 survey"
        f"\n\n{CLOSING}\n\n{SIGNATURE}"
    )


def test_reasons_name_the_packs_customers_and_business_or_plain_words_without_one() -> None:
    reasons = (Item("Gentle care", "say so"), Item("Short waits", "show it"))
    dental = default_packs()["dental"]
    sent = email("reason", reasons, {"reason": "Gentle care"}, pack=True)
    promise = f"two reasons {dental.customers} choose one {dental.business} over another"
    assert (sent.kind, sent.promise) == ("reasons", promise)
    assert sent.email.subject == promise[:1].upper() + promise[1:]
    assert sent.email.body.startswith(
        f"Hi Dana,\n\nHere are the {promise}, and how to make each one yours:\n\n"
        "1. Gentle care: say so\n2. Short waits: show it\n\n"
    )
    plain = email("reason", reasons, {"reason": "Gentle care"})
    assert plain.promise == "two reasons customers choose one business over another"


def test_ideas_on_a_concern_are_one_idea_or_several_numbered() -> None:
    one = email("concern", (Item("Offer a payment plan"),), {"concern": "cash flow"})
    assert (one.kind, one.promise) == ("ideas", "an idea about cash flow")
    assert one.email.subject == "An idea about cash flow"
    assert "Here is the idea about cash flow I mentioned:\n\nOffer a payment plan\n\n" in (
        one.email.body
    )
    two = email("concern", WAYS, {"concern": "cash flow"})
    assert (two.promise, two.email.subject) == (
        "two ideas about cash flow",
        "Two ideas about cash flow",
    )
    assert "Here are the two ideas about cash flow I mentioned:\n\n1. Text a reminder" in (
        two.email.body
    )


def test_a_lead_is_passed_on_with_how_to_reach_them() -> None:
    lead = (Item("Hannah Cole", "needs two refrigerated trucks"),)
    sent = email("lead_name", lead, {"lead_name": "Hannah Cole", "company": "Lee Dental"})
    assert (sent.kind, sent.promise) == ("lead", "the lead's details")
    assert sent.email.subject == "A lead for Lee Dental: Hannah Cole"
    assert sent.email.body == (
        "Hi Dana,\n\nAs promised, here is the lead: Hannah Cole, who needs two refrigerated "
        "trucks. You can reach them at hannah@cole.example.\n\n"
        f"Glad to pass it on. If you'd like more details, I'm at {NUMBER}.\n\n{SIGNATURE}"
    )
    bare = email("lead_name", (Item("Hannah Cole"),), {"lead_name": "Hannah Cole"})
    assert bare.email.subject == "A lead for you: Hannah Cole"
    assert "here is the lead: Hannah Cole. You can reach them" in bare.email.body
