"""Critique a script: run the rules, then score so that every point lost or won has a finding.

Scoring (docs/critique.md): each rule that fires is one finding, its spans
listed, worth the rule's weight (learned from real voicemails, weights.py):
the score is 100 plus the findings' points — problems cost, strengths win back
what was lost — kept within 0..100 (problems past 100 in all share the 100 in
proportion; strengths win back at most what was lost). The findings' `points`
add up to exactly `score - 100`, and none is worth 0. The five sub-scores
(prospect focus 25, value 25, brevity 15, callback mechanics 20,
differentiation 15) show where the points went: a finding is charged to its
own sub-score first, the rest to the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from callworthy.critique.context import EMPTY_CONTEXT, Context
from callworthy.critique.kinds import Hit, Subject
from callworthy.critique.loader import Rule, RuleSet, default_rules
from callworthy.critique.model import (
    SUBSCORE_MAX,
    Critique,
    Detection,
    Finding,
    Level,
    PhoneNumber,
    Subscore,
)
from callworthy.critique.prefilter import UNSAFE
from callworthy.text.analysis import Document, analyse, validate_script

_Item = tuple[int, Rule, list[Hit]]


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


def _finding(rule: Rule, hits: list[Hit], points: int) -> Finding:
    """Return one finding for all of a rule's hits: the first anchors it, all are listed."""
    first = hits[0]
    if len(hits) == 1 and not first.related:
        spans: list[tuple[int, int]] = []
    else:
        spans = sorted({(h.start, h.end) for h in hits} | set(first.related))
    return Finding(
        rule.id,
        rule.principle,
        rule.level,
        first.start,
        first.end,
        _fill(rule.message, first.values),
        _fill(rule.fix, first.values),
        rule.subscore,
        points,
        tuple(spans) if len(spans) > 1 else (),
        rule.title,
    )


def run_rules(
    doc: Document, rules: RuleSet, ctx: Context, *, every_rule: bool = True
) -> list[tuple[Rule, list[Hit]]]:
    """Return each rule that fired with its hits, after `unless` silenced the rules it names.

    With `every_rule=False` (a critique) the rules worth 0 points that silence
    nothing are not checked: they could change neither the score nor a finding;
    nor, on a script, the rules only a recording's measurements can fire.
    """
    verdict = rules.prefilter.verdict(doc.lower, doc.ascii) if rules.prefilter else UNSAFE
    ruled_out = verdict.ruled_out
    subject = Subject(doc, ctx, ruled_out, verdict.confirmed, verdict.ascii)
    plans = rules.plans
    plan = plans[0] if every_rule else plans[1] if doc.measured_any else plans[2]
    fired: set[str] = set()
    hits_of: dict[int, list[Hit]] = {}
    for index, rule_id, check, needs, silenced_by, silencer in plan:
        if ruled_out and needs is not None and needs <= ruled_out:
            continue
        if silenced_by and not silenced_by.isdisjoint(fired):
            # Silenced; checked only if it silences others in turn (its firing counts).
            if silencer and check(subject):
                fired.add(rule_id)
            continue
        hits = check(subject)
        if hits:
            fired.add(rule_id)
            hits_of[index] = hits
    every = rules.rules
    return [(every[i], hits_of[i]) for i in sorted(hits_of)]


def apportion(total: int, shares: Sequence[int]) -> list[int]:
    """Split `total` in proportion to `shares` (largest remainder; earlier wins a tie)."""
    whole = sum(shares)
    if whole <= total:
        return list(shares)
    # In whole numbers (units of 1/whole): float shares would break exact ties by rounding.
    scaled = [total * s for s in shares]
    out = [x // whole for x in scaled]
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(scaled[i] % whole), i))
    for i in by_remainder[: total - sum(out)]:
        out[i] += 1
    return out


_AREAS = tuple(Subscore)
_NAMES = tuple((area, area.value) for area in _AREAS)
#: For each sub-score, the others in their order (the order breaks ties in `_charge`).
_OTHERS = {first: tuple((i, a) for i, a in enumerate(_AREAS) if a is not first) for first in _AREAS}


def _charge(left: dict[Subscore, int], points: int, first: Subscore, lose: bool) -> None:
    """Move points out of (or back into) the sub-scores: `first` first, then the fullest (or
    the emptiest) others, so every sub-score stays within 0..its maximum."""
    have = left[first]
    room = have if lose else SUBSCORE_MAX[first] - have
    if points <= room:  # the usual case: it fits
        left[first] = have - points if lose else have + points
        return
    left[first] = 0 if lose else SUBSCORE_MAX[first]
    points -= room
    # The others with the most room first; ties keep the sub-scores' order.
    if lose:
        order = sorted([(-left[a], i, a) for i, a in _OTHERS[first]])
    else:
        order = sorted([(left[a] - SUBSCORE_MAX[a], i, a) for i, a in _OTHERS[first]])
    for negative_room, _, area in order:
        moved = min(points, -negative_room)
        left[area] += -moved if lose else moved
        points -= moved
        if not points:
            return


def _worth(results: Iterable[tuple[Rule, list[Hit]]]) -> tuple[list[_Item], list[_Item]]:
    """Split the rules that fired into problems and strengths, each with its points, biggest
    first (a rule worth 0 points makes no finding)."""
    problems: list[_Item] = []
    strengths: list[_Item] = []
    for rule, hits in results:
        points = min(rule.weight, rule.max_points)
        if points:
            (strengths if rule.level is Level.STRENGTH else problems).append((points, rule, hits))
    problems.sort(key=_first, reverse=True)  # stable: ties keep the rules' order
    strengths.sort(key=_first, reverse=True)
    return problems, strengths


def _first(item: _Item) -> int:
    return item[0]


def _losses(problems: list[_Item], left: dict[Subscore, int]) -> list[Finding]:
    """Charge each problem its points, shared out in proportion should they pass 100 in all."""
    costs = apportion(sum(left.values()), [points for points, _, _ in problems])
    findings = []
    for (_, rule, hits), cost in zip(problems, costs, strict=True):
        if cost:
            _charge(left, cost, rule.subscore, lose=True)
            findings.append(_finding(rule, hits, -cost))
    return findings


def _gains(strengths: list[_Item], left: dict[Subscore, int]) -> list[Finding]:
    """Win points back for each strength, never past 100 in all (its own sub-score first)."""
    lost = 100 - sum(left.values())
    wins = apportion(lost, [points for points, _, _ in strengths])
    findings = []
    for (_, rule, hits), win in zip(strengths, wins, strict=True):
        if win:
            _charge(left, win, rule.subscore, lose=False)
            findings.append(_finding(rule, hits, win))
    return findings


def _order(finding: Finding) -> tuple[bool, int, int, str]:
    """Biggest loss first, then strengths, biggest first."""
    return (finding.points > 0, -abs(finding.points), finding.start, finding.rule)


def score_results(
    results: Iterable[tuple[Rule, list[Hit]]],
) -> tuple[dict[Subscore, int], list[Finding]]:
    """Return the sub-scores and the findings, ordered by points, for the rules that fired."""
    left = dict(SUBSCORE_MAX)
    problems, strengths = _worth(results)
    findings = _losses(problems, left)
    if strengths:
        findings += _gains(strengths, left)
    findings.sort(key=_order)
    return left, findings


def critique_document(doc: Document, rules: RuleSet, ctx: Context = EMPTY_CONTEXT) -> Critique:
    """Critique an analysed document (the audio path passes one with measured timings)."""
    return _critique(doc, rules, run_rules(doc, rules, ctx, every_rule=False))


def _critique(doc: Document, rules: RuleSet, results: list[tuple[Rule, list[Hit]]]) -> Critique:
    left, findings = score_results(results)
    phones = tuple(
        [PhoneNumber(p.number, p.start, p.end, doc.position(p.start), p.spoken) for p in doc.phones]
    )
    return Critique(
        score=sum(left.values()),
        subscores={name: left[area] for area, name in _NAMES},
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
    ruleset = default_rules() if rules is None else rules  # an empty set is a set
    return critique_document(doc, ruleset, context or EMPTY_CONTEXT)


def examine(
    text: str,
    *,
    rules: RuleSet | None = None,
    region: str = "US",
    context: Context | None = None,
) -> tuple[Critique, tuple[Detection, ...]]:
    """Critique a script and return every rule that recognised something in it.

    The critique is the one `critique` returns (a rule worth 0 points cannot change it);
    the detections also list the strengths that made no finding because nothing was lost.
    """
    validate_script(text)
    doc = analyse(text, region)
    ruleset = default_rules() if rules is None else rules
    results = run_rules(doc, ruleset, context or EMPTY_CONTEXT, every_rule=True)
    detections = tuple(
        Detection(rule.id, rule.level, tuple((h.start, h.end) for h in hits))
        for rule, hits in results
    )
    return _critique(doc, ruleset, results), detections
