"""The rules' own examples as a meta-test: which example of which rule behaves as declared."""

from __future__ import annotations

from callworthy.critique.loader import RuleText, load_rules
from callworthy.critique.selftest import ExampleResult, check_examples, fired_in_example


def rule(token: str, passes: str, fails: str) -> str:
    """Return a team rule firing on one word, with one pass and one fail example."""
    return (
        f"kind: existence\nprinciple: P3\nlevel: warning\nsubscore: value\nweight: 0\n"
        f"message: Cut it.\nfix: Cut it.\ntokens: [{token}]\n"
        f"examples:\n  pass: ['{passes}']\n  fail: ['{fails}']\n"
    )


RULES = load_rules(
    builtin=False,
    extra=[
        RuleText("t.good", rule("alpha", "Say beta now.", "Say alpha now."), "a"),
        # Its examples are the wrong way round: both must be reported as not ok.
        RuleText("t.swapped", rule("gamma", "Say gamma now.", "Say delta now."), "b"),
    ],
)


def test_every_example_of_every_rule_is_checked_even_at_zero_points() -> None:
    assert check_examples(RULES) == [
        ExampleResult("t.good", "pass", "Say beta now.", True),
        ExampleResult("t.good", "fail", "Say alpha now.", True),
        ExampleResult("t.swapped", "pass", "Say gamma now.", False),
        ExampleResult("t.swapped", "fail", "Say delta now.", False),
    ]


def test_only_the_named_rules_examples_are_checked() -> None:
    assert [(r.rule, r.expected) for r in check_examples(RULES, only=["t.swapped"])] == [
        ("t.swapped", "pass"),
        ("t.swapped", "fail"),
    ]
    assert check_examples(RULES, only=[]) == []


def test_an_example_fires_the_rules_it_names() -> None:
    assert fired_in_example("Say alpha and gamma.", RULES) == {"t.good", "t.swapped"}
    assert fired_in_example("Nothing here.", RULES) == frozenset()
