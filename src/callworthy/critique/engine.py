"""Critique a script: run the rules, then score so that every lost point has a finding.

Scoring (docs/critique.md): five sub-scores (prospect focus 25, value 25,
brevity 15, callback mechanics 20, differentiation 15) start full. Each finding
of a rule costs its weight, capped per rule (`max_points`) and by what is left
of its sub-score; strengths then win back points in their sub-score. The sum
of the findings' `points` is exactly `score - 100`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from callworthy.critique.context import EMPTY_CONTEXT, Context
from callworthy.critique.kinds import Hit, Subject
from callworthy.critique.loader import Rule, RuleSet, default_rules
from callworthy.critique.model import (
    SUBSCORE_MAX,
    Critique,
    Finding,
    Level,
    PhoneNumber,
    Subscore,
)
from callworthy.text.analysis import Document, analyse, validate_script


class _Template(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, values: Mapping[str, object]) -> str:
    if "{" not in template:
        return template
    try:
        return template.format_map(values)
    except KeyError:  # a custom check left out a placeholder: show it as written
        return template.format_map(_Template(values))


def _finding(rule: Rule, hit: Hit, points: int) -> Finding:
    values = hit.values
    return Finding(
        rule.id,
        rule.principle,
        rule.level,
        hit.start,
        hit.end,
        _fill(rule.message, values),
        _fill(rule.fix, values),
        rule.subscore,
        points,
        hit.related,
    )


def run_rules(doc: Document, rules: RuleSet, ctx: Context) -> list[tuple[Rule, list[Hit]]]:
    """Return each rule with its hits, after `unless` silenced the rules it names."""
    ruled_out, confirmed = (
        rules.prefilter.verdict(doc.lower) if rules.prefilter else (frozenset(), frozenset())
    )
    subject = Subject(doc, ctx, ruled_out, confirmed)
    raw = [
        (rule, rule.checker.check(subject))
        for rule in rules.rules
        if not (ruled_out and rule.needs is not None and rule.needs <= ruled_out)
    ]
    fired = {rule.id for rule, hits in raw if hits}
    return [(rule, hits) for rule, hits in raw if hits and not rule.silenced_by & fired]


def _score(results: Iterable[tuple[Rule, list[Hit]]]) -> tuple[dict[Subscore, int], list[Finding]]:
    left = dict(SUBSCORE_MAX)
    findings: list[Finding] = []
    strengths: list[tuple[Rule, list[Hit]]] = []
    for rule, hits in results:
        if rule.level is Level.STRENGTH:
            strengths.append((rule, hits))
            continue
        budget = rule.max_points
        for hit in hits:
            points = min(rule.weight, budget, left[rule.subscore])
            budget -= points
            left[rule.subscore] -= points
            findings.append(_finding(rule, hit, -points))
    for rule, hits in strengths:
        budget = rule.max_points
        # A strength is one thing done well, however many words show it: report it once.
        first = hits[0]
        related = tuple((h.start, h.end) for h in hits) if len(hits) > 1 else ()
        for hit in (Hit(first.start, first.end, first.values, related),):
            points = min(rule.weight, budget, SUBSCORE_MAX[rule.subscore] - left[rule.subscore])
            budget -= points
            left[rule.subscore] += points
            findings.append(_finding(rule, hit, points))
    findings.sort(key=lambda f: (f.start, f.rule))
    return left, findings


def critique_document(doc: Document, rules: RuleSet, ctx: Context = EMPTY_CONTEXT) -> Critique:
    """Critique an analysed document (the audio path passes one with measured timings)."""
    left, findings = _score(run_rules(doc, rules, ctx))
    phones = tuple(
        PhoneNumber(p.number, p.start, p.end, doc.position(p.start), p.spoken) for p in doc.phones
    )
    return Critique(
        score=sum(left.values()),
        subscores={s.value: left[s] for s in Subscore},
        findings=tuple(findings),
        spoken_seconds=doc.spoken_seconds,
        phone_numbers=phones,
        word_count=doc.word_count,
        rules_version=rules.version,
        text=doc.text,
    )


def critique(
    text: str,
    *,
    rules: RuleSet | None = None,
    region: str = "US",
    context: Context | None = None,
) -> Critique:
    """Critique a voicemail script: a 0-100 score, sub-scores and anchored findings."""
    validate_script(text)
    doc = analyse(text, region)
    return critique_document(doc, rules or default_rules(), context or EMPTY_CONTEXT)
