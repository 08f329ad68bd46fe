"""The rule loader's edges: nested patterns, case, learned weights at zero, versions, ids."""

from collections.abc import Mapping
from pathlib import Path

import pytest

from callworthy import critique
from callworthy.critique import load_rules
from callworthy.critique.context import Context
from callworthy.critique.kinds import Hit
from callworthy.critique.loader import RULES_DOCS, load_rule_file, load_rule_text
from callworthy.critique.weights import builtin_weights_path, learned, read_weights
from callworthy.errors import RuleFileError, UnsafePatternError
from callworthy.text.analysis import Document

BASE = """\
principle: P10
level: warning
subscore: differentiation
message: "Say it plainly."
fix: Say it in your own words.
examples:
  pass: ["Hi Lou, three ways to keep your drivers."]
  fail: ["We are rock solid."]
"""
BACKREF = r"(\w+) \1"

# Each section of a rule that holds patterns, with the line its first pattern is on.
NESTED = [
    ("kind: existence\npatterns: ['{p}']\n", 2),
    ("kind: conditional\nif:\n  patterns: ['{p}']\nthen:\n  tokens: [lou]\n", 3),
    ("kind: conditional\nif:\n  tokens: [lou]\nthen:\n  patterns: ['{p}']\n", 5),
    (
        "kind: ratio\nnumerator:\n  patterns: ['{p}']\ndenominator:\n  tokens: [you]\nmax: 1\n",
        3,
    ),
    (
        "kind: ratio\nnumerator:\n  tokens: [we]\ndenominator:\n  patterns: ['{p}']\nmax: 1\n",
        5,
    ),
    (
        "kind: existence\ntokens: [solid]\nexceptions:\n  patterns: ['{p}']\n",
        4,
    ),
]


@pytest.mark.parametrize(("head", "line"), NESTED)
def test_an_unsafe_pattern_in_any_section_of_a_team_rule_is_refused_at_its_line(
    head: str, line: int
) -> None:
    text = head.replace("{p}", BACKREF) + BASE
    with pytest.raises(UnsafePatternError) as caught:
        load_rule_text("acme.x", text, "team rule acme.x")
    assert caught.value.line == line and caught.value.path == "team rule acme.x"
    assert "backreference" in caught.value.message
    assert "tokens" in caught.value.fix


def test_the_size_limit_counts_a_case_sensitive_pattern_as_written() -> None:
    # Case-folding multiplies this pattern's program past the limit; as written it fits.
    pattern = "(?:[a-z]{0,9}x){0,50}"
    text = f"kind: existence\npatterns: ['{pattern}']\n" + BASE
    with pytest.raises(UnsafePatternError, match="too complex"):
        load_rule_text("acme.x", text, "t")
    rule = load_rule_text("acme.x", text + "case_sensitive: true\n", "t")
    assert rule.id == "acme.x"


def test_a_bad_id_or_field_in_a_rule_text_names_its_source_and_the_rules_page() -> None:
    with pytest.raises(RuleFileError) as caught:
        load_rule_text("Acme Slogan", "kind: existence\ntokens: [x]\n" + BASE, "team rule 7")
    assert (caught.value.path, caught.value.line) == ("team rule 7", None)
    assert caught.value.detail == "the rule id 'Acme Slogan' is not valid."
    assert caught.value.fix == (
        "Use lower-case letters, digits, '-' and '_', in parts joined by dots (acme.slogan)."
    )
    with pytest.raises(RuleFileError) as caught:
        load_rule_text("acme.x", "kind: existence\ntokens: [x]\n" + BASE + "colour: red\n", "t")
    assert caught.value.docs == RULES_DOCS


@pytest.mark.parametrize(
    ("level", "points", "weight", "source"),
    [
        ("strength", 0, 0, "learned"),  # learning can switch a rule off
        ("strength", 3, 3, "learned"),
        ("strength", -3, 10, "level default"),  # a sign against the level is not used
        ("warning", 0, 0, "learned"),
        ("warning", -1, 1, "learned"),
        ("warning", 1, 6, "level default"),
    ],
)
def test_a_learned_weight_is_used_unless_its_sign_contradicts_the_level(
    tmp_path: Path, level: str, points: int, weight: int, source: str
) -> None:
    path = tmp_path / "acme" / "x.yaml"
    path.parent.mkdir()
    text = "kind: existence\ntokens: [solid]\n" + BASE.replace("level: warning", f"level: {level}")
    path.write_text(text)
    rules = load_rules([tmp_path], builtin=False, weights=learned({"acme.x": points}))
    rule = rules.get("acme.x")
    assert (rule.weight, rule.weight_from) == (weight, source)


def test_other_weights_give_another_twelve_digit_version(tmp_path: Path) -> None:
    path = tmp_path / "acme" / "x.yaml"
    path.parent.mkdir()
    path.write_text("kind: existence\ntokens: [solid]\n" + BASE)
    rules = load_rules([tmp_path], builtin=False)
    one = rules.with_weights(learned({"acme.x": -2}))
    two = rules.with_weights(learned({"acme.x": -3}))
    assert one.get("acme.x").weight == 2 and two.get("acme.x").weight == 3
    back = one.with_weights(learned({"acme.x": 2})).get("acme.x")  # against the level
    assert (back.weight, back.weight_from) == (6, "level default")
    versions = {rules.version, one.version, two.version}
    assert len(versions) == 3 and all(len(v) == 12 and int(v, 16) >= 0 for v in versions)
    with pytest.raises(KeyError, match=r"acme\.y"):
        rules.get("acme.y")


def test_a_prefix_with_a_trailing_dot_switches_off_its_rules() -> None:
    ids = {r.id for r in load_rules(disable=["humor."]).rules}
    assert ids and not any(i.startswith("humor.") for i in ids)


def test_a_missing_rule_folder_is_named_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError) as caught:
        load_rules([tmp_path / "missing"])
    error = caught.value
    assert (error.path, error.line) == (str(tmp_path / "missing"), None)
    assert error.detail == "is not a folder of rules."
    assert error.fix == "Pass a folder of .yaml rule files."


def test_an_unless_naming_no_rule_is_refused_in_that_rules_file(tmp_path: Path) -> None:
    path = tmp_path / "team" / "x.yaml"
    path.parent.mkdir()
    path.write_text("kind: existence\ntokens: [solid]\nunless: [humour]\n" + BASE)
    with pytest.raises(RuleFileError) as caught:
        load_rules([tmp_path])
    error = caught.value
    assert (error.path, error.line) == (str(path), None)
    assert error.detail == "`unless` names 'humour', which is no rule id or prefix."
    assert error.fix == "Fix the id, or remove it from `unless`."


def _solid(doc: Document, ctx: Context, options: Mapping[str, object]) -> list[Hit]:
    """Fire on "solid"."""
    at = doc.text.find("solid")
    return [] if at < 0 else [Hit(at, at + 5, {"match": "solid"})]


def test_a_folder_rule_may_call_a_custom_check_the_caller_registers(tmp_path: Path) -> None:
    path = tmp_path / "team" / "x.yaml"
    path.parent.mkdir()
    path.write_text("kind: custom\nfunction: solid\n" + BASE)
    rules = load_rules([tmp_path], builtin=False, custom={"solid": _solid})
    found = critique("We are rock solid.", rules=rules).findings
    assert [f.rule for f in found] == ["team.x"]


def _word(doc: Document, ctx: Context, options: Mapping[str, object]) -> list[Hit]:
    """Fire on the word the rule's options name."""
    word = str(options["word"])
    at = doc.text.find(word)
    return [] if at < 0 else [Hit(at, at + len(word), {"match": word})]


def test_a_custom_check_is_given_the_options_of_its_rule_file(tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    for name, word in (("rock", "solid"), ("paper", "thin")):
        head = f"kind: custom\nfunction: word\noptions: {{word: {word}}}\n"
        (tmp_path / "team" / f"{name}.yaml").write_text(head + BASE)
    rules = load_rules([tmp_path], builtin=False, custom={"word": _word})
    found = critique("Rock solid, paper thin.", rules=rules).findings
    assert sorted((f.rule, f.start, f.end) for f in found) == [
        ("team.paper", 18, 22),
        ("team.rock", 5, 10),
    ]


def test_the_built_ins_load_with_the_shipped_learned_weights() -> None:
    shipped = read_weights(builtin_weights_path())
    rules = load_rules()
    used = [r for r in rules.rules if r.weight_from == "learned"]
    assert used and all(r.weight == abs(shipped.points[r.id]) for r in used)


def test_yml_files_load_other_files_are_skipped_and_titles_come_from_the_last_part(
    tmp_path: Path,
) -> None:
    text = "kind: existence\ntokens: [solid]\n" + BASE
    (tmp_path / "acme" / "sales").mkdir(parents=True)
    (tmp_path / "slogan.yml").write_text(text)
    (tmp_path / "acme" / "sales" / "rock-solid.yaml").write_text(text)
    (tmp_path / "acme" / "README.md").write_text("Our team's rules: not a rule.\n")
    rules = load_rules([tmp_path], builtin=False)
    titles = {r.id: r.title for r in rules.rules}
    assert titles == {"slogan": "Slogan", "acme.sales.rock-solid": "Rock solid"}


def test_an_unregistered_custom_check_is_named_at_its_line() -> None:
    text = "kind: custom\nfunction: telepathy\n" + BASE
    with pytest.raises(RuleFileError) as caught:
        load_rule_text("acme.x", text, "team rule acme.x")
    error = caught.value
    assert (error.path, error.line) == ("team rule acme.x", 2)
    assert error.detail == "no custom check is registered as 'telepathy'."
    assert error.fix == "Use one of: half_message, personalisation."


@pytest.mark.parametrize(("extra", "weight", "declared"), [("", 6, None), ("weight: 9\n", 9, 9)])
def test_a_loaded_rule_keeps_every_field_of_its_file(
    extra: str, weight: int, declared: int | None
) -> None:
    text = "kind: existence\ntokens: [solid]\nunless: [acme.y]\n" + BASE + extra
    rule = load_rule_text("acme.x", text, "team rule acme.x")
    assert (rule.kind, rule.principle, rule.level, rule.subscore) == (
        "existence",
        "P10",
        "warning",
        "differentiation",
    )
    assert (rule.weight, rule.declared_weight, rule.max_points) == (weight, declared, 100)
    assert rule.weight_from == ("level default" if declared is None else "rule file")
    assert (rule.message, rule.fix) == ("Say it plainly.", "Say it in your own words.")
    assert rule.unless == ("acme.y",) and rule.path == "team rule acme.x"
    assert rule.pass_examples == ("Hi Lou, three ways to keep your drivers.",)
    assert rule.fail_examples == ("We are rock solid.",)
    assert rule.title == "X" and rule.description == ""


PLACEHOLDERS = [
    (
        "kind: existence\ntokens: [solid]\n",
        "message uses {word}, which an existence rule does not offer.",
        "Use one of {match}, or write {{ }} for literal braces.",
    ),
    (
        "kind: substitution\nswap: {solid: firm}\n",
        "message uses {word}, which a substitution rule does not offer.",
        "Use one of {match}, {replacement}, or write {{ }} for literal braces.",
    ),
    (
        "kind: absence\nunless: [acme]\n",
        "message uses {word}, which an absence rule does not offer.",
        "Write it without placeholders, or write {{ }} for literal braces.",
    ),
]


@pytest.mark.parametrize(("head", "problem", "fix"), PLACEHOLDERS)
def test_an_unknown_placeholder_names_what_the_kind_offers(
    head: str, problem: str, fix: str
) -> None:
    text = head + BASE.replace("Say it plainly.", "{word} and {other}.")
    with pytest.raises(RuleFileError) as caught:
        load_rule_text("acme.x", text, "t")
    assert (caught.value.detail, caught.value.fix) == (problem, fix)


def test_a_rule_file_is_checked_for_safe_patterns_unless_it_is_a_built_in(
    tmp_path: Path,
) -> None:
    path = tmp_path / "acme" / "x.yaml"
    path.parent.mkdir()
    path.write_text(f"kind: existence\npatterns: ['{BACKREF}']\n" + BASE)
    with pytest.raises(UnsafePatternError) as caught:
        load_rule_file(tmp_path, path)
    assert caught.value.path == str(path)
    bad = tmp_path / "Acme" / "x.yaml"
    bad.parent.mkdir()
    bad.write_text("kind: existence\ntokens: [x]\n" + BASE)
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(tmp_path, bad)
    assert caught.value.path == str(bad)
    (tmp_path / "acme" / "y.yaml").write_text("kind: existence\ntokens: [x]\ncolour: red\n" + BASE)
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(tmp_path, tmp_path / "acme" / "y.yaml")
    assert caught.value.docs == RULES_DOCS
