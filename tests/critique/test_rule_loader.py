"""The one validating loader: team folders, overrides, switching off, every kind of broken file."""

from pathlib import Path

import pytest
from team_rule import SLOGAN_RULE

from callworthy import critique
from callworthy.critique import default_rules, load_rules
from callworthy.errors import RuleFileError, UnsafePatternError

GOOD = """\
kind: existence
principle: P10
level: warning
subscore: differentiation
message: "\\"{match}\\" is our competitor's slogan."
fix: Say it in your own words.
tokens: [rock solid]
examples:
  pass: ["Hi Lou, three ways to keep your drivers."]
  fail: ["We are rock solid."]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_team_rule_loads_with_an_id_from_its_path(tmp_path: Path) -> None:
    write(tmp_path, "acme/slogan.yaml", GOOD)
    rules = load_rules([tmp_path])
    assert rules.get("acme.slogan").principle == "P10"
    findings = critique("Hi Lou, we are rock solid. 704-333-1112.", rules=rules).findings
    assert any(f.rule == "acme.slogan" and f.message.startswith('"rock solid"') for f in findings)


def test_a_team_rule_with_a_built_in_id_replaces_it(tmp_path: Path) -> None:
    write(tmp_path, "pitch/about-us.yaml", GOOD)
    rules = load_rules([tmp_path])
    assert rules.get("pitch.about-us").path.startswith(str(tmp_path))
    assert len(rules) == len(load_rules())


def test_rules_are_switched_off_by_id_prefix() -> None:
    rules = load_rules(disable=["humor", "pitch.about-us"])
    ids = {r.id for r in rules.rules}
    assert not any(i.startswith("humor.") for i in ids)
    assert "pitch.about-us" not in ids and "pitch.sales-speak" in ids


def test_the_version_changes_when_a_rule_changes(tmp_path: Path) -> None:
    write(tmp_path, "acme/slogan.yaml", GOOD)
    first = load_rules([tmp_path]).version
    write(tmp_path, "acme/slogan.yaml", GOOD.replace("rock solid", "rock steady"))
    assert load_rules([tmp_path]).version != first
    assert load_rules().version == load_rules().version


BROKEN = [
    ("kind: existence\nprinciple: [P3\n", 2, "not valid YAML"),
    (GOOD.replace("kind: existence", "kind: existance"), 1, "Set `kind:` to one of: existence"),
    (GOOD.replace("tokens:", "tokes:"), 7, "tokes: Extra inputs are not permitted"),
    (GOOD.replace("principle: P10", "principle: P15"), 2, "unknown principle"),
    (GOOD.replace("level: warning", "level: severe"), 3, "level: Input should be"),
    (GOOD.replace("tokens: [rock solid]", "patterns: ['(unclosed']"), 7, "not a valid regular"),
    (GOOD.replace("{match}", "{word}"), 5, "message uses {word}"),
    (GOOD.replace("  pass: [", "  pass: []\n  x: ["), 10, "examples.x: Extra inputs"),
]


@pytest.mark.parametrize(("text", "line", "says"), BROKEN)
def test_a_broken_rule_file_names_its_file_line_and_what_is_valid(
    tmp_path: Path, text: str, line: int, says: str
) -> None:
    path = write(tmp_path, "team/broken.yaml", text)
    with pytest.raises(RuleFileError) as caught:
        load_rules([tmp_path])
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert says in caught.value.message
    assert caught.value.exit_code == 6


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        (r"(\w+) \1", "backreference"),
        (r"saving(?= money)", "look-ahead"),
        (r"(?<!not )interested", "look-behind"),
        (r"(?>a+)b", "atomic group"),
        (r"(?:(?:\w{0,10}){0,10}){0,10}!", "too complex"),
    ],
)
def test_a_pattern_re2_cannot_run_in_linear_time_is_refused_with_why(
    tmp_path: Path, pattern: str, why: str
) -> None:
    text = GOOD.replace("tokens: [rock solid]", f"patterns:\n  - '{pattern}'")
    write(tmp_path, "team/slow.yaml", text)
    with pytest.raises(UnsafePatternError) as caught:
        load_rules([tmp_path])
    assert caught.value.line == 8
    assert repr(pattern) in caught.value.message and why in caught.value.message
    assert caught.value.exit_code == 7


def test_an_unknown_custom_function_lists_the_registered_ones(tmp_path: Path) -> None:
    text = GOOD.replace("kind: existence", "kind: custom\nfunction: telepathy").replace(
        "tokens: [rock solid]\n", ""
    )
    write(tmp_path, "team/custom.yaml", text)
    with pytest.raises(RuleFileError, match="Use one of: half_message, personalisation"):
        load_rules([tmp_path])


def test_unless_must_name_a_rule(tmp_path: Path) -> None:
    write(tmp_path, "team/x.yaml", GOOD + "unless: [humour]\n")
    with pytest.raises(RuleFileError, match="`unless` names 'humour'"):
        load_rules([tmp_path])


def test_a_rule_folder_that_does_not_exist_is_reported(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="is not a folder of rules"):
        load_rules([tmp_path / "missing"])


def test_a_file_name_that_cannot_be_an_id_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "Team Rules/x.yaml", GOOD)
    with pytest.raises(RuleFileError, match="is not valid"):
        load_rules([tmp_path])


TEAM_RULE = SLOGAN_RULE


def test_a_rule_from_text_goes_through_the_same_checks_with_its_line() -> None:
    from callworthy.critique.loader import load_rule_text

    rule = load_rule_text("acme.slogan", TEAM_RULE, "team rule acme.slogan")
    assert rule.id == "acme.slogan" and rule.fail_examples
    with pytest.raises(RuleFileError) as caught:
        load_rule_text("acme.slogan", TEAM_RULE.replace("level: warning", "level: loud"), "t")
    assert caught.value.line == 3 and caught.value.path == "t"
    with pytest.raises(RuleFileError, match="is not valid"):
        load_rule_text("Acme Slogan", TEAM_RULE, "t")
    with pytest.raises(RuleFileError) as control:
        load_rule_text("acme.slogan", "kind: x\n\x1f", "t")
    assert control.value.line == 2


def test_extra_rule_texts_join_the_builtins_and_replace_one_of_the_same_id() -> None:
    from callworthy.critique.loader import RuleText

    builtins = default_rules()
    extra = [
        RuleText("acme.slogan", TEAM_RULE, "a"),
        RuleText("pitch.about-us", TEAM_RULE.replace("our slogan", "ours"), "b"),
    ]
    rules = load_rules(extra=extra)
    assert len(rules) == len(builtins) + 1 and rules.version != builtins.version
    assert rules.get("pitch.about-us").message.endswith("is ours.")
    assert rules.get("acme.slogan").path == "a"


def test_an_absence_rule_must_name_what_it_is_the_absence_of(tmp_path: Path) -> None:
    absence = GOOD.replace("kind: existence", "kind: absence").replace("tokens: [rock solid]\n", "")
    write(tmp_path, "team/none.yaml", absence)
    with pytest.raises(RuleFileError, match="name in `unless`"):
        load_rules([tmp_path])
    absence = absence.replace("message:", "unless: [acme]\nmessage:")
    write(tmp_path, "acme/slogan.yaml", GOOD)
    write(tmp_path, "team/none.yaml", absence)
    with pytest.raises(RuleFileError, match="which an absence rule does not offer") as caught:
        load_rules([tmp_path])
    assert "Write it without placeholders" in caught.value.fix
    write(tmp_path, "team/none.yaml", absence.replace('\\"{match}\\" is', "This is"))
    rules = load_rules([tmp_path], builtin=False)
    text = "Hi Lou, three ways to keep your drivers."
    assert "team.none" in {f.rule for f in critique(text, rules=rules).findings}
    silenced = critique("We are rock solid.", rules=rules).findings
    assert "team.none" not in {f.rule for f in silenced}


def test_a_rule_without_a_title_gets_one_from_its_id(tmp_path: Path) -> None:
    write(tmp_path, "acme/rock-solid_claim.yaml", GOOD)
    assert load_rules([tmp_path]).get("acme.rock-solid_claim").title == "Rock solid claim"
