"""The writer's paths one profile at a time: what a candidate carries from its strategy, why a
strategy is skipped (in the words a rep reads), the rules and bar a run is given, and the notes."""

from __future__ import annotations

import dataclasses
import random

from callworthy.critique import RuleSet
from callworthy.critique.loader import load_rule_text
from callworthy.write import profile_from_mapping, write_messages
from callworthy.write.packs import FALLBACK, default_packs
from callworthy.write.registry import default_registry
from callworthy.write.slots import SlotFiller, written_number
from callworthy.write.writer import Bar, Candidate, context_for, unwritable, words
from callworthy.write.writer import _near_duplicate as near_duplicate

DENTAL = {
    "prospect": {"name": "Dana Lee", "industry": "dental", "company": "Bright Smiles"},
    "rep": {"name": "Kim Alvarez", "phone": "704-333-1112", "company": "Acme"},
}
#: A team rule that fires on every message to Dana ("Hi Dana"): a finding every candidate has.
NAME_RULE = """kind: existence
principle: P3
level: info
subscore: prospect_focus
message: "\\"{match}\\" is named."
fix: "Fine."
tokens: [dana]
examples:
  pass: ["Hi Sam, five ways to fill your chairs. 704-333-1112."]
  fail: ["Hi Dana, five ways to fill your chairs. 704-333-1112."]
"""
NO_LEAD = "no lead in the profile (P7: a lead is never invented)"


def _profile(**prospect: object) -> tuple:  # type: ignore[type-arg]
    data = {"prospect": {**DENTAL["prospect"], **prospect}, "rep": DENTAL["rep"]}
    profile = profile_from_mapping(data)
    return profile.prospect, profile.rep


def _strategy(sid: str):  # type: ignore[no-untyped-def]
    found = default_registry().get(sid)
    assert found is not None
    return found


def test_a_candidate_carries_its_strategys_words_and_its_own_critique() -> None:
    prospect, rep = _profile()
    writeup = write_messages(prospect, rep)
    written, spoken, _ = written_number(rep.phone)
    assert writeup.candidates
    for cand in writeup.candidates:
        strategy = _strategy(cand.strategy)
        assert (cand.name, cand.principle, cand.humor, cand.caution) == (
            strategy.name, strategy.principle, strategy.humor, strategy.caution,
        )  # fmt: skip
        assert cand.spoken_seconds == cand.critique.spoken_seconds > 0
        assert cand.spoken == cand.text.replace(written, spoken) != cand.text


def test_a_runs_own_rules_critique_its_candidates_and_show_in_the_json() -> None:
    prospect, rep = _profile()
    rule = load_rule_text("acme.name", NAME_RULE, "team rule acme.name")
    writeup = write_messages(prospect, rep, rules=RuleSet((rule,), "team"))
    assert writeup.candidates
    for cand in writeup.candidates:
        finding = next(f for f in cand.critique.findings if f.rule == "acme.name")
        shown = cand.to_dict()["findings"]
        assert {"rule": "acme.name", "level": "info", "points": finding.points,
                "message": finding.message} in shown  # fmt: skip
        assert all(set(f) == {"rule", "level", "points", "message"} for f in shown)


def test_a_rep_outside_the_us_is_critiqued_in_their_region() -> None:
    # A UK number is found only when the critique is told the rep's region.
    data = {"prospect": DENTAL["prospect"], "rep": {"name": "Kim Alvarez",
            "phone": "+44 20 7946 0018"}}  # fmt: skip
    profile = profile_from_mapping(data)
    writeup = write_messages(profile.prospect, profile.rep)
    assert writeup.candidates
    for cand in writeup.candidates:
        assert cand.critique.phone_numbers[0].position <= 0.5


def test_the_bar_a_run_is_given_is_the_one_it_holds_and_the_commonest_reason_is_told() -> None:
    prospect, rep = _profile()
    writeup = write_messages(prospect, rep, bar=Bar(min_score=101))
    assert writeup.candidates == ()
    told = {s.strategy: s.reason for s in writeup.skipped}
    assert told["value_tip"].startswith("no phrasing cleared the bar (most often: scored ")
    assert told["value_tip"].endswith(" (< 101))")
    # A strategy whose phrasings fall short in two ways: the commoner is told, not the last in
    # alphabetical order ("the number ..." > "no lead ...").
    mixed = dataclasses.replace(
        _strategy("value_tip"),
        id="mixed",
        phrasings=(
            "Hi {first_name}, {lead_name} asked about you. Call me.",
            "Hi {first_name}, {lead_name} asked me to call. Call me back.",
            "Hi {first_name}, a message with no number in it at all, nothing to call.",
        ),
    )
    writeup = write_messages(prospect, rep, strategies=(mixed,), seed=3)
    assert writeup.skipped[0].strategy == "mixed"
    assert writeup.skipped[0].reason == f"no phrasing cleared the bar (most often: {NO_LEAD})"


def test_a_strategy_that_does_not_fit_is_skipped_under_its_own_id() -> None:
    prospect, rep = _profile()
    told = {s.strategy: s.reason for s in write_messages(prospect, rep).skipped}
    assert told["half_message"] == "humor is off for this prospect: pick your shots"
    assert told["sales_lead"] == "no lead to give them: a lead is never invented"


def test_why_a_strategy_cannot_be_written_names_its_first_missing_slot() -> None:
    prospect, rep = _profile(company=None)
    pack = default_packs()["dental"]
    filler = SlotFiller(prospect, rep, pack, random.Random(0), fallback=default_packs()[FALLBACK])
    tip = _strategy("value_tip")
    assert unwritable(dataclasses.replace(tip, phrasings=()), prospect, filler) == (
        "logged only: the writer never writes it"
    )
    two = dataclasses.replace(tip, phrasings=("{company} {lead_name} {number}",) * 3)
    assert unwritable(two, prospect, filler) == "no company in the profile"
    odd = dataclasses.replace(tip, phrasings=("{zz_unknown} {zz_other} {number}",) * 3)
    assert unwritable(odd, prospect, filler) == "nothing in the profile for {zz_other}"
    assert unwritable(tip, prospect, filler) is None


def test_the_critique_context_is_the_prospect_and_the_packs_concerns() -> None:
    prospect, _ = _profile(concerns=["cash flow"])
    pack = default_packs()["dental"]
    ctx = context_for(prospect, pack)
    assert (ctx.prospect_name, ctx.company) == ("Dana Lee", "Bright Smiles")
    assert ctx.concerns == ("cash flow", *pack.concern_names)
    assert ctx.vocabulary == pack.vocabulary


def _accepted(text: str) -> Candidate:
    return Candidate(
        strategy="value_tip", name="X", principle="P5", text=text, spoken=text, score=90,
        spoken_seconds=20.0, humor=False, phrasing=0, caution="", critique=None,  # type: ignore[arg-type]
    )  # fmt: skip


def test_a_near_duplicate_is_one_at_the_limit_or_above() -> None:
    # "one two" against "one two three four": 2 of 6 words in common each way, both the quick
    # bound and the ratio are exactly 4/6.
    limit = 2.0 * 2 / 6
    assert near_duplicate("one two", [_accepted("one two three four")], limit)
    assert not near_duplicate("one two", [_accepted("one two three four")], limit + 1e-9)
    assert not near_duplicate("one two", [], 0.0)
    # A long script (over 200 words, where difflib would drop its commonest words as junk)
    # is a duplicate of itself.
    long = " ".join(["the call", "and the number"] * 60)
    assert len(words(long)) > 200
    assert near_duplicate(long, [_accepted("nothing alike"), _accepted(long)], 0.99)


def test_a_deliverable_names_the_packs_customers_and_the_reps_number() -> None:
    prospect, rep = _profile()
    pack = default_packs()["dental"]
    written, _, _ = written_number(rep.phone)
    kinds = {}
    for seed in range(3):
        for cand in write_messages(prospect, rep, seed=seed).candidates:
            if cand.deliverable is not None:
                kinds[cand.strategy] = cand.deliverable
                assert f"I'm at {written}." in cand.deliverable.email.body
    reasons = kinds["reasons_buy"]
    assert f"reasons {pack.customers} choose one {pack.business} over another" in reasons.promise
    assert "competitor_tease" not in kinds


def test_the_default_seed_is_zero_and_the_writeup_keeps_it() -> None:
    prospect, rep = _profile()
    default = write_messages(prospect, rep)
    assert default.seed == 0 and write_messages(prospect, rep, seed=5).seed == 5
    assert [c.text for c in default.candidates] == [
        c.text for c in write_messages(prospect, rep, seed=0).candidates
    ]
    other = [c.text for seed in (1, 2) for c in write_messages(prospect, rep, seed=seed).candidates]
    assert any(c.text not in other for c in default.candidates)


def test_a_concern_without_ideas_is_noted_in_the_packs_words() -> None:
    prospect, rep = _profile(concerns=["zebra migration"])
    pack = default_packs()["dental"]
    assert write_messages(prospect, rep).notes == (
        "no ideas on 'zebra migration' in the packs: messages that promise ideas speak to the "
        f"{pack.name.lower()} concerns instead.",
    )
