"""`callworthy prospect`: add, list, show and forget the people you call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click
from rich.table import Table

from callworthy.cli.common import FORMAT_OPTION, console, emit, handle_errors
from callworthy.cli.db import DB_OPTION, REP_OPTION, open_for
from callworthy.services import prospects as service
from callworthy.services.values import ForgetReport, ProspectRecord
from callworthy.text.plural import count

F = TypeVar("F", bound=Callable[..., Any])


def _profile(p: ProspectRecord) -> None:
    out = console()
    out.print(
        f"[bold]#{p.id} {p.name}[/bold]" + (" [red](do not call)[/red]" if p.do_not_call else "")
    )
    for label, value in (
        ("Company", p.company),
        ("Role", p.role),
        ("Industry", p.industry),
        ("Phone", p.phone),
        ("Time zone", p.time_zone),
        ("Humor OK", "yes" if p.humor_ok else "no"),
        ("Relation", p.relationship.replace("_", " ")),
        ("Referred by", p.referred_by),
        (
            "Lead",
            p.lead_name and f"{p.lead_name}" + (f": {p.lead_detail}" if p.lead_detail else ""),
        ),
        ("Tags", ", ".join(p.tags)),
        ("CRM id", p.external_id),
        ("Owner", p.owner),
    ):
        if value:
            out.print(f"  {label + ':':<11} {value}", markup=False)


def known_options(func: F) -> F:
    """Add what decides which strategies fit: --relationship, --referred-by, --lead-*."""
    for option in reversed(
        [
            click.option(
                "--relationship",
                type=click.Choice(list(service.RELATIONSHIPS)),
                default="cold",
                show_default=True,
                help="How well you know them (some strategies fit only some).",
            ),
            click.option("--referred-by", help="Someone you both know who suggested the call."),
            click.option("--lead-name", help="A real sales lead for their business (P7)."),
            click.option("--lead-detail", help='What the lead needs ("... is looking for").'),
        ]
    ):
        func = option(func)
    return func


@click.group()
def prospect() -> None:
    """Add, list, show and forget prospects, and say what you know of them."""


@prospect.command("add")
@click.argument("name")
@click.option("--company", help="Their company.")
@click.option("--role", help="Their job title.")
@click.option("--industry", help="Their industry (picks the concerns that keep them up, P9).")
@click.option("--phone", help="Their number, any common format; stored as E.164.")
@click.option("--humor/--no-humor", default=False, help="Whether humorous messages suit them (P8).")
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for several).")
@click.option("--external-id", help="Their id in your CRM.")
@known_options
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def add_command(
    name: str,
    company: str | None,
    role: str | None,
    industry: str | None,
    phone: str | None,
    humor: bool,
    tags: tuple[str, ...],
    external_id: str | None,
    relationship: str,
    referred_by: str | None,
    lead_name: str | None,
    lead_detail: str | None,
    db: str | None,
    rep: str | None,
    output_format: str,
) -> None:
    """Add a prospect.

    \b
    Example: callworthy prospect add "Jane Doe" --company Acme --phone "(704) 333-1112"
    """
    engine, caller = open_for(db, rep)
    record = service.add_prospect(
        engine,
        caller,
        name,
        company=company,
        role=role,
        industry=industry,
        phone=phone,
        humor_ok=humor,
        tags=tags,
        external_id=external_id,
        known=service.Known(relationship, referred_by, lead_name, lead_detail),
    )
    emit(
        record,
        output_format,
        lambda r: click.echo(f"Added #{r.id} {r.name}" + (f" ({r.phone})" if r.phone else "")),
    )


@prospect.command("list")
@click.option("--tag", help="Only prospects with this tag.")
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def list_command(tag: str | None, db: str | None, rep: str | None, output_format: str) -> None:
    """List your team's prospects by name."""
    engine, caller = open_for(db, rep)
    found = service.list_prospects(engine, caller, tag)
    emit(found, output_format, _print_list)


def _print_list(found: tuple[ProspectRecord, ...]) -> None:
    if not found:
        click.echo("No prospects yet. Add one with `callworthy prospect add NAME`.")
        return
    table = Table("#", "Name", "Company", "Phone", "Time zone", "Tags", "DNC")
    for p in found:
        table.add_row(
            str(p.id), p.name, p.company or "", p.phone or "", p.time_zone or "",
            ", ".join(p.tags), "yes" if p.do_not_call else "",
        )  # fmt: skip
    console().print(table)


@prospect.command("show")
@click.argument("prospect_ref", metavar="PROSPECT")
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def show_command(prospect_ref: str, db: str | None, rep: str | None, output_format: str) -> None:
    """Show one prospect, by #id, phone number or name."""
    engine, caller = open_for(db, rep)
    record = service.show_prospect(
        engine, caller, service.find_prospect(engine, caller, prospect_ref)
    )
    emit(record, output_format, _profile)


@prospect.command("know")
@click.argument("prospect_ref", metavar="PROSPECT")
@known_options
@click.option("--humor/--no-humor", default=None, help="Whether humorous messages suit them (P8).")
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def know_command(
    prospect_ref: str,
    relationship: str,
    referred_by: str | None,
    lead_name: str | None,
    lead_detail: str | None,
    humor: bool | None,
    db: str | None,
    rep: str | None,
    output_format: str,
) -> None:
    """Say what you know of a prospect: it decides which strategies fit them.

    The writer and `callworthy next` read it alike. Options left out are cleared
    (a lead given once is not kept for ever), except --humor.

    \b
    Example: callworthy prospect know "Jane Doe" --relationship referred --referred-by "Ann Lee"
    """
    engine, caller = open_for(db, rep)
    pid = service.find_prospect(engine, caller, prospect_ref)
    if humor is not None:
        service.set_humor(engine, caller, pid, humor)
    known = service.Known(relationship, referred_by, lead_name, lead_detail)
    emit(service.set_known(engine, caller, pid, known), output_format, _profile)


@prospect.command("forget")
@click.argument("prospect_ref", metavar="PROSPECT")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def forget_command(
    prospect_ref: str, yes: bool, db: str | None, rep: str | None, output_format: str
) -> None:
    """Erase a prospect and every voicemail and callback about them, for good.

    Their number stays on the do-not-call list if it is there.
    """
    engine, caller = open_for(db, rep)
    target = service.show_prospect(
        engine, caller, service.find_prospect(engine, caller, prospect_ref)
    )
    if not yes:
        click.confirm(f"Erase #{target.id} {target.name} and all their history?", abort=True)
    report = service.forget_prospect(engine, caller, target.id)
    emit(report, output_format, _print_forgot)


def _print_forgot(report: ForgetReport) -> None:
    click.echo(
        f"Forgot #{report.prospect_id} {report.name}: "
        f"{count(report.voicemails, 'voicemail')}, {count(report.callbacks, 'callback')} erased."
    )
