"""Stats, the callback curve and "what to try next" over a stored log, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from experiment_log import Left, add_log, add_prospect, rates
from sqlalchemy import Engine

from callworthy.errors import (
    ContactLimitError,
    DoNotCallError,
    ExperimentInputError,
    NoEligibleStrategyError,
    UnknownStrategyError,
)
from callworthy.experiments import Reason
from callworthy.services import experiments, next_strategy
from callworthy.services.caller import Caller
from callworthy.services.database import identify
from callworthy.services.prospects import find_prospect
from callworthy.write import default_registry

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
HUMOR = {s.id for s in default_registry().strategies if s.humor}
W = timedelta(days=14)
SEC = timedelta(seconds=1)
OLD = NOW - timedelta(days=30)


def test_window_edges_matured_pending_and_counted_callbacks(
    db_engine: Engine, caller: Caller
) -> None:
    pid = add_prospect(db_engine, caller, "Jane")
    add_log(
        db_engine,
        caller,
        [
            Left(
                "value_tip", NOW - W, W
            ),  # matured exactly at the edge; called back at the window's end
            Left("value_tip", NOW - W - SEC, W + SEC),  # matured; callback one second too late
            Left("value_tip", NOW - W + SEC),  # pending by one second, no callback
            Left(
                "value_tip", NOW - timedelta(days=2), timedelta(days=1)
            ),  # pending, already returned
            Left("value_tip", NOW - timedelta(days=20), timedelta(days=21)),  # callback after now
            Left("value_tip", NOW + SEC),  # left after now: not counted at all
        ],
        pid,
    )
    report = experiments.stats(db_engine, caller, now=NOW, baseline="value_tip")
    (row,) = report.rows
    assert (row.voicemails, row.matured, row.pending, row.callbacks) == (5, 3, 2, 1)
    assert row.rate_mean == pytest.approx((1 + 1) / (3 + 2))  # Beta(1+1, 1+2): pending left out


def test_pending_voicemails_are_never_failures(db_engine: Engine, caller: Caller) -> None:
    pid = add_prospect(db_engine, caller, "Jane")
    young = [Left("resources", NOW - timedelta(days=1)) for _ in range(10)]
    add_log(db_engine, caller, rates("value_tip", 2, 2, OLD) + young, pid)
    report = experiments.stats(db_engine, caller, now=NOW, baseline="value_tip")
    rows = {r.strategy: r for r in report.rows}
    assert rows["value_tip"].rate_mean == pytest.approx(0.75)  # 2 of 2; nothing else drags it down
    fresh = rows["resources"]
    assert (fresh.pending, fresh.matured, fresh.rate_mean) == (10, 0, None)
    assert fresh.reasons == (Reason.NO_MATURED_DATA,)
    assert "callback window" in fresh.notes[0]


def test_seven_of_eight_beats_two_of_eight(db_engine: Engine, caller: Caller) -> None:
    pid = add_prospect(db_engine, caller, "Jane")
    add_log(
        db_engine, caller, rates("half_message", 7, 8, OLD) + rates("value_tip", 2, 8, OLD), pid
    )
    report = experiments.stats(db_engine, caller, now=NOW, baseline="value_tip")
    rows = {r.strategy: r for r in report.rows}
    assert rows["half_message"].chance_to_beat_baseline == pytest.approx(0.992, abs=5e-4)
    assert rows["half_message"].rate_mean == pytest.approx(0.8)
    assert (rows["half_message"].ci_low, rows["half_message"].ci_high) == pytest.approx(
        (0.518, 0.972), abs=1e-3
    )
    assert rows["value_tip"].reasons == (Reason.IS_BASELINE,)
    assert set(report.json_rows()[0]) == set(experiments.STATS_KEYS)


def test_segments_by_rep_and_industry(db_engine: Engine, caller: Caller) -> None:
    bob = identify(db_engine, "bob")
    shop = add_prospect(db_engine, caller, "Shop", industry="retail")
    bank = add_prospect(db_engine, caller, "Bank", industry="banking")
    unknown = add_prospect(db_engine, caller, "Unknown", industry=None)
    day = timedelta(days=1)
    add_log(
        db_engine,
        caller,
        [
            Left("value_tip", OLD, day, shop, caller.rep_id),
            Left("value_tip", OLD, None, shop, bob.rep_id),
            Left("value_tip", OLD, day, bank, bob.rep_id),
            Left("sales_lead", OLD, day, bank, caller.rep_id),
            Left("sales_lead", OLD, None, unknown, caller.rep_id),
        ],
        shop,
    )
    by_rep = experiments.stats(db_engine, caller, now=NOW, by="rep", baseline="value_tip")
    cells = {(r.segment, r.strategy): (r.voicemails, r.callbacks) for r in by_rep.rows}
    assert cells == {
        ("alice", "value_tip"): (1, 1),
        ("alice", "sales_lead"): (2, 1),
        ("bob", "value_tip"): (2, 1),
    }
    assert all(set(row) == {"segment", *experiments.STATS_KEYS} for row in by_rep.json_rows())
    by_industry = experiments.stats(db_engine, caller, now=NOW, by="industry", baseline="value_tip")
    cells = {(r.segment, r.strategy): (r.voicemails, r.callbacks) for r in by_industry.rows}
    assert cells == {  # the prospect without an industry is in no industry segment
        ("banking", "sales_lead"): (1, 1),
        ("banking", "value_tip"): (1, 1),
        ("retail", "value_tip"): (2, 1),
    }
    with pytest.raises(ExperimentInputError, match="group by"):
        experiments.stats(db_engine, caller, now=NOW, by="team")


def test_empty_log_is_an_answer_not_a_crash(db_engine: Engine, caller: Caller) -> None:
    report = experiments.stats(db_engine, caller, now=NOW)
    assert report.baseline == "value_tip"
    assert [r.strategy for r in report.rows] == ["value_tip"]
    assert report.reasons == (Reason.NO_VOICEMAILS,)
    assert report.notes == ("no voicemails yet",)
    empty = experiments.curve(db_engine, caller, now=NOW)
    assert empty.voicemails == 0 and empty.notes == ("no voicemails yet",)


def test_default_baseline_is_the_most_logged(db_engine: Engine, caller: Caller) -> None:
    pid = add_prospect(db_engine, caller, "Jane")
    add_log(db_engine, caller, rates("resources", 1, 3, OLD) + rates("weather", 1, 2, OLD), pid)
    assert experiments.stats(db_engine, caller, now=NOW).baseline == "resources"


def test_curve_matches_a_hand_built_log(db_engine: Engine, caller: Caller) -> None:
    pid = add_prospect(db_engine, caller, "Jane")
    day = timedelta(days=1)
    add_log(
        db_engine,
        caller,
        [
            Left("value_tip", OLD, 1.5 * day),
            Left("value_tip", OLD, 3.5 * day),
            Left("value_tip", OLD),
            Left("value_tip", OLD),
            Left("value_tip", NOW - 2 * day),  # pending: censored at 2 days
            Left("other", OLD, 0.5 * day),
        ],
        pid,
    )
    report = experiments.curve(db_engine, caller, now=NOW, strategy="value_tip")
    # Kaplan-Meier by hand: 1.5 d: 1 of 5 at risk -> S = 4/5; 2 d: one censored;
    # 3.5 d: 1 of 3 -> S = 4/5 * 2/3 = 8/15; 14 d: two censored.
    share = [d.share_called_back for d in report.days]
    assert share[:5] == pytest.approx([0, 0.2, 0.2, 7 / 15, 7 / 15])
    assert share[-1] == pytest.approx(7 / 15) and len(share) == 14
    assert [d.waiting for d in report.days[:4]] == [5, 4, 3, 2]  # still under watch
    assert (report.voicemails, report.callbacks) == (5, 2)
    assert all(d.ci_low <= d.share_called_back <= d.ci_high for d in report.days)
    everyone = experiments.curve(db_engine, caller, now=NOW)
    assert everyone.voicemails == 6 and everyone.days[0].share_called_back == pytest.approx(1 / 6)


# --- What to try next ----------------------------------------------------------------------


def test_humor_off_never_gets_a_humor_strategy(db_engine: Engine, caller: Caller) -> None:
    pid = add_prospect(db_engine, caller, "Stern", humor_ok=False)
    # The humor strategies look best in the log: Thompson would favour them if allowed.
    log = (
        rates("half_message", 8, 8, OLD)
        + rates("weather", 8, 8, OLD)
        + rates("value_tip", 0, 8, OLD)
    )
    add_log(db_engine, caller, log, pid)
    seen = set()
    for seed in range(60):
        pick = next_strategy.next_strategy(
            db_engine, caller, find_prospect(db_engine, caller, "Stern"), now=NOW, seed=seed
        )
        seen.add(pick.strategy)
        assert not set(pick.weights) & HUMOR
        assert "sales_lead" not in pick.weights
    assert not seen & HUMOR and len(seen) > 1
    assert pick.excluded["half_message"].startswith("humor is off")
    assert pick.excluded["sales_lead"].startswith("no lead to give them")
    funny = add_prospect(db_engine, caller, "Funny", humor_ok=True)
    picks = {
        next_strategy.next_strategy(
            db_engine,
            caller,
            funny,
            now=NOW,
            seed=s,
            has_lead=True,
        ).strategy
        for s in range(30)
    }
    assert picks & {"half_message", "weather"}


def test_do_not_call_prospect_is_refused(db_engine: Engine, caller: Caller) -> None:
    add_prospect(db_engine, caller, "Blocked", do_not_call=True)
    with pytest.raises(DoNotCallError, match="do-not-call list: there is nothing to try next"):
        next_strategy.next_strategy(
            db_engine, caller, find_prospect(db_engine, caller, "Blocked"), now=NOW, seed=1
        )


def test_no_eligible_strategy_says_why(db_engine: Engine, caller: Caller) -> None:
    add_prospect(db_engine, caller, "Stern", humor_ok=False)
    with pytest.raises(NoEligibleStrategyError, match="weather: humor is off"):
        next_strategy.next_strategy(
            db_engine,
            caller,
            find_prospect(db_engine, caller, "Stern"),
            now=NOW,
            seed=1,
            among=["weather", "sales_lead"],
        )


def test_earliest_call_time_inside_local_hours(db_engine: Engine, caller: Caller) -> None:
    add_prospect(db_engine, caller, "West", time_zone="America/Los_Angeles")
    # 14:00 UTC is 07:00 in Los Angeles (PDT, UTC-7): wait for 09:00 local = 16:00 UTC.
    pick = next_strategy.next_strategy(
        db_engine, caller, find_prospect(db_engine, caller, "West"), now=NOW, seed=1
    )
    assert pick.call_at == datetime(2024, 6, 1, 16, 0, tzinfo=UTC)
    assert pick.call_at_local == "2024-06-01T09:00:00-07:00"
    late = datetime(2024, 6, 2, 3, 30, tzinfo=UTC)  # 20:30 the evening before in Los Angeles
    pick = next_strategy.next_strategy(
        db_engine,
        caller,
        find_prospect(db_engine, caller, "West"),
        now=late,
        seed=1,
        hours=(time(8), time(18)),
    )
    assert pick.call_at == datetime(2024, 6, 2, 15, 0, tzinfo=UTC)  # 08:00 PDT next morning
    inside = datetime(2024, 6, 1, 20, 0, tzinfo=UTC)  # 13:00 local: call now
    assert (
        next_strategy.next_strategy(
            db_engine, caller, find_prospect(db_engine, caller, "West"), now=inside
        ).call_at
        == inside
    )


def test_same_seed_same_pick(db_engine: Engine, caller: Caller) -> None:
    pid = add_prospect(db_engine, caller, "Jane", humor_ok=True)
    add_log(db_engine, caller, rates("value_tip", 3, 8, OLD) + rates("weather", 4, 8, OLD), pid)
    first = next_strategy.next_strategy(
        db_engine, caller, find_prospect(db_engine, caller, "Jane"), now=NOW
    )
    again = next_strategy.next_strategy(
        db_engine, caller, find_prospect(db_engine, caller, "Jane"), now=NOW, seed=first.seed
    )
    assert again == first
    picks = [
        next_strategy.next_strategy(
            db_engine,
            caller,
            find_prospect(db_engine, caller, "Jane"),
            now=NOW,
            seed=7,
            top_two=True,
        ).strategy
        for _ in range(3)
    ]
    assert len(set(picks)) == 1
    assert first.method == "thompson" and first.assignment_id is None
    assert sum(first.weights.values()) == pytest.approx(1.0)
    assert min(first.weights.values()) >= 0.05 - 1e-12  # the floor


def test_bad_hours_and_seed(db_engine: Engine, caller: Caller) -> None:
    assert next_strategy.parse_hours("9-20") == (time(9), time(20))
    assert next_strategy.parse_hours("08:30-17:00") == (time(8, 30), time(17))
    for bad in ("20-9", "nine", "9"):
        with pytest.raises(ExperimentInputError, match="Calling hours"):
            next_strategy.parse_hours(bad)
    with pytest.raises(ExperimentInputError, match="Seed"):
        next_strategy.check_seed(-1)


# --- Every id through the registry, one fit, one cadence (issue 13) -------------------------


def test_reading_commands_check_strategy_ids_against_the_registry(
    db_engine: Engine, caller: Caller
) -> None:
    pid = add_prospect(db_engine, caller, "Jane")
    with pytest.raises(UnknownStrategyError, match="not one of your team's strategies"):
        experiments.stats(db_engine, caller, now=NOW, baseline="Bad Strategy!")
    with pytest.raises(UnknownStrategyError):
        experiments.curve(db_engine, caller, now=NOW, strategy="Bad Id!")
    with pytest.raises(UnknownStrategyError):
        next_strategy.next_strategy(db_engine, caller, pid, now=NOW, seed=1, among=["Bad Id!"])
    with pytest.raises(ExperimentInputError, match="never proposed"):
        next_strategy.next_strategy(db_engine, caller, pid, now=NOW, seed=1, among=["about_us"])
    former = experiments.stats(db_engine, caller, now=NOW, baseline="reasons_people_buy")
    assert former.baseline == "reasons_buy"
    for window in (0, 0.5, 366, 1e6, 1e308, float("nan")):
        with pytest.raises(ExperimentInputError, match="1 to 365 days"):
            experiments.stats(db_engine, caller, now=NOW, window_days=window)
        with pytest.raises(ExperimentInputError, match="1 to 365 days"):
            experiments.curve(db_engine, caller, now=NOW, window_days=window)


def test_next_proposes_only_what_the_writer_would_write(db_engine: Engine, caller: Caller) -> None:
    """Write skips mutual_referral and weather for a cold prospect; so does `next`."""
    cold = add_prospect(db_engine, caller, "Cold", humor_ok=True)
    picks = [
        next_strategy.next_strategy(db_engine, caller, cold, now=NOW, seed=s) for s in range(20)
    ]
    assert not {p.strategy for p in picks} & {"mutual_referral", "weather", "sales_lead"}
    assert picks[0].excluded["mutual_referral"] == "fits referred prospects, not cold"
    assert picks[0].excluded["weather"] == "fits met briefly, referred prospects, not cold"


def test_next_follows_the_contact_cadence(db_engine: Engine, caller: Caller) -> None:
    pid = add_prospect(db_engine, caller, "Jane", time_zone="UTC")
    seven_hours_ago = NOW - timedelta(hours=7)
    add_log(db_engine, caller, [Left("value_tip", seven_hours_ago)], pid)
    pick = next_strategy.next_strategy(db_engine, caller, pid, now=NOW, seed=1)
    # A week after 05:00 UTC, then the first calling hour (09:00): not seven hours later.
    assert pick.call_at == datetime(2024, 6, 8, 9, 0, tzinfo=UTC)
    assert pick.unanswered == 1
    add_log(
        db_engine,
        caller,
        [Left("value_tip", NOW - timedelta(days=d)) for d in (40, 30, 20, 10)],
        pid,
    )
    with pytest.raises(ContactLimitError, match="give them to the competition"):
        next_strategy.next_strategy(db_engine, caller, pid, now=NOW, seed=1)
    back = add_prospect(db_engine, caller, "Back", time_zone="UTC")
    add_log(db_engine, caller, [Left("value_tip", seven_hours_ago, timedelta(hours=1))], back)
    assert next_strategy.next_strategy(db_engine, caller, back, now=NOW, seed=1).call_at == NOW
