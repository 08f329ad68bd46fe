"""`callworthy rules`: list the rules in force, and check a team's rule folder."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.table import Table
from typing_extensions import TypedDict  # pydantic reads typing's TypedDict only from 3.12

from callworthy.cli.common import FORMAT_OPTION, console, emit, handle_errors
from callworthy.cli.options import rules_from, rules_options
from callworthy.critique import RuleSet, load_rules
from callworthy.critique.selftest import ExampleResult, check_examples


class RuleRow(TypedDict):
    """A rule in force, as `rules list --format json` prints it."""

    id: str
    kind: str
    level: str
    principle: str
    subscore: str
    weight: int
    message: str
    fix: str
    path: str


class RuleList(TypedDict):
    """What `rules list --format json` prints: the rule set's version and its rules."""

    version: str
    rules: list[RuleRow]


class ExampleFailure(TypedDict):
    """A rule example that does not behave as its rule declares."""

    rule: str
    expected: str
    text: str


class RulesCheck(TypedDict):
    """What `rules check --format json` prints: the team's rules, examples run, failures."""

    rules: list[str]
    examples: int
    failures: list[ExampleFailure]


@click.group()
def rules() -> None:
    """List the critique rules, or check a team's own rule folder."""


@rules.command("list")
@FORMAT_OPTION
@rules_options
@handle_errors
def list_rules(
    output_format: str, rule_dirs: tuple[Path, ...], disable: tuple[str, ...], region: str
) -> None:
    """List every rule in force: id, kind, level, principle and what it says."""
    ruleset = rules_from(rule_dirs, disable)
    data: RuleList = {
        "version": ruleset.version,
        "rules": [
            {
                "id": r.id,
                "kind": r.kind,
                "level": r.level.value,
                "principle": r.principle,
                "subscore": r.subscore.value,
                "weight": r.weight,
                "message": r.message,
                "fix": r.fix,
                "path": r.path,
            }
            for r in ruleset.rules
        ],
    }
    emit(ruleset, output_format, _print_rules, data=data)


def _print_rules(ruleset: RuleSet) -> None:
    table = Table(title=f"{len(ruleset)} rules (version {ruleset.version})", title_justify="left")
    for column in ("id", "kind", "level", "principle", "message"):
        table.add_column(column, overflow="fold")
    for r in ruleset.rules:
        table.add_row(r.id, r.kind, r.level.value, r.principle, r.message)
    console().print(table)


@rules.command("check")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@FORMAT_OPTION
@handle_errors
def check_rules(folder: Path, output_format: str) -> None:
    """Load a team's rule FOLDER and run every rule's pass/fail examples.

    The folder goes through the same validating loader as the built-in rules;
    a broken file is reported with its file and line. Exits 1 if any example
    does not behave as declared.
    """
    ruleset = load_rules([folder])
    team_ids = {r.id for r in ruleset.rules if Path(r.path).is_relative_to(folder)}
    results = check_examples(ruleset, team_ids)
    failures = [r for r in results if not r.ok]
    data: RulesCheck = {
        "rules": sorted(team_ids),
        "examples": len(results),
        "failures": [{"rule": r.rule, "expected": r.expected, "text": r.text} for r in failures],
    }

    def show(failures: list[ExampleResult]) -> None:
        out = console()
        for r in failures:
            verb = "should fire on" if r.expected == "fail" else "should stay silent on"
            out.print(f"[red]✗[/red] {r.rule} {verb}: {r.text!r}")
        out.print(f"{len(team_ids)} rules, {len(results)} examples, {len(failures)} failing.")

    emit(failures, output_format, show, data=data)
    if failures:
        sys.exit(1)
