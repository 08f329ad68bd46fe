"""Options shared by the commands that critique: team rule folders, switched-off rules, region."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:  # imported when a command runs, not when its options are built
    from sqlalchemy import Engine

    from callworthy.critique import RuleSet
    from callworthy.critique.loader import RuleText
    from callworthy.services.caller import Caller

F = TypeVar("F", bound=Callable[..., Any])


def rules_options(func: F) -> F:
    """Add --rules DIR (repeatable), --disable PREFIX (repeatable) and --region."""
    func = click.option(
        "--region",
        default="US",
        show_default=True,
        help="Region for phone numbers written without a country code (ISO code, e.g. GB).",
    )(func)
    func = click.option(
        "--disable",
        "disable",
        multiple=True,
        metavar="PREFIX",
        help="Switch off rules whose id starts with PREFIX (e.g. humor or pitch.about-us).",
    )(func)
    return click.option(
        "--rules",
        "rule_dirs",
        multiple=True,
        metavar="DIR",
        type=click.Path(file_okay=False, path_type=Path),
        help="A team's folder of extra rules (YAML), loaded like the built-ins.",
    )(func)


def rules_from(
    rule_dirs: tuple[Path, ...], disable: tuple[str, ...], team: tuple[RuleText, ...] = ()
) -> RuleSet:
    """Return the rule set the options ask for (the cached built-ins when none are given).

    `team` is a team's own rules, stored in the database: they replace a folder's or a
    built-in rule of the same id, as on the web.
    """
    from callworthy.critique import default_rules, load_rules

    if not rule_dirs and not disable and not team:
        return default_rules()
    return load_rules(rule_dirs, disable=disable, extra=team)


def with_rule_options(
    caller: Caller, engine: Engine, rule_dirs: tuple[Path, ...], disable: tuple[str, ...]
) -> Caller:
    """Return the caller critiquing with the team's rules plus the folders, minus `disable`."""
    from callworthy.services.team_rules import team_rule_texts

    if not rule_dirs and not disable:
        return caller
    rules = rules_from(rule_dirs, disable, team_rule_texts(engine, caller.team_id))
    return replace(caller, rules=lambda: rules)
