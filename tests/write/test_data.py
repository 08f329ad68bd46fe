"""Meta-tests for the writer's data: every strategy, pack and greeting file loads and behaves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from callworthy.errors import DataFileError
from callworthy.principles import PRINCIPLE_RE
from callworthy.write import (
    default_greetings,
    default_packs,
    default_registry,
    load_packs,
    load_strategies,
    profile_from_mapping,
    rep_from_mapping,
    write_greetings,
    write_messages,
)
from callworthy.write.slots import template_slots, written_number

STRATEGIES = default_registry().writable()
PACKS = default_packs()
REQUIRED = {
    "value_tip", "resources", "reasons_buy", "provocative_question", "sales_lead",
    "mutual_referral", "concern_insight", "half_message", "weather", "competitor_tease",
}  # fmt: skip


def test_the_required_strategies_and_packs_exist() -> None:
    assert {s.id for s in STRATEGIES} >= REQUIRED
    assert "general" in PACKS and len(PACKS) >= 13
    assert len(default_greetings()) >= 3


@pytest.mark.parametrize("strategy", STRATEGIES, ids=lambda s: s.id)
def test_strategy_file(strategy) -> None:  # type: ignore[no-untyped-def]
    assert Path(strategy.path).stem == strategy.id
    assert PRINCIPLE_RE.match(strategy.principle)
    assert strategy.principle in Path(strategy.path).read_text()  # cited in the data (P-ids)
    assert len(strategy.phrasings) >= 3, "P10: several phrasings so two reps differ"
    assert len(set(strategy.phrasings)) == len(strategy.phrasings)
    for phrasing in strategy.phrasings:
        assert "number" in template_slots(phrasing), "every message carries the number"
        assert not re.search(r"\d", phrasing), "no digits: they would be invented facts"


@pytest.mark.parametrize(
    ("strategy", "index"),
    [(s, i) for s in STRATEGIES for i in range(len(s.profile_examples()))],
    ids=lambda v: v.id if hasattr(v, "id") else str(v),
)
def test_strategy_examples_behave(strategy, index: int) -> None:  # type: ignore[no-untyped-def]
    example = strategy.profile_examples()[index]
    profile = profile_from_mapping({"prospect": example.prospect, "rep": example.rep})
    writeup = write_messages(profile.prospect, profile.rep, strategies=(strategy,))
    if example.expect == "candidate":
        assert len(writeup.candidates) == 1, writeup.skipped
        assert writeup.candidates[0].score >= 80
    else:
        assert not writeup.candidates
        assert example.reason in writeup.skipped[0].reason


@pytest.mark.parametrize("strategy", STRATEGIES, ids=lambda s: s.id)
def test_every_phrasing_can_clear_the_bar(strategy) -> None:  # type: ignore[no-untyped-def]
    """Each phrasing, on its example profile with and without a fact, writes for some seed."""
    example = next(e for e in strategy.profile_examples() if e.expect == "candidate")
    seen = set()
    for facts in ([], ["opened a second location"]):
        prospect = {**example.prospect, "facts": facts}
        prospect.setdefault("company", "Harbor Point")
        prospect.setdefault("lead", {"name": "Harvey Zilch", "detail": "a new supplier"})
        profile = profile_from_mapping({"prospect": prospect, "rep": example.rep})
        for seed in range(40):
            for cand in write_messages(
                profile.prospect, profile.rep, seed=seed, strategies=(strategy,)
            ).candidates:
                seen.add(cand.phrasing)
    assert seen == set(range(len(strategy.phrasings)))


@pytest.mark.parametrize("strategy", STRATEGIES, ids=lambda s: s.id)
def test_a_fact_is_used_wherever_a_strategy_has_a_phrasing_for_it(strategy) -> None:  # type: ignore[no-untyped-def]
    """The Facts field is never ignored: a strategy that can say a fact says it."""
    if not any("fact" in template_slots(p) for p in strategy.phrasings):
        return
    example = next(e for e in strategy.profile_examples() if e.expect == "candidate")
    prospect = {**example.prospect, "facts": ["opened a second location"]}
    profile = profile_from_mapping({"prospect": prospect, "rep": example.rep})
    for seed in range(5):
        (cand,) = write_messages(
            profile.prospect, profile.rep, seed=seed, strategies=(strategy,)
        ).candidates
        assert "I saw that you opened a second location" in cand.text


def _spoken(pack) -> list[str]:  # type: ignore[no-untyped-def]
    """Return every phrase of a pack that a message says aloud."""
    return [
        *pack.concern_names,
        *(t.topic for t in pack.tips),
        *(r.topic for r in pack.resources),
        *(q.question for q in pack.questions),
        *(r.reason for r in pack.buying_reasons),
    ]


@pytest.mark.parametrize("pack", PACKS.values(), ids=lambda p: p.id)
def test_pack_file(pack) -> None:  # type: ignore[no-untyped-def]
    assert Path(pack.path).stem == pack.id
    assert not any(re.search(r"\d", s) for s in _spoken(pack))
    assert all(q.question.endswith("?") for q in pack.questions)
    assert len(pack.vocabulary) >= 5 and len(pack.concerns) >= 3
    # Generic advice, not claims: no capitalised names inside a stem (questions open a sentence).
    for stem in _spoken(pack):
        assert stem[0].islower() or stem.endswith("?"), stem


@pytest.mark.parametrize("pack", PACKS.values(), ids=lambda p: p.id)
def test_every_promise_a_pack_makes_has_its_content(pack) -> None:  # type: ignore[no-untyped-def]
    """Ways for each tip, ideas for each concern, named sites, an answer with its basis."""
    for concern in pack.concerns:
        assert len(concern.ideas) >= 2 and len(set(concern.ideas)) == len(concern.ideas)
    for tip in pack.tips:
        assert 2 <= len(tip.ways) <= 6 and len(set(tip.ways)) == len(tip.ways)
    for resources in pack.resources:
        names = [site.name for site in resources.sites]
        assert len(names) >= 2 and len(set(names)) == len(names), names
        for site in resources.sites:
            assert site.description and site.description[0].isupper(), site
            assert site.url is None or site.url.startswith("https://"), site
    for question in pack.questions:
        assert question.answer.endswith((".", '"')) and len(question.basis) > 20, question
    for reason in pack.buying_reasons:
        assert reason.how[0].isupper() and reason.how.endswith("."), reason


@pytest.mark.parametrize("pack", PACKS.values(), ids=lambda p: p.id)
def test_every_pack_writes_candidates(pack) -> None:  # type: ignore[no-untyped-def]
    profile = profile_from_mapping(
        {
            "prospect": {"name": "Dana Lee", "company": "Harbor Point", "industry": pack.id,
                         "humor_ok": True, "relationship": "met_briefly"},
            "rep": {"name": "Kim Alvarez", "phone": "704-333-1112"},
        }
    )  # fmt: skip
    for seed in range(3):
        writeup = write_messages(profile.prospect, profile.rep, seed=seed)
        assert writeup.pack == pack.id
        assert len(writeup.candidates) == 8, writeup.skipped  # all but sales_lead, mutual_referral
        assert all(c.deliverable for c in writeup.candidates if c.strategy != "competitor_tease")


@pytest.mark.parametrize("script", default_greetings(), ids=lambda g: g.id)
def test_greeting_examples(script) -> None:  # type: ignore[no-untyped-def]
    assert script.principle == "P13"
    for example in script.examples:
        rep = rep_from_mapping({"rep": example})
        (greeting,) = write_greetings(rep, scripts=(script,))
        assert 12 <= greeting.spoken_seconds <= 30


def test_a_strategy_with_an_unknown_slot_names_its_line(tmp_path: Path) -> None:
    source = Path(STRATEGIES[0].path).read_text()
    (tmp_path / "broken.yaml").write_text(source.replace("{number}.", "{phone_number}.", 1))
    with pytest.raises(DataFileError) as caught:
        load_strategies(tmp_path)
    assert "broken.yaml:" in caught.value.message and "{phone_number}" in caught.value.message


def test_a_strategy_with_a_bad_field_names_it(tmp_path: Path) -> None:
    source = Path(STRATEGIES[0].path).read_text()
    (tmp_path / "broken.yaml").write_text(source.replace("principle: P", "principle: X", 1))
    with pytest.raises(DataFileError) as caught:
        load_strategies(tmp_path)
    assert "principle" in caught.value.message


def test_a_phrasing_that_counts_nothing_is_refused(tmp_path: Path) -> None:
    source = Path(next(s for s in STRATEGIES if s.id == "provocative_question").path).read_text()
    broken = source.replace("A question for you:", "{n} questions:", 1)
    (tmp_path / "broken.yaml").write_text(broken)
    with pytest.raises(DataFileError) as caught:
        load_strategies(tmp_path)
    assert "broken.yaml:" in caught.value.message and "{n}" in caught.value.message


def test_a_pack_with_digits_is_refused(tmp_path: Path) -> None:
    for name in ("general", "dental"):
        text = Path(PACKS[name].path).read_text()
        (tmp_path / f"{name}.yaml").write_text(text)
    broken = (
        (tmp_path / "dental.yaml")
        .read_text()
        .replace("keeping good hygienists", "keeping 3 hygienists")
    )
    (tmp_path / "dental.yaml").write_text(broken)
    with pytest.raises(DataFileError) as caught:
        load_packs(tmp_path)
    assert "dental.yaml:" in caught.value.message and "digits" in caught.value.message


def test_what_a_strategy_needs_must_agree_with_its_phrasings(tmp_path: Path) -> None:
    lead = next(s for s in default_registry().strategies if s.id == "sales_lead")
    source = Path(lead.path).read_text()
    (tmp_path / "sales_lead.yaml").write_text(source.replace("needs_lead: true\n", ""))
    with pytest.raises(DataFileError) as caught:
        load_strategies(tmp_path)
    assert "needs_lead" in caught.value.message and "{lead_name}" in caught.value.message
    tip = next(s for s in default_registry().strategies if s.id == "value_tip")
    source = Path(tip.path).read_text()
    (tmp_path / "sales_lead.yaml").unlink()
    (tmp_path / "value_tip.yaml").write_text(source.replace("baseline: true", "needs_lead: true"))
    with pytest.raises(DataFileError, match="needs_lead"):
        load_strategies(tmp_path)
    (tmp_path / "value_tip.yaml").write_text(
        source.replace("baseline: true", "baseline: true\nproposable: false")
    )
    with pytest.raises(DataFileError, match="baseline"):
        load_strategies(tmp_path)


@pytest.mark.parametrize(
    ("e164", "written", "spoken", "region"),
    [
        ("+17043331112", "704-333-1112", "seven oh four, three three three, eleven twelve", "US"),
        ("+16135550142", "613-555-0142", "six one three, five five five, oh one forty-two", "CA"),
        ("+442079460958", "020 7946 0958",
         "oh two oh, seven nine four, six oh nine, five eight", "GB"),
        ("+33142685300", "01 42 68 53 00", "oh one four, two six eight, fifty-three hundred", "FR"),
    ],
)  # fmt: skip
def test_the_reps_number_is_written_as_at_home_and_said_digit_by_digit(
    e164: str, written: str, spoken: str, region: str
) -> None:
    assert written_number(e164) == (written, spoken, region)
