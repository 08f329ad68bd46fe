"""Who a message is for and who leaves it: the Prospect and Rep profiles, validated.

A profile comes from command-line options or a TOML/YAML file with a
`[prospect]` and a `[rep]` section (docs/writer.md). Everything the writer
says about the prospect comes from here or from a generic industry pack: a
field left empty removes the phrasings that need it, never filled with a guess.
A malformed profile is a ProfileError naming the field (and the line, in YAML).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import phonenumbers
from pydantic import (
    AfterValidator,
    ConfigDict,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    with_config,
)

from callworthy.datafile import read_yaml, validation_error
from callworthy.errors import ProfileError

DOCS = "docs/writer.md"
MAX_PROFILE_BYTES = 64 * 1024
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=160)]


def _valid_phone(value: str) -> str:
    """Return the number in E.164 form; raise ValueError if it is not a dialable number."""
    try:
        parsed = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"{value!r} is not a phone number") from exc
    if not phonenumbers.is_valid_number(parsed):
        raise ValueError(f"{value!r} is not a valid phone number (give the area code)")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


Phone = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_valid_phone)]


class Relationship(StrEnum):
    """How well the rep knows the prospect; some strategies fit only some of these."""

    COLD = "cold"
    MET_BRIEFLY = "met_briefly"
    REFERRED = "referred"


@with_config(ConfigDict(extra="forbid", frozen=True))
@dataclass(frozen=True, slots=True)
class Lead:
    """A real sales lead for the prospect's business (P7): never invented by the writer."""

    name: Name
    detail: Phrase | None = None
    """What the lead needs, in any words: "needs two refrigerated trucks", "two refrigerated
    trucks", "He wants a new roof." (the slot grammar makes it fit the sentence)."""
    contact: Phrase | None = None
    """How to reach the lead (a phone number or an e-mail), for the follow-up e-mail."""


@with_config(ConfigDict(extra="forbid", frozen=True))
@dataclass(frozen=True, slots=True)
class Prospect:
    """The person the voicemail is for, and what the rep truly knows about them."""

    name: Name
    company: Name | None = None
    role: Name | None = None
    industry: Name | None = None
    phone: Phone | None = None
    facts: tuple[Phrase, ...] = ()
    """Things the rep knows about them, in any words: "opened a second location", "They are
    hiring drivers.", "a new warehouse in Reno" (the slot grammar makes each fit "I saw ___")."""
    concerns: tuple[Phrase, ...] = ()
    """What keeps them up at night, in their words (P9): "keeping good hygienists"."""
    humor_ok: bool = False
    """Whether humor strategies (P8) may be used: "pick your shots"."""
    relationship: Relationship = Relationship.COLD
    lead: Lead | None = None
    referred_by: Name | None = None
    """The mutual acquaintance who referred the rep, for the mutual-referral message."""

    @property
    def first_name(self) -> str:
        """Return the first word of the name, as a voicemail greets them."""
        return self.name.split()[0]


@with_config(ConfigDict(extra="forbid", frozen=True))
@dataclass(frozen=True, slots=True)
class Rep:
    """The salesperson leaving the message: the number is required, everything else is kind."""

    name: Name
    phone: Phone
    company: Name | None = None
    email: Name | None = None

    @property
    def first_name(self) -> str:
        """Return the first word of the name."""
        return self.name.split()[0]


@with_config(ConfigDict(extra="forbid", frozen=True))
@dataclass(frozen=True, slots=True)
class Profile:
    """A prospect and the rep who calls them: all the writer needs."""

    prospect: Prospect
    rep: Rep


@with_config(ConfigDict(extra="forbid", frozen=True))
@dataclass(frozen=True, slots=True)
class RepProfile:
    """The rep section alone: all the greeting needs (extra sections are ignored)."""

    rep: Rep


_PROFILE = TypeAdapter(Profile)
_REP = TypeAdapter(RepProfile)


def _drop_empty(data: Mapping[str, Any]) -> dict[str, Any]:
    """Drop None and empty tuples so that unset options leave file values alone."""
    return {k: v for k, v in data.items() if v is not None and v != ()}


def merge(base: Mapping[str, Any], overrides: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Return a profile mapping with each section's set values replaced by `overrides`."""
    merged: dict[str, Any] = {key: value for key, value in base.items()}
    for section, values in overrides.items():
        current = merged.get(section)
        inner = dict(current) if isinstance(current, Mapping) else {}
        inner.update(_drop_empty(values))
        merged[section] = inner
    return merged


def read_profile_data(path: Path) -> tuple[dict[str, Any], Any]:
    """Read a TOML or YAML profile file into a mapping (with its YAML node tree, if any)."""
    if not path.is_file():
        raise ProfileError(str(path), None, "no such profile file.", "Check the path.", docs=DOCS)
    if path.suffix.lower() == ".toml":
        raw = path.read_bytes()
        if len(raw) > MAX_PROFILE_BYTES:
            raise ProfileError(str(path), None, f"the file is {len(raw):,} bytes.", "Trim it.")
        try:
            return tomllib.loads(raw.decode("utf-8-sig")), None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ProfileError(
                str(path), None, f"not valid TOML ({exc}).", "Fix the syntax."
            ) from exc
    data, node = read_yaml(path, ProfileError)
    if not isinstance(data, dict):
        raise ProfileError(
            str(path), 1, "the file must have `prospect:` and `rep:` sections.", docs=DOCS
        )
    return data, node


def profile_from_mapping(
    data: Mapping[str, Any], source: str = "options", node: Any = None
) -> Profile:
    """Validate a profile mapping; raise ProfileError naming the bad field."""
    try:
        return _PROFILE.validate_python(dict(data))
    except ValidationError as exc:
        raise validation_error(Path(source), node, exc, error=ProfileError, docs=DOCS) from exc


def rep_from_mapping(data: Mapping[str, Any], source: str = "options", node: Any = None) -> Rep:
    """Validate the `rep` section of a profile mapping alone (the greeting needs no prospect)."""
    try:
        return _REP.validate_python({"rep": data.get("rep")}).rep
    except ValidationError as exc:
        raise validation_error(Path(source), node, exc, error=ProfileError, docs=DOCS) from exc


def load_profile(path: Path, overrides: Mapping[str, Mapping[str, Any]] | None = None) -> Profile:
    """Load a profile file, with option values (when given) replacing the file's."""
    data, node = read_profile_data(path)
    return profile_from_mapping(merge(data, overrides or {}), str(path), node)
