"""Scoring, spans, context and the prefilter, checked as behaviour over many scripts."""

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seeds_path import seeds

from callworthy import Context, critique
from callworthy.critique import Level, RuleSet, default_rules
from callworthy.critique.model import SUBSCORE_MAX
from callworthy.critique.prefilter import superset_pattern
from callworthy.critique.weights import builtin_weights_path, learned, read_weights
from callworthy.errors import EmptyTextError, TextTooLongError
from callworthy.text import MAX_CHARS
from callworthy.text.fastre import re2_safe

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from corpus import corpus

CORPUS = corpus(300, seed=11)
WORDS = st.sampled_from(
    "we our I you your call me at 704-333-1112 three ways to keep loyal customers save money "
    "touch base . , ? Hi John this is Kim just um weather report competitors . . . "
    "interested lead tip I'll email them to you José café ’ naïve".split()
)


def check_accounting(text: str) -> None:
    result = critique(text)
    assert sum(result.subscores.values()) == result.score
    assert sum(f.points for f in result.findings) == result.score - 100
    for name, value in result.subscores.items():
        assert 0 <= value <= SUBSCORE_MAX[next(s for s in SUBSCORE_MAX if s.value == name)]
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert (f.points >= 0) if f.level is Level.STRENGTH else (f.points <= 0)


@pytest.mark.parametrize("text", CORPUS[:100])
def test_every_point_lost_is_explained_by_a_finding(text: str) -> None:
    check_accounting(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=80).map(" ".join))
def test_accounting_holds_for_any_script(text: str) -> None:
    check_accounting(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=80).map(" ".join))
def test_the_prefilter_never_changes_a_result(text: str) -> None:
    rules = default_rules()
    assert rules.prefilter is not None
    assert critique(text, rules=rules) == critique(text, rules=replace(rules, prefilter=None))


def test_the_prefilter_agrees_on_the_benchmark_corpus() -> None:
    rules = default_rules()
    plain = replace(rules, prefilter=None)
    for text in CORPUS:
        assert critique(text, rules=rules) == critique(text, rules=plain)


def test_non_ascii_text_is_critiqued_without_the_prefilter_and_still_correctly() -> None:
    text = "Hi José, we’re a leading provider. Call me at 704-333-1112."
    rules = {f.rule for f in critique(text).findings}
    assert {"pitch.about-us", "callback.bare-call-me"} <= rules


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_an_empty_script_is_refused(text: str) -> None:
    with pytest.raises(EmptyTextError, match="empty"):
        critique(text)


def test_a_script_over_the_cap_is_refused_with_the_fix() -> None:
    with pytest.raises(TextTooLongError, match="15-30 seconds") as caught:
        critique("word " * (MAX_CHARS // 5 + 1))
    assert caught.value.exit_code == 4


def test_a_script_at_the_cap_is_critiqued_quickly() -> None:
    text = ("We offer the best rates. " * 400)[:MAX_CHARS]
    result = critique(text)
    assert result.score < 40 and result.spoken_seconds > 45


def even(rules: RuleSet | None = None) -> RuleSet:
    """Return the rules with every finding worth 5 points, so mechanics do not hang on the fit."""
    rules = rules or default_rules()
    points = {r.id: 5 if r.level is Level.STRENGTH else -5 for r in rules.rules}
    return rules.with_weights(learned(points))


EVEN = even()


def test_findings_point_at_the_words_they_are_about() -> None:
    text = "Hi Lou, just following up. We are a leading provider. 704-333-1112."
    result = critique(text, rules=EVEN)
    spans = {f.rule: text[f.start : f.end] for f in result.findings}
    assert spans["pitch.checking-in"] == "just following up"
    assert spans["pitch.about-us"] == "We are a"


def test_one_finding_per_rule_lists_every_span() -> None:
    text = "Hi Lou, we offer copiers and we offer toner; our team is great. 704-333-1112."
    result = critique(text, rules=EVEN)
    about = [f for f in result.findings if f.rule == "pitch.about-us"]
    assert len(about) == 1
    said = [text[s:e] for s, e in about[0].related]
    assert said == ["we offer", "we offer", "our team"]
    assert (about[0].start, about[0].end) == about[0].related[0]
    assert about[0].title == "Your company's pitch"


def test_findings_are_ordered_by_points_lost_then_strengths() -> None:
    weights = {r.id: (-3 if r.level is not Level.STRENGTH else 4) for r in default_rules().rules}
    weights |= {"value.no-value": -20, "callback.bare-call-me": -9, "pitch.about-us": -14}
    rules = default_rules().with_weights(learned(weights))
    text = seeds.LETTER_BARE.replace("This is", "We offer copiers. This is")
    result = critique(text, rules=rules)
    points = [f.points for f in result.findings]
    assert points[:3] == [-20, -14, -9]
    losses = [p for p in points if p < 0]
    assert losses == sorted(losses) and all(p != 0 for p in points)
    assert sum(points) == result.score - 100


def test_a_strength_wins_back_only_what_was_lost_and_is_never_shown_at_0() -> None:
    clean = "Hi Lou, this is Kim, 704-333-1112. A client of mine needs a caterer; I'll connect you."
    rules = even()
    result = critique(clean + " Again, 704-333-1112.", rules=rules)
    assert result.score == 100 and not [f for f in result.findings if f.points == 0]
    lost = critique(clean, rules=rules)  # said once: 5 points lost, the lead wins them back
    strengths = [f for f in lost.findings if f.points > 0]
    assert lost.score == 100 and [f.rule for f in strengths] == ["offer.lead"]
    assert strengths[0].points == 5


def test_a_substitution_names_the_replacement() -> None:
    result = critique("Hi Lou, I'm reaching out about your lease. 704-333-1112.", rules=EVEN)
    finding = next(f for f in result.findings if f.rule == "pitch.sales-speak")
    assert 'Instead: "calling" — and say what is in it for them' in finding.fix


def test_length_findings_highlight_what_is_past_the_limit() -> None:
    result = critique(seeds.LETTER_LONG, rules=EVEN)
    finding = next(f for f in result.findings if f.rule == "length.long")
    assert finding.end == len(seeds.LETTER_LONG)
    assert 0 < finding.start < len(seeds.LETTER_LONG) * 0.8


def test_the_built_in_weights_are_the_learned_ones() -> None:
    rules = default_rules()
    learned_ids = {r.id for r in rules.rules if r.weight_from == "learned"}
    assert {"value.no-value", "callback.bare-call-me", "pitch.about-us"} <= learned_ids
    # the learned points, not a level default, move the score
    weights = read_weights(builtin_weights_path())
    assert rules.get("value.no-value").weight == -weights.points["value.no-value"] > 0


def test_the_context_checks_this_prospect_is_named_and_their_concerns() -> None:
    text = (
        "Hi Maria, there are three ways to fill late cancellations. I'll email them. 704-333-1112."
    )
    bare = {f.rule for f in critique(text, rules=EVEN).findings}
    assert "personal.no-concern" in bare and "personal.no-name" not in bare
    ctx = Context(prospect_name="John Smith", company="Harbor Dental", concerns=("cancellations",))
    with_ctx = {f.rule for f in critique(text, rules=EVEN, context=ctx).findings}
    assert "personal.no-name" in with_ctx and "personal.no-concern" not in with_ctx
    named = critique(text.replace("Maria", "John"), rules=EVEN, context=ctx)
    assert "personal.no-name" not in {f.rule for f in named.findings}


def test_a_tip_that_happens_to_save_money_is_not_a_savings_pitch() -> None:
    tip = critique("Hi Pat, there are five ways to save money on your copier. 704-333-1112.")
    pitch = critique("Hi Pat, we can save you money on your copier. 704-333-1112.")
    assert "value.money-saving" not in {f.rule for f in tip.findings}
    assert "value.money-saving" in {f.rule for f in pitch.findings}


def test_json_shape_has_the_documented_keys() -> None:
    data = critique(seeds.LETTER_LONG).to_dict()
    assert {"score", "subscores", "findings", "spoken_seconds", "phone_numbers"} <= set(data)
    assert {"rule", "principle", "level", "start", "end", "message", "fix", "title"} <= set(
        data["findings"][0]
    )
    data = critique(seeds.SALES_LEAD).to_dict()
    assert set(data["phone_numbers"][0]) >= {"number", "start", "end", "position"}
    assert data["phone_numbers"][0]["number"] == "+17043331112"


@pytest.mark.parametrize(
    ("pattern", "superset"),
    [
        (r"\bI'll (?:connect|introduce) you\b(?! to our)", r"\bi'll (?:connect|introduce) you\b"),
        (r"(?<!I'll )\bfollow up", r"\bfollow up"),
        (r"(?-i:\b(?!(?:He|She)\b)[A-Z][a-z]+) said", r"(?:\b[a-z][a-z]+) said"),
        (r"[(?!x]abc\(?!", r"[(?!x]abc\(?!"),
    ],
)
def test_the_prefilter_widens_what_re2_cannot_express(pattern: str, superset: str) -> None:
    assert superset_pattern(pattern) == superset


def test_curly_quotes_and_dashes_keep_the_prefilter_and_change_nothing() -> None:
    text = "Hi Lou — it’s Kim, 704-333-1112. We’re a leading provider… “Call me”."
    rules = default_rules()
    assert re2_safe(text.lower())
    assert critique(text, rules=rules) == critique(text, rules=replace(rules, prefilter=None))
    assert not re2_safe("café") and not re2_safe("a\u00a0b")
