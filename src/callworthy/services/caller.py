"""The caller: who is asking, built once per web request or CLI command and given to services.

A web dependency builds it from the session or the API token (web/deps.py);
the CLI from --db and --rep (services/database.identify). Services take it with
typed ids, and read from it everything that depends on who asks: the team,
the rep acting, what they may see (`owner_scope`) and the rules their
critiques run (`rule_set()`: the built-ins and the team's own, from the
team-rules service), so a voicemail logged on the web or in the terminal is
scored exactly as the Check page showed it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from callworthy.critique import RuleSet, default_rules
from callworthy.errors import PermissionDeniedError

if TYPE_CHECKING:  # the accounts service (Argon2) is the web's: a CLI command never loads it
    from callworthy.services.accounts import Account


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is asking: their team, the rep they act as, their role and their team's rules."""

    team_id: int
    team: str
    rep_id: int
    rep: str
    role: str = "manager"
    """"manager" sees and manages the whole team; "rep" only their own prospects. The CLI
    acts as a manager: whoever runs it holds the team's database."""
    account: Account | None = None
    """The web account (None in the CLI)."""
    rules: Callable[[], RuleSet] = field(default=default_rules, compare=False, repr=False)
    """Returns the rules this caller's critiques run (the team's, cached per rules version)."""

    @property
    def is_manager(self) -> bool:
        """Return True when the caller may see and manage the whole team."""
        return self.role == "manager"

    @property
    def owner_scope(self) -> int | None:
        """Return the rep whose prospects alone the caller may see (None: the whole team's)."""
        return None if self.is_manager else self.rep_id

    @property
    def name(self) -> str:
        """Return the caller's name (the rep's)."""
        return self.rep

    @property
    def email(self) -> str:
        """Return the account's e-mail address ("" in the CLI)."""
        return self.account.email if self.account is not None else ""

    def rule_set(self) -> RuleSet:
        """Return the rules this caller's critiques run."""
        return self.rules()

    def require_manager(self, action: str = "do this") -> Caller:
        """Return the caller if they are a manager; else refuse, naming what they may not do."""
        if not self.is_manager:
            raise PermissionDeniedError(f"Only a manager may {action}.", "Ask your team's manager.")
        return self


def caller_for(account: Account, rules: Callable[[], RuleSet] = default_rules) -> Caller:
    """Return the caller a web account is: its rep in its team, with its role."""
    return Caller(
        team_id=account.team_id,
        team=account.team,
        rep_id=account.rep_id,
        rep=account.name,
        role=account.role,
        account=account,
        rules=rules,
    )
