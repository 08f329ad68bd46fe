"""Message strategies and greeting scripts as YAML data, one file each, with examples inside.

A strategy names its principle (P5-P8), when it fits (relationships, humor)
and several phrasings with named slots (P10: two reps should not sound
alike). A greeting script (P13) is the rep's own voicemail greeting. Both go
through the shared validating loader (datafile.load_model); an unknown slot is
an error naming its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator

from callworthy.datafile import line_of, load_model
from callworthy.errors import DataFileError
from callworthy.principles import check_principle
from callworthy.write.profile import Relationship
from callworthy.write.slots import REP_SLOTS, SLOTS, template_slots

DOCS = "docs/writer.md"
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Example(_Strict):
    """A profile the strategy must write for (`candidate`) or skip with a reason (`skip`)."""

    prospect: dict[str, Any]
    rep: dict[str, Any]
    expect: Literal["candidate", "skip"] = "candidate"
    reason: str = Field(default="", description="For `skip`: words the skip reason contains.")


class StrategySpec(_Strict):
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


class GreetingSpec(_Strict):
    """The greeting-file format: the rep's own voicemail greeting (P13)."""

    name: str = Field(min_length=1)
    principle: str = "P13"
    description: str = Field(min_length=1)
    humor: bool = False
    phrasings: list[str] = Field(min_length=2)
    examples: list[dict[str, Any]] = Field(min_length=1, description="Rep profiles.")


STRATEGY_ADAPTER = TypeAdapter(StrategySpec)
GREETING_ADAPTER = TypeAdapter(GreetingSpec)


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
        if unknown:
            raise DataFileError(
                str(path),
                line_of(node, ["phrasings", index]),
                f"phrasing uses {{{unknown[0]}}}, which is no slot.",
                f"Use one of: {', '.join(sorted(allowed))}.",
                docs=DOCS,
            )


def _file_id(path: Path) -> str:
    if not ID_RE.match(path.stem):
        raise DataFileError(str(path), None, f"the id {path.stem!r} is not valid.", "Use a-z, _.")
    return path.stem


def load_strategy_file(path: Path) -> Strategy:
    """Load and validate one strategy file; its id is the file name."""
    sid = _file_id(path)
    spec, node = load_model(path, STRATEGY_ADAPTER, docs=DOCS)
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
    gid = _file_id(path)
    spec, node = load_model(path, GREETING_ADAPTER, docs=DOCS)
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


def _data_dir(name: str) -> Path:
    return Path(str(files("callworthy"))) / name


def load_strategies(folder: Path | None = None) -> tuple[Strategy, ...]:
    """Load every strategy in a folder (the built-ins by default), sorted by id."""
    root = folder or _data_dir("strategies")
    return tuple(load_strategy_file(p) for p in sorted(root.glob("*.yaml")))


def load_greetings(folder: Path | None = None) -> tuple[GreetingScript, ...]:
    """Load every greeting script in a folder (the built-ins by default), sorted by id."""
    root = folder or _data_dir("greetings")
    return tuple(load_greeting_file(p) for p in sorted(root.glob("*.yaml")))


@lru_cache(maxsize=1)
def default_strategies() -> tuple[Strategy, ...]:
    """Return the built-in strategies, loaded once on first use."""
    return load_strategies()


@lru_cache(maxsize=1)
def default_greetings() -> tuple[GreetingScript, ...]:
    """Return the built-in greeting scripts, loaded once on first use."""
    return load_greetings()
