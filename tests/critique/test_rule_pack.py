"""Meta-tests over every built-in rule file: it loads, its id is its path, its examples hold."""

from pathlib import Path

import pytest
import yaml

from callworthy.critique import default_rules
from callworthy.critique.loader import builtin_rules_dir
from callworthy.critique.selftest import check_examples
from callworthy.principles import PRINCIPLE_RE

RULES = default_rules()
FILES = sorted(builtin_rules_dir().rglob("*.yaml"))


def test_every_rule_file_is_loaded_once() -> None:
    assert len(FILES) == len(RULES) >= 25


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_rule_id_comes_from_its_path(path: Path) -> None:
    rule_id = ".".join(path.relative_to(builtin_rules_dir()).with_suffix("").parts)
    assert RULES.get(rule_id).path == str(path)


@pytest.mark.parametrize("rule", RULES.rules, ids=lambda r: r.id)
def test_rule_cites_known_principles_and_says_how_to_fix(rule) -> None:  # type: ignore[no-untyped-def]
    assert all(PRINCIPLE_RE.match(p) for p in rule.principle.split("/"))
    assert rule.message and rule.fix and rule.description
    assert rule.pass_examples and rule.fail_examples


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_built_in_rule_has_a_plain_words_title(path: Path) -> None:
    title = yaml.safe_load(path.read_text(encoding="utf-8")).get("name", "")
    assert title and title[0].isupper() and len(title) <= 60, path
    assert not any(c in title for c in "{}._/"), title  # words, not ids or templates


def test_fitted_rules_carry_no_hand_set_weight() -> None:
    declared = {r.id for r in RULES.rules if r.declared_weight is not None}
    # Only what a text corpus cannot observe keeps a declared weight (docs/critique.md).
    assert declared == {
        "audio.long-silence", "audio.number-rushed", "audio.too-fast", "callback.phone-rushed"
    }  # fmt: skip
    assert {r.weight_from for r in RULES.rules if r.id not in declared} <= {
        "learned",
        "level default",
    }


@pytest.mark.parametrize("rule", RULES.rules, ids=lambda r: r.id)
def test_rule_examples_behave_as_declared(rule) -> None:  # type: ignore[no-untyped-def]
    failures = [r for r in check_examples(RULES, [rule.id]) if not r.ok]
    assert not failures, [(f.expected, f.text) for f in failures]


def test_the_pack_covers_what_the_issue_lists() -> None:
    ids = {r.id for r in RULES.rules}
    expected = {
        "focus.self-focus", "focus.opening-about-you", "pitch.about-us", "pitch.sales-speak",
        "pitch.introduce-myself", "value.money-saving", "callback.bare-call-me", "value.no-value",
        "generic.number-six", "personal.no-concern", "personal.no-name",
        "callback.phone-missing", "callback.phone-late", "callback.phone-once",
        "callback.phone-rushed", "length.long", "length.too-long", "filler.hesitation",
        "filler.just-wanted", "humor.half-message", "humor.weather", "humor.competitor-tease",
        # Issue 15: what a message offers, and what costs the call.
        "offer.lead", "offer.insight", "offer.resource", "offer.question", "offer.trigger",
        "offer.follow-up", "offer.mutual-contact", "pitch.meeting-ask", "pitch.checking-in",
        "pitch.guilt", "value.vague",
    }  # fmt: skip
    assert expected <= ids


def test_every_kind_but_the_escape_hatch_is_declarative_and_custom_is_rare() -> None:
    kinds = [r.kind for r in RULES.rules]
    assert kinds.count("custom") <= 2
    assert {"existence", "substitution", "ratio", "position", "conditional", "metric"} <= set(kinds)
    assert "absence" in kinds


def test_rule_files_are_plain_yaml_with_examples_inside() -> None:
    for path in FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(data["examples"]) == {"pass", "fail"}, path
