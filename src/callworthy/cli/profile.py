"""`callworthy profile set` and `profile show`: the name, phone, company and region you sign with.

Saved once in the database (the same profile the web app's "Your profile" page edits
for a web account), and read by `callworthy write` and `greeting` whenever their
--rep-* options are left out.
"""

from __future__ import annotations

import click
from rich.table import Table

from callworthy.cli.common import FORMAT_OPTION, console, emit, handle_errors
from callworthy.cli.db import DB_OPTION, REP_OPTION, open_for
from callworthy.services import profiles
from callworthy.services.profiles import Profile


def render_profile(profile: Profile) -> None:
    """Print the profile as a small table, saying when it is only the defaults."""
    table = Table(box=None, show_header=False)
    table.add_row("name", profile.name)
    table.add_row("phone", profile.phone_display or "-")
    table.add_row("company", profile.company or "-")
    table.add_row("region", profile.region)
    console().print(table)
    if not profile.saved:
        console().print("Nothing saved yet: these are the defaults. Save yours with "
                        "`callworthy profile set --name ... --phone ...`.")  # fmt: skip


@click.group("profile")
def profile() -> None:
    """Save once the name, phone, company and region your messages are signed with."""


@profile.command("set")
@click.option("--name", metavar="TEXT", help="Your name, as your messages say it.")
@click.option("--phone", metavar="TEXT", help="Your phone number, with area code.")
@click.option("--company", metavar="TEXT", help='Your company (give "" to clear it).')
@click.option("--region", metavar="CC", help="Your country as two letters (US, CA, GB ...).")
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def set_command(
    name: str | None, phone: str | None, company: str | None, region: str | None,
    db: str | None, rep: str | None, output_format: str,
) -> None:  # fmt: skip
    """Save your profile; options left out keep what you saved before.

    `callworthy write` and `greeting` use it whenever their --rep-* options are
    left out.

    \b
    Example: callworthy profile set --name "Kim Alvarez" --phone "(704) 333-1112"
    """
    engine, caller = open_for(db, rep)
    saved = profiles.save_profile(
        engine, caller, name=name, phone=phone, company=company, region=region
    )
    emit(saved, output_format, render_profile)


@profile.command("show")
@DB_OPTION
@REP_OPTION
@FORMAT_OPTION
@handle_errors
def show_command(db: str | None, rep: str | None, output_format: str) -> None:
    """Show your saved profile (or the defaults, if you saved none)."""
    engine, caller = open_for(db, rep)
    emit(profiles.get_profile(engine, caller), output_format, render_profile)
