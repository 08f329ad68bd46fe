"""Each kind of rule, loaded from a team's text: where it fires, what its message says, and not.

Every rule here is a team rule built in the test (no built-ins, no learned weights), so
each finding below follows from the rule's own words.
"""

from __future__ import annotations

import re

import pytest

from callworthy import critique
from callworthy.critique import RuleSet
from callworthy.critique.context import Context
from callworthy.critique.loader import RuleText, load_rules
from callworthy.text.analysis import analyse

TAIL = """\
principle: P3
level: warning
subscore: value
weight: 5
fix: Cut it.
examples:
  pass: ['Hello there.']
  fail: ['Say it now.']
"""


def one(head: str) -> RuleSet:
    """Return a rule set of one team rule, `t.r`, of this kind and matcher."""
    return load_rules(builtin=False, extra=[RuleText("t.r", head + TAIL, "t")])


def found(text: str, head: str) -> list[tuple[str, int, int, tuple[tuple[int, int], ...]]]:
    """Return (message, start, end, related) of each finding of the rule on the text."""
    return [
        (f.message, f.start, f.end, f.related)
        for f in critique(text, rules=one(head)).findings
        if f.rule == "t.r"
    ]


SUBSTITUTION = "kind: substitution\nswap: {'touch base': call, 'circle back': write}\n"
SUBSTITUTION += "message: 'Say {replacement}, not {match}.'\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("I will Touch  base.", "Say call, not Touch  base."),  # case and spaces as said
        ("Let me circle back.", "Say write, not circle back."),
    ],
)
def test_a_substitution_names_the_replacement_of_the_phrase_as_said(
    text: str, message: str
) -> None:
    [(said, start, end, _)] = found(text, SUBSTITUTION)
    assert said == message and text[start:end] in message


def test_a_substitution_said_twice_is_one_finding_at_the_first() -> None:
    text = "I will Touch  base and circle back."
    assert found(text, SUBSTITUTION) == [("Say call, not Touch  base.", 7, 18, ((7, 18), (23, 34)))]


OCCURRENCE = (
    "kind: occurrence\ntokens: [we]\nmax: 2\nmessage: '{match} x{count} (at most {limit})'\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We did. We can.", []),  # at the limit: nothing
        ("We did. We can. We will.", [("We x3 (at most 2)", 16, 18)]),  # the first past it
    ],
)
def test_an_occurrence_above_max_points_at_the_first_one_past_it(
    text: str, expected: list[tuple[str, int, int]]
) -> None:
    hits = found(text, OCCURRENCE)
    assert [(m, s, e) for m, s, e, _ in hits] == expected
    if hits:
        assert hits[0][3] == ((0, 2), (8, 10), (16, 18))


OCCURRENCE_MIN = (
    "kind: occurrence\ntokens: [you]\nmin: 2\nmessage: 'you x{count} (at least {limit})'\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You can. You will.", []),
        ("You can.", ["you x1 (at least 2)"]),
        ("Hi.", ["you x0 (at least 2)"]),
    ],
)
def test_an_occurrence_below_min_flags_the_whole_message(text: str, expected: list[str]) -> None:
    hits = found(text, OCCURRENCE_MIN)
    assert [m for m, *_ in hits] == expected
    assert all((s, e) == (0, len(text)) for _, s, e, _ in hits)


RATIO = (
    "kind: ratio\nnumerator:\n  tokens: [we]\ndenominator:\n  tokens: [you]\nmax: 1\n"
    "min_count: 2\nmessage: 'we {numerator} to you {denominator}'\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We can.", []),  # fewer than min_count
        ("We can. We will. You too. You also.", []),  # exactly max times: not more
        ("We can. We will. You too.", [("we 2 to you 1", 0, 2, ((0, 2), (8, 10)))]),
        ("We can. We will.", [("we 2 to you 0", 0, 2, ((0, 2), (8, 10)))]),
    ],
)
def test_a_ratio_fires_above_max_once_min_count_is_reached(
    text: str, expected: list[tuple[str, int, int, tuple[tuple[int, int], ...]]]
) -> None:
    assert found(text, RATIO) == expected


CONDITIONAL = "kind: conditional\nif:\n  tokens: [call me]\nthen:\n  patterns: ['\\d{3}']\n"
CONDITIONAL += "message: '{match} without a number'\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi Lou.", []),  # no trigger
        ("Call me at 704.", []),  # the requirement is there
        ("Call me. Or call me.", [("Call me without a number", 0, 7, ((0, 7), (12, 19)))]),
    ],
)
def test_a_conditional_fires_at_its_trigger_when_the_requirement_is_missing(
    text: str, expected: list[tuple[str, int, int, tuple[tuple[int, int], ...]]]
) -> None:
    assert found(text, CONDITIONAL) == expected


ALWAYS = "kind: conditional\nthen:\n  tokens: [thanks]\nmessage: 'No thanks.'\n"


@pytest.mark.parametrize(("text", "fires"), [("Hi Lou.", True), ("Hi Lou, thanks.", False)])
def test_a_conditional_without_a_trigger_checks_every_message(text: str, fires: bool) -> None:
    assert found(text, ALWAYS) == ([("No thanks.", 0, len(text), ())] if fires else [])


EXCEPTIONS = (
    "kind: existence\ntokens: [solid]\nexceptions:\n  tokens: [solid ground]\nmessage: '{match}'\n"
)


def test_an_exception_around_a_match_spares_only_that_match() -> None:
    text = "On solid ground, we are solid."
    assert found(text, EXCEPTIONS) == [("solid", 24, 29, ())]


LONG = "Hi Lou, this is Sam from Acme with a short note about your drivers and routes today."
FORBID = "kind: position\ntokens: [acme]\nwithin: [0.0, 0.5]\nmessage: '{match} too early'\n"
REQUIRE = "kind: position\ntokens: [drivers]\nwithin: [0.5, 1.0]\nmode: require\n"
REQUIRE += "message: 'No drivers late.'\n"


def test_a_position_rule_forbids_a_phrase_only_inside_its_window() -> None:
    assert found(LONG, FORBID) == [("Acme too early", 25, 29, ())]
    late = LONG.replace("Acme", "a firm").replace("routes", "Acme")
    assert found(late, FORBID) == []


def test_a_required_phrase_missing_from_its_window_flags_the_window() -> None:
    assert found(LONG, REQUIRE) == []
    early = "Drivers, " + LONG.replace("drivers", "vans")
    [(message, start, end, _)] = found(early, REQUIRE)
    assert message == "No drivers late." and 0 < start < end == len(early)


METRIC = (
    "kind: metric\nmetric: phone_count\nmax: 1.5\nmessage: '{value} numbers, at most {limit}'\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call 704-333-1112.", []),
        ("Call 704-333-1112 or 704-333-1113.", ["2 numbers, at most 1.5"]),
    ],
)
def test_a_metric_rule_fires_past_its_bound_with_the_value(text: str, expected: list[str]) -> None:
    assert [m for m, *_ in found(text, METRIC)] == expected


@pytest.mark.parametrize(("window", "phrase"), [((0.0, 0.5), "routes"), ((0.25, 0.75), "Hi")])
def test_a_required_phrase_missing_flags_exactly_its_window(
    window: tuple[float, float], phrase: str
) -> None:
    rule = REQUIRE.replace("[0.5, 1.0]", f"[{window[0]}, {window[1]}]").replace("drivers", phrase)
    doc = analyse(LONG)
    start, end = (doc.offset_at(w * doc.spoken_seconds) for w in window)
    assert found(LONG, rule) == [(f"No {phrase} late.", start, end, ())]
    assert 0 <= start < end < len(LONG)


def test_a_required_phrase_absent_from_the_whole_message_is_flagged() -> None:
    text = LONG.replace("drivers", "vans")
    assert [m for m, *_ in found(text, REQUIRE)] == ["No drivers late."]


CASED = "kind: existence\ntokens: [ACME]\ncase_sensitive: true\nmessage: '{match}'\n"


def test_a_case_sensitive_rule_fires_only_on_the_case_it_names() -> None:
    assert found("We are ACME.", CASED) == [("ACME", 7, 11, ())]
    assert found("We are acme.", CASED) == []


NAMED = "kind: existence\ntokens: [zzz]\ncontext: [company]\nmessage: '{match}'\n"


def test_a_rule_matching_the_context_finds_the_prospects_company() -> None:
    rules = one(NAMED)
    result = critique(
        "Hi, a note for Harvey Vans.", rules=rules, context=Context(company="Harvey Vans")
    )
    assert [(f.message, f.start, f.end) for f in result.findings] == [("Harvey Vans", 15, 26)]
    assert critique("Hi, a note for Harvey Vans.", rules=rules).findings == ()


SWAP_CURLY = "kind: substitution\nswap: {'don’t wait': act}\nmessage: '{replacement}'\n"


def test_a_substitution_typed_with_a_curly_apostrophe_matches_a_straight_one() -> None:
    assert [m for m, *_ in found("Please don't wait.", SWAP_CURLY)] == ["act"]


RE2_ONLY = "kind: existence\npatterns: ['\\pN{3}']\nmessage: '{match}'\n"


def test_a_team_pattern_runs_in_re2_with_its_syntax() -> None:
    # `\pN` (any digit) is RE2's; Python's `re` refuses it.
    assert found("Call 704 now.", RE2_ONLY) == [("704", 5, 8, ())]


SWAP_CASED = (
    "kind: substitution\nswap: {ASAP: soon}\ncase_sensitive: true\nmessage: '{replacement}'\n"
)


def test_a_case_sensitive_substitution_fires_only_on_the_case_it_names() -> None:
    assert [m for m, *_ in found("Call me ASAP.", SWAP_CASED)] == ["soon"]
    assert found("Call me asap.", SWAP_CASED) == []


@pytest.mark.parametrize(
    ("phrase", "fires"),
    [
        ("Hi Lou", True),  # said at the very start: inside [0, 0.5]
        ("a short note about", True),  # starts inside, ends outside: where it starts counts
        ("note about your", False),  # starts past the window
    ],
)
def test_a_forbidden_phrase_counts_where_it_starts(phrase: str, fires: bool) -> None:
    rule = FORBID.replace("tokens: [acme]", f"tokens: [{phrase}]")
    doc = analyse(LONG)
    start = LONG.index(phrase)
    assert (doc.position(start) <= 0.5) is fires
    assert [(s, e) for _, s, e, _ in found(LONG, rule)] == (
        [(start, start + len(phrase))] if fires else []
    )


@pytest.mark.parametrize("edge", ["start", "end"])
def test_a_forbidden_phrase_starting_exactly_on_a_window_edge_is_inside(edge: str) -> None:
    at = analyse(LONG).position(LONG.index("Acme"))
    assert 0 < at < 1
    window = f"[{at}, 1.0]" if edge == "start" else f"[0.0, {at}]"
    assert found(LONG, FORBID.replace("[0.0, 0.5]", window)) == [("Acme too early", 25, 29, ())]


def test_a_required_phrase_missing_from_a_sliver_of_a_window_flags_one_character() -> None:
    rule = REQUIRE.replace("[0.5, 1.0]", "[0.5, 0.501]")
    doc = analyse(LONG)
    start = doc.offset_at(0.5 * doc.spoken_seconds)
    assert doc.offset_at(0.501 * doc.spoken_seconds) == start  # the window maps to no text
    assert found(LONG, rule) == [("No drivers late.", start, start + 1, ())]


def test_a_whole_message_finding_shows_no_match_text() -> None:
    rule = OCCURRENCE_MIN.replace("'you x{count}", "'[{match}] x{count}")
    assert [m for m, *_ in found("You can.", rule)] == ["[] x1 (at least 2)"]
    early = "Drivers, " + LONG.replace("drivers", "vans")
    require = REQUIRE.replace("'No drivers late.'", "'No drivers late [{match}].'")
    assert [m for m, *_ in found(early, require)] == ["No drivers late []."]


METRIC_MIN = (
    "kind: metric\nmetric: phone_count\nmin: 1.5\nmessage: '{value} numbers, at least {limit}'\n"
)


def test_a_metric_rule_fires_below_its_minimum_with_the_value() -> None:
    assert [m for m, *_ in found("Call 704-333-1112.", METRIC_MIN)] == ["1 numbers, at least 1.5"]
    assert found("Call 704-333-1112 or 704-333-1113.", METRIC_MIN) == []


@pytest.mark.parametrize(
    ("bounds", "metric", "text", "expected"),
    [
        # A whole bound reads as written in the rule file: "1", never "1.0".
        ("max: 1", "phone_count", "Call 704-333-1112 or 704-333-1113.", "2 past 1"),
        ("min: 2", "phone_count", "Call 704-333-1112.", "1 past 2"),
        ("max: 1.25", "phone_count", "Call 704-333-1112 or 704-333-1113.", "2 past 1.25"),
        # A number said first is at 0.0 of the message: shown "0".
        ("min: 0.5", "first_phone_position", "704-333-1112 is Kim's number.", "0 past 0.5"),
    ],
)
def test_a_metric_message_shows_its_figures_as_a_person_writes_them(
    bounds: str, metric: str, text: str, expected: str
) -> None:
    head = f"kind: metric\nmetric: {metric}\n{bounds}\nmessage: '{{value}} past {{limit}}'\n"
    assert [m for m, *_ in found(text, head)] == [expected]


@pytest.mark.parametrize("text", ["Hi, 704-333-1112.", "Hi Lou, it is Kim at 704-333-1112."])
def test_a_measured_figure_shows_at_most_two_decimals(text: str) -> None:
    head = "kind: metric\nmetric: first_phone_position\nmax: 0\nmessage: '{value} past {limit}'\n"
    [(message, *_)] = found(text, head)
    value = message.removesuffix(" past 0")
    assert re.fullmatch(r"0\.\d?[1-9]", value), message  # a fraction: no ".0", no third decimal


def test_the_json_of_a_finding_keeps_a_zero_start_and_lists_related_spans_only_when_several() -> (
    None
):
    rules = one(OCCURRENCE)
    [single] = critique("We did.", rules=one(EXCEPTIONS.replace("solid]", "we]"))).to_dict()[
        "findings"
    ]
    assert (single["start"], single["end"]) == (0, 2) and "related" not in single
    [several] = critique("We did. We can. We will.", rules=rules).to_dict()["findings"]
    assert several["related"] == ((0, 2), (8, 10), (16, 18))
