"""Fill a phrasing's named slots from the profile and the industry pack, never with a guess.

Fixed slots ({first_name}, {lead_name}, ...) come from the profile and are
empty when the profile lacks them: a phrasing that needs an empty slot is
skipped. What the rep typed is made to fit its sentence by the slot grammar
(a lead's detail after "who", a fact after "I saw"). Pool slots ({tip_topic},
{concern}, ...) draw from shuffled content so that two strategies for one
profile do not reuse it (P10), and the seeded `random.Random` makes the draw
repeatable. `{n}` is the count of what the phrasing delivers, taken from the
content drawn (deliver.py), never invented.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import phonenumbers

from callworthy.text.numbers import speak_phone
from callworthy.write.deliver import Item, items_for, promise_slot
from callworthy.write.grammar import count_word, fact_clause, fix_articles, lead_clause
from callworthy.write.packs import Pack, match_concern
from callworthy.write.profile import Prospect, Rep

#: Slots filled from the profile: None where the profile does not say.
FIXED_SLOTS = (
    "first_name", "company", "role", "lead_name", "lead_detail", "referred_by",
    "rep_first_name", "rep_name", "rep_company",
)  # fmt: skip
#: Slots drawn from a pool (the prospect's own words first, then the pack's content).
POOL_SLOTS = (
    "concern", "their_concern", "fact", "tip_topic", "resource_topic", "question", "reason",
    "greet",
)  # fmt: skip
#: Slots from the pack that do not vary, the count of what is delivered, and the number.
OTHER_SLOTS = ("customers", "business", "n", "number")
SLOTS = frozenset(FIXED_SLOTS + POOL_SLOTS + OTHER_SLOTS)
REP_SLOTS = frozenset(("rep_first_name", "rep_name", "rep_company", "number", "greet"))

#: Why a strategy is skipped when every phrasing needs a slot the profile leaves empty.
MISSING_REASON = {
    "lead_name": "no lead in the profile (P7: a lead is never invented)",
    "lead_detail": "the lead has no detail of what they are looking for",
    "referred_by": "no mutual acquaintance in the profile (referred_by)",
    "fact": "no known fact in the profile",
    "company": "no company in the profile",
    "role": "no role in the profile",
    "rep_company": "the rep has no company",
}

GREETINGS = ("Hi", "Hello")


@dataclass(frozen=True, slots=True)
class Drawn:
    """A pool slot's value: the words the message says, and the content behind them."""

    text: str
    content: Any = None


@dataclass(frozen=True, slots=True)
class Fill:
    """A phrasing's slot values, and what it promises: the content slot and its items."""

    values: dict[str, str]
    slot: str | None = None
    content: Any = None
    items: tuple[Item, ...] = field(default=())


@lru_cache(maxsize=64)
def template_slots(template: str) -> frozenset[str]:
    """Return the slot names a phrasing uses."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def written_number(e164: str) -> tuple[str, str, str]:
    """Return a phone number as written (grouped), as spoken, and its region code."""
    parsed = phonenumbers.parse(e164)
    region = phonenumbers.region_code_for_number(parsed) or "US"
    national = phonenumbers.national_significant_number(parsed)
    if parsed.country_code == 1 and len(national) == 10:
        written = f"{national[:3]}-{national[3:6]}-{national[6:]}"
    else:
        written = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        national = re.sub(r"\D", "", written)
    return written, speak_phone(national), region


Pool = tuple[tuple[Drawn, ...], ...]
"""A pool slot's content in groups: a group is drawn from only once the ones before it are."""


def _concern_pools(
    own: tuple[str, ...], pack: Pack | None, fallback: Pack | None
) -> tuple[Pool, Pool, tuple[str, ...]]:
    """Return the concerns to promise ideas on, the concerns to name, and the unmatched.

    Each pool has their own words first (P9), then the pack's other concerns.
    """
    searched = [p for p in (pack, fallback) if p is not None]
    matched: list[Drawn] = []
    unmatched: list[str] = []
    for words in own:
        concern = match_concern(words, searched)
        (matched.append(Drawn(words, concern)) if concern else unmatched.append(words))
    used = {id(d.content) for d in matched}
    rest = tuple(Drawn(c.concern, c) for c in (pack.concerns if pack else ()) if id(c) not in used)
    named = tuple(Drawn(w) for w in own)
    return (tuple(matched), rest), (named, rest), tuple(unmatched)


class SlotFiller:
    """The values one profile offers, with seeded pools of content drawn without repeats."""

    def __init__(
        self,
        prospect: Prospect | None,
        rep: Rep,
        pack: Pack | None,
        rng: random.Random,
        fallback: Pack | None = None,
    ):
        self.rng = rng
        self.pack = pack
        self.lead = prospect.lead if prospect else None
        lead = self.lead
        lead_names = (lead.name, lead.name.split()[0]) if lead else ()
        company = prospect.company if prospect else None
        self.fixed: dict[str, str | None] = {
            "first_name": prospect.first_name if prospect else None,
            "company": company,
            "role": prospect.role if prospect else None,
            "lead_name": lead.name if lead else None,
            "lead_detail": lead_clause(lead.detail, lead_names) or None
            if lead and lead.detail
            else None,
            "referred_by": prospect.referred_by if prospect else None,
            "rep_first_name": rep.first_name,
            "rep_name": rep.name,
            "rep_company": rep.company,
            "customers": pack.customers if pack else None,
            "business": pack.business if pack else None,
        }
        self.written, self.spoken, self.region = written_number(rep.phone)
        own = prospect.concerns if prospect else ()
        promised, named, self.unmatched = _concern_pools(own, pack, fallback)
        names = tuple(filter(None, (company, prospect.name if prospect else None)))
        facts = prospect.facts if prospect else ()
        self._sources: dict[str, Pool] = {
            # Their own words first (P9), then the pack's content.
            "concern": promised,
            "their_concern": named,
            "fact": (tuple(Drawn(fact_clause(f, names)) for f in facts),),
            "tip_topic": (tuple(Drawn(t.topic, t) for t in (pack.tips if pack else ())),),
            "resource_topic": (tuple(Drawn(r.topic, r) for r in (pack.resources if pack else ())),),
            "question": (tuple(Drawn(q.question, q) for q in (pack.questions if pack else ())),),
            "reason": (tuple(Drawn(r.reason, r) for r in (pack.buying_reasons if pack else ())),),
            "greet": (tuple(Drawn(g) for g in GREETINGS),),
        }
        self._queues: dict[str, list[Drawn]] = {}

    def has_facts(self) -> bool:
        """Return True when the profile gives a fact the phrasings can use."""
        return any(self._sources["fact"])

    def missing(self, names: Iterable[str]) -> list[str]:
        """Return the slots among `names` that this profile cannot fill."""
        out = []
        for name in names:
            if name in self._sources:
                if not any(self._sources[name]):
                    out.append(name)
            elif name not in ("number", "n") and not self.fixed.get(name):
                out.append(name)
        return out

    def _draw(self, name: str) -> Drawn:
        queue = self._queues.get(name)
        if not queue:
            queue = []
            for group in self._sources[name]:
                items = list(group)
                self.rng.shuffle(items)
                queue += items  # each group shuffled, earlier groups still drawn first
            queue.reverse()
            self._queues[name] = queue
        return queue.pop()

    def fill(self, names: Iterable[str]) -> Fill:
        """Draw a value for every slot in `names` (call `missing` first), and what they promise."""
        wanted = frozenset(names)
        values: dict[str, str] = {}
        drawn: dict[str, Drawn] = {}
        for name in sorted(wanted - {"n", "number"}):
            if name in self._sources:
                drawn[name] = self._draw(name)
                values[name] = drawn[name].text
            else:
                values[name] = self.fixed[name] or ""
        slot = promise_slot(wanted)
        if slot is None:
            return Fill(values)
        content = drawn[slot].content if slot in drawn else None
        if slot == "lead_name" and self.lead is not None:
            content = Item(self.lead.name, self.fixed["lead_detail"] or "")
        items = items_for(slot, content, self.pack, counted="n" in wanted)
        if "n" in wanted:
            values["n"] = count_word(len(items))
        return Fill(values, slot, content, items)


def render(template: str, values: Mapping[str, str], number: str) -> str:
    """Fill a phrasing with drawn values and the phone number as given."""
    text = template.format_map({**values, "number": number})
    # A slot value may open a sentence ("{question}"): capitalise each sentence's first letter.
    text = re.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
    return fix_articles(text)
