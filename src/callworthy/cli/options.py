"""Options shared by the commands that critique: team rule folders, switched-off rules, region."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import click
from sqlalchemy import Engine

from callworthy.critique import RuleSet, default_rules, load_rules
from callworthy.services.caller import Caller
from callworthy.services.team_rules import team_rule_texts

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


def rules_from(rule_dirs: tuple[Path, ...], disable: tuple[str, ...]) -> RuleSet:
    """Return the rule set the options ask for (the cached built-ins when none are given)."""
    if not rule_dirs and not disable:
        return default_rules()
    return load_rules(rule_dirs, disable=disable)


def with_rule_options(
    caller: Caller, engine: Engine, rule_dirs: tuple[Path, ...], disable: tuple[str, ...]
) -> Caller:
    """Return the caller critiquing with the team's rules plus the folders, minus `disable`."""
    if not rule_dirs and not disable:
        return caller
    texts = team_rule_texts(engine, caller.team_id)
    rules = load_rules(rule_dirs, disable=disable, extra=texts)
    return replace(caller, rules=lambda: rules)
