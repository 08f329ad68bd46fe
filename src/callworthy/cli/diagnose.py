"""`callworthy diagnose PROSPECT`: why a prospect is silent, and what to do (capability 5).

A thin veneer over services.diagnose: find the prospect first (an unknown one
fails before any question is asked), take the answers from --answers FILE or
ask them, rank the P1 causes, render. In JSON mode stdout is exactly the list
of causes; notes (an empty record, do-not-call) go to stderr.
"""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from callworthy.cli.answers import ANSWERS_OPTION, Prompt, ask, read_answers
from callworthy.cli.common import FORMAT_OPTION, console, emit, handle_errors
from callworthy.cli.db import DB_OPTION, REP_OPTION, open_for
from callworthy.diagnose import CauseResult, DiagnoseModel, default_model
from callworthy.services import diagnose as service
from callworthy.services.prospects import find_prospect
from callworthy.text.plural import count

TOP = 3


def prompts(model: DiagnoseModel) -> list[Prompt]:
    """Return the questionnaire as prompts."""
    return [
        Prompt(q.id, q.text, q.help, tuple((o.id, o.label) for o in q.options))
        for q in model.questionnaire.questions
    ]


def _render_cause(out: Console, rank: int, cause: CauseResult) -> None:
    out.print(f"\n[bold]{rank}. ({cause.cause}) {cause.title}[/]  {cause.likelihood:.0%}")
    for line in cause.evidence:
        out.print(f"   · {line}", markup=False)
    if not cause.evidence:
        out.print("   · No evidence either way: its prior only.", style="dim")
    for action in cause.actions:
        mark = "→" if action.triggered_by else "-"
        out.print(f"   {mark} {action.text} [{action.principle}]", markup=False)


def render(result: service.ProspectDiagnosis, out: Console) -> None:
    """Print the likeliest causes with evidence and steps, then the rest in one table."""
    p = result.prospect
    out.print(f"[bold]Why is {p.name}{f' ({p.company})' if p.company else ''} silent?[/]")
    record = result.diagnosis.record
    attempts, callbacks = count(record.attempts, "voicemail"), count(record.callbacks, "callback")
    out.print(f"{attempts}, {callbacks} in the record.")
    for note in result.notes:
        out.print(f"Note: {note}", style="yellow", markup=False)
    causes = result.diagnosis.causes
    for rank, cause in enumerate(causes[:TOP], 1):
        _render_cause(out, rank, cause)
    table = Table(title="Less likely", title_justify="left", box=None, show_header=False)
    for cause in causes[TOP:]:
        table.add_row(f"({cause.cause})", cause.title, f"{cause.likelihood:.0%}")
    out.print()
    out.print(table)
    out.print(
        "\nNever: call until he picks up, or go around him through the assistant (P1).",
        style="dim",
    )


@click.command("diagnose")
@click.argument("prospect_ref", metavar="PROSPECT")
@ANSWERS_OPTION
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def diagnose_command(
    prospect_ref: str, answers_file: str | None, db: str | None, rep: str | None, output_format: str
) -> None:
    """Diagnose why a prospect does not call back, and what to do about it.

    Ranks the ten causes of principle P1 (a-j) from a short questionnaire and
    the record: the voicemails left (each critiqued again), how many, how far
    apart, and any callback. Each cause comes with its evidence and concrete
    next steps, from a tip tied to their concern to "give them to the
    competition".

    PROSPECT is a #id, a phone number or a name. Without --answers the
    questions are asked one by one (answer with the number or the id).

    \b
    Examples:
      callworthy diagnose "Jane Doe"
      callworthy diagnose '#12' --answers answers.yaml --format json
    """
    engine, caller = open_for(db, rep)
    prospect_id = find_prospect(engine, caller, prospect_ref)
    evidence = service.prospect_evidence(engine, caller, prospect_id)
    model = default_model()
    answers = read_answers(answers_file) if answers_file else ask(prompts(model))
    result = service.diagnose_evidence(evidence, answers, model=model)
    if output_format == "json":  # the notes go to stderr, so stdout stays pure JSON
        for note in result.notes:
            click.echo(f"Note: {note}", err=True)
    emit(result, output_format, lambda r: render(r, console()), data=result.to_list())
