"""Regexes compile on first use for the built-ins, at load for a team's rules; YAML via libyaml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from callworthy.critique import critique, default_rules, load_rules
from callworthy.critique.loader import (
    _check_patterns,
    builtin_rules_dir,
    compiled_now,
    load_rule_text,
)
from callworthy.critique.patterns import compile_terms
from callworthy.datafile import read_yaml_text
from callworthy.errors import RuleFileError, UnsafePatternError

LOOK_BEHIND = """\
kind: existence
principle: P3
level: warning
subscore: prospect_focus
message: m
fix: f
patterns: ['(?<=we\\s+)are']
examples:
  pass: ["Hi Lou."]
  fail: ["we are"]
"""


def test_a_scan_compiles_when_first_used_and_keeps_it() -> None:
    terms = compile_terms(["rock solid"], [r"best\s+in\s+class"])
    scan = terms.fast[0]
    assert scan._compiled is None  # nothing compiled at build
    assert scan.regex is scan.regex and scan.regex.search("we are rock solid")
    assert scan == compile_terms(["rock solid"], [r"best\s+in\s+class"]).fast[0]


def test_every_built_in_rule_compiles_and_passes_the_safety_check() -> None:
    for rule in default_rules().rules:
        assert compiled_now(rule) is rule
    files = sorted(builtin_rules_dir().rglob("*.yaml"))
    assert len(files) == len(default_rules())
    for path in files:  # what the loader skips for the built-ins (it checks a team's)
        data, node = read_yaml_text(path.read_text(encoding="utf-8"), str(path))
        _check_patterns(path, node, data, linear=False)


def test_a_team_rule_is_still_checked_for_safety(tmp_path: Path) -> None:
    unsafe = LOOK_BEHIND.replace("(?<=we\\s+)are", "(?:(?:\\w{0,10}){0,10}){0,10}!")
    (tmp_path / "slow.yaml").write_text(unsafe, encoding="utf-8")
    with pytest.raises(UnsafePatternError, match="too complex for a rule"):
        load_rules([tmp_path])
    with pytest.raises(UnsafePatternError):
        load_rule_text("acme.slow", unsafe, "team rule acme.slow")


def test_a_critique_compiles_only_the_scans_it_runs() -> None:
    rules = load_rules()  # a fresh set: nothing compiled yet
    pitch = "Hi, Bob from Acme: we are a leading provider and can save you money. 704-333-1112."
    found = critique(pitch, rules=rules)
    assert "pitch.about-us" in {f.rule for f in found.findings}
    scans = {id(s): s for r in rules.rules for t in r.checker.terms() for s in t.fallback}
    scans.update({id(s): s for r in rules.rules for t in r.checker.terms() for s in t.fast})
    compiled = [s for s in scans.values() if s._compiled is not None]
    assert 0 < len(compiled) < len(scans) / 4  # the RE2 prefilter ruled the rest out


def test_a_team_pattern_re_would_refuse_only_when_compiling_fails_at_load(tmp_path: Path) -> None:
    with pytest.raises(re.error):
        re.compile(r"(?<=we\s+)are")  # the parser takes it; the compiler does not
    with pytest.raises(RuleFileError, match="look-behind"):
        load_rule_text("acme.odd", LOOK_BEHIND, "team rule acme.odd")
    (tmp_path / "odd.yaml").write_text(LOOK_BEHIND, encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"odd\.yaml:7: .*look-behind"):
        load_rules([tmp_path])


def test_every_data_file_parses_alike_with_libyaml_and_pure_python() -> None:
    root = Path(__file__).parents[2] / "src" / "callworthy"
    for path in sorted(root.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8-sig")
        fast, node = read_yaml_text(text, str(path))
        slow = yaml.SafeLoader(text)
        try:
            slow_node = slow.get_single_node()
            assert fast == slow.construct_document(slow_node), path
        finally:
            slow.dispose()
        assert node is not None and slow_node is not None
        assert _lines(node) == _lines(slow_node), path  # errors name the same lines


def _lines(node: yaml.Node) -> list[int]:
    """Return the start line of a node and of every node under it, in order."""
    lines = [node.start_mark.line]
    for item in node.value if isinstance(node.value, list) else []:
        for child in item if isinstance(item, tuple) else (item,):
            lines += _lines(child)
    return lines


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("kind: existence\nmessage: 'open\n", 2, "not valid YAML"),
        ("a: [1, 2\nb: 3\n", 1, "not valid YAML"),
        ("a: b\n\x07\n", 2, "not valid YAML (special characters are not allowed #x0007)"),
    ],
)
def test_broken_yaml_is_reported_as_before(text: str, line: int, says: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        read_yaml_text(text, "x.yaml", RuleFileError)
    assert caught.value.line == line and says in caught.value.message
