"""`callworthy edit | delete | undo | changes`: correct what was logged, with an audit log."""

from __future__ import annotations

from typing import Any

import click
from rich.table import Table

from callworthy.cli.common import FORMAT_OPTION, console, emit, handle_errors
from callworthy.cli.db import DB_OPTION, REP_OPTION, open_for
from callworthy.fields import CallbackOutcome
from callworthy.services import audit, corrections
from callworthy.services import prospects as prospect_service
from callworthy.services.audit import ChangeRecord
from callworthy.services.paging import MAX_LIMIT, Page

ID = click.argument("record_id", metavar="ID", type=click.IntRange(1, 2**31 - 1))


def _given(**values: Any) -> dict[str, Any]:
    """Return the options that were given (None: left as it is)."""
    return {key: value for key, value in values.items() if value is not None}


def _print_change(change: ChangeRecord | None) -> None:
    if change is None:
        click.echo("Nothing changed.")
        return
    click.echo(f"{change.summary} (change #{change.id}; `callworthy undo` takes it back).")


@click.group("edit")
def edit() -> None:
    """Correct a prospect, a voicemail or a callback.

    Only the options you give change; each change goes into the audit log
    (`callworthy changes`) and `callworthy undo` takes back your last one.
    """


@edit.command("prospect")
@click.argument("prospect_ref", metavar="PROSPECT")
@click.option("--name", help="Their name.")
@click.option("--company", help="Their company (empty: none).")
@click.option("--role", help="Their job title (empty: none).")
@click.option("--industry", help="Their industry (empty: none).")
@click.option("--phone", help="Their number, any common format (empty: none).")
@click.option("--humor/--no-humor", default=None, help="Whether humorous messages suit them.")
@click.option("--tag", "tags", multiple=True, help="Their tags, replacing the old ones (repeat).")
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def edit_prospect(
    prospect_ref: str, name: str | None, company: str | None, role: str | None,
    industry: str | None, phone: str | None, humor: bool | None, tags: tuple[str, ...],
    db: str | None, rep: str | None, output_format: str,
) -> None:  # fmt: skip
    """Correct a prospect's profile (PROSPECT: #id, phone number or name).

    \b
    Example: callworthy edit prospect "#12" --company "Acme Logistics" --phone "303 499 7111"
    """
    engine, caller = open_for(db, rep)
    pid = prospect_service.find_prospect(engine, caller, prospect_ref)
    changes = _given(name=name, company=company, role=role, industry=industry, phone=phone)
    changes.update(_given(humor_ok=humor, tags=list(tags) if tags else None))
    done = corrections.edit_prospect(engine, caller, pid, changes)
    emit(done, output_format, lambda d: _print_change(d.change), data=_data(done))


def _data(done: corrections.Corrected[Any]) -> dict[str, Any]:
    change = done.change.to_dict() if done.change is not None else None
    return {"record": done.record.to_dict(), "change": change}


@edit.command("voicemail")
@ID
@click.option("--strategy", "-s", help="The strategy id it was left under.")
@click.option("--script", help="What was said (critiqued and scored again).")
@click.option("--at", "at", metavar="TIME", help="When it was left (ISO 8601; UTC without a zone).")
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def edit_voicemail(
    record_id: int, strategy: str | None, script: str | None, at: str | None,
    db: str | None, rep: str | None, output_format: str,
) -> None:  # fmt: skip
    """Correct a voicemail (ID: its number, as `callworthy history` shows it).

    \b
    Example: callworthy edit voicemail 7 --strategy sales_lead
    """
    engine, caller = open_for(db, rep)
    changes = _given(strategy=strategy, script=script, left_at=at)
    done = corrections.edit_voicemail(engine, caller, record_id, changes)
    emit(done, output_format, lambda d: _print_change(d.change), data=_data(done))


@edit.command("callback")
@ID
@click.option(
    "--outcome", type=click.Choice([o.value for o in CallbackOutcome]), help="How it went."
)
@click.option("--notes", help="Anything worth remembering about the call.")
@click.option("--at", "at", metavar="TIME", help="When it came (ISO 8601; UTC without a zone).")
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def edit_callback(
    record_id: int, outcome: str | None, notes: str | None, at: str | None,
    db: str | None, rep: str | None, output_format: str,
) -> None:  # fmt: skip
    """Correct a callback: a mis-clicked outcome, its notes or its time.

    \b
    Example: callworthy edit callback 3 --outcome returned
    """
    engine, caller = open_for(db, rep)
    done = corrections.edit_callback(
        engine, caller, record_id, _given(outcome=outcome, notes=notes, at=at)
    )
    emit(done, output_format, lambda d: _print_change(d.change), data=_data(done))


@click.group("delete")
def delete() -> None:
    """Delete a prospect, a voicemail or a callback (undoable).

    The deleted rows are kept in the audit log, so `callworthy undo` brings them
    back; to erase a prospect for good, use `callworthy prospect forget`.
    """


@delete.command("prospect")
@click.argument("prospect_ref", metavar="PROSPECT")
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def delete_prospect(prospect_ref: str, db: str | None, rep: str | None, output_format: str) -> None:
    """Delete a prospect with their voicemails and callbacks (PROSPECT: #id, phone or name)."""
    engine, caller = open_for(db, rep)
    pid = prospect_service.find_prospect(engine, caller, prospect_ref)
    emit(corrections.delete_prospect(engine, caller, pid), output_format, _print_change)


@delete.command("voicemail")
@ID
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def delete_voicemail(record_id: int, db: str | None, rep: str | None, output_format: str) -> None:
    """Delete a voicemail and the callbacks answering it (they leave the stats)."""
    engine, caller = open_for(db, rep)
    emit(corrections.delete_voicemail(engine, caller, record_id), output_format, _print_change)


@delete.command("callback")
@ID
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def delete_callback(record_id: int, db: str | None, rep: str | None, output_format: str) -> None:
    """Delete a callback."""
    engine, caller = open_for(db, rep)
    emit(corrections.delete_callback(engine, caller, record_id), output_format, _print_change)


@click.command("undo")
@click.argument("change_id", metavar="[CHANGE]", required=False, type=click.IntRange(1, 2**31 - 1))
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def undo(change_id: int | None, db: str | None, rep: str | None, output_format: str) -> None:
    """Undo your last change, or the change numbered CHANGE.

    A change is undone only while it is the last one made to its record.
    """
    engine, caller = open_for(db, rep)
    done = audit.undo(engine, caller, change_id)
    emit(done, output_format, lambda c: click.echo(f"{c.summary}."))


@click.command("changes")
@click.option(
    "--limit",
    type=click.IntRange(1, MAX_LIMIT),
    default=50,
    show_default=True,
    help="How many, newest first.",
)
@click.option("--cursor", help="The `next` of the page before.")
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def changes(
    limit: int, cursor: str | None, db: str | None, rep: str | None, output_format: str
) -> None:
    """Show the audit log: every correction, newest first, with who and when."""
    engine, caller = open_for(db, rep)
    found = audit.change_page(engine, caller, cursor=cursor, limit=limit)
    emit(found, output_format, _print_changes)


def _print_changes(found: Page[ChangeRecord]) -> None:
    if not found.items:
        click.echo("No change yet.")
        return
    table = Table("#", "When (UTC)", "Who", "What", "Undone")
    for c in found.items:
        undone = f"{c.undone_at:%Y-%m-%d %H:%M}" if c.undone_at else ""
        table.add_row(str(c.id), f"{c.at:%Y-%m-%d %H:%M}", c.who, c.summary, undone)
    console().print(table)
    if found.next:
        click.echo(f"More: --cursor {found.next}")
