"""Run every rule's own pass/fail examples: the meta-test for built-in and team rules alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from callworthy.critique.engine import critique
from callworthy.critique.loader import RuleSet
from callworthy.critique.model import Critique


@dataclass(frozen=True, slots=True)
class ExampleResult:
    """One example of one rule, and whether the rule behaved as the example declares."""

    rule: str
    expected: str
    """"pass" (the rule must stay silent) or "fail" (the rule must fire)."""
    text: str
    ok: bool


def critique_example(text: str, rules: RuleSet) -> Critique:
    """Critique one example: a script, or a timed script ("[wpm 220] ...") for audio rules."""
    from callworthy.audio.timed import is_timed, parse_timed

    if is_timed(text):
        from callworthy.audio.critique import critique_transcript

        return critique_transcript(parse_timed(text), rules=rules).critique
    return critique(text, rules=rules)


def check_examples(rules: RuleSet, only: Iterable[str] | None = None) -> list[ExampleResult]:
    """Critique every example of the rules (or of the ids in `only`) with the whole rule set."""
    wanted = set(only) if only is not None else None
    results = []
    for rule in rules.rules:
        if wanted is not None and rule.id not in wanted:
            continue
        for expected, examples in (("pass", rule.pass_examples), ("fail", rule.fail_examples)):
            for text in examples:
                found = critique_example(text, rules).findings
                fired = any(f.rule == rule.id for f in found)
                results.append(
                    ExampleResult(rule.id, expected, text, fired == (expected == "fail"))
                )
    return results
