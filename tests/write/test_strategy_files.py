"""A team's strategy file: every field read as written, and each bad phrasing a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from callworthy.errors import DataFileError
from callworthy.write import Relationship
from callworthy.write.strategies import load_strategy_file

GOOD = """\
name: Two tips
principle: P5
description: >
  A tip,   counted.
humor: true
relationships: [cold, referred]
needs_lead: false
needs_referral: true
proposable: true
baseline: true
former_ids: [two_tips_v1]
evidence: {returned: 3, of: 10, weight: 5, source: "the second article"}
detectors:
  - rule: offer.resource
    weight: 1.5
number_once: true
caution: >
  Only  where true.
sample: "Hi Dana, two tips."
phrasings:
  - "{greet} {first_name}, {referred_by} said {n} ways to {tip_topic}. {number}."
  - "{first_name}, {referred_by} sent me: {n} ways to {tip_topic}. {number}."
  - "{greet} {first_name}, via {referred_by}, {n} ways to {tip_topic}. {number}."
examples:
  - script: "Hi Dana, this is Kim at 704-555-0131. Two tips. 704-555-0131."
"""


def test_a_strategy_file_is_read_field_by_field(tmp_path: Path) -> None:
    path = tmp_path / "two_tips.yaml"
    path.write_text(GOOD)
    strategy = load_strategy_file(path)
    assert (strategy.id, strategy.name, strategy.principle) == ("two_tips", "Two tips", "P5")
    assert (strategy.description, strategy.caution) == ("A tip, counted.", "Only where true.")
    assert strategy.relationships == (Relationship.COLD, Relationship.REFERRED)
    assert (strategy.humor, strategy.needs_lead, strategy.needs_referral) == (True, False, True)
    assert (strategy.proposable, strategy.baseline, strategy.number_once) == (True, True, True)
    assert strategy.former_ids == ("two_tips_v1",)
    assert strategy.evidence is not None and (strategy.evidence.returned, strategy.evidence.of) == (
        3,
        10,
    )
    assert [(d.rule, d.weight) for d in strategy.detectors] == [("offer.resource", 1.5)]
    assert strategy.sample == "Hi Dana, two tips."
    assert len(strategy.phrasings) == 3 and strategy.phrasings[0].startswith("{greet}")
    assert strategy.script_examples() == (
        "Hi Dana, this is Kim at 704-555-0131. Two tips. 704-555-0131.",
    )
    assert strategy.path == str(path)
    assert strategy.required_slots() >= {"referred_by", "n", "tip_topic", "number"}


def _with_phrasings(first: str, *, needs_referral: bool = True) -> str:
    text = GOOD.replace(
        '  - "{greet} {first_name}, {referred_by} said {n} ways to {tip_topic}. {number}."',
        f'  - "{first}"',
    )
    return text.replace("needs_referral: true", f"needs_referral: {str(needs_referral).lower()}")


@pytest.mark.parametrize(
    ("text", "line", "problem", "fix"),
    [
        (_with_phrasings("{greet {first_name}. {number}."), 21, "bad template (",
         "Write {{ }} for literal braces."),
        (_with_phrasings("{first_name}, {n} things. {referred_by}. {number}."), 21,
         "{n} counts what the message delivers, and this phrasing delivers no list.",
         "Use {n} with {tip_topic}, {resource_topic}, {reason} or {concern}."),
        (_with_phrasings("{first_name}, {favourite_colour}. {referred_by} {number}."), 21,
         "phrasing uses {favourite_colour}, which is no slot.", "Use one of: "),
        (_with_phrasings("{first_name}, {n} ways to {tip_topic}. {number}."), 8,
         "`needs_referral: true`, yet a phrasing does without {referred_by}",
         "Set `needs_referral: false (or leave it out)`."),
        (GOOD.replace("needs_referral: true", "needs_referral: false"), 20,
         "every phrasing needs {referred_by}, so `needs_referral` must say so",
         "Set `needs_referral: true`."),
    ],
)  # fmt: skip
def test_each_bad_phrasing_names_its_line_the_problem_and_the_fix(
    tmp_path: Path, text: str, line: int, problem: str, fix: str
) -> None:
    path = tmp_path / "two_tips.yaml"
    path.write_text(text)
    with pytest.raises(DataFileError) as caught:
        load_strategy_file(path)
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert caught.value.detail.startswith(problem)
    assert caught.value.fix.startswith(fix)


THREE = (
    '  - "{greet} {first_name}, {referred_by} said {n} ways to {tip_topic}. {number}."\n'
    '  - "{first_name}, {referred_by} sent me: {n} ways to {tip_topic}. {number}."\n'
    '  - "{greet} {first_name}, via {referred_by}, {n} ways to {tip_topic}. {number}."\n'
)


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "{returned: 3, of: 10,",
            "{returned: 11, of: 10,",
            "evidence: returned (11) is more than of (10).",
        ),
        (
            "rule: offer.resource",
            "rule: offer",
            "detectors.0.rule: 'offer' is not a rule id (folder.name).",
        ),
        (
            "    weight: 1.5\n",
            "    weight: 1.5\n    matching: '(unclosed'\n",
            "detectors.0.matching: not a pattern"
            " (missing ), unterminated subpattern at position 0).",
        ),
        (
            "former_ids: [two_tips_v1]",
            "former_ids: [two_tips_v1, Two-Tips, old tips]",
            "former_ids: 'Two-Tips' is not snake_case.",
        ),
        (
            THREE,
            THREE.split("\n", 1)[0] + "\n",
            "file: phrasings: give none (never written) or at least three (P10).",
        ),
        (
            THREE,
            "".join(THREE.splitlines(keepends=True)[:2]),
            "file: phrasings: give none (never written) or at least three (P10).",
        ),
        ("proposable: true", "proposable: false", "file: baseline: a baseline must be proposable."),
    ],
)  # fmt: skip
def test_a_strategy_file_is_refused_with_its_exact_problem(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    assert old in GOOD
    path = tmp_path / "two_tips.yaml"
    path.write_text(GOOD.replace(old, new), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_strategy_file(path)
    assert (caught.value.path, caught.value.detail) == (str(path), problem)


def test_a_strategy_with_no_phrasing_or_a_proposable_baseline_loads(tmp_path: Path) -> None:
    path = tmp_path / "two_tips.yaml"
    path.write_text(GOOD.replace(THREE, "").replace("phrasings:\n", "phrasings: []\n"))
    strategy = load_strategy_file(path)
    assert strategy.phrasings == () and not strategy.writable and strategy.baseline
