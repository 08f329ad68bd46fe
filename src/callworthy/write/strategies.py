"""The strategy registry's data: one YAML file per strategy, and the greeting scripts.

A strategy file is the one place a strategy's properties live (docs/writer.md):
its principle, plain-words name and description, when it fits (relationships,
humor, a lead, someone you both know), whether it is proposed or only logged,
whether it is the team's default baseline, the critique's detectors that
recognise it in a script, what the articles report of it, and the phrasings
the writer fills (P10: two reps should not sound alike). A tried idea of a team
becomes a strategy of the same shape (`StrategySpec`, validated by the same
model). A greeting script (P13) is the rep's own voicemail greeting, not a
strategy. Everything goes through the shared validating loader
(datafile.load_entry); an unknown slot is an error naming its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, model_validator

from callworthy.datafile import ID_RE, Strict, line_of, load_entries, load_entry, package_data
from callworthy.errors import DataFileError
from callworthy.principles import PrincipleId
from callworthy.write.deliver import COUNTED
from callworthy.write.profile import Relationship
from callworthy.write.slots import REP_SLOTS, SLOTS, template_slots

DOCS = "docs/writer.md"
RULE_ID = re.compile(r"^[a-z0-9_]+\.[a-z0-9][a-z0-9_-]*$")


def _check_returned(returned: int, of: int) -> None:
    """Refuse article evidence that returned more voicemails than were left."""
    if returned > of:
        raise ValueError(f"returned ({returned}) is more than of ({of})")


def _check_rule_id(value: str) -> str:
    """Return a detector's rule id if it reads folder.name."""
    if not RULE_ID.match(value):
        raise ValueError(f"{value!r} is not a rule id (folder.name)")
    return value


def _check_matching(value: str) -> str:
    """Return a detector's `matching` if Python can compile it."""
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a pattern ({exc})") from exc
    return value


def _check_former(value: list[str]) -> list[str]:
    """Return a strategy's former ids if each is snake_case."""
    bad = [v for v in value if not ID_RE.match(v)]
    if bad:
        raise ValueError(f"{bad[0]!r} is not snake_case")
    return value


def _check_phrasings(phrasings: list[str], baseline: bool, proposable: bool) -> None:
    """Refuse one or two phrasings (P10), and a baseline that is never proposed."""
    if 0 < len(phrasings) < 3:
        raise ValueError("phrasings: give none (never written) or at least three (P10)")
    if baseline and not proposable:
        raise ValueError("baseline: a baseline must be proposable")


class Example(Strict):
    """A profile the strategy must write for (`candidate`) or skip with a reason (`skip`)."""

    prospect: dict[str, Any]
    rep: dict[str, Any]
    expect: Literal["candidate", "skip"] = "candidate"
    reason: str = Field(default="", description="For `skip`: words the skip reason contains.")


class ScriptExample(Strict):
    """A script the classifier must recognise as this strategy (CRM notes, point 5 of #13)."""

    script: str = Field(min_length=1)


class ArticleEvidence(Strict):
    """What the articles report of a strategy, as a Beta prior worth `weight` voicemails."""

    returned: int = Field(ge=0)
    of: int = Field(ge=1)
    weight: float = Field(gt=0, le=20, description="How many voicemails the figure is worth.")
    source: str = Field(min_length=1, description="Where the articles say it, in their words.")

    @model_validator(mode="after")
    def _returned_within(self) -> ArticleEvidence:
        _check_returned(self.returned, self.of)
        return self


class Detector(Strict):
    """A critique rule whose detection points to the strategy, maybe only on matching words."""

    rule: Annotated[str, AfterValidator(_check_rule_id)] = Field(
        description="A critique rule id (folder.name)."
    )
    weight: float = Field(gt=0, le=10, description="Evidence it adds, in log-odds.")
    matching: Annotated[str, AfterValidator(_check_matching)] = Field(
        default="", description="A pattern the detected words must match."
    )


class StrategySpec(Strict):
    """The strategy-file format (docs/writer.md); a team's tried idea is stored in it too."""

    name: str = Field(min_length=1, max_length=300)
    principle: PrincipleId
    description: str = Field(min_length=1)
    humor: bool = Field(default=False, description="Humor (P8): only where the prospect is OK.")
    relationships: list[Relationship] = Field(default_factory=lambda: list(Relationship))
    needs_lead: bool = Field(default=False, description="Needs a real lead to give (P7).")
    needs_referral: bool = Field(default=False, description="Needs someone you both know.")
    proposable: bool = Field(default=True, description="False: logged, never proposed.")
    baseline: bool = Field(default=False, description="The team's default baseline.")
    former_ids: Annotated[list[str], AfterValidator(_check_former)] = Field(
        default_factory=list, description="Ids of earlier versions."
    )
    evidence: ArticleEvidence | None = None
    detectors: list[Detector] = Field(
        default_factory=list, description="What recognises it in a script (CRM notes)."
    )
    number_once: bool = Field(default=False, description="Says the number once, on purpose.")
    caution: str = ""
    sample: str = Field(default="", description="A sample script (a tried idea's).")
    phrasings: list[str] = Field(default_factory=list)
    examples: list[Example | ScriptExample] = Field(default_factory=list)

    @model_validator(mode="after")
    def _phrasings(self) -> StrategySpec:
        _check_phrasings(self.phrasings, self.baseline, self.proposable)
        return self


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
    """A loaded message strategy: built in, or a team's tried idea."""

    id: str
    name: str
    principle: str
    description: str
    humor: bool
    relationships: tuple[Relationship, ...]
    needs_lead: bool
    needs_referral: bool
    proposable: bool
    baseline: bool
    former_ids: tuple[str, ...]
    evidence: ArticleEvidence | None
    detectors: tuple[Detector, ...]
    number_once: bool
    caution: str
    sample: str
    phrasings: tuple[str, ...]
    examples: tuple[Example | ScriptExample, ...]
    path: str
    """The file it came from ("" for a team's strategy, which lives in the database)."""

    @property
    def writable(self) -> bool:
        """Return True when the writer can write it (it has phrasings)."""
        return bool(self.phrasings)

    def required_slots(self) -> frozenset[str]:
        """Return the slots every phrasing needs: if one is empty the strategy cannot fit."""
        if not self.phrasings:
            return frozenset()
        return frozenset.intersection(*(template_slots(p) for p in self.phrasings))

    def profile_examples(self) -> tuple[Example, ...]:
        """Return the examples that are profiles (write or skip)."""
        return tuple(e for e in self.examples if isinstance(e, Example))

    def script_examples(self) -> tuple[str, ...]:
        """Return the example scripts the classifier must recognise as this strategy."""
        return tuple(e.script for e in self.examples if isinstance(e, ScriptExample))


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


#: A strategy whose every phrasing needs this slot must say it needs it (and the reverse).
_NEEDS = (("lead_name", "needs_lead"), ("referred_by", "needs_referral"))


def _check_needs(path: Path, node: Any, spec: StrategySpec) -> None:
    if not spec.phrasings:
        return
    required = frozenset.intersection(*(template_slots(p) for p in spec.phrasings))
    for slot, flag in _NEEDS:
        if (slot in required) != getattr(spec, flag):
            said = "true" if slot in required else "false (or leave it out)"
            raise DataFileError(
                str(path),
                line_of(node, [flag] if getattr(spec, flag) else ["phrasings"]),
                f"every phrasing needs {{{slot}}}, so `{flag}` must say so"
                if slot in required
                else f"`{flag}: true`, yet a phrasing does without {{{slot}}}",
                f"Set `{flag}: {said}`.",
                docs=DOCS,
            )


def _strategy(sid: str, spec: StrategySpec, node: Any, path: Path | None) -> Strategy:
    where = path or Path(f"team strategy {sid}")
    _check_slots(where, node, spec.phrasings, SLOTS)
    _check_needs(where, node, spec)
    return Strategy(
        id=sid,
        name=spec.name,
        principle=spec.principle,
        description=" ".join(spec.description.split()),
        humor=spec.humor,
        relationships=tuple(spec.relationships),
        needs_lead=spec.needs_lead,
        needs_referral=spec.needs_referral,
        proposable=spec.proposable,
        baseline=spec.baseline,
        former_ids=tuple(spec.former_ids),
        evidence=spec.evidence,
        detectors=tuple(spec.detectors),
        number_once=spec.number_once,
        caution=" ".join(spec.caution.split()),
        sample=spec.sample,
        phrasings=tuple(spec.phrasings),
        examples=tuple(spec.examples),
        path=str(path) if path else "",
    )


def strategy_from_spec(sid: str, spec: StrategySpec) -> Strategy:
    """Return the strategy a stored spec describes (a team's tried idea)."""
    return _strategy(sid, spec, None, None)


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
