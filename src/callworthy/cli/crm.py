"""`callworthy import` (CRM call exports) and `callworthy dnc import` (do-not-call lists)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from callworthy.cli.common import FORMAT_OPTION, LazyChoice, emit, handle_errors
from callworthy.cli.db import DB_OPTION, REP_OPTION, open_for
from callworthy.errors import InvalidFieldError
from callworthy.text.plural import count

if TYPE_CHECKING:
    from callworthy.services.values import DncReport, ImportReport


def _format_ids() -> list[str]:
    """Return the CRM formats' ids, read from their data files when first needed."""
    from callworthy.crm import default_formats

    return sorted(default_formats())


FILE_ARGUMENT = click.argument("file", type=click.Path(dir_okay=False, path_type=Path))


def _overrides(pairs: tuple[str, ...]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise InvalidFieldError(
                f"--map {pair!r} is not FIELD=COLUMN.", 'E.g. --map phone="Mobile"'
            )
        mapping[field.strip()] = column.strip()
    return mapping


def _print_report(report: ImportReport) -> None:
    verb = "Would add" if report.dry_run else "Added"
    click.echo(
        f"{report.path} ({report.format}): {count(report.rows, 'row')}. {verb} "
        f"{count(report.voicemails_added, 'voicemail')}, "
        f"{count(report.callbacks_added, 'callback')}, "
        f"{count(report.prospects_added, 'new prospect')}; "
        f"{report.already_present} already imported."
    )
    for label, items in (("Skipped", report.skipped), ("Rejected", report.rejected)):
        if items:
            click.echo(f"{label} {count(len(items), 'row')}:")
            for item in items[:20]:
                click.echo(f"  line {item.line}: {item.reason}")
            if len(items) > 20:
                click.echo(f"  ... and {len(items) - 20} more")


@click.command("import")
@FILE_ARGUMENT
@click.option(
    "--format",
    "-f",
    "crm",
    type=LazyChoice(_format_ids),
    default="generic",
    show_default=True,
    help="Which export the file is (column names: docs/tracking.md).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Read a field from another column.",
)
@click.option(
    "--dry-run", is_flag=True, help="Check the file and say what would be added; write nothing."
)
@click.option("--keep-going", is_flag=True, help="Import the good rows even if some are bad.")
@click.option("--tz", default="UTC", show_default=True, help="Time zone of times without one.")
@click.option(
    "--strategy",
    default=None,
    help="Strategy id for voicemails without one (default: read from their notes' script).",
)
@click.option(
    "--unmatched", is_flag=True, help="Store callbacks that answer no voicemail before them."
)
@DB_OPTION
@REP_OPTION
@handle_errors
def import_command(
    file: Path,
    crm: str,
    as_json: bool,
    mappings: tuple[str, ...],
    dry_run: bool,
    keep_going: bool,
    tz: str,
    strategy: str | None,
    unmatched: bool,
    db: str | None,
    rep: str | None,
) -> None:
    """Import calls from a CRM export (CSV).

    Voicemails and callbacks from a generic, HubSpot or Salesforce export, all or nothing.

    Any bad row stops the import with every bad line listed and nothing written.
    Importing the same file again adds nothing. Notes that hold a voicemail
    script are critiqued (their score) and, unless the file or --strategy names
    one, read as a strategy (marked inferred, with how sure); other notes stay
    unscored, under `other`. A callback that answers no voicemail is refused,
    as by `callworthy callback`, unless --unmatched.

    \b
    Example: callworthy import calls.csv --format hubspot --dry-run
    """
    from callworthy.services.importer import import_file

    engine, caller = open_for(db, rep)
    report = import_file(
        engine,
        caller,
        file,
        format_name=crm,
        columns=_overrides(mappings),
        dry_run=dry_run,
        keep_going=keep_going,
        time_zone=tz,
        strategy=strategy,
        unmatched=unmatched,
    )
    emit(report, "json" if as_json else "text", _print_report)


@click.group()
def dnc() -> None:
    """Manage the do-not-call list.

    Numbers you must not call; `callworthy log` refuses them.
    """


@dnc.command("import")
@FILE_ARGUMENT
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def dnc_import(file: Path, db: str | None, rep: str | None, output_format: str) -> None:
    """Add a do-not-call list's numbers.

    A CSV with a phone column, or one number a line.

    \b
    Example: callworthy dnc import national-dnc.csv
    """
    from callworthy.services.dnc import import_dnc

    engine, caller = open_for(db, rep)
    report = import_dnc(engine, caller, file)
    emit(report, output_format, _print_dnc)


def _print_dnc(report: DncReport) -> None:
    click.echo(
        f"{count(report.numbers, 'number')} in {report.path}: {report.added} new on the list, "
        f"{count(report.prospects_flagged, 'prospect')} flagged do-not-call."
    )
    for name in report.flagged:
        click.echo(f"  {name}")
