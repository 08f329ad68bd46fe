"""`callworthy phonetest` and `phonetest history`: rate your phone-ability (P14, capability 6).

A thin veneer over services.phonetest: take the answers from --answers FILE
or ask the scenarios one by one (each scenario's options in the attempt's own
order, by number), score, store the sitting for the rep, render.
"""

from __future__ import annotations

from collections.abc import Mapping

import click
from rich.console import Console
from rich.table import Table

from callworthy.cli.answers import ANSWERS_OPTION, Prompt, ask, read_answers
from callworthy.cli.common import FORMAT_OPTION, console, emit, handle_errors
from callworthy.cli.db import DB_OPTION, REP_OPTION, open_for
from callworthy.errors import AnswersError
from callworthy.phoneability import (
    PhoneTestScore,
    Quiz,
    default_quiz,
    is_attempt,
    score_answers,
    shuffled,
)
from callworthy.services import phonetest as service
from callworthy.services.phonetest import PhoneTestRecord


def prompts(quiz: Quiz, attempt: str) -> list[Prompt]:
    """Return the quiz's scenarios as prompts, each's options in the attempt's order."""
    return [
        Prompt(q.id, q.scenario, quiz.areas[q.area].name, tuple((o.id, o.text) for o in options))
        for q, options in shuffled(quiz, attempt)
    ]


def render(result: PhoneTestScore, out: Console) -> None:
    """Print the score and band, every area, what to practise and the answers missed."""
    out.print(f"[bold]Phone-ability: {result.score}/100 — {result.band_title}[/]")
    out.print(result.band_says, markup=False)
    out.print("The score counts how far your answers beat guessing: guessing scores about 0.")
    table = Table(box=None, show_header=False)
    for area in result.areas:
        table.add_row(area.title, f"{area.share:.0%}")
    out.print(table)
    if result.weakest:
        out.print("\n[bold]Practise next[/]")
    for area in result.weakest:
        out.print(f"- {area.title} ({area.share:.0%}): {area.practise}", markup=False)
    missed = [f for f in result.feedback if f.points < f.max_points]
    if missed:
        out.print("\n[bold]Where you lost points[/]")
    for item in missed:
        out.print(
            f"- {item.question}: {item.explanation} Better: {item.best_explanation}", markup=False
        )


def _render_history(records: tuple[PhoneTestRecord, ...], rep: str, out: Console) -> None:
    if not records:
        out.print(f"No phone-ability results yet for {rep}. Take the test: callworthy phonetest")
        return
    table = Table(title=f"Phone-ability results of {rep}", title_justify="left")
    for column in ("#", "taken (UTC)", "score", "band", "change"):
        table.add_column(column)
    previous: PhoneTestRecord | None = None
    for record in records:
        change = ""
        if previous is not None:  # scores of two scorings are not comparable
            same = previous.scoring == record.scoring
            change = f"{record.score - previous.score:+d}" if same else "new scoring"
        score = str(record.score) + (" (earlier scoring)" if record.scoring == "share" else "")
        table.add_row(
            str(record.id), f"{record.taken_at:%Y-%m-%d %H:%M}", score, record.band, change
        )
        previous = record
    out.print(table)


@click.group("phonetest", invoke_without_command=True)
@ANSWERS_OPTION
@click.option("--no-save", is_flag=True, help="Score the test without storing the result.")
@click.option(
    "--attempt",
    metavar="ID",
    help="Ask the options in this attempt's order again (default: a new order each time).",
)
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@click.pass_context
@handle_errors
def phonetest(
    ctx: click.Context,
    answers_file: str | None,
    no_save: bool,
    attempt: str | None,
    db: str | None,
    rep: str | None,
    output_format: str,
) -> None:
    """Rate your phone-ability: a scored self-test of phone skills and savvy (P14).

    Thirty short scenarios (voicemail content, preparation, humor, greetings,
    follow-up, gatekeepers, calling hours, do-not-call). You get a score out of
    100, a band, your three weakest areas with what to practise, and why each
    missed answer lost points. The result is kept for the rep; see `phonetest
    history`.

    Without --answers the scenarios are asked one by one, each with its
    options in a new order (answer with the number). The score counts how far
    your answers beat guessing: answering at random scores about 0.

    \b
    Examples:
      callworthy phonetest
      callworthy phonetest --answers my-answers.yaml --format json
      callworthy phonetest history
    """
    if ctx.invoked_subcommand is not None:
        return
    quiz = default_quiz()
    answers = read_answers(answers_file) if answers_file else _ask(quiz, attempt)
    result = score_answers(answers, quiz)
    stored = None
    if not no_save:
        engine, caller = open_for(db, rep)
        stored = service.save_result(engine, caller, result)
    saved_for = stored.rep if stored else ""
    emit(
        service.scored_sitting(result, stored),
        output_format,
        lambda sitting: _render_sitting(sitting, saved_for),
    )


def _ask(quiz: Quiz, attempt: str | None) -> Mapping[str, object]:
    """Ask every scenario at the prompt, its options in the attempt's order (a new one if None)."""
    if attempt is not None and not is_attempt(attempt):
        raise AnswersError(
            f"{attempt!r} is not an attempt id.", "Give 6-40 letters, digits, - or _."
        )
    order = attempt or service.new_attempt()
    click.echo(f"Attempt {order}: each scenario's options are in their own order.", err=True)
    return ask(prompts(quiz, order), show_ids=False)


def _render_sitting(sitting: service.ScoredSitting, rep: str) -> None:
    render(sitting, console())
    if sitting.id is not None:
        click.echo(f"\nSaved as result #{sitting.id} for {rep}.")


@phonetest.command("history")
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def history_command(db: str | None, rep: str | None, output_format: str) -> None:
    """Show a rep's past phone-ability results, oldest first, with the change each time.

    \b
    Example: callworthy phonetest history --rep alice --format json
    """
    engine, caller = open_for(db, rep)
    records = service.results(engine, caller)
    emit(records, output_format, lambda r: _render_history(r, caller.rep, console()))
