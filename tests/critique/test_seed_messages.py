"""The articles' own verdicts: the letter's two approaches fail, the article's messages pass."""

import pytest
from seeds_path import seeds

from callworthy import critique


@pytest.mark.parametrize("text", [seeds.LETTER_LONG, seeds.LETTER_BARE], ids=["long", "bare"])
def test_both_approaches_in_the_letter_score_below_40(text: str) -> None:
    assert critique(text).score < 40


@pytest.mark.parametrize(
    "text",
    [seeds.SALES_LEAD, seeds.HALF_MESSAGE, seeds.WEATHER, seeds.COMPETITOR_TEASE],
    ids=["sales-lead", "half-message", "weather", "competitor-tease"],
)
def test_the_articles_messages_score_75_or_more(text: str) -> None:
    assert critique(text).score >= 75


def test_the_long_letter_is_told_why() -> None:
    rules = {f.rule for f in critique(seeds.LETTER_LONG).findings}
    assert {"focus.self-focus", "pitch.about-us", "value.no-value", "length.long"} <= rules


def test_the_bare_call_me_back_is_told_why() -> None:
    rules = {f.rule for f in critique(seeds.LETTER_BARE).findings}
    assert {"callback.bare-call-me", "value.no-value", "callback.phone-once"} <= rules


def test_the_sales_lead_is_recognised_as_a_strength() -> None:
    findings = critique(seeds.SALES_LEAD).findings
    strengths = [f for f in findings if f.rule == "value.sales-lead"]
    assert len(strengths) == 1 and len(strengths[0].related) == 3
    assert "callback.bare-call-me" not in {f.rule for f in findings}


def test_the_half_message_is_exempt_from_saying_the_number_twice() -> None:
    rules = {f.rule for f in critique(seeds.HALF_MESSAGE).findings}
    assert "humor.half-message" in rules
    assert not rules & {"callback.phone-once", "length.short", "value.no-value"}
