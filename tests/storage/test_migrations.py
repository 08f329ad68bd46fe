"""Migrations from empty, and the migration matching tables.py exactly."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from callworthy.storage.engine import make_engine
from callworthy.storage.migrate import current_revision, head_revision, upgrade
from callworthy.storage.migrations.env_names import include_name
from callworthy.storage.tables import Base

AT = {"at": datetime(2024, 3, 4, 14, 0, tzinfo=UTC)}


def test_upgrade_from_empty_reaches_head_and_matches_models(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        assert current_revision(engine) is None
        assert upgrade(engine) is None
        assert current_revision(engine) == head_revision()
        tables = set(inspect(engine).get_table_names())
        assert {"team", "rep", "prospect", "voicemail", "callback", "do_not_call"} <= tables
        with engine.connect() as conn:
            opts = {"compare_type": True, "include_name": include_name}  # not procrastinate's
            context = MigrationContext.configure(conn, opts=opts)
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_upgrade_twice_is_a_no_op(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        assert upgrade(engine) == head_revision()
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_0005_and_0006_carry_rules_and_phone_test_answers_over(empty_db_url: str) -> None:
    """A team with rules starts at rules version 1; stored answers lose their dashes."""
    engine = make_engine(empty_db_url)
    try:
        upgrade(engine, "0004")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO team (id, name, created_at) VALUES (1, 't', :at)"), AT)
            conn.execute(text("INSERT INTO team (id, name, created_at) VALUES (2, 'u', :at)"), AT)
            conn.execute(
                text("INSERT INTO rep (id, team_id, name, created_at) VALUES (1, 1, 'r', :at)"), AT
            )
            conn.execute(
                text(
                    "INSERT INTO team_rule (team_id, rule_id, source, updated_by, updated_at) "
                    "VALUES (1, 'acme.x', 'kind: x', 'r', :at)"
                ),
                AT,
            )
            conn.execute(
                text(
                    "INSERT INTO phonetest_result (rep_id, taken_at, score, band, quiz_version,"
                    " answers, areas) VALUES (1, :at, 50, 'number_six', 'v', :answers, '{}')"
                ),
                {**AT, "answers": json.dumps({"before-the-call": "how-are-you", "hours": "tip"})},
            )
        upgrade(engine)
        with engine.connect() as conn:
            versions = dict(conn.execute(text("SELECT id, rules_version FROM team")).all())
            answers = conn.execute(text("SELECT answers FROM phonetest_result")).scalar_one()
        assert versions == {1: 1, 2: 0}
        stored = answers if isinstance(answers, dict) else json.loads(answers)
        assert stored == {"before_the_call": "how_are_you", "hours": "tip"}
    finally:
        engine.dispose()


def test_0007_gives_one_id_per_strategy_and_keeps_one_arm_per_prospect(
    empty_db_url: str,
) -> None:
    """reasons_people_buy and idea-N are rewritten, tried ideas and typed ids are registered,
    and a prospect drawn twice keeps the arm it was given first."""
    engine = make_engine(empty_db_url)
    rows = [
        "INSERT INTO team (id, name, created_at) VALUES (1, 't', :at)",
        "INSERT INTO rep (id, team_id, name, created_at) VALUES (1, 1, 'r', :at)",
        "INSERT INTO prospect (id, team_id, name, humor_ok, do_not_call, tags, created_at) "
        "VALUES (1, 1, 'Jane', false, false, '[]', :at)",
        "INSERT INTO idea (id, team_id, slug, title, script, status, created_at) "
        "VALUES (3, 1, 'idea-3', 'Weather for their town', 'Hi', 'testing', :at)",
        "INSERT INTO idea (id, team_id, slug, title, script, status, created_at) "
        "VALUES (4, 1, 'idea-4', 'Untried', '', 'open', :at)",
        "INSERT INTO experiment (id, team_id, name, baseline, seed, status, started_at) "
        "VALUES (1, 1, 'Try half', 'reasons_people_buy', 5, 'running', :at)",
        "INSERT INTO experiment_arm (experiment_id, strategy, weight, idea_id) "
        "VALUES (1, 'idea-3', 0.5, 3)",
        "INSERT INTO experiment_arm (experiment_id, strategy, weight) "
        "VALUES (1, 'reasons_people_buy', 0.5)",
    ]
    voicemails = ["reasons_people_buy", "idea-3", "cold-open", "value_tip"]
    draws = ["idea-3", "reasons_people_buy", "idea-3"]  # the first draw is the one that stands
    try:
        upgrade(engine, "0006")
        with engine.begin() as conn:
            for row in rows:
                conn.execute(text(row), AT)
            for i, strategy in enumerate(voicemails, 1):
                conn.execute(
                    text(
                        "INSERT INTO voicemail (id, prospect_id, rep_id, strategy, script, left_at,"
                        " source) VALUES (:id, 1, 1, :s, '', :at, 'cli')"
                    ),
                    {**AT, "id": i, "s": strategy},
                )
            for i, strategy in enumerate(draws, 1):
                conn.execute(
                    text(
                        "INSERT INTO assignment (id, experiment_id, prospect_id, strategy,"
                        " assigned_at) VALUES (:id, 1, 1, :s, :at)"
                    ),
                    {**AT, "id": i, "s": strategy},
                )
        upgrade(engine)
        with engine.connect() as conn:
            stored = sorted(conn.execute(text("SELECT strategy FROM voicemail")).scalars())
            arms = sorted(conn.execute(text("SELECT strategy FROM experiment_arm")).scalars())
            base = conn.execute(text("SELECT baseline FROM experiment")).scalar_one()
            kept = conn.execute(text("SELECT id, strategy FROM assignment")).all()
            slugs = sorted(conn.execute(text("SELECT slug FROM idea")).scalars())
            team = dict(conn.execute(text("SELECT strategy_id, spec FROM team_strategy")).all())
            relation = conn.execute(text("SELECT relationship FROM prospect")).scalar_one()
        assert stored == ["cold_open", "idea_3", "reasons_buy", "value_tip"]
        assert arms == ["idea_3", "reasons_buy"] and base == "reasons_buy"
        assert [tuple(k) for k in kept] == [(1, "idea_3")]
        assert slugs == ["idea_3", "idea_4"]
        specs = {k: v if isinstance(v, dict) else json.loads(v) for k, v in team.items()}
        assert set(specs) == {"idea_3", "cold_open"}  # the tried idea and the typed id
        assert specs["idea_3"]["name"] == "Weather for their town" and specs["idea_3"]["proposable"]
        assert specs["cold_open"]["proposable"] is False
        assert relation == "cold"
    finally:
        engine.dispose()
