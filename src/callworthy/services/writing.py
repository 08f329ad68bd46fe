"""Write voicemails: a profile from a form, JSON or options, written with the team's rules.

Candidates are ranked by evidence: the team's results per strategy (`team_evidence`,
the Experiments page's counts), else the articles' figures (write/evidence.py). The
writer stays pure: the evidence is read here and passed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from callworthy.critique import RuleSet
from callworthy.errors import ProfileError
from callworthy.services import experiments as stats_service
from callworthy.services.caller import Caller
from callworthy.services.values import _Dumpable
from callworthy.storage import experiment_queries as eq
from callworthy.storage.engine import read_session
from callworthy.write import (
    Evidence,
    Writeup,
    default_packs,
    profile_from_mapping,
    write_messages,
)
from callworthy.write.profile import DOCS
from callworthy.write.shapes import CandidateOut
from callworthy.write.writer import Skipped


@dataclass(frozen=True, slots=True)
class Written(_Dumpable):
    """A writeup as JSON: each candidate exactly as `callworthy write --format json` prints it."""

    candidates: tuple[CandidateOut, ...]
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


def team_evidence(
    engine: Engine, caller: Caller, *, now: datetime, window_days: float = 14.0
) -> Evidence:
    """Return the team's results per strategy: (callbacks, matured voicemails) in the window."""
    settings = stats_service.settings_for(window_days)
    with read_session(engine) as session:
        cells = eq.strategy_counts(session, caller.team_id, now, settings.window)
    return Evidence({c.strategy: (c.callbacks, c.matured) for c in cells})


def write_for(
    data: Mapping[str, Any],
    rules: RuleSet,
    *,
    seed: int = 0,
    source: str = "the form",
    evidence: Evidence | None = None,
) -> Writeup:
    """Validate a {prospect, rep} mapping and write the candidates, ranked by the evidence."""
    if not isinstance(data.get("prospect"), Mapping) or not isinstance(data.get("rep"), Mapping):
        raise ProfileError(source, None, "both `prospect` and `rep` must be objects.", docs=DOCS)
    profile = profile_from_mapping(data, source)
    return write_messages(profile.prospect, profile.rep, seed=seed, rules=rules, evidence=evidence)


#: What each profile field is called on a form, for messages in the rep's words.
FIELD_LABELS = {
    "prospect.name": "Their name",
    "prospect.company": "Their company",
    "prospect.role": "Their role",
    "prospect.industry": "Their industry",
    "prospect.facts": "What you know about them",
    "prospect.concerns": "Their concerns",
    "prospect.relationship": "How you know them",
    "prospect.referred_by": "Who referred you",
    "prospect.lead.name": "The lead's name",
    "prospect.lead.detail": "What the lead needs",
    "prospect.lead.contact": "How to reach the lead",
    "rep.name": "Your name",
    "rep.company": "Your company",
    "rep.phone": "Your phone number",
    "rep.email": "Your e-mail",
}


def plain_problem(error: ProfileError) -> str:
    """Return a profile error in a rep's words: "Their name is needed.", not a field path."""
    where, _, what = error.detail.partition(": ")
    label = FIELD_LABELS.get(where) or where.rsplit(".", 1)[-1].replace("_", " ").capitalize()
    what = what.removeprefix("Value error, ").rstrip(".")
    if what.startswith("Field required"):
        return f"{label} is needed{what.removeprefix('Field required')}."
    return f"{label}: {what[:1].lower()}{what[1:]}."


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
