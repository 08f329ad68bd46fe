"""Industry packs: what keeps them up at night (P9), as YAML data, one file per industry.

A pack holds, for one industry, what a rep needs to earn the call (P11) and to
keep every promise a message makes: concerns in the owners' words with ideas
on each, tips with their ways, resource lists naming real public resources,
provocative questions with the answer the rep will give and its basis, and
the reasons their customers buy with how to act on each. The words a message
says (a concern, a tip's topic, a question) are generic, never claims about a
particular prospect, so they hold no digits and no names; the content behind
them may. Unknown industries fall back to `general`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from callworthy.datafile import Entry, Strict, load_entries, load_entry, package_data
from callworthy.errors import DataFileError

FALLBACK = "general"
DOCS = "docs/writer.md"
#: A resource's address: https only, a host and an optional path (never a tracking query).
URL_RE = r"^https://[a-z0-9.-]+\.[a-z]{2,}(/[A-Za-z0-9._~/-]*)?$"


def _no_digits(value: str) -> str:
    if re.search(r"\d", value):
        raise ValueError("words a message says must not contain digits: a number would be a claim")
    return value


def _question(value: str) -> str:
    if not value.endswith("?"):
        raise ValueError("a question must end with '?'")
    return value


#: Words a message says (a concern, a topic, a question): generic, so no digits.
Stem = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=3), AfterValidator(_no_digits)
]
#: What the rep delivers (a way, an idea, an answer): short, and it may hold numbers.
Content = Annotated[str, StringConstraints(strip_whitespace=True, min_length=8, max_length=320)]


class Concern(Strict):
    """What keeps them up at night, in their words, with ideas the rep can give on it (P9)."""

    concern: Stem = Field(description='A noun phrase: "keeping good hygienists".')
    keywords: list[str] = Field(
        default_factory=list, description="Words in a rep's own phrasing that mean this concern."
    )
    ideas: list[Content] = Field(min_length=2, max_length=5)


class Tip(Strict):
    """A counted tip (P5): its topic completes "ways to ___"; its ways are what is sent."""

    topic: Stem
    ways: list[Content] = Field(min_length=2, max_length=6)


class Site(Strict):
    """A real, public, long-lived resource: its name, what it is for, an address if stable."""

    name: str = Field(min_length=2, max_length=120)
    description: Content
    url: Annotated[str, StringConstraints(pattern=URL_RE)] | None = None


class Resources(Strict):
    """A resource list (P5): its topic completes "sites ... to ___"; its sites are sent."""

    topic: Stem
    sites: list[Site] = Field(min_length=2, max_length=5)


class Question(Strict):
    """A question that provokes a response (P6), with the answer the rep gives and its basis."""

    question: Annotated[Stem, AfterValidator(_question)]
    answer: Content
    basis: Content = Field(description="Where the answer comes from: a rule, a source, arithmetic.")


class Reason(Strict):
    """Why their customers buy (P6), and how the business can make that reason its own."""

    reason: Stem
    how: Content


class PackExample(Strict):
    """An industry as a rep types it, for which this pack must be chosen (meta-tested)."""

    industry: str = Field(min_length=1, description="As a rep would type it.")


class PackSpec(Strict):
    """The pack-file format (docs/writer.md)."""

    name: str = Field(min_length=1)
    principle: str = "P9"
    aliases: list[str] = Field(default_factory=list)
    customers: Stem = Field(description='Their customers, plural: "patients", "diners".')
    business: Stem = Field(description='Their kind of business: "practice", "restaurant".')
    concerns: list[Concern] = Field(min_length=3)
    tips: list[Tip] = Field(min_length=3)
    resources: list[Resources] = Field(min_length=2)
    questions: list[Question] = Field(min_length=2)
    buying_reasons: list[Reason] = Field(min_length=3)
    vocabulary: list[Stem] = Field(min_length=5)
    examples: list[PackExample] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class Pack:
    """A loaded industry pack."""

    id: str
    name: str
    aliases: tuple[str, ...]
    customers: str
    business: str
    concerns: tuple[Concern, ...]
    tips: tuple[Tip, ...]
    resources: tuple[Resources, ...]
    questions: tuple[Question, ...]
    buying_reasons: tuple[Reason, ...]
    vocabulary: tuple[str, ...]
    examples: tuple[PackExample, ...]
    path: str

    @property
    def concern_names(self) -> tuple[str, ...]:
        """Return the concerns as a message says them (what the critique recognises)."""
        return tuple(c.concern for c in self.concerns)


def builtin_packs_dir() -> Path:
    """Return the folder of the built-in industry packs (package data)."""
    return package_data("packs")


def _pack(entry: Entry[PackSpec]) -> Pack:
    spec = entry.spec
    return Pack(
        id=entry.id,
        name=spec.name,
        aliases=tuple(a.lower() for a in spec.aliases),
        customers=spec.customers,
        business=spec.business,
        concerns=tuple(spec.concerns),
        tips=tuple(spec.tips),
        resources=tuple(spec.resources),
        questions=tuple(spec.questions),
        buying_reasons=tuple(spec.buying_reasons),
        vocabulary=tuple(spec.vocabulary),
        examples=tuple(spec.examples),
        path=str(entry.path),
    )


def load_pack_file(path: Path) -> Pack:
    """Load and validate one pack file; its id is the file name."""
    return _pack(load_entry(path, PackSpec, docs=DOCS))


def load_packs(folder: Path | None = None) -> dict[str, Pack]:
    """Load every pack in a folder (the built-ins by default), keyed by id."""
    root = folder or builtin_packs_dir()
    packs = {e.id: _pack(e) for e in load_entries(root, PackSpec, docs=DOCS)}
    if FALLBACK not in packs:
        raise DataFileError(str(root), None, "has no general.yaml pack.", "Add the fallback.")
    return packs


@lru_cache(maxsize=1)
def default_packs() -> dict[str, Pack]:
    """Return the built-in packs, loaded once on first use."""
    return load_packs()


#: Words that say nothing about which concern is meant ("keeping good people" -> "people").
_GENERIC = frozenset(
    """
    a an the of for to in on at and or with our their your my his her its good better more less
    new keeping keep getting get finding find having making managing dealing after before too
    many much during tough year years all some that this these those not no is are
    """.split()
)


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-z]+", text.lower().replace("’", "'").replace("'s", ""))
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
            for w in words if w not in _GENERIC}  # fmt: skip


def match_concern(words: str, packs: Sequence[Pack]) -> Concern | None:
    """Return the concern of the first pack that a rep's words name (most words shared), if any."""
    mine = _stems(words)
    for pack in packs:
        shared = [
            (len(mine & _stems(" ".join([c.concern, *c.keywords]))), c) for c in pack.concerns
        ]
        count, best = max(shared, key=lambda pair: pair[0], default=(0, None))
        if count:
            return best
    return None


def _key(industry: str) -> str:
    return re.sub(r"[\s\-/&]+", "_", industry.strip().lower()).strip("_")


def find_pack(industry: str | None, packs: dict[str, Pack]) -> tuple[Pack, str | None]:
    """Return the pack for an industry (by id or alias) and a note when it fell back to general."""
    if not industry:
        return packs[FALLBACK], None
    key = _key(industry)
    if key in packs:
        return packs[key], None
    for pack in packs.values():
        if key in {_key(a) for a in pack.aliases}:
            return pack, None
    known = ", ".join(sorted(packs))
    return packs[FALLBACK], f"no pack for industry {industry!r}: using general (packs: {known})."
