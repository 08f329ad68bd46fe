"""`callworthy worker` runs queued jobs; `callworthy critique-history` scores imported history."""

from __future__ import annotations

import time

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from callworthy.cli.common import console, handle_errors
from callworthy.cli.db import DB_OPTION, REP_OPTION, open_for
from callworthy.services import capture_admin, capture_tasks, jobs, webhook_secrets
from callworthy.services.database import open_database


@click.command()
@DB_OPTION
@click.option(
    "--concurrency",
    default=1,
    show_default=True,
    type=click.IntRange(1, 32),
    help="Jobs run at once by this worker (a transcription already uses the machine's "
    "cores: keep 1, and add workers on other machines to go faster).",
)
@click.option(
    "--compute-type",
    type=click.Choice(["int8", "float32"]),
    default="int8",
    show_default=True,
    help="The speech model's arithmetic for recordings.",
)
@click.option("--heartbeat", default=10.0, show_default=True, help="Seconds between heartbeats.")
@click.option(
    "--stalled-after",
    default=30.0,
    show_default=True,
    help="Seconds without a heartbeat after which another worker's jobs are queued again.",
)
@click.option("--once", is_flag=True, help="Run the jobs that are due, then stop.")
@handle_errors
def worker(
    db: str | None,
    concurrency: int,
    compute_type: str,
    heartbeat: float,
    stalled_after: float,
    once: bool,
) -> None:
    """Run queued jobs: dialer events, recordings to transcribe, bulk critiques.

    On PostgreSQL run as many workers as you like, on any machines that reach the
    database: they share one queue and never run a job twice at once. On SQLite the
    web server runs the jobs itself; this command runs them without a server.

    \b
    Example: callworthy worker --db postgresql://crm@dbhost/callworthy
    """
    engine = open_database(db)
    capture_tasks.COMPUTE_TYPE["value"] = compute_type
    capture_tasks.use_sealer(webhook_secrets.sealer_from_environment())
    queue = jobs.queue_for(engine)
    if isinstance(queue, jobs.LocalQueue):
        console().print("Running queued jobs (SQLite).", style="dim")
        while True:
            ran = queue.drain()
            if once:
                console().print(f"{ran} jobs run.")
                return
            time.sleep(1.0)
    from callworthy.services.pg_queue import run_worker

    # With --once nothing waits for Ctrl-C: it runs what is due, then says it is done.
    if once:
        console().print("Running queued jobs (PostgreSQL).", style="dim")
    else:
        console().print("Worker started (PostgreSQL); stop it with Ctrl-C.", style="dim")
    run_worker(
        engine,
        concurrency=concurrency,
        heartbeat=heartbeat,
        stalled_after=stalled_after,
        wait=not once,
    )
    if once:
        console().print("The jobs that were due have run.")


@click.command("critique-history")
@DB_OPTION
@REP_OPTION
@handle_errors
def critique_history(db: str | None, rep: str | None) -> None:
    """Critique every stored voicemail that has its words but no score, with a progress bar.

    The critiques run on the job queue (on PostgreSQL, by the workers).

    \b
    Example: callworthy critique-history
    """
    engine, caller = open_for(db, rep)
    queue = jobs.queue_for(engine)
    batch = capture_admin.critique_history(engine, caller, queue)
    columns = (TextColumn("Critiquing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console()) as progress:
        bar = progress.add_task("critique", total=batch.total)
        while True:
            if isinstance(queue, jobs.LocalQueue):
                if not queue.run_one():
                    time.sleep(0.2)
            else:
                time.sleep(0.5)
            batch = capture_admin.batch(engine, caller, batch.id)
            progress.update(bar, completed=batch.done + batch.failed)
            if batch.done + batch.failed >= batch.total:
                break
    console().print(f"{batch.done} voicemails scored, {batch.failed} could not be.")
