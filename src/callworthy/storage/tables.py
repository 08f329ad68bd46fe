"""The database tables: the one place they are defined (migrations are checked against these).

Every time stamp is time-zone aware in Python and stored in UTC. Deleting a
prospect cascades to their voicemails and callbacks, so "forget" leaves no row
about them behind.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    """Return the current time, time-zone aware, in UTC."""
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A time stamp that must be time-zone aware; stored in UTC, read back in UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Refuse naive times; convert aware ones to UTC (naive UTC text on SQLite)."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: give every time stamp a time zone")
        value = value.astimezone(UTC)
        # SQLite has no time zone type; naive UTC text keeps the ordering lexicographic.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Return the stored time as an aware UTC datetime."""
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base; its metadata is what Alembic compares the migrations to."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Team(Base):
    """A sales team; a solo rep gets a default team of one."""

    __tablename__ = "team"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    rules_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Bumped in the same transaction as every change to the team's rules: every process
    (and machine) sharing the database sees a change by reading this one number."""


class Rep(Base):
    """A sales rep, member of one team."""

    __tablename__ = "rep"
    __table_args__ = (UniqueConstraint("team_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class RepProfile(Base):
    """How a rep signs their messages, saved once: name, phone, company and region.

    One row per rep (a web account's rep, or a CLI rep), read to prefill the Write
    page, the Check page's phone field and `callworthy write` when its flags are absent.
    """

    __tablename__ = "rep_profile"

    rep_id: Mapped[int] = mapped_column(ForeignKey("rep.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    """The name the rep's messages say (the rep's own name by default)."""
    phone: Mapped[str | None] = mapped_column(String(20))
    """E.164."""
    company: Mapped[str | None] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(2), default="US", server_default="US")
    """The ISO 3166 region the rep's numbers are read and written for ("US", "GB")."""
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class Prospect(Base):
    """Someone the rep calls; phone in E.164, time zone derived from it."""

    __tablename__ = "prospect"
    __table_args__ = (
        UniqueConstraint("team_id", "phone"),
        UniqueConstraint("team_id", "external_id"),
        Index("ix_prospect_team_id_name", "team_id", "name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    owner_rep_id: Mapped[int | None] = mapped_column(
        ForeignKey("rep.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    company: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))
    industry: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    humor_ok: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_call: Mapped[bool] = mapped_column(Boolean, default=False)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    external_id: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    voicemails: Mapped[list[Voicemail]] = relationship(
        back_populates="prospect", cascade="all, delete-orphan", passive_deletes=True
    )
    callbacks: Mapped[list[Callback]] = relationship(
        back_populates="prospect", cascade="all, delete-orphan", passive_deletes=True
    )
    # Declared after the relationships above: this column's name shadows `relationship` here.
    relationship: Mapped[str] = mapped_column(String(16), default="cold", server_default="cold")
    """cold | met_briefly | referred: which strategies fit them (the registry's fit)."""
    referred_by: Mapped[str | None] = mapped_column(String(200))
    """Someone the rep and the prospect both know, who suggested the call."""
    lead_name: Mapped[str | None] = mapped_column(String(200))
    """A real sales lead for their business (P7), when the rep has one to give."""
    lead_detail: Mapped[str | None] = mapped_column(String(200))


class Voicemail(Base):
    """A voicemail left: what was said, its critique score then, and when."""

    __tablename__ = "voicemail"
    __table_args__ = (Index("ix_voicemail_prospect_id_left_at", "prospect_id", "left_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    prospect_id: Mapped[int] = mapped_column(ForeignKey("prospect.id", ondelete="CASCADE"))
    rep_id: Mapped[int | None] = mapped_column(
        ForeignKey("rep.id", ondelete="SET NULL"), index=True
    )
    strategy: Mapped[str] = mapped_column(String(64), index=True)
    script: Mapped[str] = mapped_column(Text, default="")
    score: Mapped[int | None] = mapped_column(Integer)
    rules_version: Mapped[str | None] = mapped_column(String(64))
    left_at: Mapped[datetime] = mapped_column(UtcDateTime)
    source: Mapped[str] = mapped_column(String(32), default="cli")
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    strategy_inferred: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """True when the strategy was read from an imported script, not said by a rep."""
    strategy_confidence: Mapped[float | None] = mapped_column(Float)
    """How sure the reading was (0-1), for an inferred strategy."""

    prospect: Mapped[Prospect] = relationship(back_populates="voicemails")


class Callback(Base):
    """A return call from a prospect, and the voicemail it answers."""

    __tablename__ = "callback"
    __table_args__ = (Index("ix_callback_prospect_id_at", "prospect_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    prospect_id: Mapped[int] = mapped_column(ForeignKey("prospect.id", ondelete="CASCADE"))
    voicemail_id: Mapped[int | None] = mapped_column(
        ForeignKey("voicemail.id", ondelete="SET NULL"), index=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    outcome: Mapped[str] = mapped_column(String(32))
    notes: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(32), default="cli")
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)

    prospect: Mapped[Prospect] = relationship(back_populates="callbacks")


class DoNotCall(Base):
    """A number the team must not call; outlives any prospect (forgetting one keeps the block)."""

    __tablename__ = "do_not_call"

    team_id: Mapped[int] = mapped_column(
        ForeignKey("team.id", ondelete="CASCADE"), primary_key=True
    )
    phone: Mapped[str] = mapped_column(String(20), primary_key=True)
    source: Mapped[str] = mapped_column(String(200), default="")
    added_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class Idea(Base):
    """A message idea from the team's brainstorm board (P12): a strategy in a sentence."""

    __tablename__ = "idea"
    __table_args__ = (UniqueConstraint("team_id", "slug"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("rep.id", ondelete="SET NULL"))
    slug: Mapped[str] = mapped_column(String(64))
    """The strategy id voicemails of this idea are logged under once tried (e.g. "idea_7")."""
    title: Mapped[str] = mapped_column(String(300))
    script: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="open")
    """open | testing | kept | dropped."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class IdeaVote(Base):
    """One rep's vote for one idea (a rep votes once per idea)."""

    __tablename__ = "idea_vote"

    idea_id: Mapped[int] = mapped_column(
        ForeignKey("idea.id", ondelete="CASCADE"), primary_key=True
    )
    rep_id: Mapped[int] = mapped_column(ForeignKey("rep.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class Experiment(Base):
    """A randomised experiment: strategies (arms) with weights, the seed that drew them."""

    __tablename__ = "experiment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    baseline: Mapped[str] = mapped_column(String(64))
    seed: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="running")
    """running | stopped."""
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    stopped_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    arms: Mapped[list[ExperimentArm]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class ExperimentArm(Base):
    """A strategy in an experiment and the share of voicemails assigned to it."""

    __tablename__ = "experiment_arm"

    experiment_id: Mapped[int] = mapped_column(
        ForeignKey("experiment.id", ondelete="CASCADE"), primary_key=True
    )
    strategy: Mapped[str] = mapped_column(String(64), primary_key=True)
    weight: Mapped[float] = mapped_column(Float)
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("idea.id", ondelete="SET NULL"))


class Assignment(Base):
    """A strategy assigned to a prospect by an experiment: one per prospect, which it keeps."""

    __tablename__ = "assignment"
    __table_args__ = (
        Index("ix_assignment_experiment_id_strategy", "experiment_id", "strategy"),
        UniqueConstraint("experiment_id", "prospect_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    experiment_id: Mapped[int] = mapped_column(ForeignKey("experiment.id", ondelete="CASCADE"))
    prospect_id: Mapped[int] = mapped_column(
        ForeignKey("prospect.id", ondelete="CASCADE"), index=True
    )
    strategy: Mapped[str] = mapped_column(String(64))
    assigned_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    voicemail_id: Mapped[int | None] = mapped_column(
        ForeignKey("voicemail.id", ondelete="SET NULL"), index=True
    )


class TeamStrategy(Base):
    """A team's own strategy (a tried idea): a strategy file's fields, stored as JSON."""

    __tablename__ = "team_strategy"
    __table_args__ = (UniqueConstraint("team_id", "strategy_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    strategy_id: Mapped[str] = mapped_column(String(64))
    """Its id in the registry (an idea's: idea_7)."""
    spec: Mapped[dict[str, Any]] = mapped_column(JSON)
    """The fields of a strategy file (write/strategies.py: StrategySpec), validated on the
    way in and again on the way out."""
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("idea.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class PhoneTestResult(Base):
    """One sitting of the phone-ability self-test (P14), kept per rep over time."""

    __tablename__ = "phonetest_result"
    __table_args__ = (Index("ix_phonetest_result_rep_id_taken_at", "rep_id", "taken_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rep_id: Mapped[int] = mapped_column(ForeignKey("rep.id", ondelete="CASCADE"))
    taken_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    score: Mapped[int] = mapped_column(Integer)
    band: Mapped[str] = mapped_column(String(32))
    quiz_version: Mapped[str] = mapped_column(String(64))
    answers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    """Question id -> option id chosen."""
    areas: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    """Area -> share of the points available, 0-1."""


class User(Base):
    """A login to the web app and the API: a rep's account, as a manager or a rep."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rep_id: Mapped[int] = mapped_column(
        ForeignKey("rep.id", ondelete="CASCADE"), unique=True, index=True
    )
    email: Mapped[str] = mapped_column(String(320), unique=True)
    """Lower-cased on the way in, so one address is one account."""
    password_hash: Mapped[str] = mapped_column(String(200))
    """Argon2id hash (argon2-cffi's encoded form); the password itself is never stored."""
    role: Mapped[str] = mapped_column(String(16), default="rep")
    """manager | rep."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    """False once a manager deactivates the account: no log-in, no session, no token."""
    deactivated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ApiToken(Base):
    """A user's API token for integrations; only its SHA-256 is stored."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    """Chosen when the token is made (a default and a maximum apply); refused after it."""


class WebSession(Base):
    """A browser's log-in: the cookie carries a random id, only its SHA-256 is stored here.

    Checked on every request, so logging out, "log out everywhere" and deactivation end
    it at once on every worker and machine.
    """

    __tablename__ = "web_session"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class ResetLink(Base):
    """A one-time password-reset link a manager hands over; only its SHA-256 is stored."""

    __tablename__ = "reset_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class LoginThrottle(Base):
    """Failed log-ins per client address and per account, shared by every worker and machine.

    Our own table because the `limits` library has no SQL storage (only memory, Redis,
    Memcached, MongoDB): the database is the one thing every worker already shares.
    `key` is "address:<ip>" or "account:<sha256 of the e-mail>" (unknown e-mails too, so
    a lock says nothing about whether an account exists).
    """

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    """Failures in the current window (address) or since the last lock or success (account)."""
    window_started: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    locks: Mapped[int] = mapped_column(Integer, default=0)
    """Locks in a row (account): the exponent of the back-off; only a success or a reset
    clears it, never waiting."""
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    forget_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    """When the row may be deleted (the window is over, or long quiet for an account)."""


class TeamRule(Base):
    """A team's own critique rule: YAML text loaded through the same loader as the built-ins."""

    __tablename__ = "team_rule"
    __table_args__ = (UniqueConstraint("team_id", "rule_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    rule_id: Mapped[str] = mapped_column(String(200))
    """Dotted id (acme.slogan); a built-in's id replaces the built-in for this team."""
    source: Mapped[str] = mapped_column(Text)
    """The rule's YAML, as the manager typed it (validated before it is stored)."""
    updated_by: Mapped[str] = mapped_column(String(200))
    """The name of the manager who last saved it."""
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class AuditEntry(Base):
    """One correction of a team's records (an edit, a delete, or the undo of one): who, when,
    what, and the values before and after, so a manager can read it and it can be undone.

    `before` of a delete is a snapshot of every row it removed (the prospect, its
    voicemails and callbacks, the experiment assignments that pointed at them). No
    foreign key ties an entry to its record: the record may be gone, that is the point.
    """

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_team_id_id", "team_id", "id"),
        Index("ix_audit_entry_kind_record_id", "kind", "record_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    rep_id: Mapped[int | None] = mapped_column(
        ForeignKey("rep.id", ondelete="SET NULL"), index=True
    )
    """Who made the change (None once that rep is gone; `actor` keeps the name)."""
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    action: Mapped[str] = mapped_column(String(16))
    """edit | delete | undo."""
    kind: Mapped[str] = mapped_column(String(16))
    """prospect | voicemail | callback."""
    record_id: Mapped[int] = mapped_column(Integer)
    prospect_id: Mapped[int] = mapped_column(Integer, index=True)
    """The prospect the record is about (itself for a prospect): forgetting them erases this."""
    subject: Mapped[str] = mapped_column(String(200))
    """The prospect's name when the change was made, for reading the log after a delete."""
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    undoes_id: Mapped[int | None] = mapped_column(ForeignKey("audit_entry.id", ondelete="SET NULL"))
    """For an undo: the change it reverted."""
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    """When this change was undone (None while it stands)."""


# The capture tables (webhooks, recordings, jobs) live in their own module, on this Base.
from callworthy.storage import capture_tables  # noqa: E402, F401  (registers them)
