"""Write candidate voicemails for a profile: every fitting strategy, critiqued and ranked.

Each candidate clears the bar (BAR below) or is not offered: a phrasing that
fails tries the next one, and a strategy with none left is skipped with its
reason, as is a strategy that does not fit the profile (the registry's
`fit_problem`: humor off, no lead, a relationship it is not for). Nothing is
guessed: a phrasing whose slots the profile and pack cannot fill is passed over
(P7, P11). The seed picks the phrasings and stems, so a seed repeats and two
seeds differ (P10).

Candidates are ranked by evidence (write/evidence.py): the expected callback rate
from the team's results, else the articles' figure; the critique score breaks a
tie, then plain before humor (P8: pick your shots), then the shorter.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from callworthy.critique import Context, Critique, RuleSet, critique, default_rules
from callworthy.write.deliver import Deliverable, compose
from callworthy.write.evidence import Evidence, Expectation, expect
from callworthy.write.packs import FALLBACK, Pack, default_packs, find_pack
from callworthy.write.profile import Prospect, Rep
from callworthy.write.registry import Fit, default_registry, fit_problem
from callworthy.write.shapes import CandidateOut
from callworthy.write.slots import MISSING_REASON, Fill, SlotFiller, render, template_slots
from callworthy.write.strategies import Strategy

#: The critique rule of the savings pitch (P2), which no candidate may carry.
MONEY_SAVING_RULE = "value.money-saving"


@dataclass(frozen=True, slots=True)
class Bar:
    """What every candidate must meet (issue #3)."""

    min_score: int = 80
    min_seconds: float = 12.0
    max_seconds: float = 30.0
    max_first_number: float = 0.5
    """The number comes in the first half (P8: "get your phone number on the first half")."""
    max_similarity: float = 0.8
    """Two candidates for one profile must not be near-duplicates (P10)."""


BAR = Bar()
_WORD_RE = re.compile(r"[\w'’-]+")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One message ready to leave: the text with digits, and as it should be said."""

    strategy: str
    name: str
    principle: str
    text: str
    spoken: str
    score: int
    spoken_seconds: float
    humor: bool
    phrasing: int
    caution: str
    critique: Critique = field(repr=False)
    expected_rate: float = 0.5
    """The expected callback rate the ranking sorts on (write/evidence.py)."""
    evidence: str = "no results yet"
    """The evidence behind it, in words: "your team: 9 of 31 returned"."""
    deliverable: Deliverable | None = None
    """What the message promised (the ways, the sites, the answer ...) and its follow-up e-mail;
    None only where it promises nothing the writer can know (the competitor tease)."""

    def to_dict(self) -> CandidateOut:
        """Return the JSON shape of the CLI and the API."""
        return {
            "strategy": self.strategy,
            "name": self.name,
            "principle": self.principle,
            "text": self.text,
            "spoken": self.spoken,
            "score": self.score,
            "spoken_seconds": self.spoken_seconds,
            "humor": self.humor,
            "phrasing": self.phrasing,
            "caution": self.caution,
            "expected_rate": self.expected_rate,
            "evidence": self.evidence,
            "subscores": self.critique.subscores,
            "findings": [
                {"rule": f.rule, "level": f.level.value, "points": f.points, "message": f.message}
                for f in self.critique.findings
            ],
            "deliverable": self.deliverable.to_dict() if self.deliverable else None,
        }


@dataclass(frozen=True, slots=True)
class Skipped:
    """A strategy that wrote nothing for this profile, and why."""

    strategy: str
    reason: str

    def __str__(self) -> str:
        return f"{self.strategy}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Writeup:
    """All candidates for one profile, best first, with what was skipped and any notes."""

    candidates: tuple[Candidate, ...]
    skipped: tuple[Skipped, ...]
    pack: str
    notes: tuple[str, ...]
    seed: int


def bar_problem(result: Critique, strategy: Strategy, bar: Bar = BAR) -> str | None:
    """Return why a critiqued phrasing fails the bar, or None if it clears it."""
    if result.score < bar.min_score:
        return f"scored {result.score} (< {bar.min_score})"
    if not bar.min_seconds <= result.spoken_seconds <= bar.max_seconds:
        return f"lasts {result.spoken_seconds} s (outside {bar.min_seconds:g}-{bar.max_seconds:g})"
    phones = result.phone_numbers
    if not phones or phones[0].position > bar.max_first_number:
        return "the number is not in the first half"
    if not strategy.number_once and len(phones) < 2:
        return "the number is said only once"
    if any(f.rule == MONEY_SAVING_RULE for f in result.findings):
        return "it pitches saving money (P2)"
    return None


def unwritable(strategy: Strategy, prospect: Prospect, filler: SlotFiller) -> str | None:
    """Return why a strategy cannot be written for this profile (its fit, then its slots)."""
    if not strategy.writable:
        return "logged only: the writer never writes it"
    unfit = fit_problem(strategy, Fit.of(prospect))
    if unfit:
        return unfit
    missing = filler.missing(sorted(strategy.required_slots()))
    if missing:
        return MISSING_REASON.get(missing[0], f"nothing in the profile for {{{missing[0]}}}")
    return None


def context_for(prospect: Prospect, pack: Pack) -> Context:
    """Return the critique context: their name and company, their and the pack's concerns."""
    return Context(
        prospect_name=prospect.name,
        company=prospect.company,
        concerns=prospect.concerns + pack.concern_names,
        vocabulary=pack.vocabulary,
    )


def words(text: str) -> list[str]:
    """Return a script's lower-cased words, the unit near-duplicates are measured in."""
    return _WORD_RE.findall(text.lower())


def similarity(a: str, b: str) -> float:
    """Return difflib's ratio between two scripts, word by word (0: nothing shared, 1: same)."""
    return SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


def _near_duplicate(text: str, accepted: list[Candidate], limit: float) -> bool:
    mine = words(text)
    for other in accepted:
        matcher = SequenceMatcher(None, mine, words(other.text), autojunk=False)
        if matcher.real_quick_ratio() >= limit and matcher.ratio() >= limit:
            return True
    return False


@dataclass(slots=True)
class _Run:
    """The state of one writing run: the profile's slots, context, rules and what was accepted."""

    prospect: Prospect
    rep: Rep
    filler: SlotFiller
    context: Context
    rules: RuleSet
    bar: Bar
    evidence: Evidence
    accepted: list[Candidate] = field(default_factory=list)

    def attempt(self, strategy: Strategy, index: int) -> Candidate | str:
        """Write one phrasing of a strategy: a candidate, or why it fell short."""
        template = strategy.phrasings[index]
        names = template_slots(template)
        missing = self.filler.missing(names)
        if missing:
            return MISSING_REASON.get(missing[0], f"no value for {{{missing[0]}}}")
        fill = self.filler.fill(names)
        values = fill.values
        text = render(template, values, self.filler.written)
        result = critique(text, rules=self.rules, region=self.filler.region, context=self.context)
        problem = bar_problem(result, strategy, self.bar)
        if problem:
            return problem
        if _near_duplicate(text, self.accepted, self.bar.max_similarity):
            return "too close to another candidate (P10)"
        expected: Expectation = expect(strategy, self.evidence)
        return Candidate(
            strategy=strategy.id,
            name=strategy.name,
            principle=strategy.principle,
            text=text,
            spoken=render(template, values, self.filler.spoken),
            score=result.score,
            spoken_seconds=result.spoken_seconds,
            humor=strategy.humor,
            phrasing=index,
            caution=strategy.caution,
            critique=result,
            expected_rate=expected.rate,
            evidence=expected.words,
            deliverable=self._deliverable(fill),
        )

    def _deliverable(self, fill: Fill) -> Deliverable | None:
        if fill.slot is None or not fill.items:
            return None
        return compose(
            fill.slot, fill.items, fill.values, pack=self.filler.pack, prospect=self.prospect,
            rep=self.rep, number=self.filler.written,
        )  # fmt: skip

    def write(self, strategy: Strategy) -> Candidate | Skipped:
        """Try the strategy's phrasings in a seeded order; return the first that clears the bar."""
        unfit = unwritable(strategy, self.prospect, self.filler)
        if unfit:
            return Skipped(strategy.id, unfit)
        order = list(range(len(strategy.phrasings)))
        self.filler.rng.shuffle(order)
        if self.filler.has_facts():  # what the rep knows about them comes first (P11)
            order.sort(key=lambda i: "fact" not in template_slots(strategy.phrasings[i]))
        problems: list[str] = []
        for index in order:
            outcome = self.attempt(strategy, index)
            if isinstance(outcome, Candidate):
                self.accepted.append(outcome)
                return outcome
            problems.append(outcome)
        worst = max(set(problems), key=problems.count)
        return Skipped(strategy.id, f"no phrasing cleared the bar (most often: {worst})")


def rank_key(c: Candidate) -> tuple[float, int, bool, float, str]:
    """Return a candidate's place: expected rate, then score, plain before humor (P8), shorter."""
    return (-round(c.expected_rate, 9), -c.score, c.humor, c.spoken_seconds, c.strategy)


def write_messages(
    prospect: Prospect,
    rep: Rep,
    *,
    seed: int = 0,
    strategies: tuple[Strategy, ...] | None = None,
    packs: dict[str, Pack] | None = None,
    rules: RuleSet | None = None,
    bar: Bar = BAR,
    evidence: Evidence | None = None,
) -> Writeup:
    """Write a candidate for every strategy that fits the profile, critiqued, ranked by evidence.

    `evidence` is the team's results per strategy (none: the articles' figures alone).
    """
    known = packs or default_packs()
    pack, note = find_pack(prospect.industry, known)
    filler = SlotFiller(prospect, rep, pack, random.Random(seed), fallback=known.get(FALLBACK))
    run = _Run(
        prospect,
        rep,
        filler,
        context_for(prospect, pack),
        default_rules() if rules is None else rules,
        bar,
        evidence or Evidence(),
    )
    notes = [note] if note else []
    notes += [
        f"no ideas on {words!r} in the packs: messages that promise ideas speak to the "
        f"{pack.name.lower()} concerns instead."
        for words in filler.unmatched
    ]
    skipped: list[Skipped] = []
    for strategy in strategies or default_registry().writable():
        outcome = run.write(strategy)
        if isinstance(outcome, Skipped):
            skipped.append(outcome)
    # Expected callback rate first; on a tie, best score, plain before humor (P8), shorter.
    ranked = sorted(run.accepted, key=rank_key)
    return Writeup(tuple(ranked), tuple(skipped), pack.id, tuple(notes), seed)
