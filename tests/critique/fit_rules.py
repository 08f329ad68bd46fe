"""Team rules for the fit's tests: each fires on one phrase, so a weight follows from the data."""

from __future__ import annotations

from callworthy.critique.loader import RuleSet, RuleText, load_rules

TAIL = """\
principle: P3
subscore: value
fix: Cut it.
examples:
  pass: ['Hello there.']
  fail: ['{fail}']
"""


def rule(rule_id: str, level: str, token: str, more: str = "") -> RuleText:
    """Return a team rule that fires on one phrase; `more` adds lines (a weight, `unless`)."""
    head = f"kind: existence\nlevel: {level}\nmessage: Said {token}.\ntokens: ['{token}']\n"
    return RuleText(rule_id, head + more + TAIL.format(fail=f"We {token} now."), "t")


def team(*more: RuleText) -> RuleSet:
    """Return two fitted rules (a problem, a strength), one that declares its weight, and more."""
    return load_rules(
        builtin=False,
        extra=[
            rule("t.vague", "warning", "touch base"),
            rule("t.save", "strength", "save"),
            rule("t.fixed", "warning", "circle back", "weight: 5\n"),
            *more,
        ],
    )
