"""`callworthy log | callback | correct | history | export`: what you left, what came back."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import click
from rich.table import Table

from callworthy.cli.common import FORMAT_OPTION, console, emit, handle_errors
from callworthy.cli.db import DB_OPTION, REP_OPTION, open_for
from callworthy.errors import InputFileError, InvalidFieldError, NotTextError, UnknownProspectError
from callworthy.fields import CallbackOutcome, parse_time, zone
from callworthy.services import prospects
from callworthy.services import tracking as service
from callworthy.services.values import CallbackRecord, History, VoicemailRecord
from callworthy.text.plural import count

AT_OPTION = click.option(
    "--at", "at", metavar="TIME", help="When (ISO 8601, e.g. 2024-03-05T14:30); default: now."
)
TZ_OPTION = click.option(
    "--tz", "tz", default="UTC", show_default=True, help="Time zone of an --at without one."
)


def _when(at: str | None, tz: str) -> datetime | None:
    return parse_time(at, zone(tz)) if at else None


def _script(script: str | None, file: str | None) -> str:
    if (script is None) == (file is None):
        raise InvalidFieldError("Give the script with --script TEXT or --file PATH (- for stdin).")
    if script is not None:
        return script
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(str(file)).read_bytes()
    except OSError as exc:
        raise InputFileError(f"Cannot read {file}: {exc.strerror}.", "Check the path.") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotTextError(f"{file} is not UTF-8 text.", "Save it as UTF-8 and try again.") from exc


@click.command("log")
@click.argument("prospect_ref", metavar="PROSPECT")
@click.option(
    "--strategy",
    "-s",
    help="Strategy id: value_tip, sales_lead, an idea's idea_7 ... (default: the arm the "
    "running experiment gave the prospect).",
)
@click.option("--script", help="What you said (the voicemail's text).")
@click.option("--file", "file", metavar="PATH", help="Read the script from a file (- for stdin).")
@AT_OPTION
@TZ_OPTION
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def log(
    prospect_ref: str,
    strategy: str | None,
    script: str | None,
    file: str | None,
    at: str | None,
    tz: str,
    db: str | None,
    rep: str | None,
    output_format: str,
) -> None:
    """Log a voicemail you left: critiqued, scored, stored.

    PROSPECT is a #id, a phone number or a name. While an experiment runs, a
    prospect it gave an arm to is logged with that arm unless --strategy says
    otherwise; the voicemail is linked to the assignment.

    Refused for prospects on the do-not-call list.

    \b
    Example: callworthy log "Jane Doe" --strategy sales_lead --file message.txt
    """
    text = _script(script, file)
    when = _when(at, tz)
    engine, caller = open_for(db, rep)
    prospect_id = prospects.find_prospect(engine, caller, prospect_ref)
    if not strategy:
        strategy = service.assigned_arm(engine, caller, prospect_id, when or datetime.now(UTC))
    if not strategy:
        raise InvalidFieldError(
            "Say which strategy you used: no experiment gave this prospect an arm.",
            "Give --strategy, e.g. value_tip.",
            field="strategy",
        )
    record = service.log_voicemail(engine, caller, prospect_id, strategy, text, at=when)
    emit(record, output_format, _print_voicemail)


def _print_voicemail(record: VoicemailRecord) -> None:
    click.echo(
        f"Logged voicemail #{record.id} ({record.strategy}) "
        f"at {record.left_at:%Y-%m-%d %H:%M} UTC: score {record.score}/100 "
        f"(rules {record.rules_version})."
    )


@click.command("correct")
@click.argument("voicemail_id", type=click.IntRange(1, 2**31 - 1), metavar="VOICEMAIL")
@click.option("--strategy", "-s", required=True, help="The strategy it really used.")
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def correct(
    voicemail_id: int, strategy: str, db: str | None, rep: str | None, output_format: str
) -> None:
    """Say which strategy a logged voicemail really used.

    For an imported voicemail whose strategy was read from its script (shown as
    inferred by `callworthy history`); it is no longer inferred once corrected.

    \b
    Example: callworthy correct 42 --strategy sales_lead
    """
    engine, caller = open_for(db, rep)
    record = service.correct_strategy(engine, caller, voicemail_id, strategy)
    emit(
        record,
        output_format,
        lambda r: click.echo(f"Voicemail #{r.id} now says {r.strategy}."),
    )


@click.command("callback")
@click.argument("prospect_ref", metavar="[PROSPECT]", required=False)
@click.option("--phone", help="Match the prospect by the number that called back.")
@click.option(
    "--outcome",
    type=click.Choice([o.value for o in CallbackOutcome]),
    default=CallbackOutcome.RETURNED.value,
    show_default=True,
    help="How the call went.",
)
@click.option("--notes", default="", help="Anything worth remembering about the call.")
@click.option("--unmatched", is_flag=True, help="Store it even if no voicemail is waiting.")
@AT_OPTION
@TZ_OPTION
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def callback(
    prospect_ref: str | None,
    phone: str | None,
    outcome: str,
    notes: str,
    unmatched: bool,
    at: str | None,
    tz: str,
    db: str | None,
    rep: str | None,
    output_format: str,
) -> None:
    """Log a return call from a prospect.

    It is matched to the prospect's latest voicemail not yet answered; give the
    prospect (#id, phone or name) or the --phone number that called.

    \b
    Example: callworthy callback --phone "704 333 1112" --outcome meeting
    """
    when = _when(at, tz)
    engine, caller = open_for(db, rep)
    if prospect_ref:
        prospect_id = prospects.find_prospect(engine, caller, prospect_ref)
    elif phone:
        prospect_id = prospects.find_by_phone(engine, caller, phone)
    else:
        raise UnknownProspectError("A callback needs a prospect or a phone number.")
    record = service.log_callback(
        engine,
        caller,
        prospect_id,
        outcome=outcome,
        at=when,
        notes=notes,
        unmatched=unmatched,
    )
    emit(record, output_format, _print_callback)


def _print_callback(record: CallbackRecord) -> None:
    answered = f"voicemail #{record.voicemail_id}" if record.voicemail_id else "no voicemail"
    click.echo(f"Logged callback #{record.id} ({record.outcome}), answering {answered}.")


def _print_history(h: History) -> None:
    p = h.prospect
    out = console()
    out.print(f"[bold]#{p.id} {p.name}[/bold]" + (f", {p.company}" if p.company else ""))
    if p.do_not_call:
        out.print("[red]On the do-not-call list.[/red]")
    table = Table("When (UTC)", "What", "Strategy / outcome", "Score", "Rep")
    events = [
        (v.left_at, f"voicemail #{v.id}", _strategy(v), str(v.score or "-"), v.rep or "")
        for v in h.voicemails
    ]
    events += [(c.at, "callback", c.outcome, "", "") for c in h.callbacks]
    for when, what, detail, score, rep in sorted(events, key=lambda e: e[0]):
        table.add_row(f"{when:%Y-%m-%d %H:%M}", what, detail, score, rep)
    out.print(table)
    returned = len({c.voicemail_id for c in h.callbacks if c.voicemail_id})
    out.print(
        f"{count(len(h.voicemails), 'voicemail')}, {returned} returned, "
        f"{count(len(h.callbacks), 'callback')}."
    )


def _strategy(v: VoicemailRecord) -> str:
    if not v.inferred:
        return v.strategy
    sure = f", {v.confidence:.0%} sure" if v.confidence is not None else ""
    return f"{v.strategy} (inferred{sure})"


@click.command("history")
@click.argument("prospect_ref", metavar="PROSPECT")
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def history(prospect_ref: str, db: str | None, rep: str | None, output_format: str) -> None:
    """Show a prospect's voicemails and callbacks.

    Everything left for PROSPECT (#id, phone or name) and every return call, oldest first.
    """
    engine, caller = open_for(db, rep)
    found = service.history(engine, caller, prospects.find_prospect(engine, caller, prospect_ref))
    emit(found, output_format, _print_history)


@click.command("export")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["csv", "json"]),
    default="csv",
    show_default=True,
    help="CSV (re-importable with `import --format generic`) or JSON.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: stdout).",
)
@DB_OPTION
@REP_OPTION
@handle_errors
def export(output_format: str, output: Path | None, db: str | None, rep: str | None) -> None:
    """Export all voicemails and callbacks.

    One row each, by time, for your whole team; the CSV can be imported back with
    `callworthy import FILE --format generic`. A cell that starts like a spreadsheet
    formula (= + - @) is written with a ' in front, so it opens as text.
    """
    engine, caller = open_for(db, rep)
    if output_format == "json":
        rows = service.export_rows(engine, caller)
        text = json.dumps(rows, indent=2, ensure_ascii=False, default=str) + "\n"
        written = len(rows)
    else:
        text, written = service.export_csv(engine, caller)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputFileError(f"Cannot write {output}: {exc.strerror}.", "Check the path.") from exc
    click.echo(f"Wrote {count(written, 'row')} to {output}.", err=True)
