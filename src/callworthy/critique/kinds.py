"""The rule kinds, compiled: each turns a validated spec into a checker of a Document.

A checker returns Hits (a span plus the values its message needs); the engine
turns hits into scored findings. Patterns are compiled here, once, at load.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType
from typing import NamedTuple, Protocol

from callworthy.critique.context import Context
from callworthy.critique.patterns import CompiledTerms, compile_terms
from callworthy.critique.schema import (
    AbsenceRule,
    ConditionalRule,
    CustomRule,
    ExistenceRule,
    Matcher,
    MetricRule,
    OccurrenceRule,
    PositionRule,
    RatioRule,
    RuleSpec,
    SubstitutionRule,
)
from callworthy.text.analysis import MEASURED_METRICS, Document

Span = tuple[int, int]


class Hit(NamedTuple):
    """A place a rule fired, with the values its message template uses.

    Internal and created for every match, so a NamedTuple: immutable like the
    public dataclasses, and about three times cheaper to make.
    """

    start: int
    end: int
    values: Mapping[str, object] = MappingProxyType({})
    related: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Subject:
    """What a checker looks at: the analysed script, the prospect, and the prefilter's verdict."""

    doc: Document
    ctx: Context
    ruled_out: frozenset[int] = frozenset()
    """Scans (by id) the prefilter showed cannot match this script."""
    confirmed: frozenset[int] = frozenset()
    """Scans (by id) the prefilter saw match: no need to run them just to know that."""
    ascii: bytes | None = None
    """The lower-cased text as bytes where the prefilter found it plain ASCII (RE2 runs on it)."""


class Checker(Protocol):
    """Something that finds a rule's hits in a script."""

    def check(self, subject: Subject) -> list[Hit]:
        """Return the hits of this rule."""
        ...

    def terms(self) -> tuple[CompiledTerms, ...]:
        """Return the compiled terms this checker scans with (for the prefilter)."""
        ...

    def needs(self) -> CompiledMatcher | None:
        """Return the matcher that must match for any hit, or None if the rule may always fire."""
        ...


CustomCheck = Callable[[Document, Context, Mapping[str, object]], list[Hit]]

#: Placeholders each kind offers to its `message` and `fix` templates.
TEMPLATE_FIELDS: dict[str, tuple[str, ...]] = {
    "existence": ("match",),
    "substitution": ("match", "replacement"),
    "occurrence": ("match", "count", "limit"),
    "ratio": ("numerator", "denominator"),
    "position": ("match",),
    "conditional": ("match",),
    "metric": ("value", "limit"),
    "absence": (),
    "custom": ("match", "detail"),
}


def _whole(doc: Document, **values: object) -> Hit:
    return Hit(0, len(doc.text), values)


@dataclass(frozen=True, slots=True)
class CompiledMatcher:
    """A matcher's compiled terms, plus context fields looked up per critique."""

    terms: CompiledTerms
    context: tuple[str, ...] = ()

    @classmethod
    def build(cls, spec: Matcher, *, linear: bool = True) -> CompiledMatcher:
        """Compile a matcher spec (its patterns in RE2 unless `linear` is off: built-ins)."""
        terms = compile_terms(
            spec.tokens, spec.patterns, case_sensitive=spec.case_sensitive, linear=linear
        )
        return cls(terms, tuple(spec.context))

    def spans(self, subject: Subject) -> list[tuple[int, int, str]]:
        """Return (start, end, text) of every match, in order."""
        doc = subject.doc
        text = doc.text
        found = [
            (start, end, text[start:end])
            for start, end in self.terms.spans(text, doc.lower, subject.ruled_out, subject.ascii)
            if end > start
        ]
        extra = subject.ctx.regex(self.context) if self.context else None
        if extra is not None:
            found.extend((m.start(), m.end(), m.group()) for m in extra.finditer(text))
            found.sort()
        return found

    def count(self, subject: Subject) -> int:
        """Return how many matches there are (no spans built)."""
        doc = subject.doc
        found = self.terms.count(doc.text, doc.lower, subject.ruled_out, subject.ascii)
        extra = subject.ctx.regex(self.context) if self.context else None
        return found + (sum(1 for _ in extra.finditer(doc.text)) if extra is not None else 0)

    def found(self, subject: Subject) -> bool:
        """Return whether anything matches."""
        doc = subject.doc
        confirmed = subject.confirmed
        if confirmed and any(id(scan) in confirmed for scan in self.terms.fast):
            return True
        if self.terms.spans(doc.text, doc.lower, subject.ruled_out, subject.ascii):
            return True
        extra = subject.ctx.regex(self.context) if self.context else None
        return bool(extra is not None and extra.search(doc.text))


@dataclass(frozen=True, slots=True)
class Existence:
    """Flag every occurrence, except where an exception matches around it."""

    match: CompiledMatcher
    exceptions: CompiledMatcher | None = None

    def check(self, subject: Subject) -> list[Hit]:
        """Return one hit per occurrence."""
        spans = self.match.spans(subject)
        if spans and self.exceptions is not None:
            excluded = self.exceptions.spans(subject)
            spans = [s for s in spans if not any(s[0] < e[1] and e[0] < s[1] for e in excluded)]
        return [Hit(s, e, {"match": t}) for s, e, t in spans]

    def terms(self) -> tuple[CompiledTerms, ...]:
        """Return the compiled terms scanned."""
        extra = (self.exceptions.terms,) if self.exceptions else ()
        return (self.match.terms, *extra)

    def needs(self) -> CompiledMatcher | None:
        """Return the matcher that must match for any hit, or None."""
        return self.match


def _normalise(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.lower().replace("’", "'")).strip()


@dataclass(frozen=True, slots=True)
class Substitution:
    """Flag each phrase and name its replacement."""

    match: CompiledMatcher
    swap: Mapping[str, str]

    def check(self, subject: Subject) -> list[Hit]:
        """Return one hit per phrase, with its replacement."""
        return [
            Hit(s, e, {"match": t, "replacement": self.swap[_normalise(t)]})
            for s, e, t in self.match.spans(subject)
        ]

    def terms(self) -> tuple[CompiledTerms, ...]:
        """Return the compiled terms scanned."""
        return (self.match.terms,)

    def needs(self) -> CompiledMatcher | None:
        """Return the matcher that must match for any hit, or None."""
        return self.match


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Flag a count of matches below `low` or above `high`."""

    match: CompiledMatcher
    low: int | None
    high: int | None

    def check(self, subject: Subject) -> list[Hit]:
        """Return one hit when the count is out of bounds."""
        spans = self.match.spans(subject)
        count = len(spans)
        if self.high is not None and count > self.high:
            s, e, t = spans[self.high]
            related = tuple((a, b) for a, b, _ in spans)
            return [Hit(s, e, {"match": t, "count": count, "limit": self.high}, related)]
        if self.low is not None and count < self.low:
            return [_whole(subject.doc, match="", count=count, limit=self.low)]
        return []

    def terms(self) -> tuple[CompiledTerms, ...]:
        """Return the compiled terms scanned."""
        return (self.match.terms,)

    def needs(self) -> CompiledMatcher | None:
        """Return the matcher that must match for any hit, or None."""
        return self.match if self.low is None else None


@dataclass(frozen=True, slots=True)
class Ratio:
    """Flag when numerator matches exceed `high` times the denominator matches."""

    numerator: CompiledMatcher
    denominator: CompiledMatcher
    high: float
    min_count: int

    def check(self, subject: Subject) -> list[Hit]:
        """Return one hit, anchored on the first numerator match, when the ratio is too high."""
        count = self.numerator.count(subject)
        if count < self.min_count:
            return []
        den = self.denominator.count(subject)
        if count <= self.high * den:
            return []
        num = self.numerator.spans(subject)
        related = tuple((s, e) for s, e, _ in num)
        return [Hit(num[0][0], num[0][1], {"numerator": len(num), "denominator": den}, related)]

    def terms(self) -> tuple[CompiledTerms, ...]:
        """Return the compiled terms scanned."""
        return (self.numerator.terms, self.denominator.terms)

    def needs(self) -> CompiledMatcher | None:
        """Return the matcher that must match for any hit, or None."""
        return self.numerator


@dataclass(frozen=True, slots=True)
class Position:
    """Forbid or require a match within a window of the spoken message."""

    match: CompiledMatcher
    window: tuple[float, float]
    require: bool

    def check(self, subject: Subject) -> list[Hit]:
        """Return hits for forbidden matches in the window, or one for a missing required one."""
        doc = subject.doc
        low, high = self.window
        inside = [s for s in self.match.spans(subject) if low <= doc.position(s[0]) <= high]
        if not self.require:
            return [Hit(s, e, {"match": t}) for s, e, t in inside]
        if inside:
            return []
        start = doc.offset_at(low * doc.spoken_seconds)
        end = doc.offset_at(high * doc.spoken_seconds) if high < 1 else len(doc.text)
        return [Hit(start, min(max(end, start + 1), len(doc.text)), {"match": ""})]

    def terms(self) -> tuple[CompiledTerms, ...]:
        """Return the compiled terms scanned."""
        return (self.match.terms,)

    def needs(self) -> CompiledMatcher | None:
        """Return the matcher that must match for any hit, or None."""
        return None if self.require else self.match


@dataclass(frozen=True, slots=True)
class Conditional:
    """When the trigger matches (or always) and the requirement does not, flag it."""

    trigger: CompiledMatcher | None
    requirement: CompiledMatcher

    def check(self, subject: Subject) -> list[Hit]:
        """Return one hit at the trigger (or the whole script) when the requirement is missing."""
        if self.trigger is None:
            return [] if self.requirement.found(subject) else [_whole(subject.doc, match="")]
        spans = self.trigger.spans(subject)
        if not spans or self.requirement.found(subject):
            return []
        related = tuple((s, e) for s, e, _ in spans)
        return [Hit(spans[0][0], spans[0][1], {"match": spans[0][2]}, related)]

    def terms(self) -> tuple[CompiledTerms, ...]:
        """Return the compiled terms scanned."""
        trigger = (self.trigger.terms,) if self.trigger else ()
        return (*trigger, self.requirement.terms)

    def needs(self) -> CompiledMatcher | None:
        """Return the matcher that must match for any hit, or None."""
        return self.trigger


def _metric(doc: Document, name: str) -> float | None:
    if name in MEASURED_METRICS:
        return doc.measured(name)
    if name in ("first_phone_position", "min_phone_repeats") and not doc.phones:
        return None
    if name == "first_phone_position":
        return doc.position(doc.phones[0].start)
    if name == "min_phone_repeats":
        counts: dict[str, int] = {}
        for phone in doc.phones:
            counts[phone.key] = counts.get(phone.key, 0) + 1
        return min(counts.values())
    if name == "phone_count":
        return len(doc.phones)
    value: float = getattr(doc, name)
    return value


def _metric_anchor(doc: Document, name: str, limit: float, too_high: bool) -> tuple[int, int]:
    """Anchor a metric finding where it shows: the overflow, or the number concerned."""
    measured = doc.measured_span(name) if name in MEASURED_METRICS else None
    if measured is not None:
        return measured
    if name == "spoken_seconds" and too_high:
        return doc.offset_at(limit), len(doc.text)
    if name == "first_phone_position":
        return doc.phones[0].start, doc.phones[0].end
    if name == "min_phone_repeats":
        keys = [p.key for p in doc.phones]
        rarest = min(doc.phones, key=lambda p: keys.count(p.key))
        return rarest.start, rarest.end
    return 0, len(doc.text)


def _shown(number: float) -> float:
    """Return a figure as a message shows it: a whole number without ".0", else 2 decimals.

    A rule file's bounds are floats (`max: 1` loads as 1.0), and "at most 1.0 numbers"
    reads as a machine's words.
    """
    rounded = round(number, 2)
    return int(rounded) if float(rounded).is_integer() else rounded


@dataclass(frozen=True, slots=True)
class Metric:
    """Flag a measured quantity outside its bounds."""

    name: str
    low: float | None
    high: float | None

    def check(self, subject: Subject) -> list[Hit]:
        """Return one hit when the metric is out of bounds (none when it does not apply)."""
        doc = subject.doc
        value = _metric(doc, self.name)
        if value is None:
            return []
        for limit, too_high in ((self.high, True), (self.low, False)):
            if limit is not None and (value > limit if too_high else value < limit):
                start, end = _metric_anchor(doc, self.name, limit, too_high)
                return [Hit(start, end, {"value": _shown(value), "limit": _shown(limit)})]
        return []

    def terms(self) -> tuple[CompiledTerms, ...]:
        """Return nothing: a metric scans no terms."""
        return ()

    def needs(self) -> CompiledMatcher | None:
        """Return the matcher that must match for any hit, or None."""
        return None


@dataclass(frozen=True, slots=True)
class Absence:
    """Always hit the whole message: the engine keeps it only when none of `unless` fired."""

    def check(self, subject: Subject) -> list[Hit]:
        """Return one hit over the whole script."""
        return [_whole(subject.doc)]

    def terms(self) -> tuple[CompiledTerms, ...]:
        """Return nothing: an absence rule scans no terms."""
        return ()

    def needs(self) -> CompiledMatcher | None:
        """Return None: whether it fires depends on the other rules only."""
        return None


@dataclass(frozen=True, slots=True)
class Custom:
    """Call a registered Python check with the rule's options."""

    function: CustomCheck
    options: Mapping[str, object]

    def check(self, subject: Subject) -> list[Hit]:
        """Return what the registered function finds."""
        return self.function(subject.doc, subject.ctx, self.options)

    def terms(self) -> tuple[CompiledTerms, ...]:
        """Return nothing: a custom check scans no declared terms."""
        return ()

    def needs(self) -> CompiledMatcher | None:
        """Return the matcher that must match for any hit, or None."""
        return None


def build_checker(
    spec: RuleSpec, custom: Mapping[str, CustomCheck], *, linear: bool = True
) -> Checker:
    """Compile a validated rule spec into its checker (patterns are compiled here).

    Patterns run in RE2 (linear time) unless `linear` is off, as for the built-ins.
    """
    matcher = partial(CompiledMatcher.build, linear=linear)
    if isinstance(spec, ExistenceRule):
        exceptions = matcher(spec.exceptions) if spec.exceptions else None
        return Existence(matcher(spec), exceptions)
    if isinstance(spec, SubstitutionRule):
        swap = {_normalise(k): v for k, v in spec.swap.items()}
        terms = compile_terms(spec.swap, (), case_sensitive=spec.case_sensitive)
        return Substitution(CompiledMatcher(terms), swap)
    if isinstance(spec, OccurrenceRule):
        return Occurrence(matcher(spec), spec.min, spec.max)
    if isinstance(spec, RatioRule):
        return Ratio(matcher(spec.numerator), matcher(spec.denominator), spec.max, spec.min_count)
    if isinstance(spec, PositionRule):
        return Position(matcher(spec), spec.within, spec.mode == "require")
    if isinstance(spec, ConditionalRule):
        trigger = matcher(spec.if_) if spec.if_ else None
        return Conditional(trigger, matcher(spec.then))
    if isinstance(spec, MetricRule):
        return Metric(spec.metric, spec.min, spec.max)
    if isinstance(spec, AbsenceRule):
        return Absence()
    assert isinstance(spec, CustomRule)
    return Custom(custom[spec.function], spec.options)
