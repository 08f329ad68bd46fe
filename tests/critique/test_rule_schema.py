"""Each check of the rule-file format refuses exactly what it should, with the words a team reads.

Every rule here is loaded from its text inside the test (`load_rule_text`, as a team's
rule kept in the database is): the built-ins are loaded once and cached, so a test that
reads them never runs a check again. Each refusal is checked word for word, at its
line, and each boundary is checked from both sides.
"""

from __future__ import annotations

import pytest

from callworthy import Context, critique
from callworthy.critique import load_rules
from callworthy.critique.kinds import Metric, Occurrence, Position
from callworthy.critique.loader import Rule, RuleText, load_rule_text
from callworthy.errors import RuleFileError

HEAD = """\
kind: {kind}
principle: {principle}
level: warning
subscore: brevity
message: Too much.
fix: Say less.
"""
EXAMPLES = """\
examples:
  pass: ["Hi Lou, three ways to keep your drivers."]
  fail: ["Hi Lou, we are the best."]
"""
FIX = "Correct the value."


def rule_text(
    body: str, *, kind: str = "existence", principle: str = "P3", examples: str = EXAMPLES
) -> str:
    """Return a rule's YAML: the common head, its own fields, then its examples."""
    return HEAD.format(kind=kind, principle=principle) + body + examples


def load(text: str) -> Rule:
    """Load one team rule from its text, as the web stores it."""
    return load_rule_text("acme.rule", text, "team rule")


def refusal(text: str) -> tuple[str, int | None, str]:
    """Return the problem, line and fix a team reads when the rule text is refused."""
    with pytest.raises(RuleFileError) as caught:
        load(text)
    error = caught.value
    assert error.docs == "docs/rules.md"
    return error.detail, error.line, error.fix


# --- examples: one `pass` and one `fail` at least --------------------------------------

NO_EXAMPLES = "examples: give at least one `pass` and one `fail` example."


@pytest.mark.parametrize(
    "examples",
    [
        'examples:\n  pass: []\n  fail: ["Hi Lou, we are the best."]\n',
        'examples:\n  pass: ["Hi Lou, three ways."]\n  fail: []\n',
        'examples:\n  fail: ["Hi Lou, we are the best."]\n',
        'examples:\n  pass: ["Hi Lou, three ways."]\n',
    ],
)
def test_a_rule_without_a_pass_and_a_fail_example_is_refused(examples: str) -> None:
    text = rule_text("tokens: [the best]\n", examples=examples)
    assert refusal(text) == (NO_EXAMPLES, 8, FIX)


def test_one_example_of_each_is_enough() -> None:
    rule = load(rule_text("tokens: [the best]\n"))
    assert rule.pass_examples == ("Hi Lou, three ways to keep your drivers.",)
    assert rule.fail_examples == ("Hi Lou, we are the best.",)


# --- a matcher names something to look for ----------------------------------------------

NOTHING = "give `tokens`, `patterns` or `context` to match."


@pytest.mark.parametrize(
    ("kind", "body", "where", "line"),
    [
        ("existence", "case_sensitive: true\n", "file", 1),
        ("existence", "tokens: []\npatterns: []\ncontext: []\n", "file", 1),
        ("ratio", "max: 2\nnumerator: {}\ndenominator:\n  tokens: [you]\n", "numerator", 8),
        ("conditional", "then:\n  case_sensitive: false\n", "then", 7),
    ],
)
def test_a_matcher_with_nothing_to_match_is_refused(
    kind: str, body: str, where: str, line: int
) -> None:
    problem = f"{where}: {NOTHING}"
    assert refusal(rule_text(body, kind=kind)) == (problem, line, FIX)


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("tokens: [harbor]\n", "Harbor"),
        ("patterns: ['harb\\w+']\n", "Harbor"),
        ("context: [company]\n", "Harbor Dental"),
    ],
)
def test_tokens_patterns_or_context_alone_is_enough(body: str, found: str) -> None:
    rules = load_rules(builtin=False, extra=[RuleText("acme.rule", rule_text(body), "team rule")])
    text = "Hi Lou, it's Kim at Harbor Dental, 704-333-1112."
    result = critique(text, rules=rules, context=Context(company="Harbor Dental"))
    assert [text[f.start : f.end] for f in result.findings] == [found]


# --- occurrence and metric: a bound --------------------------------------------------------

NO_BOUND = ("file: give `min`, `max` or both.", 1, FIX)


@pytest.mark.parametrize(
    ("kind", "body"),
    [
        ("occurrence", "tokens: [um]\n"),
        ("occurrence", "tokens: [um]\nmin: null\nmax: null\n"),
        ("metric", "metric: word_count\n"),
        ("metric", "metric: word_count\nmin: null\nmax: null\n"),
    ],
)
def test_a_count_or_a_metric_with_no_bound_is_refused(kind: str, body: str) -> None:
    assert refusal(rule_text(body, kind=kind)) == NO_BOUND


@pytest.mark.parametrize(
    ("bounds", "low", "high"),
    [("min: 0\n", 0, None), ("max: 0\n", None, 0), ("min: 1\nmax: 3\n", 1, 3)],
)
def test_either_bound_alone_is_enough_even_zero(
    bounds: str, low: int | None, high: int | None
) -> None:
    occurrence = load(rule_text("tokens: [um]\n" + bounds, kind="occurrence")).checker
    assert isinstance(occurrence, Occurrence)
    assert (occurrence.low, occurrence.high) == (low, high)
    metric = load(rule_text("metric: question_count\n" + bounds, kind="metric")).checker
    assert isinstance(metric, Metric)
    assert (metric.low, metric.high) == (low, high)


# --- position: a window within the message --------------------------------------------------

WINDOW = ("within: `within` is [start, end] with 0 <= start < end <= 1.", 8, FIX)


@pytest.mark.parametrize(
    "within",
    ["[0.5, 0.5]", "[0.6, 0.4]", "[-0.1, 0.5]", "[0.5, 1.1]", "[1.0, 1.0]", "[-0.5, -0.1]"],
)
def test_a_window_outside_the_message_or_empty_is_refused(within: str) -> None:
    text = rule_text(f"tokens: [call me]\nwithin: {within}\n", kind="position")
    assert refusal(text) == WINDOW


@pytest.mark.parametrize(
    ("within", "window"),
    [
        ("[0, 1]", (0.0, 1.0)),
        ("[0.0, 0.1]", (0.0, 0.1)),
        ("[0.99, 1.0]", (0.99, 1.0)),
        ("[0.25, 0.75]", (0.25, 0.75)),
    ],
)
def test_a_window_from_start_to_end_is_kept_as_written(
    within: str, window: tuple[float, float]
) -> None:
    position = load(rule_text(f"tokens: [call me]\nwithin: {within}\n", kind="position")).checker
    assert isinstance(position, Position)
    assert position.window == window


def test_a_position_rule_without_a_window_covers_the_whole_message() -> None:
    position = load(rule_text("tokens: [call me]\n", kind="position")).checker
    assert isinstance(position, Position) and position.window == (0.0, 1.0)


# --- absence: names the rules it waits for ---------------------------------------------------


@pytest.mark.parametrize("body", ["", "unless: []\n"])
def test_an_absence_rule_naming_no_rule_is_refused(body: str) -> None:
    problem = "file: name in `unless` the rules whose absence this rule flags."
    assert refusal(rule_text(body, kind="absence")) == (problem, 1, FIX)


def test_an_absence_rule_naming_one_rule_is_taken() -> None:
    rule = load(rule_text("unless: [offer.]\n", kind="absence"))
    assert rule.kind == "absence" and rule.unless == ("offer.",)


# --- principles ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("principle", "related", "problem", "line"),
    [
        ("P15", "", "principle: unknown principle 'P15'; use one of P1 to P14.", 2),
        ("P0", "", "principle: unknown principle 'P0'; use one of P1 to P14.", 2),
        (
            "P3",
            "related_principles: [P4, P99]\n",
            "related_principles.1: unknown principle 'P99'; use one of P1 to P14.",
            8,
        ),
    ],
)
def test_an_unknown_principle_is_refused_by_name(
    principle: str, related: str, problem: str, line: int
) -> None:
    text = rule_text("tokens: [the best]\n" + related, principle=principle)
    assert refusal(text) == (problem, line, FIX)


@pytest.mark.parametrize(
    ("principle", "related", "principles"),
    [
        ("P1", "", "P1"),
        ("P14", "related_principles: []\n", "P14"),  # an empty list of related ones is no error
        ("P3", "related_principles: [P4, P10]\n", "P3/P4/P10"),
    ],
)
def test_a_rule_cites_its_principle_first_then_the_related_ones(
    principle: str, related: str, principles: str
) -> None:
    rule = load(rule_text("tokens: [the best]\n" + related, principle=principle))
    assert rule.principle == principles
