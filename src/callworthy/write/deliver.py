"""What a message promises, ready to deliver: the ways, the sites, the answer, the lead (P5-P7).

A phrasing promises what its content slot carries: `{tip_topic}` its ways,
`{resource_topic}` its sites, `{question}` the answer, `{reason}` the reasons,
`{concern}` ideas on it (all of them with `{n}`, else one), `{lead_name}` the
lead. The count a message says (`{n}`) is the number of items delivered, never
the reverse (P11: a promise is kept). Each deliverable comes with a follow-up
e-mail in the rep's name, plain text, ready to send.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from callworthy.write.grammar import count_word
from callworthy.write.packs import Concern, Pack, Question, Resources, Tip
from callworthy.write.profile import Prospect, Rep
from callworthy.write.shapes import DeliverableOut

#: The slots that carry something to deliver, in the order one is chosen when several appear.
CONTENT_SLOTS = ("tip_topic", "resource_topic", "question", "reason", "concern", "lead_name")
KIND = {
    "tip_topic": "ways", "resource_topic": "resources", "question": "answer",
    "reason": "reasons", "concern": "ideas", "lead_name": "lead",
}  # fmt: skip
#: Slots whose deliverable can be counted in the message ("{n} ways", "{n} ideas").
COUNTED = frozenset(("tip_topic", "resource_topic", "reason", "concern"))


@dataclass(frozen=True, slots=True)
class Item:
    """One thing delivered: a way, a site (with what it is for), an answer (with its basis)."""

    text: str
    detail: str = ""
    url: str | None = None


@dataclass(frozen=True, slots=True)
class FollowUp:
    """The follow-up e-mail: plain text, in the rep's name, ready to send."""

    subject: str
    body: str


@dataclass(frozen=True, slots=True)
class Deliverable:
    """What the message promised, and the e-mail that delivers it."""

    kind: str
    """ways | resources | answer | reasons | ideas | lead."""
    promise: str
    """What the message promised, in a few words: "three ways to fill last-minute cancellations"."""
    items: tuple[Item, ...]
    email: FollowUp

    def to_dict(self) -> DeliverableOut:
        """Return the JSON shape of the CLI and the API."""
        return {
            "kind": self.kind,
            "promise": self.promise,
            "items": [{"text": i.text, "detail": i.detail, "url": i.url} for i in self.items],
            "email": {"subject": self.email.subject, "body": self.email.body},
        }


def promise_slot(names: frozenset[str]) -> str | None:
    """Return the slot whose content a phrasing with these slots promises, if any."""
    return next((slot for slot in CONTENT_SLOTS if slot in names), None)


def items_for(slot: str, content: Any, pack: Pack | None, *, counted: bool) -> tuple[Item, ...]:
    """Return what a drawn content slot delivers (one idea unless the message counts them).

    A lead's content is the Item (name, what they need) the slot filler made of it.
    """
    if isinstance(content, Tip):
        return tuple(Item(way) for way in content.ways)
    if isinstance(content, Resources):
        return tuple(Item(s.name, s.description, s.url) for s in content.sites)
    if isinstance(content, Question):
        return (Item(content.answer, content.basis),)
    if slot == "reason" and pack is not None:  # the reason said first, then the others
        ordered = sorted(pack.buying_reasons, key=lambda r: r.reason != content.reason)
        return tuple(Item(_sentence(r.reason), r.how) for r in ordered)
    if isinstance(content, Concern):
        return tuple(Item(idea) for idea in content.ideas[: None if counted else 1])
    if isinstance(content, Item):
        return (content,)
    return ()


def _numbered(items: tuple[Item, ...], joiner: str = ": ") -> str:
    lines = []
    for number, item in enumerate(items, 1):
        line = f"{number}. {item.text}" + (f"{joiner}{item.detail}" if item.detail else "")
        lines.append(line + (f"\n   {item.url}" if item.url else ""))
    return "\n".join(lines)


def _signature(rep: Rep, number: str) -> str:
    lines = [rep.name, rep.company or "", number, rep.email or ""]
    return "\n".join(line for line in lines if line)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _ideas(items: tuple[Item, ...], topic: str) -> tuple[str, str, str]:
    if len(items) == 1:
        promise = f"an idea about {topic}"
        body = f"Here is the idea about {topic} I mentioned:\n\n{items[0].text}"
        return promise, _sentence(promise), body
    promise = f"{count_word(len(items))} ideas about {topic}"
    return promise, _sentence(promise), f"Here are the {promise} I mentioned:\n\n{_numbered(items)}"


def _lead(lead: Item, values: Mapping[str, str], contact: str | None) -> tuple[str, str, str]:
    name = lead.text
    who = f"{name}, who {lead.detail}." if lead.detail else f"{name}."
    reach = (
        f"You can reach them at {contact}."
        if contact
        else "Reply to this e-mail and I'll introduce you to each other."
    )
    company = values.get("company")
    subject = f"A lead for {company}: {name}" if company else f"A lead for you: {name}"
    return "the lead's details", subject, f"As promised, here is the lead: {who} {reach}"


def compose(
    slot: str,
    items: tuple[Item, ...],
    values: Mapping[str, str],
    *,
    pack: Pack | None,
    prospect: Prospect,
    rep: Rep,
    number: str,
) -> Deliverable:
    """Return the deliverable of a written phrasing: the promise, its items and the e-mail."""
    n = count_word(len(items))
    topic = values.get(slot, "")
    if slot == "tip_topic":
        promise = f"{n} ways to {topic}"
        subject, opening = _sentence(promise), f"As promised in my voicemail, here are {promise}:"
        body = f"{opening}\n\n{_numbered(items)}"
    elif slot == "resource_topic":
        promise = f"{n} resources to help you {topic}"
        subject = _sentence(promise)
        body = f"Here are the {promise}, as promised:\n\n{_numbered(items, ': ')}"
    elif slot == "question":
        promise = f'the answer to "{topic}"'
        subject = "The answer to my question"
        body = (
            f"My voicemail asked: {topic}\n\nThe answer: {items[0].text}\n\n"
            f"Where it comes from: {items[0].detail}"
        )
    elif slot == "reason":
        customers = pack.customers if pack else "customers"
        business = pack.business if pack else "business"
        promise = f"{n} reasons {customers} choose one {business} over another"
        subject = _sentence(promise)
        body = f"Here are the {promise}, and how to make each one yours:\n\n{_numbered(items)}"
    elif slot == "concern":
        promise, subject, body = _ideas(items, topic)
    else:
        contact = prospect.lead.contact if prospect.lead else None
        promise, subject, body = _lead(items[0], values, contact)
    if slot == "lead_name":
        closing = f"Glad to pass it on. If you'd like more details, I'm at {number}."
    else:
        closing = (
            f"None of it needs anything from me. If you'd like to talk it through, I'm at {number}."
        )
    text = f"Hi {prospect.first_name},\n\n{body}\n\n{closing}\n\n{_signature(rep, number)}"
    return Deliverable(KIND[slot], promise, items, FollowUp(subject, text))
