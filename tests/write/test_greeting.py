"""The rep's own greeting (P13): length-judged, filled from the rep, never guessed."""

from __future__ import annotations

import dataclasses

from callworthy.critique import critique
from callworthy.write import rep_from_mapping, write_greetings
from callworthy.write.slots import written_number
from callworthy.write.strategies import default_greetings
from callworthy.write.writer import Bar


def test_greetings_last_twelve_to_thirty_seconds_and_keep_only_length_findings() -> None:
    rep = rep_from_mapping(
        {"rep": {"name": "Kim Alvarez", "phone": "704-333-1112", "company": "Northwind"}}
    )
    for seed in range(10):
        greetings = write_greetings(rep, seed=seed)
        assert {g.script for g in greetings} == {"traffic_report", "weather", "plain_warm"}
        for greeting in greetings:
            assert 12 <= greeting.spoken_seconds <= 30
            assert "Kim" in greeting.text and "Alvarez" not in greeting.text
            assert all(f.rule.startswith("length.") for f in greeting.findings)


def test_a_rep_without_a_company_never_gets_one_invented() -> None:
    rep = rep_from_mapping({"rep": {"name": "Kim Alvarez", "phone": "704-333-1112"}})
    texts = {g.text for seed in range(10) for g in write_greetings(rep, seed=seed)}
    assert texts and not any(" at ," in t or "{" in t for t in texts)
    assert not any("Northwind" in t for t in texts)


def test_greetings_vary_with_the_seed_and_repeat_for_one() -> None:
    rep = rep_from_mapping(
        {"rep": {"name": "Kim Alvarez", "phone": "704-333-1112", "company": "Northwind"}}
    )
    assert write_greetings(rep, seed=4) == write_greetings(rep, seed=4)
    assert len({g.text for s in range(10) for g in write_greetings(rep, seed=s)}) >= 6


def test_a_rep_without_a_company_still_gets_every_script() -> None:
    # A phrasing that needs the company is passed over; the script's next phrasing is tried.
    rep = rep_from_mapping({"rep": {"name": "Kim Alvarez", "phone": "704-333-1112"}})
    for seed in range(10):
        scripts = {g.script for g in write_greetings(rep, seed=seed)}
        assert scripts == {"traffic_report", "weather", "plain_warm"}, seed


def test_a_greeting_carries_its_scripts_words_and_its_json_each_field() -> None:
    rep = rep_from_mapping({"rep": {"name": "Kim Alvarez", "phone": "704-333-1112"}})
    written, spoken, _ = written_number(rep.phone)
    scripts = {s.id: s for s in default_greetings()}
    greetings = write_greetings(rep)
    assert greetings == write_greetings(rep, seed=0)
    for greeting in greetings:
        script = scripts[greeting.script]
        assert (greeting.name, greeting.principle, greeting.humor) == (
            script.name, script.principle, script.humor,
        )  # fmt: skip
        assert greeting.spoken == greeting.text.replace(written, spoken)
        out = greeting.to_dict()
        for name in ("script", "name", "principle", "text", "spoken", "spoken_seconds", "humor"):
            assert out[name] == getattr(greeting, name), name
        assert out["findings"] == [
            {"rule": f.rule, "message": f.message} for f in greeting.findings
        ]


def test_only_length_findings_are_kept_and_the_bars_edges_are_inside() -> None:
    rep = rep_from_mapping({"rep": {"name": "Kim Alvarez", "phone": "704-333-1112"}})
    short = dataclasses.replace(
        default_greetings()[0],
        id="short",
        phrasings=("Kim here. Call me at {number}.",) * 2,
    )
    (greeting,) = write_greetings(rep, scripts=(short,), bar=Bar(min_seconds=0))
    result = critique(greeting.text)
    written, spoken, _ = written_number(rep.phone)
    assert greeting.spoken == greeting.text.replace(written, spoken) != greeting.text
    assert [f.rule for f in greeting.findings] == [
        f.rule for f in result.findings if f.rule.startswith("length.")
    ]
    assert greeting.findings and len(greeting.findings) < len(result.findings)
    out = greeting.to_dict()["findings"]
    assert out[0] == {"rule": greeting.findings[0].rule, "message": greeting.findings[0].message}
    seconds = greeting.spoken_seconds
    exact = Bar(min_seconds=seconds, max_seconds=seconds)
    assert write_greetings(rep, scripts=(short,), bar=exact) == (greeting,)
    assert write_greetings(rep, scripts=(short,), bar=Bar(min_seconds=seconds + 0.1)) == ()


def test_a_reps_number_abroad_is_timed_as_a_number_of_their_country() -> None:
    rep = rep_from_mapping({"rep": {"name": "Kim Alvarez", "phone": "+44 20 7946 0018"}})
    short = dataclasses.replace(
        default_greetings()[0], id="short", phrasings=("Kim here. Call me at {number}.",) * 2
    )
    (greeting,) = write_greetings(rep, scripts=(short,), bar=Bar(min_seconds=0))
    at_home = critique(greeting.text, region="GB").spoken_seconds
    assert greeting.spoken_seconds == at_home != critique(greeting.text).spoken_seconds
