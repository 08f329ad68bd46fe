"""The note a page shows after a correction or an undo (`?changed=ID`), with its Undo button."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy import Engine

from callworthy.services import audit
from callworthy.services.audit import ChangeRecord
from callworthy.services.caller import Caller


def change_notice(engine: Engine, user: Caller, request: Request) -> ChangeRecord | None:
    """Return the change `?changed=` names if the user may see it (theirs; a manager's team's)."""
    raw = request.query_params.get("changed", "")
    return audit.get_change(engine, user, int(raw)) if raw.isdigit() and len(raw) < 10 else None
