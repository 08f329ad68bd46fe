"""The rep's own greeting (P13): length-judged, filled from the rep, never guessed."""

from __future__ import annotations

from callworthy.write import rep_from_mapping, write_greetings


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
