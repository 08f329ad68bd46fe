"""Run every rule's own pass/fail examples: the meta-test for built-in and team rules alike.

An example checks the rule's detection, not its points: a `fail` example must make the
rule fire (after `unless`, with the whole rule set), a `pass` example must not — so a
rule the learned weights value at 0 points is still tested for what it recognises.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from callworthy.critique.context import EMPTY_CONTEXT
from callworthy.critique.engine import run_rules
from callworthy.critique.loader import RuleSet
from callworthy.text.analysis import Document, analyse, validate_script


@dataclass(frozen=True, slots=True)
class ExampleResult:
    """One example of one rule, and whether the rule behaved as the example declares."""

    rule: str
    expected: str
    """"pass" (the rule must stay silent) or "fail" (the rule must fire)."""
    text: str
    ok: bool


def example_document(text: str) -> Document:
    """Analyse one example: a script, or a timed script ("[wpm 220] ...") for audio rules."""
    from callworthy.audio.timed import is_timed, parse_timed

    if is_timed(text):
        from callworthy.audio.document import MeasuredDocument
        from callworthy.audio.measurements import measure

        transcript = parse_timed(text)
        measured = measure(transcript.words, transcript.duration_seconds)
        return MeasuredDocument(transcript, measured, "US")
    return analyse(validate_script(text))


def fired_in_example(text: str, rules: RuleSet) -> frozenset[str]:
    """Return the ids of the rules that fire on an example, after `unless`."""
    return frozenset(r.id for r, _ in run_rules(example_document(text), rules, EMPTY_CONTEXT))


def check_examples(rules: RuleSet, only: Iterable[str] | None = None) -> list[ExampleResult]:
    """Run every example of the rules (or of the ids in `only`) with the whole rule set."""
    wanted = set(only) if only is not None else None
    results = []
    for rule in rules.rules:
        if wanted is not None and rule.id not in wanted:
            continue
        for expected, examples in (("pass", rule.pass_examples), ("fail", rule.fail_examples)):
            for text in examples:
                fired = rule.id in fired_in_example(text, rules)
                results.append(
                    ExampleResult(rule.id, expected, text, fired == (expected == "fail"))
                )
    return results
