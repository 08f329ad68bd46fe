"""The command group; each command group lives in its own module and is added here."""

from __future__ import annotations

import click

from callworthy import __version__
from callworthy.cli.account import account
from callworthy.cli.audio import transcribe
from callworthy.cli.check import check
from callworthy.cli.crm import dnc, import_command
from callworthy.cli.db import db
from callworthy.cli.diagnose import diagnose_command
from callworthy.cli.experiments import curve, next_command, stats
from callworthy.cli.ideas import experiment, idea
from callworthy.cli.phonetest import phonetest
from callworthy.cli.profile import profile
from callworthy.cli.prospect import prospect
from callworthy.cli.rules import rules
from callworthy.cli.serve import serve
from callworthy.cli.tracking import callback, export, history, log
from callworthy.cli.worker import critique_history, worker
from callworthy.cli.write import greeting, strategies, write_command


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="callworthy")
def main() -> None:
    """Callworthy: get your calls returned.

    Critique a voicemail before you leave it, write better ones, track what
    comes back and learn which messages work.
    """


main.add_command(check)
main.add_command(rules)
main.add_command(db)
main.add_command(prospect)
main.add_command(log)
main.add_command(callback)
main.add_command(history)
main.add_command(export)
main.add_command(import_command)
main.add_command(dnc)
main.add_command(write_command)
main.add_command(greeting)
main.add_command(profile)
main.add_command(strategies)
main.add_command(transcribe)
main.add_command(stats)
main.add_command(curve)
main.add_command(next_command)
main.add_command(idea)
main.add_command(experiment)
main.add_command(diagnose_command)
main.add_command(phonetest)
main.add_command(serve)
main.add_command(account)
main.add_command(worker)
main.add_command(critique_history)
