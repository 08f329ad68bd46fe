"""Strategy and greeting files read uncached (the built-ins are loaded once): a team's strategy
kept in the database, a greeting file field by field, and each refusal's page, file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from callworthy.errors import DataFileError
from callworthy.write.slots import REP_SLOTS, SLOTS
from callworthy.write.strategies import (
    StrategySpec,
    load_greeting_file,
    load_greetings,
    load_strategies,
    load_strategy_file,
    package_data,
    strategy_from_spec,
)

from .test_strategy_files import GOOD, _with_phrasings

GREETING = """\
name: Short and warm
principle: P13
description: >
  Your name   and when
  you call back.
humor: true
phrasings:
  - "{greet}, you've reached {rep_first_name}. Leave your name and number; I'll call today."
  - "You've reached {rep_first_name} at {rep_company}. Leave a message; I'll call back today."
  - "{greet}, this is {rep_name}. I'm away from my desk. Leave a message; I'll call today."
examples:
  - {name: Sam Ortiz, phone: "312-555-0147"}
"""
BAD_SLOT = '  - "{greet}, it\'s {first_name}. Leave a message."\n'


def test_a_teams_strategy_from_the_database_has_no_file_and_is_named_in_errors() -> None:
    spec = StrategySpec.model_validate(yaml.safe_load(GOOD))
    strategy = strategy_from_spec("two_tips", spec)
    assert (strategy.id, strategy.name, strategy.path) == ("two_tips", "Two tips", "")
    assert strategy.phrasings == tuple(spec.phrasings) and strategy.number_once
    bad = spec.model_copy(update={"phrasings": ["{first_name} {zz}. {referred_by} {number}.",
                                                *spec.phrasings[1:]]})  # fmt: skip
    with pytest.raises(DataFileError) as caught:
        strategy_from_spec("two_tips", bad)
    assert (caught.value.path, caught.value.line) == ("team strategy two_tips", None)
    assert caught.value.fix == f"Use one of: {', '.join(sorted(SLOTS))}."
    assert caught.value.docs == "docs/writer.md"


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.replace("name: Two tips\n", ""),  # the format's own check
        lambda t: t.replace("{greet} {first_name}, {referred_by} said", "{zz} said {referred_by}"),
        lambda t: _with_phrasings("{first_name}, {n} things. {referred_by}. {number}."),
        lambda t: t.replace("needs_referral: true", "needs_referral: false"),
    ],
)
def test_each_refusal_of_a_strategy_file_points_to_the_writers_page(
    tmp_path: Path, change: object
) -> None:
    path = tmp_path / "two_tips.yaml"
    path.write_text(change(GOOD))  # type: ignore[operator]
    with pytest.raises(DataFileError) as caught:
        load_strategy_file(path)
    assert caught.value.docs == "docs/writer.md"
    with pytest.raises(DataFileError) as folder:
        load_strategies(tmp_path)
    assert (folder.value.docs, folder.value.path) == ("docs/writer.md", str(path))
    assert folder.value.line == caught.value.line


def test_a_greeting_file_is_read_field_by_field(tmp_path: Path) -> None:
    path = tmp_path / "short_warm.yaml"
    path.write_text(GREETING)
    greeting = load_greeting_file(path)
    raw = yaml.safe_load(GREETING)
    assert (greeting.id, greeting.name, greeting.principle) == ("short_warm", raw["name"], "P13")
    assert greeting.description == "Your name and when you call back."
    assert greeting.humor is True
    assert greeting.phrasings == tuple(raw["phrasings"])
    assert greeting.examples == ({"name": "Sam Ortiz", "phone": "312-555-0147"},)
    assert greeting.path == str(path)
    assert load_greetings(tmp_path) == (greeting,)


def test_a_greeting_may_use_only_the_reps_slots_and_its_refusal_names_the_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "short_warm.yaml"
    path.write_text(GREETING.replace("examples:\n", BAD_SLOT + "examples:\n"))
    for load in (lambda: load_greeting_file(path), lambda: load_greetings(tmp_path)):
        with pytest.raises(DataFileError) as caught:
            load()
        assert (caught.value.path, caught.value.line) == (str(path), 11)
        assert caught.value.detail == "phrasing uses {first_name}, which is no slot."
        assert caught.value.fix == f"Use one of: {', '.join(sorted(REP_SLOTS))}."
        assert caught.value.docs == "docs/writer.md"
    path.write_text(GREETING.replace("name: Short and warm\n", ""))
    for load in (lambda: load_greeting_file(path), lambda: load_greetings(tmp_path)):
        with pytest.raises(DataFileError) as caught:
            load()
        assert caught.value.docs == "docs/writer.md"


def test_the_built_in_greetings_are_read_from_their_folder() -> None:
    folder = Path(str(package_data("greetings")))
    assert load_greetings() == tuple(load_greeting_file(p) for p in sorted(folder.glob("*.yaml")))
