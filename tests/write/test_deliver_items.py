"""What each drawn content slot delivers (items_for), and a follow-up without a lead's contact
or a rep's company and e-mail: every field of each item, from explicit pack content."""

from __future__ import annotations

from callworthy.write import default_packs, profile_from_mapping
from callworthy.write.deliver import Item, compose, items_for
from callworthy.write.packs import Concern, Question, Reason, Resources, Site, Tip

DENTAL = default_packs()["dental"]


def test_ways_sites_and_an_answer_are_delivered_field_by_field() -> None:
    tip = Tip(topic="fill chairs", ways=["Text a reminder", "Keep a waitlist"])
    assert items_for("tip_topic", tip, None, counted=True) == (
        Item("Text a reminder"), Item("Keep a waitlist"),
    )  # fmt: skip
    sites = Resources(
        topic="keep patients safe",
        sites=[Site(name="ADA site", description="Guides for offices.",
                    url="https://www.ada.org"),
               Site(name="CDC site", description="Infection control.")],
    )  # fmt: skip
    assert items_for("resource_topic", sites, None, counted=True) == (
        Item("ADA site", "Guides for offices.", "https://www.ada.org"),
        Item("CDC site", "Infection control.", None),
    )
    question = Question(
        question="How many patients skip a checkup?", answer="About 1 in 4.", basis="A survey."
    )
    assert items_for("question", question, None, counted=False) == (
        Item("About 1 in 4.", "A survey."),
    )


def test_the_reason_said_comes_first_then_the_packs_others_with_how() -> None:
    said = DENTAL.buying_reasons[1]
    items = items_for("reason", Reason(reason=said.reason, how=said.how), DENTAL, counted=True)
    assert items[0] == Item(said.reason[:1].upper() + said.reason[1:], said.how)
    others = [r for r in DENTAL.buying_reasons if r.reason != said.reason]
    assert items[1:] == tuple(Item(r.reason[:1].upper() + r.reason[1:], r.how) for r in others)


def test_a_concern_gives_every_idea_when_counted_else_the_first() -> None:
    concern = Concern(concern="cash flow", ideas=["Offer a plan", "Bill sooner", "Ask deposits"])
    assert items_for("concern", concern, None, counted=True) == (
        Item("Offer a plan"), Item("Bill sooner"), Item("Ask deposits"),
    )  # fmt: skip
    assert items_for("concern", concern, None, counted=False) == (Item("Offer a plan"),)
    lead = Item("Hannah Cole", "needs a van")
    assert items_for("lead_name", lead, None, counted=False) == (lead,)
    assert items_for("lead_name", "Hannah Cole", None, counted=False) == ()


def test_a_lead_without_a_contact_is_introduced_by_reply_and_a_bare_rep_signs_plainly() -> None:
    profile = profile_from_mapping(
        {"prospect": {"name": "Dana Lee"}, "rep": {"name": "Kim Alvarez", "phone": "704-333-1112"}}
    )
    sent = compose(
        "lead_name", (Item("Hannah Cole"),), {"lead_name": "Hannah Cole"}, pack=None,
        prospect=profile.prospect, rep=profile.rep, number="704-333-1112",
    )  # fmt: skip
    assert sent.email.body == (
        "Hi Dana,\n\nAs promised, here is the lead: Hannah Cole. Reply to this e-mail and I'll "
        "introduce you to each other.\n\nGlad to pass it on. If you'd like more details, I'm at "
        "704-333-1112.\n\nKim Alvarez\n704-333-1112"
    )
