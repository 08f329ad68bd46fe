"""Write voicemails for the web: a profile from a form or JSON, written with the team's rules.

The CLI builds the same Profile from options; both call `write_messages`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from callworthy.critique import RuleSet
from callworthy.errors import ProfileError
from callworthy.services.values import _Dumpable
from callworthy.write import Writeup, default_packs, profile_from_mapping, write_messages
from callworthy.write.profile import DOCS
from callworthy.write.writer import Skipped


@dataclass(frozen=True, slots=True)
class Written(_Dumpable):
    """A writeup as JSON: each candidate exactly as `callworthy write --format json` prints it."""

    candidates: tuple[dict[str, Any], ...]
    skipped: tuple[Skipped, ...]
    pack: str
    notes: tuple[str, ...]
    seed: int


def written(writeup: Writeup) -> Written:
    """Return a writeup in its JSON shape (the CLI's and the API's)."""
    candidates = tuple(c.to_dict() for c in writeup.candidates)
    return Written(candidates, writeup.skipped, writeup.pack, writeup.notes, writeup.seed)


def industries() -> list[tuple[str, str]]:
    """Return the industry packs as (id, name), by name."""
    return sorted(((p.id, p.name) for p in default_packs().values()), key=lambda p: p[1])


def write_for(
    data: Mapping[str, Any], rules: RuleSet, *, seed: int = 0, source: str = "the form"
) -> Writeup:
    """Validate a {prospect, rep} mapping and write the candidates with these rules."""
    if not isinstance(data.get("prospect"), Mapping) or not isinstance(data.get("rep"), Mapping):
        raise ProfileError(source, None, "both `prospect` and `rep` must be objects.", docs=DOCS)
    profile = profile_from_mapping(data, source)
    return write_messages(profile.prospect, profile.rep, seed=seed, rules=rules)


def field_of(error: ProfileError) -> str | None:
    """Return the form field a profile error is about (lead.name -> lead_name, rep.x -> rep_x)."""
    parts = (error.field or "").split(".")
    if len(parts) < 2 or parts[0] not in ("prospect", "rep"):
        return None
    section, name, sub = parts[0], parts[1], parts[2] if len(parts) > 2 else None
    if section == "rep":
        return f"rep_{name}"
    if name == "lead":
        return f"lead_{sub if sub in ('name', 'detail', 'contact') else 'name'}"
    return name
