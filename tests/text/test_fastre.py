"""RE2 where it is safe: which text it may see, and that its spans are `re`'s."""

from __future__ import annotations

import re

import pytest

from callworthy.text.fastre import ascii_pattern, re2_compile, re2_safe

#: The characters at each edge of what RE2 may see, and whether it may.
EDGES = {
    "\x00": True,
    "\n": True,  # \x0a
    "\x0b": False,  # a vertical tab: whitespace to `re`, not to RE2
    "\x0c": True,
    "\x1b": True,
    "\x1c": False,
    "\x1f": False,
    " ": True,
    "~": True,
    "\x7f": True,
    "\x80": False,
    "\xa0": False,  # a non-breaking space
    "é": False,
    "\u2019": True,  # a curly apostrophe, as scripts are pasted
    "\u2026": True,
    "\u00b7": True,
    "\u2010": False,  # a hyphen that is not in the typographic list
}


@pytest.mark.parametrize(("char", "safe"), EDGES.items(), ids=[hex(ord(c)) for c in EDGES])
def test_re2_sees_plain_text_and_typographic_punctuation_only(char: str, safe: bool) -> None:
    assert re2_safe(f"Hi Dana{char}call me") is safe


@pytest.mark.parametrize("char", "‘’‚‛“”„′″–—‒―…•·")
def test_every_typographic_mark_is_safe(char: str) -> None:
    assert re2_safe(char * 3)


@pytest.mark.parametrize("pattern", [r"(a)\1", r"a(?=b)", r"(?<!x)y"])
def test_a_pattern_re2_cannot_run_is_none(pattern: str) -> None:
    assert re2_compile(pattern) is None and ascii_pattern(pattern) is None


CASES = [
    (r"\bcall\b", "call me, recall, call"),
    (r"\d{3}-\d{4}", "555-0142 or 555-0199."),
    (r"a*", "baaab"),
    (r"x*", ""),
    (r"(?:um|uh)\b", "um, so uh... umbrella"),
    (r"\s+", "  two  spaces \t tab"),
    (r"z", "no match here"),
    (r"$", "end"),
]


@pytest.mark.parametrize(("pattern", "text"), CASES)
def test_spans_and_search_are_res(pattern: str, text: str) -> None:
    compiled = ascii_pattern(pattern)
    assert compiled is not None
    data = text.encode("ascii")
    assert compiled.spans(data) == [m.span() for m in re.finditer(pattern, text)]
    assert compiled.search(data) is (re.search(pattern, text) is not None)
    whole = re2_compile(pattern)
    assert whole is not None and bool(whole.search(text)) is compiled.search(data)


@pytest.mark.parametrize(("pattern", "text"), [(r"\b", "ab cd"), (r"x*", "axxb"), (r"\s*", "a b")])
def test_an_empty_match_past_the_start_is_listed_once(pattern: str, text: str) -> None:
    compiled = ascii_pattern(pattern)
    assert compiled is not None
    assert compiled.spans(text.encode("ascii")) == [m.span() for m in re.finditer(pattern, text)]


def test_a_pattern_re2_cannot_run_is_refused_quietly(capfd: pytest.CaptureFixture[str]) -> None:
    """RE2 logs what it cannot parse to stderr unless told not to: a team rule would spam
    the server's log on every load."""
    assert re2_compile(r"(a)\1") is None and re2_compile(r"(?<=x)y") is None
    assert capfd.readouterr().err == ""
