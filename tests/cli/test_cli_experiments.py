"""`stats`, `curve`, `next`, `idea` and `experiment` through the real entry point."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner, Result
from experiment_log import Left, add_log, add_prospect, rates
from sqlalchemy import Engine

from callworthy.cli import main
from callworthy.errors import (
    DoNotCallError,
    ExperimentInputError,
    UnknownIdeaError,
    UnknownStrategyError,
)
from callworthy.services.caller import Caller
from callworthy.services.experiments import STATS_KEYS

NOW = "2024-06-01T12:00"
OLD = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
COMMANDS = [
    ["stats"], ["curve"], ["next"], ["idea", "add"], ["idea", "vote"], ["idea", "list"],
    ["experiment", "start"], ["experiment", "show"], ["experiment", "stop"],
]  # fmt: skip
SCRIPT = (
    "Hi Jane, this is Alice at 704-555-0100. Three carriers cut fuel surcharges this week; "
    "call me at 704-555-0100 and I'll send you the list."
)


def run(db: str, *args: str) -> Result:
    """Invoke `callworthy ARGS --db DB --rep alice` in-process."""
    return CliRunner().invoke(main, [*args, "--db", db, "--rep", "alice"])


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_and_db(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert len(result.output.split("\n\n")[1].strip()) > 10
    assert "--db" in result.output


def test_stats_json_and_chance_to_beat_end_to_end(
    db_url: str, db_engine: Engine, caller: Caller
) -> None:
    pid = add_prospect(db_engine, caller, "Jane")
    log = rates("half_message", 7, 8, OLD) + rates("value_tip", 2, 8, OLD)
    add_log(db_engine, caller, log, pid)
    rows = json.loads(
        ok(
            run(db_url, "stats", "--baseline", "value_tip", "--as-of", NOW, "--format", "json")
        ).output
    )
    assert isinstance(rows, list) and all(list(r) == list(STATS_KEYS) for r in rows)
    half = next(r for r in rows if r["strategy"] == "half_message")
    assert half["chance_to_beat_baseline"] == pytest.approx(0.992, abs=5e-4)
    assert (half["voicemails"], half["matured"], half["pending"], half["callbacks"]) == (8, 8, 0, 7)
    assert half["rate_observed"] == 7 / 8 and half["rate_mean"] == pytest.approx(0.8)
    text = ok(run(db_url, "stats", "--baseline", "value_tip", "--as-of", NOW)).output
    assert "half_message: very likely better than value_tip (99%)." in text
    assert "7 of 8 called back: 88% (likely 52%-97%)" in text
    assert "value_tip: this is the baseline." in text
    by_rep = json.loads(ok(run(db_url, "stats", "--by", "rep", "--format", "json")).output)
    assert {r["segment"] for r in by_rep} == {"alice"}
    assert all(list(r) == ["segment", *STATS_KEYS] for r in by_rep)


def test_not_enough_data_in_words(db_url: str) -> None:
    text = ok(run(db_url, "stats")).output
    assert "no voicemails yet" in text
    curve = ok(run(db_url, "curve")).output
    assert "0 voicemails" in curve and "no voicemails yet" in curve
    shown = run(db_url, "experiment", "show")
    assert shown.exit_code == 33 and "no experiment yet" in shown.output
    for window in ("0", "366", "1e308", "nan"):
        bad = run(db_url, "stats", "--window", window)
        assert bad.exit_code == ExperimentInputError.exit_code and "1 to 365 days" in bad.output
        bad = run(db_url, "curve", "--window", window)
        assert bad.exit_code == ExperimentInputError.exit_code and "1 to 365 days" in bad.output


def test_curve_table_and_json(db_url: str, db_engine: Engine, caller: Caller) -> None:
    pid = add_prospect(db_engine, caller, "Jane")
    day = timedelta(days=1)
    add_log(db_engine, caller, [Left("value_tip", OLD, 1.5 * day), Left("value_tip", OLD)], pid)
    data = json.loads(ok(run(db_url, "curve", "--as-of", NOW, "--format", "json")).output)
    assert [d["share_called_back"] for d in data["days"][:3]] == [0.0, 0.5, 0.5]
    text = ok(run(db_url, "curve", "--as-of", NOW, "--window", "3")).output
    assert "1 called back within 3 days" in text and "50%" in text


def test_next_refuses_dnc_and_replays_a_seed(
    db_url: str, db_engine: Engine, caller: Caller
) -> None:
    add_prospect(db_engine, caller, "Blocked", do_not_call=True)
    refused = run(db_url, "next", "Blocked")
    assert refused.exit_code == DoNotCallError.exit_code
    assert "do-not-call list: there is nothing to try next" in refused.output
    add_prospect(db_engine, caller, "West", time_zone="America/Los_Angeles", humor_ok=False)
    first = ok(run(db_url, "next", "West", "--as-of", NOW, "--format", "json"))
    pick = json.loads(first.output)
    again = ok(
        run(db_url, "next", "West", "--as-of", NOW, "--seed", str(pick["seed"]), "--format", "json")
    )
    assert json.loads(again.output) == pick
    assert pick["call_at"] == "2024-06-01T16:00:00+00:00"  # 09:00 in Los Angeles
    assert "weather" not in pick["weights"] and "weather" in pick["excluded"]
    text = ok(run(db_url, "next", "West", "--as-of", NOW, "--seed", "4", "--hours", "10-12")).output
    assert "Call at 2024-06-01 10:00 America/Los_Angeles (2024-06-01 17:00 UTC)" in text
    assert "replay with --seed 4" in text
    bad = run(db_url, "next", "West", "--hours", "late")
    assert bad.exit_code == ExperimentInputError.exit_code and "9-20" in bad.output


def test_ideas_and_try_half_round_trip(db_url: str, db_engine: Engine, caller: Caller) -> None:
    added = ok(run(db_url, "idea", "add", "Fuel surcharge tip", "--script", SCRIPT)).output
    assert "Added idea #1" in added and "--strategy idea_1" in added
    assert "Sample script score: " in added and "/100" in added
    for title in ("Weather report", "Competitor tease", "Traffic report"):
        ok(run(db_url, "idea", "add", title))
    ok(run(db_url, "idea", "vote", "2"))
    assert "already voted" in ok(run(db_url, "idea", "vote", "idea-2")).output
    assert run(db_url, "idea", "vote", "99").exit_code == UnknownIdeaError.exit_code
    listed = json.loads(ok(run(db_url, "idea", "list", "--format", "json")).output)
    assert listed[0]["id"] == 2 and listed[0]["votes"] == 1
    assert "Weather report" in ok(run(db_url, "idea", "list")).output
    assert run(db_url, "experiment", "start").exit_code == 2  # --try-half is required
    start = ["experiment", "start", "--try-half", "--seed", "11", "--baseline", "value_tip"]
    started = json.loads(ok(run(db_url, *start, "--as-of", NOW, "--format", "json")).output)
    ideas = [a["strategy"] for a in started["arms"] if a["idea_id"] is not None]
    assert started["seed"] == 11 and len(ideas) == 2
    assert [a["weight"] for a in started["arms"]] == pytest.approx([1 / 3] * 3)
    assert run(db_url, *start).exit_code == 34  # one experiment at a time
    add_prospect(db_engine, caller, "Jane", humor_ok=True)
    pick = json.loads(ok(run(db_url, "next", "Jane", "--seed", "1", "--format", "json")).output)
    assert pick["method"] == "experiment" and pick["assignment_id"] == 1
    shown = ok(run(db_url, "experiment", "show")).output
    assert "Split check: not checked yet: too few prospects given a message yet" in shown
    assert "seed 11" in shown and "(baseline)" in shown
    stopped = ok(run(db_url, "experiment", "stop", "--keep", ideas[0], "--format", "json"))
    assert json.loads(stopped.output)["status"] == "stopped"
    statuses = {
        i["slug"]: i["status"]
        for i in json.loads(ok(run(db_url, "idea", "list", "--format", "json")).output)
    }
    assert statuses[ideas[0]] == "kept" and statuses[ideas[1]] == "dropped"


def test_reading_commands_refuse_ids_the_registry_does_not_hold(db_url: str) -> None:
    for args in (
        ["stats", "--baseline", "Bad Strategy!"],
        ["curve", "--strategy", "Bad Id!"],
    ):
        refused = run(db_url, *args)
        assert refused.exit_code == UnknownStrategyError.exit_code == 18, refused.output
        assert "not one of your team's strategies" in refused.output
        assert "value_tip" in refused.output  # the valid ids are listed


def test_asking_next_again_for_an_assigned_prospect_changes_nothing(
    db_url: str, db_engine: Engine, caller: Caller
) -> None:
    for title in ("Fuel surcharge tip", "Weather report"):
        ok(run(db_url, "idea", "add", title))
    ok(run(db_url, "experiment", "start", "--try-half", "--seed", "2", "--as-of", NOW))
    add_prospect(db_engine, caller, "Jane", humor_ok=True)
    picks = [
        json.loads(ok(run(db_url, "next", "Jane", "--seed", str(s), "--format", "json")).output)
        for s in range(5)
    ]
    assert [p["method"] for p in picks] == ["experiment"] + ["assigned"] * 4
    assert len({(p["strategy"], p["assignment_id"]) for p in picks}) == 1
    shown = json.loads(ok(run(db_url, "experiment", "show", "--format", "json")).output)
    assert sum(a["assigned"] for a in shown["arms"]) == 1
    logged = ok(run(db_url, "log", "Jane", "--script", SCRIPT, "--format", "json")).output
    assert json.loads(logged)["strategy"] == picks[0]["strategy"]  # the arm, by default
