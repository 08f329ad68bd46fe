"""The rep's own greeting (P13): length-judged, filled from the rep, never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from callworthy.errors import DataFileError
from callworthy.write import rep_from_mapping, write_greetings
from callworthy.write.strategies import (
    GreetingScript,
    default_greetings,
    load_greeting_file,
    load_greetings,
)
from callworthy.write.writer import Bar


def test_greetings_last_twelve_to_thirty_seconds_and_keep_only_length_findings() -> None:
    rep = rep_from_mapping(
        {"rep": {"name": "Kim Alvarez", "phone": "704-333-1112", "company": "Northwind"}}
    )
    for seed in range(10):
        greetings = write_greetings(rep, seed=seed)
        assert {g.script for g in greetings} == {"traffic_report", "weather", "plain_warm"}
        for greeting in greetings:
            assert 12 <= greeting.spoken_seconds <= 30
            assert "Kim" in greeting.text and "Alvarez" not in greeting.text
            assert all(f.rule.startswith("length.") for f in greeting.findings)


def test_a_rep_without_a_company_never_gets_one_invented() -> None:
    rep = rep_from_mapping({"rep": {"name": "Kim Alvarez", "phone": "704-333-1112"}})
    texts = {g.text for seed in range(10) for g in write_greetings(rep, seed=seed)}
    assert texts and not any(" at ," in t or "{" in t for t in texts)
    assert not any("Northwind" in t for t in texts)


def test_greetings_vary_with_the_seed_and_repeat_for_one() -> None:
    rep = rep_from_mapping(
        {"rep": {"name": "Kim Alvarez", "phone": "704-333-1112", "company": "Northwind"}}
    )
    assert write_greetings(rep, seed=4) == write_greetings(rep, seed=4)
    assert len({g.text for s in range(10) for g in write_greetings(rep, seed=s)}) >= 6


KIM = {"rep": {"name": "Kim Alvarez", "phone": "704-333-1112", "company": "Northwind"}}


def script(*phrasings: str) -> GreetingScript:
    return GreetingScript(
        id="mine",
        name="Mine",
        principle="P13",
        description="The test's own.",
        humor=True,
        phrasings=phrasings,
        examples=(),
        path="",
    )


def test_each_greeting_file_loads_every_field_as_written() -> None:
    folder = Path(default_greetings()[0].path).parent
    for path in sorted(folder.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        loaded = load_greeting_file(path)
        assert (loaded.id, loaded.path) == (path.stem, str(path))
        assert (loaded.name, loaded.principle) == (raw["name"], raw["principle"])
        assert loaded.humor == raw.get("humor", False)
        assert loaded.phrasings == tuple(raw["phrasings"])
        assert loaded.description == " ".join(raw["description"].split())
    assert load_greetings(folder) == default_greetings()


def test_a_greeting_file_that_breaks_the_format_names_the_docs(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nprinciple: P13\n")
    with pytest.raises(DataFileError) as caught:
        load_greeting_file(bad)
    assert caught.value.path == str(bad) and caught.value.docs == "docs/writer.md"


def test_a_greetings_json_carries_each_of_its_fields() -> None:
    rep = rep_from_mapping(KIM)
    loose = Bar(min_seconds=0.0, max_seconds=100.0)
    (greeting,) = write_greetings(rep, scripts=(script("Kim here. Leave a message."),), bar=loose)
    out = greeting.to_dict()
    assert out == {
        "script": "mine",
        "name": "Mine",
        "principle": "P13",
        "text": greeting.text,
        "spoken": greeting.spoken,
        "spoken_seconds": greeting.spoken_seconds,
        "humor": True,
        "findings": [{"rule": f.rule, "message": f.message} for f in greeting.findings],
    }
    assert greeting.findings and all(f.rule.startswith("length.") for f in greeting.findings)


def test_a_phrasing_that_needs_what_the_rep_lacks_is_passed_over_not_the_script() -> None:
    rep = rep_from_mapping({"rep": {"name": "Kim Alvarez", "phone": "704-333-1112"}})
    needs = [f"You've reached {{rep_first_name}} at {{rep_company}}, line {i}." for i in range(5)]
    mine = script(*needs, "You've reached {rep_first_name}. Leave a message at {number}.")
    loose = Bar(min_seconds=0.0, max_seconds=100.0)
    for seed in range(8):
        (greeting,) = write_greetings(rep, seed=seed, scripts=(mine,), bar=loose)
        assert greeting.text == "You've reached Kim. Leave a message at 704-333-1112."
        assert "seven" in greeting.spoken and "333" not in greeting.spoken


def test_a_greeting_exactly_at_the_bars_length_is_offered() -> None:
    rep = rep_from_mapping(KIM)
    mine = script("You've reached {rep_first_name}. Leave your name and number, please.")
    (free,) = write_greetings(rep, scripts=(mine,), bar=Bar(min_seconds=0.0, max_seconds=100.0))
    seconds = free.spoken_seconds
    exact = Bar(min_seconds=seconds, max_seconds=seconds)
    assert write_greetings(rep, scripts=(mine,), bar=exact) == (free,)
    assert write_greetings(rep, scripts=(mine,), bar=Bar(min_seconds=seconds + 0.1)) == ()
    assert write_greetings(rep, scripts=(mine,), bar=Bar(max_seconds=seconds - 0.1)) == ()


def test_the_default_seed_is_zero() -> None:
    rep = rep_from_mapping(KIM)
    assert write_greetings(rep) == write_greetings(rep, seed=0)
