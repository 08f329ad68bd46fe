"""`callworthy write`, `greeting` and `strategies list` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from callworthy.cli.main import main
from callworthy.errors import ProfileError

REP = ["--rep-name", "Kim Alvarez", "--rep-phone", "(704) 333-1112"]
DANA = ["--name", "Dana Whitfield", "--company", "Bright Smiles Dental", "--industry", "dental"]


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize(
    "command", [["write"], ["greeting"], ["strategies"], ["strategies", "list"]]
)
def test_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_write_json_is_a_list_of_candidates_with_skips_on_stderr() -> None:
    result = CliRunner().invoke(main, ["write", *DANA, *REP, "--format", "json", "--seed", "3"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) >= 5
    for item in data:
        assert {
            "strategy",
            "principle",
            "text",
            "spoken",
            "score",
            "spoken_seconds",
            "findings",
        } <= set(item)
        assert item["score"] >= 80 and 12 <= item["spoken_seconds"] <= 30
        assert "704-333-1112" in item["text"]
        assert "seven oh four, three three three, eleven twelve" in item["spoken"]
    assert [d["score"] for d in data] == sorted((d["score"] for d in data), reverse=True)
    assert "skipped: sales_lead: no lead to give them" in result.stderr
    assert "skipped: weather: humor is off" in result.stderr


def test_write_with_a_lead_and_humor_uses_them() -> None:
    args = ["write", *DANA, *REP, "--humor", "--relationship", "met_briefly",
            "--lead-name", "Harvey Zilch", "--lead-detail", "a dentist for his family",
            "--concern", "keeping good hygienists", "--format", "json"]  # fmt: skip
    result = CliRunner().invoke(main, args)
    strategies = {d["strategy"] for d in json.loads(result.stdout)}
    assert {"sales_lead", "half_message", "weather", "competitor_tease"} <= strategies
    lead = next(d for d in json.loads(result.stdout) if d["strategy"] == "sales_lead")
    assert "Harvey Zilch" in lead["text"]


def test_write_is_deterministic_for_a_seed() -> None:
    first = run("write", *DANA, *REP, "--format", "json", "--seed", "9")
    again = run("write", *DANA, *REP, "--format", "json", "--seed", "9")
    assert first.stdout == again.stdout  # type: ignore[attr-defined]


def test_write_text_output_is_readable() -> None:
    result = CliRunner().invoke(main, ["write", *DANA, *REP])
    assert result.exit_code == 0
    assert "Say it:" in result.stdout and "[value_tip, P5]" in result.stdout
    assert "Skipped" in result.stdout and "sales_lead: no lead to give them" in result.stdout


def test_an_unknown_industry_falls_back_with_a_note() -> None:
    result = CliRunner().invoke(
        main, ["write", "--name", "Bo", "--industry", "widgets", *REP, "--format", "json"]
    )
    assert result.exit_code == 0 and json.loads(result.stdout)
    assert "note: no pack for industry 'widgets': using general" in result.stderr


def test_write_reads_a_profile_file_and_options_override_it(tmp_path: Path) -> None:
    path = tmp_path / "dana.toml"
    path.write_text(
        '[prospect]\nname = "Dana Whitfield"\nindustry = "dental"\nhumor_ok = true\n'
        '[rep]\nname = "Kim Alvarez"\nphone = "704-333-1112"\n'
    )
    with_humor = CliRunner().invoke(main, ["write", "--profile", str(path), "--format", "json"])
    no_humor = CliRunner().invoke(
        main, ["write", "--profile", str(path), "--no-humor", "--format", "json"]
    )
    assert "half_message" in {d["strategy"] for d in json.loads(with_humor.stdout)}
    assert "half_message" not in {d["strategy"] for d in json.loads(no_humor.stdout)}


def test_a_malformed_profile_file_is_an_error_naming_the_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("prospect:\n  name: Dana\nrep:\n  name: Kim\n  phone: '12'\n")
    result = CliRunner().invoke(main, ["write", "--profile", str(path)])
    assert result.exit_code == ProfileError.exit_code
    assert "bad.yaml:5" in result.stderr and "rep.phone" in result.stderr


def test_missing_options_name_the_flag() -> None:
    result = CliRunner().invoke(main, ["write", "--name", "Dana", "--rep-name", "Kim"])
    assert result.exit_code == ProfileError.exit_code
    assert "rep.phone is missing" in result.stderr and "--rep-phone" in result.stderr


def test_greeting_json() -> None:
    result = CliRunner().invoke(
        main, ["greeting", *REP, "--rep-company", "Northwind", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {d["script"] for d in data} == {"traffic_report", "weather", "plain_warm"}
    assert all(12 <= d["spoken_seconds"] <= 30 and d["principle"] == "P13" for d in data)


def test_greeting_text_and_missing_phone() -> None:
    assert "traffic_report, P13" in CliRunner().invoke(main, ["greeting", *REP]).stdout
    result = CliRunner().invoke(main, ["greeting", "--rep-name", "Kim"])
    assert result.exit_code == ProfileError.exit_code and "--rep-phone" in result.stderr


def test_strategies_list() -> None:
    data = json.loads(CliRunner().invoke(main, ["strategies", "list", "--format", "json"]).stdout)
    ids = {d["id"] for d in data}
    assert {"value_tip", "sales_lead", "half_message"} <= ids
    assert all(d["principle"].startswith("P") for d in data)
    assert all(d["phrasings"] >= 3 for d in data if d["proposable"])  # the writer writes them
    logged_only = {d["id"] for d in data if not d["proposable"]}
    assert logged_only == {"about_us", "bare_callback", "other"}
    assert [d["id"] for d in data if d["baseline"]] == ["value_tip"]
    lead = next(d for d in data if d["id"] == "sales_lead")
    assert lead["needs_lead"] and not lead["needs_referral"]
    assert next(d for d in data if d["id"] == "reasons_buy")["former_ids"] == ["reasons_people_buy"]
    text = CliRunner().invoke(main, ["strategies", "list"]).stdout
    assert "sales_lead" in text and "P7" in text and "never (logged)" in text


def test_every_candidate_carries_what_it_promised_and_a_follow_up_email() -> None:
    args = ["write", *DANA, *REP, "--humor", "--relationship", "met_briefly",
            "--lead-name", "Hannah Cole", "--lead-detail", "needs two refrigerated trucks",
            "--lead-contact", "hannah@example.com", "--format", "json"]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    for item in json.loads(result.stdout):
        deliverable = item["deliverable"]
        if item["strategy"] == "competitor_tease":  # what competitors said: the rep's to know
            assert deliverable is None
            continue
        assert set(deliverable) == {"kind", "promise", "items", "email"}
        assert deliverable["items"] and set(deliverable["email"]) == {"subject", "body"}
        assert deliverable["email"]["body"].startswith("Hi Dana,")
        assert "Kim Alvarez" in deliverable["email"]["body"]
        for entry in deliverable["items"]:
            assert set(entry) == {"text", "detail", "url"}
            assert entry["text"] in deliverable["email"]["body"]
    lead = next(d for d in json.loads(result.stdout) if d["strategy"] == "sales_lead")
    body = lead["deliverable"]["email"]["body"]
    assert "Hannah Cole, who needs two refrigerated trucks." in body
    assert "hannah@example.com" in body


def test_the_text_output_shows_the_promise_and_the_email() -> None:
    result = CliRunner().invoke(main, ["write", *DANA, *REP, "--seed", "1"])
    assert result.exit_code == 0
    assert "You promised" in result.stdout and "Follow-up e-mail. Subject:" in result.stdout
