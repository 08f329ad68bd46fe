"""Profiles: TOML and YAML files, option overrides, and errors that name the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from callworthy.errors import ProfileError
from callworthy.write import Relationship, load_profile, profile_from_mapping, rep_from_mapping
from callworthy.write.profile import merge, read_profile_data

TOML = """
[prospect]
name = "Dana Whitfield"
company = "Bright Smiles Dental"
industry = "dental"
facts = ["opened a second location"]
concerns = ["keeping good hygienists"]
humor_ok = true
relationship = "met_briefly"
lead = { name = "Harvey Zilch", detail = "a dentist for his family" }

[rep]
name = "Kim Alvarez"
company = "Northwind Supply"
phone = "(704) 333-1112"
email = "kim@example.com"
"""


def test_a_toml_profile_loads(tmp_path: Path) -> None:
    path = tmp_path / "dana.toml"
    path.write_text(TOML)
    profile = load_profile(path)
    assert profile.prospect.first_name == "Dana"
    assert profile.prospect.relationship is Relationship.MET_BRIEFLY
    assert profile.prospect.lead is not None and profile.prospect.lead.name == "Harvey Zilch"
    assert profile.rep.phone == "+17043331112"


def test_a_yaml_profile_loads_and_options_override_it(tmp_path: Path) -> None:
    path = tmp_path / "dana.yaml"
    path.write_text(
        "prospect:\n  name: Dana Lee\n  humor_ok: true\nrep:\n  name: Kim\n  phone: 704-333-1112\n"
    )
    profile = load_profile(path, {"prospect": {"humor_ok": False, "company": None}, "rep": {}})
    assert profile.prospect.humor_ok is False and profile.prospect.company is None


def test_a_yaml_error_names_the_field_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "prospect:\n  name: Dana Lee\n  relationship: friends\n"
        "rep:\n  name: Kim\n  phone: 704-333-1112\n"
    )
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.exit_code == 21
    assert "bad.yaml:3" in caught.value.message and "prospect.relationship" in caught.value.message


@pytest.mark.parametrize(
    ("prospect", "rep", "field"),
    [
        ({}, {"name": "Kim", "phone": "704-333-1112"}, "prospect.name"),
        ({"name": "Dana"}, {"name": "Kim"}, "rep.phone"),
        ({"name": "Dana"}, {"name": "Kim", "phone": "555-1234"}, "rep.phone"),
        (
            {"name": "Dana", "humor": True},
            {"name": "Kim", "phone": "704-333-1112"},
            "prospect.humor",
        ),
        (
            {"name": "Dana", "lead": {"detail": "x"}},
            {"name": "Kim", "phone": "704-333-1112"},
            "prospect.lead.name",
        ),
        ({"name": "  "}, {"name": "Kim", "phone": "704-333-1112"}, "prospect.name"),
    ],
)
def test_a_malformed_profile_names_the_field(prospect: dict, rep: dict, field: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ProfileError) as caught:
        profile_from_mapping({"prospect": prospect, "rep": rep})
    assert f"{field}:" in caught.value.message


def test_a_broken_toml_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[prospect\nname = 1")
    with pytest.raises(ProfileError, match="not valid TOML"):
        read_profile_data(path)


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="no such profile file"):
        load_profile(tmp_path / "nope.toml")


def test_the_rep_alone_is_enough_for_a_greeting() -> None:
    rep = rep_from_mapping({"rep": {"name": "Kim Alvarez", "phone": "+1 704 333 1112"}})
    assert rep.first_name == "Kim"
    with pytest.raises(ProfileError, match=r"rep\.phone"):
        rep_from_mapping({"rep": {"name": "Kim"}})


@pytest.mark.parametrize(
    ("name", "content", "line", "problem", "fix"),
    [
        ("nope.toml", None, None, "no such profile file.", "Check the path."),
        ("big.toml", "#" * (64 * 1024 + 1), None, "the file is 65,537 bytes.", "Trim it."),
        ("bad.toml", "[prospect\nname = 1", None, "not valid TOML (", "Fix the syntax."),
        ("bom.toml", "\ufeff" + TOML, None, "", ""),  # a byte-order mark is fine
        ("list.yaml", "- a\n- b\n", 1, "the file must have `prospect:` and `rep:` sections.", ""),
    ],
)
def test_each_unreadable_profile_file_says_what_is_wrong_and_the_fix(
    tmp_path: Path, name: str, content: str | None, line: int | None, problem: str, fix: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    if not problem:
        data, node = read_profile_data(path)
        assert data["rep"]["name"] == "Kim Alvarez" and node is None
        return
    with pytest.raises(ProfileError) as caught:
        read_profile_data(path)
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert caught.value.detail.startswith(problem)
    assert caught.value.fix == fix


def test_each_refusal_points_to_the_writers_page(tmp_path: Path) -> None:
    (tmp_path / "list.yaml").write_text("- a\n- b\n")
    for path in (tmp_path / "nope.toml", tmp_path / "list.yaml"):
        with pytest.raises(ProfileError) as caught:
            read_profile_data(path)
        assert caught.value.docs == "docs/writer.md"
    (tmp_path / "broken.yaml").write_text("prospect: [a\n")
    with pytest.raises(ProfileError):
        read_profile_data(tmp_path / "broken.yaml")
    for build in (profile_from_mapping, rep_from_mapping):
        with pytest.raises(ProfileError) as caught:
            build({"prospect": {"name": "Dana Lee"}, "rep": {"name": "Kim"}})
        assert (caught.value.path, caught.value.docs) == ("options", "docs/writer.md")


def test_a_reps_error_names_the_file_and_the_line(tmp_path: Path) -> None:
    path = tmp_path / "kim.yaml"
    path.write_text("prospect:\n  name: Dana Lee\nrep:\n  name: Kim Alvarez\n  phone: nope\n")
    data, node = read_profile_data(path)
    with pytest.raises(ProfileError) as caught:
        rep_from_mapping(data, str(path), node)
    assert (caught.value.path, caught.value.line) == (str(path), 5)
    assert caught.value.detail == "rep.phone: 'nope' is not a phone number."
    assert caught.value.docs == "docs/writer.md"


def test_a_toml_profile_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "full.toml"
    path.write_text(TOML + "#" * (64 * 1024 - len(TOML.encode()) - 1) + "\n", encoding="utf-8")
    assert path.stat().st_size == 64 * 1024
    assert read_profile_data(path)[0]["rep"]["name"] == "Kim Alvarez"


def test_options_left_unset_keep_the_files_values() -> None:
    base = {"prospect": {"name": "Dana Lee", "facts": ["hired"]}, "rep": None}
    merged = merge(base, {"prospect": {"name": None, "facts": ()}, "rep": {"name": "Kim"}})
    assert merged == {"prospect": {"name": "Dana Lee", "facts": ["hired"]}, "rep": {"name": "Kim"}}


def test_a_number_without_its_area_code_is_refused_with_the_fix() -> None:
    with pytest.raises(ProfileError) as caught:
        rep_from_mapping({"rep": {"name": "Kim Alvarez", "phone": "333-1112"}})
    assert caught.value.detail == (
        "rep.phone: '333-1112' is not a valid phone number (give the area code)."
    )
