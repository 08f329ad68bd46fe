"""The fast paths give the answers the plain ones do (issue 15, speed).

RE2 finds the spans of most scans on ASCII text, and the spoken-time model counts words and
pauses with bytes.translate on ASCII text: on the synthetic benchmark corpus, the coaching
corpus's published scripts and the team's phrasings, every span, count and critique must be
what Python's `re` gives.
"""

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from phrasings import DETECTORS

from callworthy import critique
from callworthy.critique import default_rules
from callworthy.critique.context import EMPTY_CONTEXT
from callworthy.critique.corpus import read_corpus
from callworthy.critique.engine import run_rules
from callworthy.critique.selftest import example_document
from callworthy.text import analyse

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from corpus import corpus

ROOT = Path(__file__).parents[2]
with (ROOT / "data" / "coaching" / "voicemails.csv").open(encoding="utf-8", newline="") as _f:
    PUBLISHED = [item.text for item in read_corpus(_f)]
PHRASINGS = [text for pair in DETECTORS.values() for texts in pair for text in texts]
TEXTS = corpus(200, seed=5) + PUBLISHED + PHRASINGS
PUNCTUATION = st.sampled_from(
    "a b don't rock'n'roll ' '' ’ ‘ “ ” … — – , ; : . ! ? ... 9 90's x' 'tis - \n".split(" ")
)


def _scans() -> list[object]:
    return [
        scan
        for rule in default_rules().rules
        for terms in rule.checker.terms()
        for scan in terms.fast
        if scan.twin is not None
    ]


def test_most_scans_have_an_re2_twin() -> None:
    scans = _scans()
    assert len(scans) >= 20


def test_re2_finds_the_spans_re_finds_on_every_script() -> None:
    for text in TEXTS:
        doc = analyse(text)
        if doc.ascii is None:
            continue
        for scan in _scans():
            expected = [m.span() for m in scan.regex.finditer(doc.lower)]
            assert scan.spans(doc.text, doc.lower, doc.ascii) == expected, (scan.regex, text)
            non_empty = sum(1 for start, end in expected if end > start)
            assert scan.count(doc.text, doc.lower, doc.ascii) == non_empty, (scan.regex, text)


def test_published_scripts_take_the_fast_paths() -> None:
    docs = [analyse(text) for text in PUBLISHED]
    assert sum(doc.ascii is not None for doc in docs) >= 0.9 * len(docs)


@pytest.mark.parametrize("text", PUBLISHED + PHRASINGS[:200])
def test_the_prefilter_and_re2_never_change_a_critique(text: str) -> None:
    rules = default_rules()
    assert critique(text, rules=rules) == critique(text, rules=replace(rules, prefilter=None))


def test_typographic_punctuation_matches_what_a_rule_writes_plain() -> None:
    plain = "Hi Al, it's Ben, 704-555-0281. I've left you three messages... I'm a pest - sorry."
    curly = "Hi Al, it’s Ben, 704-555-0281. I’ve left you three messages… I’m a pest — sorry."
    assert len(plain) != len(curly)  # the ellipsis is one character
    fired = {f.rule for f in critique(curly).findings}
    assert "pitch.guilt" in fired
    assert fired == {f.rule for f in critique(plain).findings}


@settings(max_examples=300, deadline=None)
@given(st.lists(PUNCTUATION, min_size=1, max_size=40).map("".join))
def test_the_spoken_time_count_is_the_regex_count(text: str) -> None:
    # A non-ASCII letter at the end sends the second document down the regex path;
    # every time before it must be the same.
    fast, slow = analyse(text + " x"), analyse(text + " é")
    for offset in range(len(text) + 2):
        assert fast.time_at(offset) == pytest.approx(slow.time_at(offset)), offset


def test_a_recording_is_still_checked_by_the_rules_only_it_can_fire() -> None:
    rules = default_rules()
    timed = example_document("[wpm 230] Hi Lou, this is Kim, 704-333-1112. Call me back.")
    fired = {rule.id for rule, _ in run_rules(timed, rules, EMPTY_CONTEXT, every_rule=False)}
    assert "audio.too-fast" in fired
    script = analyse("Hi Lou, this is Kim, 704-333-1112. Call me back.")
    assert not any(
        rule.id.startswith("audio.")
        for rule, _ in run_rules(script, rules, EMPTY_CONTEXT, every_rule=False)
    )
