"""Fill a phrasing's named slots from the profile and the industry pack, never with a guess.

Fixed slots ({first_name}, {lead_name}, ...) come from the profile and are
empty when the profile lacks them: a phrasing that needs an empty slot is
skipped. Pool slots ({tip_topic}, {concern}, ...) draw from shuffled stems so
that two strategies for one profile do not reuse a stem (P10), and the seeded
`random.Random` makes the draw repeatable.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Iterable, Mapping
from functools import lru_cache

import phonenumbers

from callworthy.text.numbers import speak_phone
from callworthy.write.packs import Pack
from callworthy.write.profile import Prospect, Rep

#: Slots filled from the profile: None where the profile does not say.
FIXED_SLOTS = (
    "first_name", "company", "role", "lead_name", "lead_detail", "referred_by",
    "rep_first_name", "rep_name", "rep_company",
)  # fmt: skip
#: Slots drawn from a pool of stems (the prospect's own words first, then the pack's).
POOL_SLOTS = (
    "concern", "fact", "tip_topic", "resource_topic", "question", "reason", "n", "greet",
)  # fmt: skip
#: Slots from the pack that do not vary, and the phone number (written or spoken).
OTHER_SLOTS = ("customers", "business", "number")
SLOTS = frozenset(FIXED_SLOTS + POOL_SLOTS + OTHER_SLOTS)
REP_SLOTS = frozenset(("rep_first_name", "rep_name", "rep_company", "number", "greet", "n"))

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

COUNT_WORDS = ("three", "four", "five")
GREETINGS = ("Hi", "Hello")


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


class SlotFiller:
    """The values one profile offers, with seeded pools of stems drawn without repeats."""

    def __init__(self, prospect: Prospect | None, rep: Rep, pack: Pack | None, rng: random.Random):
        self.rng = rng
        lead = prospect.lead if prospect else None
        self.fixed: dict[str, str | None] = {
            "first_name": prospect.first_name if prospect else None,
            "company": prospect.company if prospect else None,
            "role": prospect.role if prospect else None,
            "lead_name": lead.name if lead else None,
            "lead_detail": lead.detail if lead else None,
            "referred_by": prospect.referred_by if prospect else None,
            "rep_first_name": rep.first_name,
            "rep_name": rep.name,
            "rep_company": rep.company,
            "customers": pack.customers if pack else None,
            "business": pack.business if pack else None,
        }
        self.written, self.spoken, self.region = written_number(rep.phone)
        own = prospect.concerns if prospect else ()
        self._sources: dict[str, tuple[tuple[str, ...], ...]] = {
            # Their own words first (P9), then the pack's generic stems.
            "concern": (own, pack.concerns if pack else ()),
            "fact": (prospect.facts if prospect else (),),
            "tip_topic": (pack.tips if pack else (),),
            "resource_topic": (pack.resources if pack else (),),
            "question": (pack.questions if pack else (),),
            "reason": (pack.buying_reasons if pack else (),),
            "n": (COUNT_WORDS,),
            "greet": (GREETINGS,),
        }
        self._queues: dict[str, list[str]] = {}

    def missing(self, names: Iterable[str]) -> list[str]:
        """Return the slots among `names` that this profile cannot fill."""
        out = []
        for name in names:
            if name in self._sources:
                if not any(self._sources[name]):
                    out.append(name)
            elif name != "number" and not self.fixed.get(name):
                out.append(name)
        return out

    def _draw(self, name: str) -> str:
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

    def values(self, names: Iterable[str]) -> dict[str, str]:
        """Draw a value for every slot in `names` (call `missing` first)."""
        out: dict[str, str] = {}
        for name in sorted(names):
            if name in self._sources:
                out[name] = self._draw(name)
            elif name != "number":
                out[name] = self.fixed[name] or ""
        return out


def render(template: str, values: Mapping[str, str], number: str) -> str:
    """Fill a phrasing with drawn values and the phone number as given."""
    text = template.format_map({**values, "number": number})
    # A slot value may open a sentence ("{question}"): capitalise each sentence's first letter.
    return re.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
