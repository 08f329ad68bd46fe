"""Each detector recognises what a message offers, or costs, across the team's own phrasings.

The phrasings (phrasings.py) are written for the tests, never taken from the coaching
corpus: at least ten that must fire each detector and ten near misses that must not.
"""

import pytest
from phrasings import DETECTORS

from callworthy.critique import default_rules
from callworthy.critique.selftest import fired_in_example

RULES = default_rules()
CASES = [
    (rule, expected, text)
    for rule, (positive, negative) in DETECTORS.items()
    for expected, texts in (("fires", positive), ("silent", negative))
    for text in texts
]


@pytest.mark.parametrize("rule", sorted(DETECTORS))
def test_every_detector_has_ten_varied_phrasings_each_way(rule: str) -> None:
    positive, negative = DETECTORS[rule]
    assert len(set(positive)) >= 10 and len(set(negative)) >= 10
    assert RULES.get(rule)


@pytest.mark.parametrize(("rule", "expected", "text"), CASES, ids=str)
def test_the_detector_recognises_the_phrasing(rule: str, expected: str, text: str) -> None:
    fired = rule in fired_in_example(text, RULES)
    assert fired == (expected == "fires"), text


def test_the_issue_lists_a_detector_for_every_offer_and_cost() -> None:
    offers = {"offer.lead", "offer.insight", "offer.resource", "offer.question", "offer.trigger"}
    offers |= {"offer.follow-up", "offer.mutual-contact"}
    costs = {"focus.self-focus", "pitch.about-us", "callback.bare-call-me", "pitch.meeting-ask"}
    costs |= {"filler.just-wanted", "filler.hesitation", "pitch.checking-in", "pitch.guilt"}
    costs |= {"value.vague"}
    costs |= {"value.no-value", "humor.half-message"}
    assert offers | costs <= set(DETECTORS)
