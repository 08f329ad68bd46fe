"""The RE2 prefilter rules out only scans that cannot match, and every one of those.

A scan it wrongly rules out, or a scan it wrongly "confirms", is a finding the rep
loses or gets for nothing; a scan it fails to rule out only costs time. So each
test below builds the prefilter inside the test (the built-in rules are loaded once
and cached, before a mutation-testing run forks) and checks both: the critique a rep
sees is the one Python's `re` gives with the prefilter off, and the verdict is
exactly what the prefilter promises.
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from callworthy import critique
from callworthy.critique import RuleSet, load_rules
from callworthy.critique.loader import RuleText
from callworthy.critique.patterns import Scan
from callworthy.critique.prefilter import UNSAFE, Prefilter, Verdict, superset_pattern
from callworthy.text import analyse
from callworthy.text.fastre import re2_safe

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from corpus import corpus

THIN = "\u2009"  # a thin space: `re` reads it as a space, RE2 does not
#: Scripts RE2 may judge: plain ASCII, typographic marks typed plain, and a low-9 quote
#: (U+201A), which keeps the text off the ASCII view but is still safe for RE2.
SAFE = [
    *corpus(60, seed=23),
    "Hi Lou — it’s Kim, 704-333-1112. We’re a leading provider… “Call me”.",
    "Hi Lou, it‚s Kim. We are a leading provider of managed print services. Call me.",
]
#: The built-ins' own failing examples, each with its spaces made thin: `re` still finds
#: every phrase in them, RE2 finds none of the multi-word ones.
THIN_SCRIPTS = {
    "pitch.about-us": "We are a leading provider of managed print services.",
    "value.money-saving": "We can save you money on your phone bill.",
    "pitch.introduce-myself": "Hi, this is Tom and I just wanted to introduce myself.",
    "pitch.sales-speak": "I'm reaching out to see if you have a minute.",
}


def fresh_rules(*extra: RuleText) -> RuleSet:
    """Load the built-ins (and any team rules) now, so their prefilter is built in the test."""
    rules = load_rules(extra=extra)
    assert rules.prefilter is not None
    return rules


def fired(text: str, rules: RuleSet) -> set[str]:
    """Return the ids of the rules a critique of the text reports."""
    return {f.rule for f in critique(text, rules=rules).findings}


def scans_of(rules: RuleSet) -> list[Scan]:
    """Return every scan the loader gives the prefilter, in its order."""
    return [scan for rule in rules.rules for terms in rule.checker.terms() for scan in terms.fast]


# --- superset_pattern: the widened pattern RE2 checks -----------------------------------


@pytest.mark.parametrize(
    ("pattern", "superset"),
    [
        (r"a(?!\))b", r"ab"),  # an escaped ")" does not close the look-ahead
        (r"(?![)]x)y", r"y"),  # nor does a ")" inside a class
        (r"(?![]x)]z)y", r"y"),  # a "]" first in a class is a literal, not its end
        (r"(?![^]x)]z)y", r"y"),
        (r"(?![]])y", r"y"),  # a class of one "]": its second "]" closes it
        (r"[]](?=a)b", r"[]]b"),
        (r"(?!(?:a|b)c)d", r"d"),  # a look-ahead ends at its own ")", not a nested one
        (r"[a(?=b)]c", r"[a(?=b)]c"),  # "(?=" inside a class is no look-ahead
        (r"[](?=a)]b", r"[](?=a)]b"),
        (r"[^](?!a)]b", r"[^](?!a)]b"),
        (r"(?s)a.B", r"(?s)a.b"),  # a global flag without a colon is kept
        (r"(?s).", r"(?s)."),
        (r"(?s)", r"(?s)"),
        (r"to: (?i:Bob)", r"to: (?:bob)"),  # the flag group's own colon, not an earlier one
        (r"ab(?i:C)d", r"ab(?:c)d"),
        (r"(?-i:X)y(?i:Z)", r"(?:x)y(?:z)"),
        (r"(?ix:A b)", r"(?:a b)"),
        (r"(?P<word>Ab):c", r"(?P<word>ab):c"),  # a named group is no flag group, and keeps its (?P
        (r"(?#Note: Hi)x", r"(?#note: hi)x"),  # nor is a comment
        (r"(?#i: x)y", r"(?#i: x)y"),  # even one that starts like a flag
        (r"(?:Ab)|\D", r"(?:ab)|\D"),  # escapes keep their case
    ],
)
def test_the_superset_drops_look_arounds_and_case_flags_only(pattern: str, superset: str) -> None:
    assert superset_pattern(pattern) == superset


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"[](?=a)]b", "(b"),
        (r"[^](?!a)]b", "xb"),
        (r"(?i:Call) me(?! later)", "CALL me"),
        (r"\bfollow(?<!un)", "follow"),
    ],
)
def test_whatever_a_pattern_matches_its_superset_matches(pattern: str, text: str) -> None:
    assert re.search(pattern, text, re.IGNORECASE)
    assert re.search(superset_pattern(pattern), text.lower())


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        (r"a(?=b", "unbalanced group in 'a(?=b'"),
        (r"(?!x[)]", "unbalanced group in '(?!x[)]'"),
        (r"\x41b", r"cannot lower-case '\\x41b'"),
    ],
)
def test_a_pattern_with_no_superset_says_why(pattern: str, problem: str) -> None:
    with pytest.raises(ValueError, match=re.escape(problem) + "$"):
        superset_pattern(pattern)


# --- Prefilter.build and verdict on scans of the test's own ----------------------------

ZEBRA = Scan(r"\bzebra\b", 0, True)  # exact: its superset is itself
YAK = Scan(r"\byak\b(?! milk)", 0, True)  # a look-ahead: RE2 checks a wider pattern
OK_CASED = Scan(r"\bok\b", 0, False)  # case-sensitive, on the original text
TEAM = Scan(r"zebra", 0, False, linear=True)  # a team's RE2 pattern: never in the set
BACKREF = Scan(r"(\w)\1", 0, True)  # RE2 cannot express a backreference at all


def test_the_set_holds_every_scan_re2_can_widen_whatever_comes_before_it() -> None:
    prefilter = Prefilter.build([TEAM, BACKREF, ZEBRA, TEAM, BACKREF, YAK, OK_CASED])
    assert prefilter is not None
    assert prefilter.scan_ids == (id(ZEBRA), id(YAK), id(OK_CASED))
    assert prefilter.all_ids == {id(ZEBRA), id(YAK), id(OK_CASED)}
    assert prefilter.exact == {id(ZEBRA)}


@pytest.mark.parametrize(
    ("text", "ruled_out", "confirmed"),
    [
        ("a zebra and a yak", {OK_CASED}, {ZEBRA}),
        ("a yak milk farm", {ZEBRA, OK_CASED}, set()),  # the set sees "yak"; `re` must judge
        ("OK, a zebra", {YAK}, {ZEBRA}),  # "ok" is there lower-cased only: `re` must judge
        ("ok", {ZEBRA, YAK}, set()),
        ("nothing here", {ZEBRA, YAK, OK_CASED}, set()),
    ],
)
def test_the_verdict_rules_out_what_cannot_match_and_confirms_only_sure_matches(
    text: str, ruled_out: set[Scan], confirmed: set[Scan]
) -> None:
    prefilter = Prefilter.build([TEAM, BACKREF, ZEBRA, YAK, OK_CASED])
    assert prefilter is not None
    lower = text.lower()
    verdict = prefilter.verdict(lower, lower.encode())
    assert verdict == Verdict(
        frozenset(id(s) for s in ruled_out), frozenset(id(s) for s in confirmed), lower.encode()
    )
    assert prefilter.verdict(lower) == verdict._replace(ascii=None)  # the same from the str


def test_a_scan_re2_cannot_express_is_left_out_and_always_runs() -> None:
    prefilter = Prefilter.build([BACKREF, ZEBRA])
    assert prefilter is not None and prefilter.all_ids == {id(ZEBRA)}
    assert id(BACKREF) not in prefilter.verdict("nothing here").ruled_out


def test_nothing_to_gain_gives_no_prefilter() -> None:
    assert Prefilter.build([]) is None
    assert Prefilter.build([TEAM, BACKREF]) is None


@pytest.mark.parametrize("text", ["café zebra", "zebra\u00a0yak", "a zebra\u2009yak"])
def test_text_re2_may_misread_gets_no_verdict_every_scan_runs(text: str) -> None:
    prefilter = Prefilter.build([ZEBRA, YAK])
    assert prefilter is not None and not re2_safe(text)
    assert prefilter.verdict(text) == UNSAFE
    assert prefilter.verdict(None) == UNSAFE  # no lower-cased text (its offsets shift)


# --- The verdict on the built-in rules: checked against Python's `re` --------------------


def test_the_built_ins_verdict_is_exactly_what_re_finds_on_many_scripts() -> None:
    rules = fresh_rules()
    prefilter = rules.prefilter
    assert prefilter is not None
    scans = {id(scan): scan for scan in scans_of(rules)}
    assert set(prefilter.all_ids) == set(scans)  # the built-ins are all in the set
    assert len(prefilter.exact) >= len(scans) // 2
    for text in SAFE:
        doc = analyse(text)
        assert doc.lower is not None and re2_safe(doc.lower)
        verdict = prefilter.verdict(doc.lower, doc.ascii)
        assert verdict.ascii == doc.ascii
        for key, scan in scans.items():
            found = re.search(scan.source, doc.lower, scan.flags) is not None
            widened = re.search(superset_pattern(scan.source), doc.lower) is not None
            # Ruled out exactly when even the widened pattern finds nothing ...
            assert (key in verdict.ruled_out) is (not widened), (scan.source, text)
            # ... and confirmed exactly when the scan itself, unwidened, matches.
            assert (key in verdict.confirmed) is (key in prefilter.exact and found), scan.source
            assert found <= widened


def test_a_script_off_the_ascii_view_still_has_scans_ruled_out() -> None:
    doc = analyse(SAFE[-1])
    assert doc.ascii is None and doc.lower is not None  # U+201A has no typewriter twin
    prefilter = fresh_rules().prefilter
    assert prefilter is not None
    verdict = prefilter.verdict(doc.lower, doc.ascii)
    plain = analyse(SAFE[-1].replace("\u201a", "'"))  # the same script typed plain
    assert plain.ascii is not None
    assert verdict == prefilter.verdict(plain.lower, plain.ascii)._replace(ascii=None)
    assert len(verdict.ruled_out) > len(prefilter.all_ids) // 2


# --- What a rep sees: no finding lost or gained -----------------------------------------


@pytest.mark.parametrize("text", SAFE)
def test_a_prefilter_built_now_changes_no_critique(text: str) -> None:
    rules = fresh_rules()
    assert critique(text, rules=rules) == critique(text, rules=replace(rules, prefilter=None))


@pytest.mark.parametrize(("rule", "script"), sorted(THIN_SCRIPTS.items()))
def test_a_phrase_between_thin_spaces_is_still_found(rule: str, script: str) -> None:
    rules = fresh_rules()
    text = script.replace(" ", THIN)
    assert rule in fired(text, rules)
    assert critique(text, rules=rules) == critique(text, rules=replace(rules, prefilter=None))


def test_a_script_whose_lower_case_shifts_offsets_is_critiqued_in_full() -> None:
    text = "İstanbul office: we are a leading provider of print services. Call me."
    assert analyse(text).lower is None  # "İ" lower-cases to two characters
    rules = fresh_rules()
    assert "pitch.about-us" in fired(text, rules)
    assert critique(text, rules=rules) == critique(text, rules=replace(rules, prefilter=None))


CASED_RULE = """\
kind: conditional
principle: P3
level: warning
subscore: brevity
message: Say "ok" in lower case, as the team's style guide does.
fix: Write "ok".
then:
  tokens: [ok]
  case_sensitive: true
examples:
  pass: ["Hi Lou, ok, three ways to keep your drivers."]
  fail: ["Hi Lou, OK, three ways to keep your drivers."]
"""


@pytest.mark.parametrize(("text", "flagged"), [("Hi Lou, OK.", True), ("Hi Lou, ok.", False)])
def test_a_case_sensitive_team_phrase_is_not_confirmed_by_its_lower_case(
    text: str, flagged: bool
) -> None:
    rules = fresh_rules(RuleText("acme.ok", CASED_RULE, "team rule"))
    assert ("acme.ok" in fired(text, rules)) is flagged
    assert critique(text, rules=rules) == critique(text, rules=replace(rules, prefilter=None))


TOKENS_RULE = """\
kind: existence
principle: P3
level: warning
subscore: brevity
message: Say why you call instead.
fix: Give the reason for the call.
tokens: [touch base, "I'll circle back"]
examples:
  pass: ["Hi Lou, three ways to keep your drivers."]
  fail: ["Hi Lou, just wanted to touch base."]
"""


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Hi Lou, just wanted to touch base.", ["touch base"]),
        ("Hi Lou, TOUCH BASE with me.", ["TOUCH BASE"]),
        ("Hi Lou, I’ll circle back Friday.", ["I’ll circle back"]),  # a curly apostrophe
        (f"Hi Lou, just wanted to touch{THIN}base.", [f"touch{THIN}base"]),  # RE2 may not judge
        ("Hi Lou, I'll circle back to touch base.", ["I'll circle back", "touch base"]),
        ("Hi Lou, the touch basement is open.", []),  # a word boundary, not a prefix
    ],
)
def test_a_teams_phrases_go_through_the_prefilter_and_are_all_found(
    text: str, found: list[str]
) -> None:
    rules = fresh_rules(RuleText("acme.touch-base", TOKENS_RULE, "team rule"))
    scans = [s for t in rules.get("acme.touch-base").checker.terms() for s in t.fast]
    assert rules.prefilter is not None and {id(s) for s in scans} <= rules.prefilter.all_ids
    result = critique(text, rules=rules)
    hits = [f for f in result.findings if f.rule == "acme.touch-base"]
    spans = [span for f in hits for span in (f.related or ((f.start, f.end),))]
    assert [text[start:end] for start, end in spans] == found
    assert result == critique(text, rules=replace(rules, prefilter=None))
