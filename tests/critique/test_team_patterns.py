"""A team's patterns run in RE2: linear time, or refused at load with why (issue 11, item 1).

In Python's `re`, `\\w*\\w*\\w*\\w*!` took 15 s on a 229-character script and
`(?:(?:\\w{0,10}){0,10}){0,10}!` 10 s on one sentence, holding the GIL. Every
pattern that is not a built-in now compiles in RE2 or is refused; the bound on the
critique below is a hang guard a hundred times above what RE2 takes, not a speed
claim (bench/critique.py measures speed).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from callworthy import critique
from callworthy.critique import Critique, RuleSet, default_rules, load_rules
from callworthy.critique.loader import RuleText
from callworthy.errors import RuleFileError, UnsafePatternError

RULE = """\
kind: existence
principle: P3
level: warning
subscore: prospect_focus
message: "\\"{{match}}\\" shouts."
fix: Say it calmly.
patterns:
  - '{pattern}'
examples:
  pass: ["Hi Lou, three ways to keep your drivers."]
  fail: ["{fail}"]
"""
NESTED = r"(?:(?:\w{0,10}){0,10}){0,10}!"
STARS = r"\w*\w*\w*\w*!"
#: The hang guard: RE2 takes milliseconds; the patterns took seconds to hours in `re`.
HANG = 2.0
# Long runs of word characters with no "!" are the worst case for both patterns in `re`.
LONG_SCRIPTS = (
    "Hi Jane, this is Kim at 704-333-1112. " + "a" * 4800,
    ("Hi Jane, your relationships matter! " * 140)[:5000],
    "Hi Jane " + "relationships" * 380 + " call 704-333-1112",
)


def rule_text(pattern: str, fail: str = "Your relationships matter!") -> str:
    """Return a team rule flagging one pattern."""
    return RULE.format(pattern=pattern, fail=fail)


def team_rules(pattern: str, fail: str = "Your relationships matter!") -> RuleSet:
    """Load the built-ins and one team rule text with this pattern (as the web saves it)."""
    return load_rules(extra=[RuleText("acme.shout", rule_text(pattern, fail), "team rule")])


def timed_critique(text: str, rules: RuleSet) -> tuple[Critique, float]:
    """Return a critique and how long it took."""
    started = time.perf_counter()
    result = critique(text, rules=rules)
    return result, time.perf_counter() - started


def test_the_issues_star_pattern_is_saved_and_every_critique_finishes_at_once() -> None:
    rules = team_rules(STARS)
    for script in LONG_SCRIPTS:
        result, seconds = timed_critique(script, rules)
        assert seconds < HANG, f"{seconds:.1f} s on a {len(script)}-character script"
        fired = any(f.rule == "acme.shout" for f in result.findings)
        assert fired == ("!" in script)


def test_the_issues_nested_pattern_is_refused_naming_it_and_why(tmp_path: Path) -> None:
    with pytest.raises(UnsafePatternError) as caught:
        team_rules(NESTED)
    message = caught.value.message
    assert repr(NESTED) in message and "too complex" in message and "9,104 steps" in message
    assert caught.value.line == 8 and caught.value.exit_code == 7
    (tmp_path / "acme").mkdir()
    (tmp_path / "acme" / "shout.yaml").write_text(rule_text(NESTED), encoding="utf-8")
    with pytest.raises(UnsafePatternError):
        load_rules([tmp_path])  # a --rules folder is held to the same bound


@pytest.mark.parametrize("pattern", [r"(\w+\s?)+$", r"(a+)+b", r"(a|a)*x", r"(?:x*)*y"])
def test_patterns_that_backtrack_in_python_run_in_linear_time_in_re2(pattern: str) -> None:
    rules = team_rules(pattern, fail="aaab xy x")
    for script in ("Hi Lou " + "a" * 4900 + " 704-333-1112", "Hi Lou " + "x" * 4900 + "!"):
        _, seconds = timed_critique(script, rules)
        assert seconds < HANG, f"{pattern}: {seconds:.1f} s"


def test_a_repeat_rule_fires_where_it_matched_in_text_with_accents() -> None:
    rules = team_rules(r"matter\w*!")
    text = "Hi José, your café’s relationships matter! Call Kim at 704-333-1112."
    finding = next(f for f in critique(text, rules=rules).findings if f.rule == "acme.shout")
    assert text[finding.start : finding.end] == "matter!"  # RE2's byte offsets become characters


def test_team_patterns_are_case_insensitive_unless_the_rule_says_otherwise() -> None:
    shouting = "Hi Lou, YOUR RELATIONSHIPS MATTER! 704-333-1112."
    rules = team_rules(r"relationships matter!")
    assert any(f.rule == "acme.shout" for f in critique(shouting, rules=rules).findings)
    text = rule_text(r"relationships matter!").replace(
        "patterns:", "case_sensitive: true\npatterns:"
    )
    exact = load_rules(extra=[RuleText("acme.shout", text, "team rule")])
    assert not any(f.rule == "acme.shout" for f in critique(shouting, rules=exact).findings)


def test_a_pattern_that_is_no_regex_at_all_is_a_malformed_rule_not_an_unsafe_one() -> None:
    with pytest.raises(RuleFileError) as caught:
        team_rules("(unclosed")
    assert not isinstance(caught.value, UnsafePatternError)
    assert "not a valid regular expression" in caught.value.message


def test_the_built_ins_keep_pythons_re_and_the_prefilter_skips_team_scans() -> None:
    scans = [s for r in default_rules().rules for t in r.checker.terms() for s in t.fast]
    assert scans and not any(scan.linear for scan in scans)  # built-ins use look-arounds
    rules = team_rules(STARS)
    team = [s for t in rules.get("acme.shout").checker.terms() for s in t.fast]
    assert team and all(scan.linear for scan in team)
    assert rules.prefilter is not None
    assert not {id(scan) for scan in team} & rules.prefilter.all_ids
