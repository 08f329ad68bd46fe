"""Message strategies and greeting scripts as YAML data, one file each, with examples inside.

A strategy names its principle (P5-P8), when it fits (relationships, humor)
and several phrasings with named slots (P10: two reps should not sound
alike). A greeting script (P13) is the rep's own voicemail greeting. Both go
through the shared validating loader (datafile.load_model); an unknown slot is
an error naming its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator

from callworthy.datafile import Strict, line_of, load_entries, load_entry, package_data
from callworthy.errors import DataFileError
from callworthy.principles import check_principle
from callworthy.write.deliver import COUNTED
from callworthy.write.profile import Relationship
from callworthy.write.slots import REP_SLOTS, SLOTS, template_slots

DOCS = "docs/writer.md"


class Example(Strict):
    """A profile the strategy must write for (`candidate`) or skip with a reason (`skip`)."""

    prospect: dict[str, Any]
    rep: dict[str, Any]
    expect: Literal["candidate", "skip"] = "candidate"
    reason: str = Field(default="", description="For `skip`: words the skip reason contains.")


class StrategySpec(Strict):
    """The strategy-file format (docs/writer.md)."""

    name: str = Field(min_length=1)
    principle: str
    description: str = Field(min_length=1)
    humor: bool = Field(default=False, description="Humor (P8): only where the prospect is OK.")
    relationships: list[Relationship] = Field(default_factory=lambda: list(Relationship))
    number_once: bool = Field(default=False, description="Says the number once, on purpose.")
    caution: str = ""
    phrasings: list[str] = Field(min_length=3)
    examples: list[Example] = Field(min_length=1)

    @field_validator("principle")
    @classmethod
    def _principle(cls, value: str) -> str:
        return check_principle(value)


class GreetingSpec(Strict):
    """The greeting-file format: the rep's own voicemail greeting (P13)."""

    name: str = Field(min_length=1)
    principle: str = "P13"
    description: str = Field(min_length=1)
    humor: bool = False
    phrasings: list[str] = Field(min_length=2)
    examples: list[dict[str, Any]] = Field(min_length=1, description="Rep profiles.")


@dataclass(frozen=True, slots=True)
class Strategy:
    """A loaded message strategy."""

    id: str
    name: str
    principle: str
    description: str
    humor: bool
    relationships: tuple[Relationship, ...]
    number_once: bool
    caution: str
    phrasings: tuple[str, ...]
    examples: tuple[Example, ...]
    path: str

    def required_slots(self) -> frozenset[str]:
        """Return the slots every phrasing needs: if one is empty the strategy cannot fit."""
        return frozenset.intersection(*(template_slots(p) for p in self.phrasings))


@dataclass(frozen=True, slots=True)
class GreetingScript:
    """A loaded greeting script for the rep's own voicemail (P13)."""

    id: str
    name: str
    principle: str
    description: str
    humor: bool
    phrasings: tuple[str, ...]
    examples: tuple[dict[str, Any], ...]
    path: str


def _check_slots(path: Path, node: Any, phrasings: list[str], allowed: frozenset[str]) -> None:
    for index, phrasing in enumerate(phrasings):
        try:
            unknown = sorted(template_slots(phrasing) - allowed)
        except ValueError as exc:  # an unbalanced brace
            raise DataFileError(
                str(path), line_of(node, ["phrasings", index]), f"bad template ({exc}).",
                "Write {{ }} for literal braces.",
            ) from exc  # fmt: skip
        used = template_slots(phrasing)
        if "n" in used and not used & COUNTED:
            raise DataFileError(
                str(path),
                line_of(node, ["phrasings", index]),
                "{n} counts what the message delivers, and this phrasing delivers no list.",
                "Use {n} with {tip_topic}, {resource_topic}, {reason} or {concern}.",
                docs=DOCS,
            )
        if unknown:
            raise DataFileError(
                str(path),
                line_of(node, ["phrasings", index]),
                f"phrasing uses {{{unknown[0]}}}, which is no slot.",
                f"Use one of: {', '.join(sorted(allowed))}.",
                docs=DOCS,
            )


def load_strategy_file(path: Path) -> Strategy:
    """Load and validate one strategy file; its id is the file name."""
    entry = load_entry(path, StrategySpec, docs=DOCS)
    return _strategy(entry.id, entry.spec, entry.node, path)


def _strategy(sid: str, spec: StrategySpec, node: Any, path: Path) -> Strategy:
    _check_slots(path, node, spec.phrasings, SLOTS)
    return Strategy(
        id=sid,
        name=spec.name,
        principle=spec.principle,
        description=" ".join(spec.description.split()),
        humor=spec.humor,
        relationships=tuple(spec.relationships),
        number_once=spec.number_once,
        caution=" ".join(spec.caution.split()),
        phrasings=tuple(spec.phrasings),
        examples=tuple(spec.examples),
        path=str(path),
    )


def load_greeting_file(path: Path) -> GreetingScript:
    """Load and validate one greeting script; it may use only the rep's slots."""
    entry = load_entry(path, GreetingSpec, docs=DOCS)
    return _greeting(entry.id, entry.spec, entry.node, path)


def _greeting(gid: str, spec: GreetingSpec, node: Any, path: Path) -> GreetingScript:
    _check_slots(path, node, spec.phrasings, REP_SLOTS)
    return GreetingScript(
        id=gid,
        name=spec.name,
        principle=spec.principle,
        description=" ".join(spec.description.split()),
        humor=spec.humor,
        phrasings=tuple(spec.phrasings),
        examples=tuple(spec.examples),
        path=str(path),
    )


def load_strategies(folder: Path | None = None) -> tuple[Strategy, ...]:
    """Load every strategy in a folder (the built-ins by default), sorted by id."""
    entries = load_entries(folder or package_data("strategies"), StrategySpec, docs=DOCS)
    return tuple(_strategy(e.id, e.spec, e.node, e.path) for e in entries)


def load_greetings(folder: Path | None = None) -> tuple[GreetingScript, ...]:
    """Load every greeting script in a folder (the built-ins by default), sorted by id."""
    entries = load_entries(folder or package_data("greetings"), GreetingSpec, docs=DOCS)
    return tuple(_greeting(e.id, e.spec, e.node, e.path) for e in entries)


@lru_cache(maxsize=1)
def default_strategies() -> tuple[Strategy, ...]:
    """Return the built-in strategies, loaded once on first use."""
    return load_strategies()


@lru_cache(maxsize=1)
def default_greetings() -> tuple[GreetingScript, ...]:
    """Return the built-in greeting scripts, loaded once on first use."""
    return load_greetings()
