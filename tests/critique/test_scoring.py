"""The score a rep sees, computed by hand for small team rule sets: caps, shares, sub-scores.

Each test loads only its own rules (no built-ins, no learned weights), so every figure
below is worked out in the comments from the rules' weights, never from the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import pytest

from callworthy import critique
from callworthy.critique import Level, RuleSet
from callworthy.critique.context import Context
from callworthy.critique.engine import apportion, examine
from callworthy.critique.kinds import Hit
from callworthy.critique.loader import RuleText, load_rules
from callworthy.text.analysis import Document


def rule(
    token: str,
    *,
    level: str = "warning",
    subscore: str = "value",
    weight: int = 5,
    max_points: int | None = None,
    message: str = '"{match}" cost you.',
) -> str:
    """Return a team rule's YAML that fires on one word."""
    cap = f"max_points: {max_points}\n" if max_points is not None else ""
    return (
        f"kind: existence\nprinciple: P3\nlevel: {level}\nsubscore: {subscore}\n"
        f"weight: {weight}\n{cap}message: '{message}'\nfix: Cut it.\ntokens: [{token}]\n"
        f"examples:\n  pass: ['Hello there.']\n  fail: ['Say {token} now.']\n"
    )


def team(**texts: str) -> RuleSet:
    """Return a rule set of only these rules, ids `t.<name>`."""
    return load_rules(
        builtin=False, extra=[RuleText(f"t.{name}", text, name) for name, text in texts.items()]
    )


def points(text: str, rules: RuleSet) -> dict[str, int]:
    return {f.rule: f.points for f in critique(text, rules=rules).findings}


@pytest.mark.parametrize(("weight", "cap", "lost"), [(30, 8, 8), (9, 8, 8), (8, 8, 8), (7, 8, 7)])
def test_a_rules_max_points_caps_what_its_finding_costs(weight: int, cap: int, lost: int) -> None:
    rules = team(alpha=rule("alpha", weight=weight, max_points=cap))
    result = critique("Say alpha now.", rules=rules)
    assert [(f.rule, f.points) for f in result.findings] == [("t.alpha", -lost)]
    assert result.score == 100 - lost


def test_max_points_caps_a_strength_too() -> None:
    # 20 lost; the strength is worth 25 but capped at 6: 80 + 6 = 86.
    rules = team(
        alpha=rule("alpha", weight=20),
        bravo=rule("bravo", level="strength", weight=25, max_points=6),
    )
    result = critique("Say alpha and bravo now.", rules=rules)
    assert points("Say alpha and bravo now.", rules) == {"t.alpha": -20, "t.bravo": 6}
    assert result.score == 86


def test_a_rule_worth_nothing_makes_no_finding_but_is_detected() -> None:
    rules = team(alpha=rule("alpha", weight=0), bravo=rule("bravo", weight=3))
    result, detections = examine("Say alpha and bravo now.", rules=rules)
    assert [f.rule for f in result.findings] == ["t.bravo"] and result.score == 97
    assert {d.rule for d in detections} == {"t.alpha", "t.bravo"}
    capped = team(alpha=rule("alpha", weight=9, max_points=0))
    assert critique("Say alpha now.", rules=capped).findings == ()


def test_problems_past_100_share_the_100_in_proportion() -> None:
    # 60 + 50 + 40 = 150 points of problems for 100 to lose: 40, 33.3, 26.7; the point
    # left over goes to the largest remainder (26.7 -> 27).
    rules = team(
        a=rule("alpha", weight=60), b=rule("bravo", weight=50), c=rule("charlie", weight=40)
    )
    result = critique("Say alpha, bravo and charlie now.", rules=rules)
    assert [f.points for f in result.findings] == [-40, -33, -27]
    assert result.score == 0 and set(result.subscores.values()) == {0}


def test_an_even_split_past_100_gives_the_spare_point_to_the_first_rule() -> None:
    # 3 x 50 for 100: 33.3 each, the spare point to the first in order (t.a).
    rules = team(
        a=rule("alpha", weight=50), b=rule("bravo", weight=50), c=rule("charlie", weight=50)
    )
    assert points("Say alpha, bravo and charlie now.", rules) == {
        "t.a": -34,
        "t.b": -33,
        "t.c": -33,
    }


def test_problems_of_exactly_100_are_charged_in_full() -> None:
    rules = team(a=rule("alpha", weight=60), b=rule("bravo", weight=40))
    result = critique("Say alpha and bravo now.", rules=rules)
    assert [f.points for f in result.findings] == [-60, -40] and result.score == 0


@pytest.mark.parametrize(
    ("total", "shares", "split"),
    [(100, [60, 40], [60, 40]), (100, [60, 41], [59, 41]), (10, [15, 5], [8, 2]),
     (10, [5, 15], [3, 7]), (2, [1, 1, 1], [1, 1, 0]), (7, [1, 1, 1], [1, 1, 1]),
     (0, [4, 4], [0, 0])],
)  # fmt: skip
def test_apportion_splits_by_largest_remainder(
    total: int, shares: list[int], split: list[int]
) -> None:
    # (100, [60, 41]): 59.41 and 40.59 -> 59 and 40, the spare point to 40.59; a tie in
    # the remainders goes to the earlier share; shares within the total are kept.
    assert apportion(total, shares) == split


def test_strengths_win_back_only_what_was_lost_in_proportion() -> None:
    # 10 lost; strengths worth 15 and 5 share the 10: 7.5 and 2.5, the tie to the bigger.
    rules = team(
        a=rule("alpha", weight=10),
        b=rule("bravo", level="strength", weight=15),
        c=rule("charlie", level="strength", weight=5),
    )
    result = critique("Say alpha, bravo and charlie now.", rules=rules)
    assert [(f.rule, f.points) for f in result.findings] == [
        ("t.a", -10),
        ("t.b", 8),
        ("t.c", 2),
    ]
    assert result.score == 100


def test_a_strength_with_nothing_lost_makes_no_finding() -> None:
    rules = team(b=rule("bravo", level="strength", weight=15))
    result, detections = examine("Say bravo now.", rules=rules)
    assert result.findings == () and result.score == 100
    assert [d.rule for d in detections] == ["t.b"]


def test_a_loss_is_charged_to_its_own_sub_score_first_then_the_fullest() -> None:
    # Brevity holds 15: a 20-point brevity problem empties it and takes 5 more from the
    # fullest (prospect focus and value hold 25: the first of them in order pays).
    rules = team(a=rule("alpha", subscore="brevity", weight=20))
    result = critique("Say alpha now.", rules=rules)
    assert result.subscores == {
        "prospect_focus": 20, "value": 25, "brevity": 0, "callback": 20, "differentiation": 15,
    }  # fmt: skip
    assert result.score == 80


def test_a_win_goes_to_its_own_sub_score_first_then_the_emptiest() -> None:
    # 30 lost from callback (20) and then prospect focus (10); a 25-point callback strength
    # refills callback to 20 and then the emptiest other, prospect focus, by 5.
    rules = team(
        a=rule("alpha", subscore="callback", weight=30),
        b=rule("bravo", level="strength", subscore="callback", weight=25),
    )
    result = critique("Say alpha and bravo now.", rules=rules)
    assert result.subscores == {
        "prospect_focus": 20, "value": 25, "brevity": 15, "callback": 20, "differentiation": 15,
    }  # fmt: skip
    assert result.score == 95


def test_a_small_loss_stays_in_its_own_sub_score() -> None:
    rules = team(a=rule("alpha", subscore="differentiation", weight=4))
    subscores = critique("Say alpha now.", rules=rules).subscores
    assert subscores["differentiation"] == 11 and subscores["prospect_focus"] == 25


def test_findings_come_biggest_loss_first_then_strengths_then_by_place() -> None:
    rules = team(
        a=rule("alpha", weight=3),
        b=rule("bravo", weight=9),
        c=rule("charlie", weight=3),
        d=rule("delta", level="strength", weight=2),
        e=rule("echo", level="strength", weight=5),
    )
    text = "Say charlie, delta, echo, alpha and bravo now."
    order = [(f.rule, f.points) for f in critique(text, rules=rules).findings]
    # Equal losses: the earlier in the script first (charlie before alpha).
    assert order == [("t.b", -9), ("t.c", -3), ("t.a", -3), ("t.e", 5), ("t.d", 2)]


def test_a_rule_that_fires_twice_is_one_finding_listing_both_spans() -> None:
    rules = team(a=rule("alpha", weight=4))
    text = "Say alpha, then alpha again."
    (finding,) = critique(text, rules=rules).findings
    assert finding.points == -4
    assert [text[s:e] for s, e in finding.related] == ["alpha", "alpha"]
    assert (finding.start, finding.end) == finding.related[0]
    assert finding.message == '"alpha" cost you.' and finding.fix == "Cut it."
    assert (finding.level, finding.subscore, finding.principle) == (Level.WARNING, "value", "P3")
    (once,) = critique("Say alpha now.", rules=rules).findings
    assert (
        once.related == ()
        and "related" not in critique("Say alpha now.", rules=rules).to_dict()["findings"][0]
    )


def test_the_critique_names_the_rules_version_it_was_scored_with() -> None:
    four, five = team(a=rule("alpha", weight=4)), team(a=rule("alpha", weight=5))
    first = critique("Say alpha now.", rules=four)
    assert first.rules_version == four.version != five.version
    assert critique("Say alpha now.", rules=five).rules_version == five.version
    assert first.to_dict()["rules_version"] == four.version


def test_unless_silences_a_rule_and_a_silenced_rule_still_silences_others() -> None:
    # b is silenced by a, c by b: a silenced b still silences c (its firing counts).
    rules = team(
        a=rule("alpha", weight=3),
        b=rule("bravo", weight=5) + "unless: [t.a]\n",
        c=rule("charlie", weight=7) + "unless: [t.b]\n",
    )
    # The same with the prefilter off, which then checks every rule's words itself.
    for checked in (rules, replace(rules, prefilter=None)):
        assert points("Say alpha, bravo and charlie now.", checked) == {"t.a": -3}
        assert points("Say bravo and charlie now.", checked) == {"t.b": -5}
        assert points("Say alpha and charlie now.", checked) == {"t.a": -3, "t.c": -7}
        assert points("Say charlie now.", checked) == {"t.c": -7}


def test_the_critique_lists_its_phone_numbers_where_they_are_said() -> None:
    rules = team(a=rule("alpha", weight=3))
    text = "Call 704-333-1112 today, or say seven oh four, five five five, oh one nine nine."
    result = critique(text, rules=rules)
    written, spoken = result.phone_numbers
    assert (written.number, text[written.start : written.end]) == ("+17043331112", "704-333-1112")
    assert (written.spoken, spoken.spoken) == (False, True)
    assert spoken.number == "+17045550199"
    assert 0.0 < written.position < spoken.position < 1.0
    assert result.to_dict()["phone_numbers"][1]["spoken"] is True


def test_the_critique_counts_the_words_as_said() -> None:
    rules = team(a=rule("alpha", weight=3))
    # Three words; "$5" is said "five dollars", so "Say $5 now." is four.
    assert critique("Say alpha now.", rules=rules).word_count == 3
    assert critique("Say $5 now.", rules=rules).word_count == 4
    assert critique("Say alpha now.", rules=rules).text == "Say alpha now."


def _alpha_check(doc: Document, ctx: Context, options: Mapping[str, object]) -> list[Hit]:
    """Fire on "alpha", giving {match} but never {detail}."""
    at = doc.text.find("alpha")
    return [] if at < 0 else [Hit(at, at + 5, {"match": "alpha"})]


def test_a_placeholder_a_custom_check_leaves_out_is_shown_as_written() -> None:
    text = (
        "kind: custom\nfunction: alpha_check\nprinciple: P3\nlevel: warning\nsubscore: value\n"
        "weight: 4\nmessage: '{match}: {detail}'\nfix: 'Cut {match}.'\n"
        "examples:\n  pass: ['Hello there.']\n  fail: ['Say alpha now.']\n"
    )
    rules = load_rules(
        builtin=False, custom={"alpha_check": _alpha_check}, extra=[RuleText("t.a", text, "a")]
    )
    (finding,) = critique("Say alpha now.", rules=rules).findings
    assert (finding.message, finding.fix, finding.points) == ("alpha: {detail}", "Cut alpha.", -4)


def _related_check(doc: Document, ctx: Context, options: Mapping[str, object]) -> list[Hit]:
    """Fire once on "alpha", pointing also at "bravo" (one hit with a related span)."""
    at, other = doc.text.find("alpha"), doc.text.find("bravo")
    return (
        [] if at < 0 or other < 0 else [Hit(at, at + 5, {"match": "alpha"}, ((other, other + 5),))]
    )


def test_one_hit_with_a_related_span_lists_both() -> None:
    text = (
        "kind: custom\nfunction: related_check\nprinciple: P3\nlevel: warning\nsubscore: value\n"
        "weight: 4\nmessage: '{match}'\nfix: Cut it.\n"
        "examples:\n  pass: ['Hello there.']\n  fail: ['Say alpha and bravo now.']\n"
    )
    rules = load_rules(
        builtin=False, custom={"related_check": _related_check}, extra=[RuleText("t.a", text, "a")]
    )
    script = "Say alpha and bravo now."
    (finding,) = critique(script, rules=rules).findings
    assert [script[s:e] for s, e in finding.related] == ["alpha", "bravo"]


def test_examine_reads_the_script_as_critique_does_with_every_detection() -> None:
    text = "Hi, this is Kim. We offer copiers; call me at 704-333-1112."
    result, detections = examine(text)
    assert result == critique(text)
    assert result.phone_numbers[0].number == "+17043331112"
    about = next(d for d in detections if d.rule == "pitch.about-us")
    assert about.level is Level.WARNING
    assert [text[s:e] for s, e in about.spans] == ["We offer"]
    (gb,) = examine("Hi Lou, ring me on 020 7946 0018 today.", region="GB")[0].phone_numbers
    assert gb.number == "+442079460018"


def test_examine_uses_what_is_known_of_the_prospect() -> None:
    text = "Hi Maria, there are three ways to fill late cancellations. 704-333-1112."
    ctx = Context(prospect_name="John Smith", company="Harbor Dental")
    bare = {d.rule for d in examine(text)[1]}
    known = {d.rule for d in examine(text, context=ctx)[1]}
    assert "personal.no-name" not in bare and "personal.no-name" in known


def test_spare_points_past_100_go_to_the_biggest_problems_first() -> None:
    # 100 + 100 + 40 = 240 for 100: 41.7, 41.7 and 16.7; the two spare points go to the
    # first in order, the two biggest.
    rules = team(
        a=rule("alpha", weight=40), b=rule("bravo", weight=100), c=rule("charlie", weight=100)
    )
    assert points("Say alpha, bravo and charlie now.", rules) == {
        "t.a": -16,
        "t.b": -42,
        "t.c": -42,
    }


def test_a_strength_worth_one_point_is_listed_with_the_strengths() -> None:
    rules = team(
        a=rule("alpha", weight=10),
        b=rule("bravo", level="strength", weight=1),
        c=rule("charlie", level="strength", weight=3),
        d=rule("delta", weight=2),
    )
    order = [
        (f.rule, f.points)
        for f in critique("Say bravo, alpha, delta, charlie.", rules=rules).findings
    ]
    assert order == [("t.a", -10), ("t.d", -2), ("t.c", 3), ("t.b", 1)]


def test_an_empty_rule_set_is_used_as_given_not_replaced_by_the_built_ins() -> None:
    """A RuleSet with no rule has a length of 0, so `rules or default_rules()` took the
    built-in rules for it; a team that switched every rule off got them back."""
    empty = RuleSet((), "empty")
    result = critique("Hi, it's Joe. Call me back.", rules=empty)
    assert result.findings == () and result.score == 100
    assert result.rules_version == "empty"
