"""What the critique may know about the prospect: name, company, their concerns (P9).

Without a context the critique judges personalisation by the script alone; with
one (the writer and the tracker pass the prospect profile) it checks that the
script names *this* prospect and speaks to *their* concerns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from callworthy.critique.patterns import token_regex


@lru_cache(maxsize=256)
def terms_regex(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """Compile literal terms into one case-insensitive alternation (cached per term set)."""
    cleaned = sorted({t.strip() for t in terms if t and t.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    return re.compile("|".join(token_regex(t) for t in cleaned), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Context:
    """The prospect the script is for; every field is optional."""

    prospect_name: str | None = None
    company: str | None = None
    concerns: tuple[str, ...] = ()
    """Their concerns in their words ("keeping good people", "cash flow")."""
    vocabulary: tuple[str, ...] = ()
    """Words that show the script is about their business (from an industry pack)."""

    def terms(self, field: str) -> tuple[str, ...]:
        """Return the literal terms of one context field."""
        if field == "prospect_name":
            # A first name alone counts: "Hi John" personalises a message to John Smith.
            name = (self.prospect_name or "").strip()
            return tuple(dict.fromkeys([name, name.split()[0]])) if name else ()
        if field == "company":
            return (self.company,) if self.company else ()
        return tuple(getattr(self, field))

    def regex(self, fields: tuple[str, ...]) -> re.Pattern[str] | None:
        """Return one regex matching any term of the given fields, or None if all are empty."""
        return terms_regex(tuple(t for f in fields for t in self.terms(f)))


EMPTY_CONTEXT = Context()
