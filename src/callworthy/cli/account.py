"""`callworthy account`: manage the web app's accounts from the terminal, without a browser.

For an administrator who holds the database: deactivate a departed rep (their
sessions and tokens stop working at once), reactivate, log out everywhere, hand a
rep's prospects to another, and make a one-time password-reset link (which also
lifts a log-in lock). Each command acts in the team of the account it names.
"""

from __future__ import annotations

from dataclasses import replace

import click

from callworthy.cli.common import FORMAT_OPTION, console, emit, handle_errors
from callworthy.cli.db import DB_OPTION
from callworthy.services import accounts, resets, sessions
from callworthy.services.accounts import Account
from callworthy.services.database import admin_for, open_database
from callworthy.services.resets import ResetIssued

URL_OPTION = click.option(
    "--url",
    default="http://127.0.0.1:8000",
    show_default=True,
    help="The server's address as its users reach it, put in front of the link.",
)


@click.group()
def account() -> None:
    """Manage web accounts: deactivate, reactivate, reset links, hand-over."""


def _show(found: Account) -> None:
    state = "active" if found.active else "deactivated"
    console().print(f"{found.email}: {found.name}, {found.role} in {found.team}, {state}.")


@account.command("deactivate")
@click.argument("email")
@DB_OPTION
@FORMAT_OPTION
@handle_errors
def deactivate_command(email: str, db: str | None, output_format: str) -> None:
    """Deactivate an account: no more log-ins; its sessions and tokens stop working now.

    \b
    Example: callworthy account deactivate rob@example.com
    """
    engine = open_database(db)
    caller = admin_for(engine, email)
    target = accounts.account_by_email(engine, caller, email)
    emit(accounts.deactivate(engine, caller, target.id), output_format, _show)


@account.command("reactivate")
@click.argument("email")
@DB_OPTION
@FORMAT_OPTION
@handle_errors
def reactivate_command(email: str, db: str | None, output_format: str) -> None:
    """Let a deactivated account log in again (its old tokens stay revoked)."""
    engine = open_database(db)
    caller = admin_for(engine, email)
    target = accounts.account_by_email(engine, caller, email)
    emit(accounts.reactivate(engine, caller, target.id), output_format, _show)


@account.command("logout")
@click.argument("email")
@DB_OPTION
@handle_errors
def logout_command(email: str, db: str | None) -> None:
    """Log an account out everywhere: every browser session ends now."""
    engine = open_database(db)
    caller = admin_for(engine, email)
    target = accounts.account_by_email(engine, caller, email)
    ended = sessions.end_all_sessions(engine, caller, target.id)
    click.echo(f"{ended} session{'' if ended == 1 else 's'} of {target.email} ended.")


@account.command("reset-link")
@click.argument("email")
@URL_OPTION
@DB_OPTION
@FORMAT_OPTION
@handle_errors
def reset_link_command(email: str, url: str, db: str | None, output_format: str) -> None:
    """Make a one-time link that sets a new password (and lifts a lock); hand it over.

    The link works once, for 24 hours; a newer link replaces it.

    \b
    Example: callworthy account reset-link rob@example.com --url https://calls.example.com
    """
    engine = open_database(db)
    caller = admin_for(engine, email)
    target = accounts.account_by_email(engine, caller, email)
    issued = resets.issue_reset_link(engine, caller, target.id)
    issued = replace(issued, url=url.rstrip("/") + issued.path)

    def render(shown: ResetIssued) -> None:
        click.echo(
            f"A one-time link for {shown.email}, until {shown.expires_at:%Y-%m-%d %H:%M} UTC:"
        )
        click.echo(shown.url)

    emit(issued, output_format, render)


@account.command("reassign")
@click.argument("from_email")
@click.argument("to_email")
@DB_OPTION
@FORMAT_OPTION
@handle_errors
def reassign_command(from_email: str, to_email: str, db: str | None, output_format: str) -> None:
    """Hand every prospect of one account's rep to another's (same team).

    \b
    Example: callworthy account reassign rob@example.com ana@example.com
    """
    engine = open_database(db)
    caller = admin_for(engine, from_email)
    source = accounts.account_by_email(engine, caller, from_email)
    target = accounts.account_by_email(engine, caller, to_email)
    moved = accounts.reassign_prospects(engine, caller, source.id, target.id)
    emit(
        moved,
        output_format,
        lambda m: click.echo(
            f"{m.prospects} prospects of {m.from_email} now belong to {m.to_email}."
        ),
    )


@account.command("list")
@click.argument("email")
@DB_OPTION
@FORMAT_OPTION
@handle_errors
def list_command(email: str, db: str | None, output_format: str) -> None:
    """List the accounts of the team that EMAIL's account belongs to."""
    engine = open_database(db)
    members = accounts.team_accounts(engine, admin_for(engine, email))

    def render(found: list[Account]) -> None:
        for member in found:
            _show(member)

    emit(members, output_format, render)
