"""The command group; each command group lives in its own module, listed in COMMANDS.

A command's module is imported only when that command runs or shows its help
(click's lazy-loading pattern), and `callworthy --help` lists the commands from
the one-line summaries kept here: start-up imports click and nothing heavy.
`tests/cli/test_startup.py` checks that each summary is its command's own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import import_module
from typing import Any, NamedTuple

import click

from callworthy import __version__


class Lazy(NamedTuple):
    """Where a command lives ("module:attribute") and the first paragraph of its help."""

    target: str
    summary: str


#: Every command: where it lives and what `callworthy --help` says of it.
COMMANDS: dict[str, Lazy] = {
    "callback": Lazy("callworthy.cli.tracking:callback", "Log a return call from a prospect."),
    "check": Lazy(
        "callworthy.cli.check:check",
        "Critique a voicemail script: a 0-100 score, what to fix and why.",
    ),
    "correct": Lazy(
        "callworthy.cli.tracking:correct", "Say which strategy a logged voicemail really used."
    ),
    "critique-history": Lazy(
        "callworthy.cli.worker:critique_history",
        "Critique every stored voicemail that has its words but no score, with a progress bar.",
    ),
    "curve": Lazy("callworthy.cli.experiments:curve", "Show how soon voicemails are called back."),
    "db": Lazy("callworthy.cli.db:db", "Set up and back up the database."),
    "diagnose": Lazy(
        "callworthy.cli.diagnose:diagnose_command",
        "Diagnose why a prospect does not call back, and what to do about it.",
    ),
    "dnc": Lazy("callworthy.cli.crm:dnc", "Manage the do-not-call list."),
    "experiment": Lazy(
        "callworthy.cli.ideas:experiment",
        "Run the team's ideas as an experiment: start, show, stop (P12).",
    ),
    "export": Lazy("callworthy.cli.tracking:export", "Export all voicemails and callbacks."),
    "greeting": Lazy(
        "callworthy.cli.write:greeting",
        "Write greetings for your own voicemail (P13): traffic report, weather, plain but warm.",
    ),
    "history": Lazy(
        "callworthy.cli.tracking:history", "Show a prospect's voicemails and callbacks."
    ),
    "idea": Lazy(
        "callworthy.cli.ideas:idea",
        "The team's brainstorm board: add message ideas, vote, list (P12).",
    ),
    "import": Lazy("callworthy.cli.crm:import_command", "Import calls from a CRM export (CSV)."),
    "log": Lazy(
        "callworthy.cli.tracking:log", "Log a voicemail you left: critiqued, scored, stored."
    ),
    "next": Lazy(
        "callworthy.cli.experiments:next_command",
        "Say which strategy to try next on a prospect, and when to call.",
    ),
    "phonetest": Lazy(
        "callworthy.cli.phonetest:phonetest",
        "Rate your phone-ability: a scored self-test of phone skills and savvy (P14).",
    ),
    "prospect": Lazy(
        "callworthy.cli.prospect:prospect",
        "Add, list, show and forget prospects, and say what you know of them.",
    ),
    "rules": Lazy(
        "callworthy.cli.rules:rules",
        "List the critique rules, or check a team's own rule folder.",
    ),
    "serve": Lazy(
        "callworthy.cli.serve:serve",
        "Run the web app for reps and managers, with its JSON API under /api/v1.",
    ),
    "stats": Lazy(
        "callworthy.cli.experiments:stats", "Show the callback rate of each strategy (P12)."
    ),
    "strategies": Lazy(
        "callworthy.cli.write:strategies", "List the message strategies the writer uses."
    ),
    "transcribe": Lazy(
        "callworthy.cli.audio:transcribe",
        "Transcribe recorded voicemails and measure them: length, pace, when the number came.",
    ),
    "worker": Lazy(
        "callworthy.cli.worker:worker",
        "Run queued jobs: dialer events, recordings to transcribe, bulk critiques.",
    ),
    "write": Lazy(
        "callworthy.cli.write:write_command",
        "Write candidate voicemails for a prospect, one per strategy that fits, best first.",
    ),
    "account": Lazy(
        "callworthy.cli.account:account",
        "Manage web accounts: deactivate, reactivate, reset links, hand-over.",
    ),
    "changes": Lazy(
        "callworthy.cli.corrections:changes",
        "Show the audit log: every correction, newest first, with who and when.",
    ),
    "delete": Lazy(
        "callworthy.cli.corrections:delete",
        "Delete a prospect, a voicemail or a callback (undoable).",
    ),
    "edit": Lazy(
        "callworthy.cli.corrections:edit",
        "Correct a prospect, a voicemail or a callback.",
    ),
    "profile": Lazy(
        "callworthy.cli.profile:profile",
        "Save once the name, phone, company and region your messages are signed with.",
    ),
    "undo": Lazy(
        "callworthy.cli.corrections:undo",
        "Undo your last change, or the change numbered CHANGE.",
    ),
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when the command is used."""

    def __init__(self, *args: Any, lazy: Mapping[str, Lazy], **kwargs: Any) -> None:
        self._lazy = dict(lazy)
        super().__init__(*args, **kwargs)

    @property
    def commands(self) -> dict[str, click.Command]:
        """Return every command, imported: for code that walks the whole tree (docs, tests)."""
        for name in list(self._lazy):
            self._load(name)
        return self._commands

    @commands.setter
    def commands(self, value: Mapping[str, click.Command]) -> None:
        self._commands = dict(value)

    def _load(self, name: str) -> click.Command:
        """Import the command's module and keep the command."""
        module, _, attribute = self._lazy.pop(name).target.partition(":")
        command = getattr(import_module(module), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module}:{attribute} is not a click command")
        self._commands[name] = command
        return command

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        """Add an already imported command (it replaces a lazy one of the same name)."""
        name = name or cmd.name
        if name is not None:
            self._lazy.pop(name, None)
        super().add_command(cmd, name)
        if name is not None:
            self._commands[name] = cmd

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Return every command name, sorted, without importing any."""
        return sorted({*self._commands, *self._lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Return the command, importing its module on first use."""
        if cmd_name in self._commands:
            return self._commands[cmd_name]
        return self._load(cmd_name) if cmd_name in self._lazy else None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands with their summaries, importing none that is not loaded yet."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows: Sequence[tuple[str, str]] = [(name, self._short_help(name, limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def _short_help(self, name: str, limit: int) -> str:
        if name in self._commands:
            return self._commands[name].get_short_help_str(limit)
        # A stand-in with the same help shortens it exactly as click shortens the command's.
        return click.Command(name, help=self._lazy[name].summary).get_short_help_str(limit)


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="callworthy")
def main() -> None:
    """Callworthy: get your calls returned.

    Critique a voicemail before you leave it, write better ones, track what
    comes back and learn which messages work.
    """
