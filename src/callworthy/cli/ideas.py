"""`callworthy idea add|vote|list` and `callworthy experiment start|show|stop` (P12)."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from callworthy.cli.common import FORMAT_OPTION, emit, handle_errors
from callworthy.cli.db import DB_OPTION, REP_OPTION, open_for
from callworthy.cli.experiments import (
    AS_OF_OPTION,
    WINDOW_OPTION,
    as_of_time,
    happened,
    wide_console,
)
from callworthy.cli.options import rules_options, with_rule_options
from callworthy.errors import (
    InputFileError,
    InvalidFieldError,
    NotTextError,
    UnknownExperimentError,
)
from callworthy.services import ideas as board
from callworthy.services import trials
from callworthy.services.ideas import IdeaRecord, VoteResult
from callworthy.services.trials import ExperimentReport
from callworthy.text.plural import count


def _script(script: str | None, file: Path | None) -> str:
    if script is not None and file is not None:
        raise InvalidFieldError("Give the sample script with --script or --file, not both.")
    if file is None:
        return script or ""
    try:
        return file.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputFileError(f"Cannot read {file}: {exc.strerror}.", "Check the path.") from exc
    except UnicodeDecodeError as exc:
        raise NotTextError(f"{file} is not UTF-8 text.", "Save it as UTF-8 and try again.") from exc


def experiment_number(ref: str | None) -> int | None:
    """Return the experiment number typed (3 or #3), None when none was; refuse anything else."""
    if ref is None or not ref.strip():
        return None
    text = ref.strip().removeprefix("#")
    if not (text.isdigit() and len(text) <= 9):  # larger ids do not exist and overflow the column
        raise UnknownExperimentError(f"No experiment {ref!r}.", "Give its number, e.g. 3.")
    return int(text)


def _score(idea: IdeaRecord) -> str:
    return f"{idea.score}/100" if idea.score is not None else "-"


@click.group("idea")
def idea() -> None:
    """The team's brainstorm board: add message ideas, vote, list (P12).

    Brainstorm the wackiest alternatives with your peers, then try half of them
    with `callworthy experiment start --try-half`.
    """


@idea.command("add")
@click.argument("title")
@click.option("--script", help="A sample script of the idea (critiqued and scored).")
@click.option(
    "--file",
    "file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read the sample script from a file.",
)
@rules_options
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def idea_add(
    title: str,
    script: str | None,
    file: Path | None,
    rule_dirs: tuple[Path, ...],
    disable: tuple[str, ...],
    region: str,
    db: str | None,
    rep: str | None,
    output_format: str,
) -> None:
    """Add an idea: the strategy in a sentence, and a sample script.

    The script is critiqued and its score shown. Once the idea is tried
    (`callworthy experiment start --try-half`), it is one of your team's
    strategies: log its voicemails under the id it gets (idea_ID).

    \b
    Example: callworthy idea add "Leave the weather report for their town" --script "..."
    """
    text = _script(script, file)
    engine, caller = open_for(db, rep)
    caller = with_rule_options(caller, engine, rule_dirs, disable)
    added = board.add_idea(engine, caller, title, text)
    emit(added, output_format, _print_added)


def _print_added(added: IdeaRecord) -> None:
    click.echo(
        f"Added idea #{added.id}: {added.title}\n"
        f"Sample script score: {_score(added)}. Once tried, log its voicemails with "
        f"--strategy {added.slug}."
    )


@idea.command("vote")
@click.argument("idea_ref", metavar="IDEA")
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def idea_vote(idea_ref: str, db: str | None, rep: str | None, output_format: str) -> None:
    """Vote for an idea (IDEA: 7, #7 or idea_7); one vote per rep per idea.

    Votes weigh "try half": an idea is drawn with a chance proportional to 1 + its votes.
    """
    engine, caller = open_for(db, rep)
    result = board.vote(engine, caller, board.idea_id(idea_ref))
    emit(result, output_format, _print_vote)


def _print_vote(result: VoteResult) -> None:
    said = "Voted for" if result.counted else "You had already voted for"
    click.echo(f"{said} idea #{result.idea_id}: {count(result.votes, 'vote')}.")


@idea.command("list")
@click.option("--status", type=click.Choice(list(board.STATUSES)), help="Only ideas in this state.")
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def idea_list(status: str | None, db: str | None, rep: str | None, output_format: str) -> None:
    """List the board's ideas, most votes first, with their scripts' scores."""
    engine, caller = open_for(db, rep)
    found = board.list_ideas(engine, caller, status=status)
    emit(found, output_format, _print_ideas)


def _print_ideas(found: tuple[IdeaRecord, ...]) -> None:
    if not found:
        click.echo("No ideas yet. Add one with `callworthy idea add`.")
        return
    table = Table("#", "Votes", "Status", "Score", "Idea", "By", "Strategy id")
    for i in found:
        table.add_row(str(i.id), str(i.votes), i.status, _score(i), i.title, i.author or "", i.slug)
    wide_console().print(table)


def _print_experiment(report: ExperimentReport) -> None:
    out = wide_console()
    stopped = f", stopped {report.stopped_at:%Y-%m-%d %H:%M}" if report.stopped_at else ""
    out.print(
        f"[bold]Experiment #{report.id}: {report.name}[/bold] ({report.status}, started "
        f"{report.started_at:%Y-%m-%d %H:%M} UTC{stopped}; seed {report.seed})"
    )
    table = Table("Strategy", "Share", "Prospects", "Voicemails", "Waiting", "Called back")
    table.add_column("Vs baseline")
    for arm in report.arms:
        name = arm.strategy + (" (baseline)" if arm.strategy == report.baseline else "")
        table.add_row(
            name + (f"\n{arm.idea or arm.name}"),
            f"{arm.weight:.0%}",
            str(arm.assigned),
            str(arm.voicemails),
            str(arm.pending),
            happened(arm.callbacks, arm.matured, arm.ci_low, arm.ci_high),
            arm.verdict,
        )
    out.print(table)
    style = "bold red" if report.split.status == "mismatch" else ""
    out.print(f"Split check: {report.split.message}", style=style)
    for note in report.notes:
        out.print(f"Note: {note}.")


@click.group("experiment")
def experiment() -> None:
    """Run the team's ideas as an experiment: start, show, stop (P12)."""


@experiment.command("start")
@click.option(
    "--try-half", "try_half", is_flag=True, help="Draw a random half of the open ideas (required)."
)
@click.option("--baseline", help="Your usual strategy (default: your most-logged, else value_tip).")
@click.option("--seed", type=int, help="Seed of the draw (default: fresh; stored either way).")
@click.option("--name", help="A name for the experiment.")
@AS_OF_OPTION
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def experiment_start(
    try_half: bool,
    baseline: str | None,
    seed: int | None,
    name: str | None,
    as_of: str | None,
    db: str | None,
    rep: str | None,
    output_format: str,
) -> None:
    """Start an experiment: try half of the open ideas beside the baseline.

    Half of the open ideas are drawn, each with a chance proportional to 1 +
    its votes; the ideas drawn and the baseline share the prospects equally.
    `callworthy next` then gives each prospect an arm, which it keeps.

    \b
    Example: callworthy experiment start --try-half --baseline value_tip
    """
    if not try_half:
        raise click.UsageError("Say how to pick the ideas: --try-half (the only way for now).")
    engine, caller = open_for(db, rep)
    report = trials.start_try_half(
        engine, caller, now=as_of_time(as_of), baseline=baseline, seed=seed, name=name
    )
    emit(report, output_format, _print_experiment)


@experiment.command("show")
@click.argument("experiment_ref", metavar="[EXPERIMENT]", required=False)
@WINDOW_OPTION
@AS_OF_OPTION
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def experiment_show(
    experiment_ref: str | None,
    window: float,
    as_of: str | None,
    db: str | None,
    rep: str | None,
    output_format: str,
) -> None:
    """Show an experiment's arms, results and split check (default: the running one).

    Each arm's callback rate from the voicemails logged under its strategy id
    since the start, its chance to beat the baseline in words, and a check that
    the logged assignments match the weights.
    """
    engine, caller = open_for(db, rep)
    report = trials.show_experiment(
        engine, caller, experiment_number(experiment_ref), now=as_of_time(as_of), window_days=window
    )
    emit(report, output_format, _print_experiment)


@experiment.command("stop")
@click.argument("experiment_ref", metavar="[EXPERIMENT]", required=False)
@click.option(
    "--keep",
    multiple=True,
    metavar="IDEA",
    help="Keep this idea (repeatable); the experiment's other ideas are dropped.",
)
@AS_OF_OPTION
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def experiment_stop(
    experiment_ref: str | None,
    keep: tuple[str, ...],
    as_of: str | None,
    db: str | None,
    rep: str | None,
    output_format: str,
) -> None:
    """Stop an experiment (default: the running one).

    With --keep, the ideas named are kept and its other ideas dropped; without
    it, its ideas stay in testing.
    """
    engine, caller = open_for(db, rep)
    report = trials.stop_experiment(
        engine, caller, experiment_number(experiment_ref), now=as_of_time(as_of), keep=keep
    )
    emit(report, output_format, _print_experiment)
