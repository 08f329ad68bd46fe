"""Run every rule's own pass/fail examples: the meta-test for built-in and team rules alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from callworthy.critique.engine import critique
from callworthy.critique.loader import RuleSet


@dataclass(frozen=True, slots=True)
class ExampleResult:
    """One example of one rule, and whether the rule behaved as the example declares."""

    rule: str
    expected: str
    """"pass" (the rule must stay silent) or "fail" (the rule must fire)."""
    text: str
    ok: bool


def check_examples(rules: RuleSet, only: Iterable[str] | None = None) -> list[ExampleResult]:
    """Critique every example of the rules (or of the ids in `only`) with the whole rule set."""
    wanted = set(only) if only is not None else None
    results = []
    for rule in rules.rules:
        if wanted is not None and rule.id not in wanted:
            continue
        for expected, examples in (("pass", rule.pass_examples), ("fail", rule.fail_examples)):
            for text in examples:
                fired = any(f.rule == rule.id for f in critique(text, rules=rules).findings)
                results.append(
                    ExampleResult(rule.id, expected, text, fired == (expected == "fail"))
                )
    return results
