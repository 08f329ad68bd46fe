"""Ranking by evidence: the team's results per strategy, else the articles' figures (P7, P12)."""

from __future__ import annotations

import pytest

from callworthy.write import (
    Evidence,
    default_registry,
    expect,
    profile_from_mapping,
    write_messages,
)

REGISTRY = default_registry()
HARPER = {
    "prospect": {
        "name": "John Harper",
        "company": "Harper Roofing",
        "industry": "construction",
        "humor_ok": True,
        "lead": {"name": "Harvey Zilch", "detail": "a new roof before the winter"},
    },
    "rep": {"name": "Jeffrey Gitomer", "phone": "(704) 333-1112"},
}


def _get(sid: str):  # type: ignore[no-untyped-def]
    found = REGISTRY.get(sid)
    assert found is not None
    return found


def test_the_articles_priors_and_the_team_mean() -> None:
    nothing = Evidence()
    lead, half, tip = _get("sales_lead"), _get("half_message"), _get("value_tip")
    # "One hundred percent returned calls", worth 4 voicemails: Beta(1 + 4, 1 + 0).
    assert expect(lead, nothing).rate == pytest.approx(5 / 6)
    # "Seven out of eight", worth 4 voicemails: Beta(1 + 3.5, 1 + 0.5).
    assert expect(half, nothing).rate == pytest.approx(4.5 / 6)
    assert expect(half, nothing).words == "from the articles: 7 of 8 returned"
    # No figure and no results: the flat Beta(1, 1).
    assert expect(tip, nothing).rate == pytest.approx(0.5)
    assert expect(tip, nothing).words == "no results yet"


def test_the_teams_results_update_the_prior() -> None:
    team = Evidence({"value_tip": (9, 31), "half_message": (2, 3), "resources": (0, 6)})
    mean = (9 + 2 + 0 + 1) / (31 + 3 + 6 + 2)  # the smoothed team rate, 12/42
    tip = expect(_get("value_tip"), team)
    assert tip.rate == pytest.approx((2 * mean + 9) / (2 + 31))
    assert (tip.source, tip.words) == ("team", "your team: 9 of 31 returned")
    half = expect(_get("half_message"), team)
    assert half.rate == pytest.approx((4.5 + 2) / (6 + 3))
    assert half.words == "your team: 2 of 3 returned; the articles: 7 of 8 returned"
    untried = expect(_get("provocative_question"), team)
    assert untried.rate == pytest.approx(mean) and untried.words == "no results yet"
    with pytest.raises(ValueError):
        Evidence({"value_tip": (5, 3)})


def test_with_a_real_lead_the_sales_lead_comes_first() -> None:
    """P7: "the strongest message there is"; it was fifth among ties at 100 before."""
    profile = profile_from_mapping(HARPER)
    for seed in range(5):
        writeup = write_messages(profile.prospect, profile.rep, seed=seed)
        order = [c.strategy for c in writeup.candidates]
        assert order[0] == "sales_lead", order
        assert order[1] == "half_message", order  # the articles' 7 of 8
        first = writeup.candidates[0]
        assert first.evidence == "from the articles: 1 of 1 returned"
        assert first.to_dict()["expected_rate"] == pytest.approx(5 / 6)


def test_the_teams_evidence_can_overturn_the_articles() -> None:
    profile = profile_from_mapping(HARPER)
    team = Evidence({"sales_lead": (0, 20), "resources": (18, 20)})
    order = [
        c.strategy for c in write_messages(profile.prospect, profile.rep, evidence=team).candidates
    ]
    assert order[0] == "resources" and order.index("sales_lead") > order.index("half_message")
    ties = [c for c in write_messages(profile.prospect, profile.rep, evidence=team).candidates]
    same = [c for c in ties if c.evidence == "no results yet"]
    assert [c.score for c in same] == sorted((c.score for c in same), reverse=True)  # tie-break


def test_each_expectation_says_where_its_rate_comes_from() -> None:
    team = Evidence({"value_tip": (9, 31)})
    assert expect(_get("value_tip"), team).source == "team"
    assert expect(_get("half_message"), team).source == "articles"
    assert expect(_get("provocative_question"), team).source == "none"


@pytest.mark.parametrize(
    ("counts", "problem"),
    [
        ((4, 3), "value_tip: 4 callbacks of 3 voicemails"),
        ((-1, 3), "value_tip: -1 callbacks of 3 voicemails"),
    ],
)
def test_results_with_more_callbacks_than_voicemails_are_refused(
    counts: tuple[int, int], problem: str
) -> None:
    with pytest.raises(ValueError) as caught:
        Evidence({"value_tip": counts})
    assert str(caught.value) == problem


def test_every_voicemail_called_back_is_a_result_like_any_other() -> None:
    everyone = Evidence({"value_tip": (3, 3), "resources": (0, 0)})
    assert expect(_get("value_tip"), everyone).words == "your team: 3 of 3 returned"
