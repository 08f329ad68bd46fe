"""The built-in custom checks as a team rule calls them: where a finding sits and what it says."""

from __future__ import annotations

import pytest

from callworthy import critique
from callworthy.critique.loader import RuleText, load_rules

PERSONAL = load_rules(
    builtin=False,
    extra=[
        RuleText(
            "t.personal",
            "kind: custom\nfunction: personalisation\nprinciple: P9\nlevel: warning\n"
            "subscore: prospect_focus\nweight: 5\nmessage: 'Name them: {match} ({detail})'\n"
            "fix: Say their name.\nexamples:\n  pass: ['Hi Lou, call me.']\n"
            "  fail: ['Hello there. Call me.']\n",
            "t",
        )
    ],
)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("This is Sam at Acme. Call 704-333-1112.", "This is Sam at Acme."),
        (". Call 704-333-1112 today", "."),  # a one-character first sentence
        ("Call 704-333-1112 today", "Call 704-333-1112 today"),  # no full stop: all of it
    ],
)
def test_an_unnamed_prospect_is_flagged_on_the_first_sentence(text: str, first: str) -> None:
    [finding] = critique(text, rules=PERSONAL).findings
    assert (finding.start, finding.end) == (0, len(first))
    assert finding.message == f"Name them: {first} (the prospect or their company)"
