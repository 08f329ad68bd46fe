"""The pattern language at its edges: what a phrase or pattern matches, and each refusal's words.

Every test builds what it checks inside the test (mutation testing credits a test only
with the code it runs), and calls `check_pattern` uncached (`__wrapped__`): its cache is
filled before each mutant runs.
"""

from __future__ import annotations

import re
import warnings

import pytest

from callworthy.critique import patterns
from callworthy.critique.patterns import (
    MAX_PROGRAM,
    PatternProblem,
    check_pattern,
    compile_terms,
    linear_regex,
    lowered_pattern,
    token_regex,
)

RE2_FIX = (
    "Rewrite it for RE2, which runs a team's patterns (no backreferences, look-arounds "
    "or atomic groups), or list plain phrases under `tokens:`."
)
INVALID_FIX = "Fix the regex, or use `tokens:` for plain phrases."
COMPLEX_FIX = (
    "Nest fewer counted repeats (e.g. `(?:\\w+\\s){0,10}` rather than repeats inside "
    "repeats), or list plain phrases under `tokens:`."
)
BACKTRACK_FIX = (
    "Rewrite it without nesting repeats (e.g. `(\\w+\\s?)+` -> `[\\w\\s]+`), "
    "or list plain phrases under `tokens:`."
)
NESTED = "a repeat (+, * or {n,}) nested inside another repeat"
ALTERNATION = "a repeated alternation whose branches can match the same text"


def both_paths(terms: patterns.CompiledTerms, text: str) -> tuple[list[tuple[int, int]], ...]:
    """Return the spans on the lower-cased fast path and on the IGNORECASE fallback."""
    return terms.spans(text, text.lower()), terms.spans(text, None)


def test_a_refusal_keeps_its_problem_and_its_fix_apart() -> None:
    refusal = PatternProblem("pattern 'x' is odd.", "Write y.", unsafe=True)
    assert (refusal.problem, refusal.fix, refusal.unsafe) == (
        "pattern 'x' is odd.",
        "Write y.",
        True,
    )
    assert refusal.message == "pattern 'x' is odd. Write y."
    assert PatternProblem("p", "f").unsafe is False


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        (r"call\Z", "it uses \\Z, which RE2 writes \\z"),
        (r"(a)\1", "it uses a backreference (\\1) or an escape RE2 lacks"),
        (r"(?<=we )are", "it uses a look-behind, which RE2 does not have"),
        (r"(?<!we )are", "it uses a look-behind, which RE2 does not have"),
        (r"we(?= are)", "it uses a look-ahead, which RE2 does not have"),
        (r"we(?! are)", "it uses a look-ahead, which RE2 does not have"),
        (r"(?>we)are", "it uses an atomic group, which RE2 does not have"),
        (r"we++", "it uses a possessive repeat (++, *+), which RE2 does not have"),
        (r"we{1001}", "a repeat allows more than 1,000 (RE2's limit)"),
        (r"(?P<w>we)(?P=w)", "it uses a backreference by name ((?P=name)), which RE2 lacks"),
        (r"(?#note)we", "it uses a comment ((?#...)), which RE2 does not have"),
        (r"(w)?(?(1)e|we)", "it uses a conditional group, which RE2 does not have"),
        (r"(?x) we \ are", "it uses a flag RE2 does not have (RE2 has i, m and s)"),
        (r"(?a:we)", "it uses a flag RE2 does not have (RE2 has i, m and s)"),
        # A refusal the table does not name keeps RE2's own words.
        (r"[[:we:]]", "invalid character class range: [:we:]"),
    ],
)
def test_a_pattern_re2_cannot_run_is_refused_saying_why(pattern: str, why: str) -> None:
    with warnings.catch_warnings(), pytest.raises(PatternProblem) as caught:
        warnings.simplefilter("ignore", FutureWarning)  # Python's "possible nested set"
        linear_regex(pattern)
    assert caught.value.problem == f"pattern {pattern!r} cannot run in linear time: {why}."
    assert caught.value.fix == RE2_FIX and caught.value.unsafe is True


def test_a_pattern_that_is_no_regex_is_refused_as_invalid_not_unsafe() -> None:
    with pytest.raises(PatternProblem) as caught:
        linear_regex("(unclosed")
    assert caught.value.problem == (
        "pattern '(unclosed' is not a valid regular expression "
        "(missing ), unterminated subpattern at position 0)."
    )
    assert caught.value.fix == INVALID_FIX and caught.value.unsafe is False


@pytest.mark.parametrize(
    ("pattern", "refused"),
    [
        (r"we{,3} go", True),  # Python: "w" then 0-3 "e"; RE2: the characters "{,3}"
        (r"(?:very ){,2}good", True),
        (r"x{,}", True),
        (r"\\{,3}", True),  # an escaped backslash, then the repeat
        (r"we{0,3} go", False),
        (r"we\{,3} go", False),  # an escaped brace: the characters in both engines
        (r"[{,3}] go", False),  # inside a class: the characters in both engines
        (r"{,3} go", False),  # nothing to repeat: the characters in both engines
    ],
)
def test_a_repeat_without_a_lower_bound_is_refused_with_the_bound_to_write(
    pattern: str, refused: bool
) -> None:
    if not refused:
        assert linear_regex(pattern) is not None
        return
    with pytest.raises(PatternProblem) as caught:
        linear_regex(pattern)
    assert caught.value.problem == (
        f"pattern {pattern!r} repeats with no lower bound ({{,n}}), which RE2 reads "
        "as the characters themselves."
    )
    assert caught.value.fix == "Write the lower bound: `{0,3}`, not `{,3}`."
    assert caught.value.unsafe is False


def test_without_re2_a_team_pattern_is_refused_as_unchecked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(patterns, "re2", None)
    with pytest.raises(PatternProblem) as caught:
        linear_regex("we are")
    assert caught.value.problem == "pattern 'we are' cannot be checked: RE2 is not installed."
    assert caught.value.fix == "Install google-re2, or list plain phrases under `tokens:`."
    assert caught.value.unsafe is False


def test_a_program_of_exactly_the_limit_is_taken_and_one_step_more_is_refused() -> None:
    overhead = linear_regex("a" * 100)._regexp.ProgramSize() - 100
    size = MAX_PROGRAM - overhead
    assert linear_regex("a" * size).search("x" + "a" * size)
    with pytest.raises(PatternProblem) as caught:
        linear_regex("a" * (size + 1))
    assert caught.value.problem == (
        f"pattern {'a' * (size + 1)!r} is too complex for a rule: it compiles to 3,001 steps "
        "(at most 3,000), so every critique would slow down."
    )
    assert caught.value.fix == COMPLEX_FIX and caught.value.unsafe is True


@pytest.mark.parametrize(("pattern", "steps"), [(r"(?:(?:\w{0,10}){0,10}){0,10}!", "9,104")])
def test_a_large_program_is_refused_with_its_size(pattern: str, steps: str) -> None:
    with pytest.raises(PatternProblem, match=f"it compiles to {steps} steps"):
        linear_regex(pattern)
    # RE2 is given room to measure a program far past the bound (200,000 steps and more).
    overhead = linear_regex("a")._regexp.ProgramSize() - 1
    with pytest.raises(PatternProblem) as caught:
        linear_regex("a" * 200_000)
    assert f"it compiles to {200_000 + overhead:,} steps (at most 3,000)" in caught.value.problem


def test_a_team_pattern_ignores_case_unless_told() -> None:
    assert linear_regex("acme deal").search("ACME DEAL")
    assert linear_regex("acme deal", case_sensitive=True).search("ACME DEAL") is None


@pytest.mark.parametrize(
    ("token", "text", "found"),
    [
        ("we are", "So we are here", ["we are"]),
        ("we are", "Owe are", []),  # a word boundary on the left...
        ("we are", "we aren't", []),  # ...and on the right
        ("  we   are ", "we\n  are", ["we\n  are"]),  # spaces match any run of whitespace
        ("don't", "I don’t know", ["don’t"]),  # either apostrophe matches either
        ("don’t", "I don't know", ["don't"]),
        ("$99", "only $99 today, or x$99", ["$99", "$99"]),  # no boundary before a symbol
        ("100%", "a 100% fit, 100%off", ["100%", "100%"]),  # nor after one
        ("#1", "#1 pick", ["#1"]),
    ],
)
def test_a_phrase_matches_whole_words_and_loose_spacing(
    token: str, text: str, found: list[str]
) -> None:
    assert re.findall(token_regex(token), text, re.IGNORECASE) == found


@pytest.mark.parametrize(
    ("tokens", "text", "span"),
    [
        (["we are", "we are a leading provider"], "We are a leading provider.", (0, 25)),
        (["we are a leading provider", "we are"], "We are a leading provider.", (0, 25)),
        (["asap", "asap!"], "Call me asap!", (8, 13)),  # longest, not last in order
        (["We are", "we are a leading provider"], "We are a leading provider.", (0, 25)),
        (["'til", "’til now"], "Not ’til now.", (4, 12)),
        (["a b", "a\tb c"], "Plan a b c.", (5, 10)),  # spaces in a phrase are any spaces
    ],
)
def test_the_longest_phrase_wins_whatever_its_case_or_apostrophe(
    tokens: list[str], text: str, span: tuple[int, int]
) -> None:
    terms = compile_terms(tokens, [])
    assert both_paths(terms, text) == ([span], [span])


@pytest.mark.parametrize(
    ("tokens", "text", "span"),
    [
        (["ſo", "so long"], "Not ſo long.", (4, 11)),  # a long s is an s to IGNORECASE
        (["ıt", "it works"], "See ıt works.", (4, 12)),  # a dotless i is an i
        (["ßig", "ẞig deal"], "A ßig deal.", (2, 10)),
    ],
)
def test_on_the_fallback_letters_that_ignorecase_pairs_share_a_group(
    tokens: list[str], text: str, span: tuple[int, int]
) -> None:
    assert compile_terms(tokens, []).spans(text, None) == [span]


def test_phrases_with_different_first_letters_are_all_found() -> None:
    terms = compile_terms(["rock solid", "best in class", "ready", "bold", "now"], [])
    text = "Rock solid, BEST IN CLASS, ready bold now."
    expected = [(0, 10), (12, 25), (27, 32), (33, 37), (38, 41)]
    assert both_paths(terms, text) == (expected, expected)
    assert terms.count(text, text.lower()) == terms.count(text, None) == 5


@pytest.mark.parametrize(
    ("regexes", "text", "found"),
    [
        # The longest pattern is tried first: the whole phrase, not its opening.
        ([r"we are", r"\w+ are a leading provider"], "We are a leading provider.", [(0, 25)]),
        # Literals are lower-cased for the fast path; escapes keep their case.
        ([r"BEST\W+DEAL"], "Best, deal! bestxdeal", [(0, 10)]),
        ([r"\D\d"], "A1 22", [(0, 2), (2, 4)]),
        # An inline case flag or a character escape runs as written, IGNORECASE.
        ([r"(?-i:ACME)"], "acme ACME", [(5, 9)]),
        ([r"\x41cme"], "acme ACME", [(0, 4), (5, 9)]),
        ([r"(?-i:ACME)", r"deal"], "DEAL acme ACME", [(0, 4), (10, 14)]),
    ],
)
def test_a_pattern_matches_alike_on_both_paths(
    regexes: list[str], text: str, found: list[tuple[int, int]]
) -> None:
    terms = compile_terms([], regexes)
    assert both_paths(terms, text) == (found, found)


@pytest.mark.parametrize(
    ("pattern", "lowered"),
    [
        (r"BEST\W+DEAL", r"best\W+deal"),
        (r"\D\S\W\B", r"\D\S\W\B"),
        (r"A\\B", r"a\\b"),  # an escaped backslash escapes nothing after it
        (r"(?-i:ACME)", None),
        (r"(?i)acme", None),
        (r"\x41", None),
        (r"\u0041", None),
        (r"\101", None),
        ("", ""),
        # A named group keeps its syntax: "(?p<" is none, and RE2 would refuse the scan.
        (r"(?P<Who>ACME) (?P=Who)", r"(?P<who>acme) (?P=who)"),
        (r"\(?P<", r"\(?p<"),  # an escaped "(": the letters are literals, lowered
    ],
)
def test_a_pattern_is_lower_cased_only_where_that_keeps_its_meaning(
    pattern: str, lowered: str | None
) -> None:
    assert lowered_pattern(pattern) == lowered


def test_terms_ignore_case_unless_told() -> None:
    found = [(0, 4), (5, 9), (10, 19), (20, 29)]
    assert both_paths(
        compile_terms(["Acme"], [r"Best\s+deal"]), "Acme ACME Best deal best deal"
    ) == (
        found,
        found,
    )
    exact = compile_terms(["Acme"], [r"Best\s+deal"], case_sensitive=True)
    text = "Acme ACME Best deal best deal"
    assert both_paths(exact, text) == ([(0, 4), (10, 19)], [(0, 4), (10, 19)])
    assert exact.count(text, text.lower()) == exact.count(text, None) == 2


@pytest.mark.parametrize("case_sensitive", [False, True])
def test_a_team_rules_phrases_and_patterns_keep_the_rules_case(case_sensitive: bool) -> None:
    terms = compile_terms(["Acme"], [r"Best\s+deal"], case_sensitive=case_sensitive, linear=True)
    text = "ACME Acme BEST DEAL Best deal"
    found = [(5, 9), (20, 29)] if case_sensitive else [(0, 4), (5, 9), (10, 19), (20, 29)]
    assert both_paths(terms, text) == (found, found)
    assert terms.count(text, text.lower()) == terms.count(text, None) == len(found)


def test_no_phrases_and_no_patterns_compile_to_no_scans() -> None:
    for case_sensitive in (False, True):
        terms = compile_terms([" ", ""], [], case_sensitive=case_sensitive)
        assert (terms.fast, terms.fallback) == ((), ())
        assert terms.spans("anything", "anything") == [] and terms.count("any", None) == 0


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"a+b", None),
        (r"(?:\w{0,10})+", None),  # a repeat of at most ten is bounded
        (r"(?:a{0,3}){0,3}", None),
        (r"(?:a{2,11}){3}", None),  # unbounded inside a bounded repeat
        (r"(?:ab|cd)+", None),  # branches that start apart
        (r"(?:ab|cb)+", None),
        (r"(?:(a)b|(c)d)+", None),
        (r"ab|c+", None),
        (r"(?=\w+)x", None),
        (r"(a+)+b", NESTED),
        (r"(?:x*)*y", NESTED),
        (r"(?:\w{0,11})+", NESTED),  # eleven counts as unbounded
        (r"(?:(?:a+){2})+", NESTED),  # through a bounded repeat between them
        (r"(?:ab+|c)+", NESTED),  # inside a branch
        (r"ab|(?:c+)+", NESTED),
        (r"(?:(?=\w+)x)+", NESTED),  # inside a look-ahead
        (r"(?:(?!\w+)x)+", NESTED),
        (r"(?:(?<!a+)b)+", NESTED),
        (r"(a|a)*x", ALTERNATION),
        (r"(?:ab|cd|ae)+", ALTERNATION),  # the first and the third start alike
        (r"(?:ab|\wc)+", ALTERNATION),  # a branch that may start with anything
        (r"(?:a|)+", ALTERNATION),  # an empty branch
        (r"(?:(a)b|(a)c)+", ALTERNATION),  # alike inside their groups
    ],
)
def test_the_backtracking_check_names_what_could_hang(pattern: str, reason: str | None) -> None:
    uncached = check_pattern.__wrapped__
    if reason is None:
        uncached(pattern)
        return
    with pytest.raises(PatternProblem) as caught:
        uncached(pattern)
    assert (
        caught.value.problem == f"pattern {pattern!r} could backtrack catastrophically: {reason}."
    )
    assert caught.value.fix == BACKTRACK_FIX and caught.value.unsafe is True


def test_a_pattern_python_cannot_parse_is_refused_as_invalid() -> None:
    uncached = check_pattern.__wrapped__
    with pytest.raises(PatternProblem) as caught:
        uncached("(unclosed")
    assert caught.value.problem == (
        "pattern '(unclosed' is not a valid regular expression "
        "(missing ), unterminated subpattern at position 0)."
    )
    assert caught.value.fix == INVALID_FIX and caught.value.unsafe is False
