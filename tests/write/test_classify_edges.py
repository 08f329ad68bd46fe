"""Classifying at the edges: the shortest script and the longest, a detector's words inside its
span only, small and finely weighed scores, the confidence's digits, and what a read is given."""

from __future__ import annotations

import dataclasses

import pytest
from team_rule import SLOGAN_RULE

from callworthy.critique import Context, RuleSet, critique
from callworthy.critique.loader import load_rule_text
from callworthy.critique.model import Detection, Level
from callworthy.text.analysis import MAX_CHARS, analyse
from callworthy.write import default_registry
from callworthy.write.classify import (
    Classification,
    classify,
    classify_detections,
    looks_like_script,
    read_note,
)
from callworthy.write.registry import Registry
from callworthy.write.strategies import Detector

REGISTRY = default_registry()
TWELVE = "Hi Dana, this is Kim with one idea for your front desk."
SCRIPT = (
    "Hi Ann, it's Bo at 704-555-0100. There are three websites you should check out. "
    "I'll email you the links. 704-555-0100."
)

SLOGAN = SLOGAN_RULE


def _registry(*weights: tuple[float, str]) -> Registry:
    base = REGISTRY.writable()[0]
    detectors = tuple(Detector(rule="offer.resource", weight=w, matching=m) for w, m in weights)
    return Registry((dataclasses.replace(base, detectors=detectors),))


def _found(*spans: tuple[int, int]) -> list[Detection]:
    return [Detection("offer.resource", Level.STRENGTH, tuple(spans))]


def test_twelve_words_are_a_script_and_so_is_the_longest_note() -> None:
    assert analyse(TWELVE).word_count == 12 and looks_like_script(TWELVE)
    assert not looks_like_script(TWELVE.replace(" front", ""))
    longest = (TWELVE + " ") * (MAX_CHARS // (len(TWELVE) + 1))
    longest += "x" * (MAX_CHARS - len(longest))
    assert len(longest) == MAX_CHARS and looks_like_script(longest)


def test_a_detectors_words_count_only_inside_what_was_detected() -> None:
    text = "three websites and then some links"
    registry = _registry((1.0, "links"))
    assert classify_detections(_found((0, 14)), text, registry) == Classification("other", 1.0, {})
    assert classify_detections(_found((0, len(text))), text, registry).scores == {
        registry.ids()[0]: 1.0
    }


@pytest.mark.parametrize(
    ("weights", "score", "confidence"),
    [
        ((0.5,), 0.5, 0.6225),  # e^0.5 / (1 + e^0.5), to four places
        ((1.0,), 1.0, 0.7311),
        ((0.1234567,), 0.123457, 0.5308),  # a summed weight is kept to six places
        ((1.25, 0.25), 1.5, 0.8176),
    ],
)
def test_a_score_and_its_confidence_are_rounded_as_shown(
    weights: tuple[float, ...], score: float, confidence: float
) -> None:
    registry = _registry(*((w, "") for w in weights))
    read = classify_detections(_found((0, 5)), "three", registry)
    assert read == Classification(registry.ids()[0], confidence, {registry.ids()[0]: score})
    assert isinstance(read.scores[registry.ids()[0]], float)


def test_a_note_with_no_script_is_other_for_certain() -> None:
    assert classify("Left VM re renewal, try Tue", REGISTRY) == Classification("other", 1.0, {})
    assert classify(SCRIPT, REGISTRY).strategy == "resources"


def test_a_read_uses_the_rules_context_and_region_it_is_given() -> None:
    # Only a team rule about a slogan: nothing a detector reads is recognised.
    slogan = RuleSet((load_rule_text("acme.slogan", SLOGAN, "team rule acme.slogan"),), "team")
    assert classify(SCRIPT, REGISTRY, rules=slogan) == Classification("other", 1.0, {})
    uk = SCRIPT.replace("704-555-0100", "020 7946 0018")
    ctx = Context(prospect_name="Dana Lee", company="Bright Smiles")
    read = read_note(uk, REGISTRY, context=ctx, region="GB")
    direct = critique(uk, context=ctx, region="GB")
    assert read.critique is not None and read.critique.phone_numbers
    assert [f.rule for f in read.critique.findings] == [f.rule for f in direct.findings]
    assert read.critique.score == direct.score != critique(uk, region="GB").score
    plain = read_note(uk, REGISTRY, rules=slogan)
    assert plain.critique is not None and plain.critique.findings == ()
