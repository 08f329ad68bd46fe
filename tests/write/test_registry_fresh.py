"""A registry built fresh (not the cached built-in one): ids, former ids, typed ids, clashes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from callworthy.errors import UnknownStrategyError
from callworthy.write.registry import Registry
from callworthy.write.strategies import load_greetings, load_strategies, package_data


@pytest.fixture
def registry() -> Registry:
    return Registry(load_strategies())  # read from the files again, uncached


def test_a_typed_id_a_former_id_and_dashes_find_the_strategy(registry: Registry) -> None:
    renamed = next(s for s in registry.strategies if s.former_ids)
    assert registry.find(renamed.id) == renamed.id
    assert registry.find(renamed.former_ids[0]) == renamed.id
    assert registry.find(renamed.id.replace("_", "-").upper()) == renamed.id
    assert registry.find("no_such_idea") is None
    assert renamed.id in registry and "no_such_idea" not in registry and 3 not in registry
    assert registry.get(renamed.id) is renamed and registry.get(renamed.former_ids[0]) is None


def test_an_unknown_strategy_is_refused_with_the_teams_ids(registry: Registry) -> None:
    with pytest.raises(UnknownStrategyError) as caught:
        registry.resolve("  zebra pitch ", field="baseline")
    assert caught.value.problem == "'zebra pitch' is not one of your team's strategies."
    assert caught.value.fix == f"Use one of: {', '.join(registry.ids())}."
    assert caught.value.field == "baseline"
    with pytest.raises(UnknownStrategyError, match="No strategy given"):
        registry.resolve("")
    first, second = registry.ids()[:2]
    assert registry.resolve_all([first, second, first]) == (first, second)


def test_a_team_idea_joins_but_never_replaces_a_built_in(registry: Registry) -> None:
    builtin = registry.strategies[0]
    idea = dataclasses.replace(builtin, id="team_idea", name="Our idea", former_ids=())
    clash = dataclasses.replace(builtin, name="Not the built-in")
    team = registry.with_team([idea, clash])
    assert team.ids() == (*registry.ids(), "team_idea")
    assert team.name_of(builtin.id) == builtin.name and team.name_of("team_idea") == "Our idea"
    assert team.name_of("gone") == "gone"
    assert registry.with_team([clash]) is registry
    with pytest.raises(ValueError, match="'team_idea' is registered twice"):
        Registry((*team.strategies, idea))


def test_the_greeting_scripts_are_read_from_their_files() -> None:
    folder = Path(str(package_data("greetings")))
    greetings = load_greetings()
    assert [g.id for g in greetings] == sorted(p.stem for p in folder.glob("*.yaml"))
    for greeting in greetings:
        assert greeting.path == str(folder / f"{greeting.id}.yaml")
        assert greeting.name and greeting.principle.startswith("P") and greeting.phrasings
        assert "  " not in greeting.description and "\n" not in greeting.description
