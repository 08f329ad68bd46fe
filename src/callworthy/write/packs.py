"""Industry packs: what keeps them up at night (P9), as YAML data, one file per industry.

A pack holds generic advice stems for one industry — concerns in the owners'
words, tip and resource stems, provocative questions, reasons their customers
buy — and the vocabulary the critique should recognise as "about them". Stems
are generic advice, never claims about a particular prospect, so a pack holds
no digits and no names. Unknown industries fall back to `general`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from callworthy.datafile import Entry, Strict, load_entries, load_entry, package_data
from callworthy.errors import DataFileError

FALLBACK = "general"
DOCS = "docs/writer.md"


def _no_digits(value: str) -> str:
    if re.search(r"\d", value):
        raise ValueError("a pack stem must not contain digits: a number would be a claim")
    return value


Stem = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=3), AfterValidator(_no_digits)
]


def _question(value: str) -> str:
    if not value.endswith("?"):
        raise ValueError("a question must end with '?'")
    return value


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
    concerns: list[Stem] = Field(min_length=3, description="Noun phrases, in their words.")
    tips: list[Stem] = Field(min_length=3, description='Complete "there are three ways to ___".')
    resources: list[Stem] = Field(min_length=2, description='Complete "sites ... to ___".')
    questions: list[Annotated[Stem, AfterValidator(_question)]] = Field(min_length=2)
    buying_reasons: list[Stem] = Field(min_length=3, description="Why their customers buy.")
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
    concerns: tuple[str, ...]
    tips: tuple[str, ...]
    resources: tuple[str, ...]
    questions: tuple[str, ...]
    buying_reasons: tuple[str, ...]
    vocabulary: tuple[str, ...]
    examples: tuple[PackExample, ...]
    path: str


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
