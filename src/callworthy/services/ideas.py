"""The team's brainstorm board (P12): message ideas with a sample script, critiqued, voted on.

An idea is a strategy in a sentence plus a sample script. The script is
critiqued when the idea is added and every time the board is listed (the
critique is fast and the rules may have changed), so the score shown is
always today's. Each idea gets a strategy id, "idea_ID"; once tried (drawn into
an experiment) it is one of the team's strategies, and voicemails of it are
logged under that id. A rep votes once per idea; the board lists the most-voted
first, and votes weigh the draw of "try half" (services/trials.py).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from callworthy.critique import RuleSet, critique
from callworthy.errors import CallworthyError, DatabaseError, InvalidFieldError, UnknownIdeaError
from callworthy.fields import SCRIPT, TITLE, check_text
from callworthy.services.caller import Caller
from callworthy.services.paging import NumberedPage, Page, keyset, numbered
from callworthy.services.values import Timestamp, _Dumpable
from callworthy.storage import experiment_queries as eq
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import Idea, IdeaVote

STATUSES = ("open", "testing", "kept", "dropped")
MAX_TITLE = TITLE.max_chars
_REF = re.compile(r"^(?:#|idea[-_ ]?)?(\d{1,9})$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class IdeaRecord(_Dumpable):
    """An idea on the board, with its votes and its sample script's critique score."""

    id: int
    slug: str
    """Its strategy id (idea_7): its voicemails are logged under it once it is tried."""
    title: str
    script: str
    status: str
    author: str | None
    votes: int
    score: int | None
    """The sample script's critique score (0-100), None without a script."""
    created_at: Timestamp


@dataclass(frozen=True, slots=True)
class VoteResult(_Dumpable):
    """What a vote did: counted, or not because this rep had voted already."""

    idea_id: int
    slug: str
    votes: int
    counted: bool


def slug_for(idea_id: int) -> str:
    """Return the strategy id of an idea."""
    return f"idea_{idea_id}"


def idea_id(ref: str) -> int:
    """Return the idea id a reference means: "7", "#7", "idea_7" (or "idea-7", as before)."""
    found = _REF.match((ref or "").strip())
    if not found:
        raise UnknownIdeaError(
            f"{ref!r} is not an idea id.", "Use the idea's number from the board."
        )
    return int(found.group(1))


def _score(script: str, rules: RuleSet | None) -> int | None:
    return critique(script, rules=rules).score if script.strip() else None


def _record(idea: Idea, votes: int, author: str | None, rules: RuleSet | None) -> IdeaRecord:
    return IdeaRecord(
        id=idea.id,
        slug=idea.slug,
        title=idea.title,
        script=idea.script,
        status=idea.status,
        author=author,
        votes=votes,
        score=_score(idea.script, rules),
        created_at=idea.created_at,
    )


def add_idea(
    engine: Engine, caller: Caller, title: str, script: str = "", *, now: datetime | None = None
) -> IdeaRecord:
    """Put an idea on the board: a strategy in a sentence and a sample script (critiqued)."""
    title = check_text(TITLE, " ".join((title or "").split())) or ""
    if not title:
        raise InvalidFieldError(
            "An idea needs a sentence saying what it is.", "Give the idea.", field="title"
        )
    script = check_text(SCRIPT, (script or "").strip()) or ""
    try:  # outside the write lock; raises on a bad script
        score = _score(script, caller.rule_set())
    except CallworthyError as exc:
        exc.field = "script"
        raise

    def work(session: Session) -> IdeaRecord:
        # The slug needs the id; a unique placeholder keeps the constraint until then.
        idea = Idea(team_id=caller.team_id, rep_id=caller.rep_id, title=title, script=script)
        idea.slug = uuid.uuid4().hex
        if now is not None:
            idea.created_at = now
        session.add(idea)
        session.flush()
        idea.slug = slug_for(idea.id)
        session.flush()
        return IdeaRecord(
            idea.id, idea.slug, title, script, idea.status, caller.rep, 0, score, idea.created_at
        )

    return run_write(engine, work)


def vote(engine: Engine, caller: Caller, wanted: int) -> VoteResult:
    """Vote for an idea; a second vote by the same rep is not counted."""

    def work(session: Session) -> VoteResult:
        idea = _find(session, caller.team_id, wanted)
        counted = session.get(IdeaVote, (idea.id, caller.rep_id)) is None
        if counted:
            session.add(IdeaVote(idea_id=idea.id, rep_id=caller.rep_id))
            session.flush()
        return VoteResult(idea.id, idea.slug, eq.vote_count(session, idea.id), counted)

    try:
        return run_write(engine, work)
    except DatabaseError as exc:
        if not isinstance(exc.__cause__, IntegrityError):
            raise
        # The same rep voted at the same moment from elsewhere (PostgreSQL): one vote stands.
        with read_session(engine) as session:
            idea = _find(session, caller.team_id, wanted)
            return VoteResult(idea.id, idea.slug, eq.vote_count(session, idea.id), False)


def _find(session: Session, team_id: int, wanted: int) -> Idea:
    idea = eq.idea_by_id(session, team_id, wanted)
    if idea is None:
        raise UnknownIdeaError(f"No idea #{wanted}.", "Check the number on the board.")
    return idea


def list_ideas(
    engine: Engine, caller: Caller, *, status: str | None = None
) -> tuple[IdeaRecord, ...]:
    """Return the team's ideas, most votes first, each with its script's score today."""
    if status is not None and status not in STATUSES:
        raise InvalidFieldError(
            f"Status {status!r} is unknown.", f"Use one of {', '.join(STATUSES)}."
        )
    with read_session(engine) as session:
        found = eq.ideas_with_votes(session, caller.team_id, status)
    rules = caller.rule_set()
    return tuple(_record(idea, votes, author, rules) for idea, votes, author in found)


def _board_key(row: tuple[Idea, int, str | None]) -> tuple[int, int]:
    return (-row[1], row[0].id)  # most votes first, then oldest


def idea_page(
    engine: Engine, caller: Caller, *, cursor: str | None = None, limit: int | None = None
) -> Page[IdeaRecord]:
    """Return one page of the board, most votes first (the API's list); only it is critiqued."""
    with read_session(engine) as session:
        found = eq.ideas_with_votes(session, caller.team_id)
    shown, following = keyset(found, _board_key, cursor, limit, (int, int))
    rules = caller.rule_set()
    return Page(
        tuple(_record(idea, votes, author, rules) for idea, votes, author in shown), following
    )


def numbered_ideas(
    engine: Engine, caller: Caller, page: int | None = None
) -> NumberedPage[IdeaRecord]:
    """Return one numbered page of the board (the Ideas page); only it is critiqued."""
    with read_session(engine) as session:
        found = eq.ideas_with_votes(session, caller.team_id)
    part = numbered(found, page)
    rules = caller.rule_set()
    items = tuple(_record(idea, votes, author, rules) for idea, votes, author in part.items)
    return NumberedPage(items, part.number, part.pages, part.total)
