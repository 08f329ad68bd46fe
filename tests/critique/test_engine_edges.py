"""The engine's edges: a finding's one span, the rules each caller runs, a recording's own rules.

Each test loads only its own team rules (no built-ins, no learned weights), so every
figure follows from the rules written here.
"""

from __future__ import annotations

from callworthy import critique
from callworthy.critique import RuleSet
from callworthy.critique.context import EMPTY_CONTEXT
from callworthy.critique.engine import critique_document, run_rules
from callworthy.critique.loader import RuleText, load_rules
from callworthy.critique.selftest import example_document
from callworthy.text.analysis import analyse

HEAD = "principle: P3\nlevel: warning\nsubscore: value\nfix: Cut it.\n"


def team(**texts: str) -> RuleSet:
    """Return a rule set of only these rules, ids `t.<name>`."""
    return load_rules(
        builtin=False, extra=[RuleText(f"t.{name}", text, name) for name, text in texts.items()]
    )


def existence(token: str, weight: int) -> str:
    """Return a team rule that fires on one word."""
    return (
        f"kind: existence\n{HEAD}weight: {weight}\nmessage: 'Said {token}.'\ntokens: [{token}]\n"
        f"examples:\n  pass: ['Hello there.']\n  fail: ['Say {token} now.']\n"
    )


#: Fires where "alpha" is said and "bravo" is not: one hit at the first "alpha", each
#: "alpha" related to it.
CONDITIONAL = (
    f"kind: conditional\n{HEAD}weight: 4\nmessage: 'Said {{match}}.'\n"
    "if:\n  tokens: [alpha]\nthen:\n  tokens: [bravo]\n"
    "examples:\n  pass: ['Say alpha and bravo.']\n  fail: ['Say alpha now.']\n"
)

FAST = (
    f"kind: metric\n{HEAD}weight: 5\nmetric: words_per_minute\nmax: 180\n"
    "message: 'Spoken at {value:.0f} words a minute.'\n"
    "examples:\n  pass: ['[wpm 150] Hi Lou, this is Kim. Call me back.']\n"
    "  fail: ['[wpm 230] Hi Lou, this is Kim. Call me back.']\n"
)


def test_a_finding_with_one_span_lists_no_related_spans() -> None:
    # The conditional's hit relates every trigger to itself: said once, that is its own span
    # alone, which the finding's start and end already give.
    rules = team(c=CONDITIONAL)
    once = critique("Say alpha now.", rules=rules)
    (finding,) = once.findings
    assert (finding.start, finding.end, finding.related) == (4, 9, ())
    assert "related" not in once.to_dict()["findings"][0]
    text = "Say alpha, then alpha again."
    (twice,) = critique(text, rules=rules).findings
    assert [text[s:e] for s, e in twice.related] == ["alpha", "alpha"]
    assert twice.points == -4 and twice.message == "Said alpha."


def test_run_rules_checks_every_rule_unless_told_it_is_a_critique() -> None:
    # The fitter and the self-test call run_rules plainly: they must see a rule worth 0
    # points fire (the fitter learns its weight from that); a critique skips it.
    rules = team(a=existence("alpha", 0), b=existence("bravo", 3))
    doc = analyse("Say alpha and bravo now.")
    assert [rule.id for rule, _ in run_rules(doc, rules, EMPTY_CONTEXT)] == ["t.a", "t.b"]
    critiqued = run_rules(doc, rules, EMPTY_CONTEXT, every_rule=False)
    assert [rule.id for rule, _ in critiqued] == ["t.b"]


def test_a_recording_is_critiqued_by_the_rules_only_a_recording_can_fire() -> None:
    rules = team(fast=FAST, a=existence("alpha", 3))
    fast = critique_document(example_document("[wpm 230] Hi Lou, alpha. Call me back."), rules)
    assert {f.rule: f.points for f in fast.findings} == {"t.fast": -5, "t.a": -3}
    assert fast.score == 92
    calm = critique_document(example_document("[wpm 150] Hi Lou, alpha. Call me back."), rules)
    assert {f.rule: f.points for f in calm.findings} == {"t.a": -3}
    # A script has no measured pace: the rule cannot fire on it.
    assert {f.rule for f in critique("Hi Lou, alpha. Call me back.", rules=rules).findings} == {
        "t.a"
    }
