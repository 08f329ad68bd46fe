"""`callworthy write`, `greeting` and `strategies list`: the message writer (capability 2).

A thin veneer over callworthy.write: build the profile from options and/or a
--profile file, call the core, render. In JSON mode stdout is exactly a list
of candidates (or greetings); notes and skipped strategies go to stderr, one
line each, so a script can pipe stdout straight into a JSON parser.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from typing_extensions import TypedDict  # pydantic reads typing's TypedDict only from 3.12

from callworthy.cli.common import FORMAT_OPTION, as_data, console, emit, handle_errors
from callworthy.cli.db import DB_OPTION, REP_OPTION, open_for
from callworthy.errors import ProfileError
from callworthy.services import profiles
from callworthy.services.database import ENV_VAR
from callworthy.services.writing import team_evidence
from callworthy.write import (
    Candidate,
    Evidence,
    Greeting,
    Profile,
    Rep,
    Writeup,
    default_registry,
    profile_from_mapping,
    rep_from_mapping,
    write_greetings,
    write_messages,
)
from callworthy.write.deliver import Deliverable
from callworthy.write.profile import merge, read_profile_data
from callworthy.write.strategies import Strategy

OPTIONS = "command-line options"
PROFILE_OPTION = click.option(
    "--profile",
    "profile_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="A TOML or YAML file with [prospect] and [rep] sections; options override it.",
)
SEED_OPTION = click.option(
    "--seed", type=int, default=0, show_default=True, help="Picks phrasings; same seed, same text."
)


def _rep_options(func: Any) -> Any:
    for flag, helptext in reversed(
        [
            ("--rep-name", "Your name (the rep leaving the message)."),
            ("--rep-company", "Your company."),
            ("--rep-phone", "Your phone number, with area code."),
            ("--rep-email", "Your email."),
        ]
    ):
        func = click.option(flag, metavar="TEXT", help=helptext)(func)
    return func


def _require(values: dict[str, Any], needed: Sequence[tuple[str, str, str]]) -> None:
    for section, field, flag in needed:
        if not values.get(section, {}).get(field):
            fix = f"Give {flag}, or a --profile FILE."
            if section == "rep":
                fix = f"Give {flag}, a --profile FILE, or save yours once: callworthy profile set."
            raise ProfileError(OPTIONS, None, f"{section}.{field} is missing.", fix)


def _rep_values(
    name: str | None, company: str | None, phone: str | None, email: str | None
) -> dict[str, Any]:
    return {"name": name, "company": company, "phone": phone, "email": email}


def _with_saved_rep(data: dict[str, Any], db: str | None, rep: str | None) -> dict[str, Any]:
    """Fill the rep's name, phone and company the options and file left out from the saved
    profile (`callworthy profile set`); what was given still wins."""
    given = data.get("rep") or {}
    if given.get("name") and given.get("phone"):
        return data  # nothing missing: the database is not even opened
    saved = profiles.stored_profile(db, rep)
    return merge({"rep": saved.rep_mapping()}, data) if saved else data


def build_profile(
    profile_file: Path | None,
    overrides: dict[str, dict[str, Any]],
    db: str | None = None,
    rep: str | None = None,
) -> Profile:
    """Return the profile: options over a file (if given) over the rep's saved profile."""
    if profile_file is not None:
        data, node = read_profile_data(profile_file)
        data = _with_saved_rep(merge(data, overrides), db, rep)
        return profile_from_mapping(data, str(profile_file), node)
    data = _with_saved_rep(merge({}, overrides), db, rep)
    _require(
        data,
        [("prospect", "name", "--name"), ("rep", "name", "--rep-name"),
         ("rep", "phone", "--rep-phone")],
    )  # fmt: skip
    return profile_from_mapping(data, OPTIONS)


def build_rep(
    profile_file: Path | None, overrides: dict[str, Any], db: str | None = None,
    rep: str | None = None,
) -> Rep:  # fmt: skip
    """Return the rep: options over a file's [rep] section over the saved profile."""
    if profile_file is not None:
        data, node = read_profile_data(profile_file)
        data = _with_saved_rep(merge(data, {"rep": overrides}), db, rep)
        return rep_from_mapping(data, str(profile_file), node)
    data = _with_saved_rep(merge({}, {"rep": overrides}), db, rep)
    _require(data, [("rep", "name", "--rep-name"), ("rep", "phone", "--rep-phone")])
    return rep_from_mapping(data, OPTIONS)


def _render_deliverable(body: Text, deliverable: Deliverable) -> None:
    """Append what the message promised, each item, and the follow-up e-mail."""
    body.append(f"\n\nYou promised {deliverable.promise}:", style="bold")
    for number, item in enumerate(deliverable.items, 1):
        body.append(f"\n  {number}. {item.text}")
        if item.detail:
            body.append(f" ({item.detail})" if deliverable.kind == "answer" else f": {item.detail}",
                        style="dim")  # fmt: skip
        if item.url:
            body.append(f" {item.url}", style="cyan")
    body.append(f"\n\nFollow-up e-mail. Subject: {deliverable.email.subject}\n", style="bold")
    body.append(deliverable.email.body, style="dim")


def _render_candidate(rank: int, cand: Candidate) -> Panel:
    body = Text(cand.text)
    body.append(f"\n\nSay it: {cand.spoken}", style="dim")
    if cand.caution:
        body.append(f"\nCaution: {cand.caution}", style="yellow")
    if cand.deliverable:
        _render_deliverable(body, cand.deliverable)
    title = Text(f"{rank}. {cand.name} [{cand.strategy}, {cand.principle}]")
    subtitle = f"{cand.evidence} · score {cand.score} · ~{cand.spoken_seconds:.0f} s"
    return Panel(body, title=title, title_align="left", subtitle=subtitle, subtitle_align="right")


def render_writeup(writeup: Writeup) -> None:
    """Print each candidate in a panel, then the notes and skipped strategies."""
    out = console()
    for note in writeup.notes:
        out.print(Text("Note: ", style="yellow") + Text(note))
    for rank, cand in enumerate(writeup.candidates, 1):
        out.print(_render_candidate(rank, cand))
    if writeup.skipped:
        out.print("[bold]Skipped[/bold]")
        for skip in writeup.skipped:
            out.print(Text(f"  · {skip}"))


def _notes_to_stderr(writeup: Writeup) -> None:
    for note in writeup.notes:
        click.echo(f"note: {note}", err=True)
    for skip in writeup.skipped:
        click.echo(f"skipped: {skip}", err=True)


@click.command("write")
@click.option("--name", metavar="TEXT", help="The prospect's name (required without --profile).")
@click.option("--company", metavar="TEXT", help="The prospect's company.")
@click.option("--role", metavar="TEXT", help="The prospect's role.")
@click.option("--industry", metavar="TEXT", help="Their industry (a pack id or alias).")
@click.option(
    "--fact",
    "facts",
    multiple=True,
    metavar="TEXT",
    help='Something you know about them, in any words: "opened a second location" (repeatable).',
)
@click.option(
    "--concern",
    "concerns",
    multiple=True,
    metavar="TEXT",
    help="What keeps them up at night, in their words (repeatable).",
)
@click.option(
    "--humor/--no-humor",
    "humor_ok",
    default=None,
    help="Whether humor strategies (P8) may be used. Default: no.",
)
@click.option(
    "--relationship",
    type=click.Choice(["cold", "met_briefly", "referred"]),
    help="How well you know them. Default: cold.",
)
@click.option("--referred-by", metavar="TEXT", help="The person you both know who referred you.")
@click.option("--lead-name", metavar="TEXT", help="A real sales lead for their business (P7).")
@click.option(
    "--lead-detail",
    metavar="TEXT",
    help='What the lead needs, in any words ("needs two trucks", "two trucks").',
)
@click.option(
    "--lead-contact", metavar="TEXT", help="The lead's phone or e-mail, for the follow-up e-mail."
)
@_rep_options
@SEED_OPTION
@PROFILE_OPTION
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def write_command(
    name: str | None, company: str | None, role: str | None, industry: str | None,
    facts: tuple[str, ...], concerns: tuple[str, ...], humor_ok: bool | None,
    relationship: str | None, referred_by: str | None, lead_name: str | None,
    lead_detail: str | None, lead_contact: str | None, rep_name: str | None,
    rep_company: str | None, rep_phone: str | None, rep_email: str | None, seed: int,
    profile_file: Path | None, db: str | None, rep: str | None, output_format: str,
) -> None:  # fmt: skip
    """Write candidate voicemails for a prospect, one per strategy that fits, best first.

    Every candidate is critiqued and clears the bar: score 80+, 12-30 spoken
    seconds, your number in the first half and again at the end, no
    money-saving pitch, nothing guessed about the prospect. Strategies that do
    not fit (no lead, humor off ...) are listed with the reason. Each candidate
    comes with what it promised (the ways, the sites, the answer ...) and a
    follow-up e-mail, ready to send.

    Your name, phone and company come from the --rep-* options, else the
    --profile file, else the profile you saved with `callworthy profile set`.

    Best first means the likeliest to be called back: your team's results for
    each strategy when a database is given (--db or $CALLWORTHY_DATABASE_URL),
    else what the articles report (the sales lead, the half message); the
    critique score breaks a tie. The evidence is shown beside each candidate.
    """
    prospect: dict[str, Any] = {
        "name": name, "company": company, "role": role, "industry": industry,
        "facts": facts, "concerns": concerns, "humor_ok": humor_ok,
        "relationship": relationship, "referred_by": referred_by,
    }  # fmt: skip
    if lead_name or lead_detail or lead_contact:
        lead = {"name": lead_name, "detail": lead_detail, "contact": lead_contact}
        prospect["lead"] = {k: v for k, v in lead.items() if v}
    mine = _rep_values(rep_name, rep_company, rep_phone, rep_email)
    profile = build_profile(profile_file, {"prospect": prospect, "rep": mine}, db, rep)
    evidence = Evidence()
    if db or os.environ.get(ENV_VAR):  # the writer works offline; a database adds the team's
        engine, caller = open_for(db, rep)
        evidence = team_evidence(engine, caller, now=datetime.now(UTC))
    writeup = write_messages(profile.prospect, profile.rep, seed=seed, evidence=evidence)
    emit(writeup, output_format, render_writeup, data=as_data(writeup.candidates))
    if output_format == "json":  # the notes go to stderr, so stdout stays pure JSON
        _notes_to_stderr(writeup)


def _render_greeting(greeting: Greeting) -> Panel:
    body = Text(greeting.text)
    for finding in greeting.findings:
        body.append(f"\n! {finding.message}", style="yellow")
    title = Text(f"{greeting.name} [{greeting.script}, {greeting.principle}]")
    return Panel(
        body, title=title, title_align="left", subtitle=f"~{greeting.spoken_seconds:.0f} s"
    )


@click.command()
@_rep_options
@SEED_OPTION
@PROFILE_OPTION
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def greeting(
    rep_name: str | None, rep_company: str | None, rep_phone: str | None,
    rep_email: str | None, seed: int, profile_file: Path | None, db: str | None,
    rep: str | None, output_format: str,
) -> None:  # fmt: skip
    """Write greetings for your own voicemail (P13): traffic report, weather, plain but warm.

    Only the length is judged (12-30 spoken seconds): a greeting is not a
    message to a prospect.
    """
    mine = _rep_values(rep_name, rep_company, rep_phone, rep_email)
    greetings = write_greetings(build_rep(profile_file, mine, db, rep), seed=seed)
    emit(greetings, output_format, lambda found: console().print(*map(_render_greeting, found)))


class StrategyRow(TypedDict):
    """A strategy, as `strategies list --format json` prints it."""

    id: str
    name: str
    principle: str
    humor: bool
    relationships: list[str]
    phrasings: int
    description: str
    needs_lead: bool
    needs_referral: bool
    proposable: bool
    baseline: bool
    former_ids: list[str]


@click.group()
def strategies() -> None:
    """List the message strategies the writer uses."""


@strategies.command("list")
@FORMAT_OPTION
@handle_errors
def list_strategies(output_format: str) -> None:
    """List every built-in strategy: id, principle, what it needs, whether it is proposed.

    The strategy files are the one registry of strategy ids; a team's tried ideas
    join it as strategies of the same shape.
    """
    registry = default_registry()
    loaded = registry.strategies
    data: list[StrategyRow] = [
        {
            "id": s.id,
            "name": s.name,
            "principle": s.principle,
            "humor": s.humor,
            "relationships": [r.value for r in s.relationships],
            "phrasings": len(s.phrasings),
            "description": s.description,
            "needs_lead": s.needs_lead,
            "needs_referral": s.needs_referral,
            "proposable": s.proposable,
            "baseline": s.id == registry.baseline,
            "former_ids": list(s.former_ids),
        }
        for s in loaded
    ]
    emit(loaded, output_format, _print_strategies, data=data)


def _needs(s: Strategy) -> str:
    flags = {"humor": s.humor, "a lead": s.needs_lead, "someone you both know": s.needs_referral}
    return ", ".join(label for label, flag in flags.items() if flag) or "-"


def _print_strategies(loaded: tuple[Strategy, ...]) -> None:
    table = Table(title=f"{len(loaded)} strategies", title_justify="left")
    table.add_column("id", no_wrap=True)
    for column in ("name", "principle", "needs", "fits", "proposed", "phrasings"):
        table.add_column(column)
    for s in loaded:
        fits = ", ".join(r.value for r in s.relationships)
        proposed = ("baseline" if s.baseline else "yes") if s.proposable else "never (logged)"
        table.add_row(s.id, s.name, s.principle, _needs(s), fits, proposed, str(len(s.phrasings)))
    out = console()
    if not out.is_terminal:
        out.width = 140  # a table of properties needs room when piped
    out.print(table)
