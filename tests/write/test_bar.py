"""The bar every candidate must clear, at each of its edges, with the reason a rep reads when
a phrasing falls short; and the ranking's order of keys."""

from __future__ import annotations

import dataclasses

import pytest

from callworthy.critique import critique
from callworthy.write import Writeup, default_packs, profile_from_mapping, write_messages
from callworthy.write.registry import default_registry
from callworthy.write.writer import (
    BAR,
    Bar,
    Candidate,
    bar_problem,
    context_for,
    rank_key,
    similarity,
    words,
)

#: 18 seconds or so, the number early and twice, no savings pitch.
SCRIPT = (
    "Hi Dana, it's Ana at 704-333-1112. Your Yelp reviews mention long waits four times "
    "this month; two clinics nearby fixed that with one change at the front desk. I'll "
    "send you what they did. Again, 704-333-1112."
)
_FOUND = default_registry().get("value_tip")
assert _FOUND is not None
TIP = _FOUND


def test_the_script_clears_the_default_bar() -> None:
    result = critique(SCRIPT)
    assert bar_problem(result, TIP) is None
    assert result.score >= BAR.min_score


def test_each_edge_of_the_bar_is_inside_and_a_step_past_it_is_not() -> None:
    result = critique(SCRIPT)
    seconds, position = result.spoken_seconds, result.phone_numbers[0].position
    exact = Bar(
        min_score=result.score, min_seconds=seconds, max_seconds=seconds, max_first_number=position
    )
    assert bar_problem(result, TIP, exact) is None
    low, high = seconds - 0.1, seconds + 5
    cases = [
        (dataclasses.replace(exact, min_score=result.score + 1),
         f"scored {result.score} (< {result.score + 1})"),
        (dataclasses.replace(exact, min_seconds=seconds + 0.1),
         f"lasts {seconds} s (outside {seconds + 0.1:g}-{seconds:g})"),
        (dataclasses.replace(exact, min_seconds=low, max_seconds=seconds - 0.05),
         f"lasts {seconds} s (outside {low:g}-{seconds - 0.05:g})"),
        (dataclasses.replace(exact, max_seconds=high, max_first_number=position - 0.001),
         "the number is not in the first half"),
    ]  # fmt: skip
    for bar, reason in cases:
        assert bar_problem(result, TIP, bar) == reason


def test_a_number_said_once_is_short_unless_the_strategy_means_it() -> None:
    once = SCRIPT.replace(" Again, 704-333-1112.", " Talk soon.")
    result = critique(once)
    loose = Bar(min_score=0, min_seconds=0, max_seconds=60)
    assert bar_problem(result, TIP, loose) == "the number is said only once"
    assert bar_problem(result, dataclasses.replace(TIP, number_once=True), loose) is None


def test_no_number_at_all_is_not_in_the_first_half() -> None:
    result = critique("Hi Dana, it's Ana. " * 8)
    assert bar_problem(result, TIP, Bar(min_score=0, min_seconds=0, max_seconds=60)) == (
        "the number is not in the first half"
    )


def test_a_savings_pitch_never_clears_the_bar() -> None:
    pitch = SCRIPT.replace("I'll send you what they did.", "We can save you money on it.")
    result = critique(pitch)
    assert any(f.rule == "value.money-saving" for f in result.findings)
    loose = Bar(min_score=0, min_seconds=0, max_seconds=60)
    assert bar_problem(result, TIP, loose) == "it pitches saving money (P2)"


def test_the_default_bar_is_the_issues() -> None:
    assert (BAR.min_score, BAR.min_seconds, BAR.max_seconds) == (80, 12.0, 30.0)
    assert (BAR.max_first_number, BAR.max_similarity) == (0.5, 0.8)


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        ("Call me, Dana!", "call me dana", 1.0),
        ("one two three four", "one two five six", 0.5),
        ("it's a deal", "It’s a Deal", 2 * 2 / 6),  # a curly apostrophe is another word
        ("", "", 1.0),
        ("alpha", "beta", 0.0),
    ],
)
def test_similarity_is_measured_word_by_word(a: str, b: str, ratio: float) -> None:
    assert similarity(a, b) == pytest.approx(ratio)


def test_words_keep_apostrophes_and_hyphens_inside_a_word() -> None:
    assert words("It's a follow-up, OK?") == ["it's", "a", "follow-up", "ok"]


def test_candidates_rank_by_rate_then_score_then_plain_then_shorter() -> None:
    first, second, *others = sorted(s.id for s in default_registry().strategies)
    base = Candidate(
        strategy=first, name="B", principle="P5", text="", spoken="", score=85,
        spoken_seconds=20.0, humor=False, phrasing=0, caution="", critique=critique(SCRIPT),
        expected_rate=0.2,
    )  # fmt: skip
    humor = dataclasses.replace(base, humor=True, strategy=others[0])
    longer = dataclasses.replace(base, spoken_seconds=25.0, strategy=others[0])
    tie = dataclasses.replace(base, expected_rate=0.2 + 1e-12, score=80, strategy=others[1])
    by_id = dataclasses.replace(base, strategy=second)
    scored = dataclasses.replace(base, score=90, strategy=others[2])
    rated = dataclasses.replace(base, expected_rate=0.3, strategy=others[3])
    ranked = sorted([humor, longer, tie, by_id, base, scored, rated], key=rank_key)
    assert ranked == [
        rated,  # the best expected rate
        scored,  # then the best score
        base,  # then plain, shorter, by id
        by_id,
        longer,
        humor,  # humor after plain (P8)
        tie,  # a rate a hair higher is the same rate: its score decides
    ]


PROFILE = {
    "prospect": {"name": "Dana Reyes", "company": "Reyes Catering", "industry": "restaurants"},
    "rep": {"name": "Ana Ruiz", "phone": "704-333-1112", "company": "Acme"},
}


def _write(**kw: object) -> Writeup:
    profile = profile_from_mapping(PROFILE)
    return write_messages(profile.prospect, profile.rep, seed=3, **kw)  # type: ignore[arg-type]


def test_each_candidate_is_its_strategys_own_words_critiqued() -> None:
    writeup = _write()
    assert writeup.candidates and writeup.seed == 3
    registry = default_registry()
    for cand in writeup.candidates:
        strategy = registry.get(cand.strategy)
        assert strategy is not None
        assert (cand.name, cand.principle, cand.humor, cand.caution) == (
            strategy.name, strategy.principle, strategy.humor, strategy.caution,
        )  # fmt: skip
        assert 0 <= cand.phrasing < len(strategy.phrasings)
        context = context_for(profile_from_mapping(PROFILE).prospect, default_packs()[writeup.pack])
        again = critique(cand.text, context=context)
        assert (cand.score, cand.spoken_seconds) == (again.score, again.spoken_seconds)
        assert "704-333-1112" in cand.text and "seven oh four" in cand.spoken
        assert "704" not in cand.spoken


def test_a_strategy_no_phrasing_of_which_clears_the_bar_is_skipped_with_the_commonest_reason() -> (
    None
):
    writeup = _write(bar=Bar(min_score=101))
    assert writeup.candidates == ()
    assert writeup.skipped
    for skipped in writeup.skipped:
        assert skipped.strategy and registry_has(skipped.strategy)
        reason = skipped.reason
        assert reason.startswith("no phrasing cleared the bar (most often: scored ") or (
            "P7" in reason or "lead" in reason or "referr" in reason or "logged only" in reason
            or "humor" in reason or "nothing in the profile" in reason
        ), reason  # fmt: skip
        assert str(skipped) == f"{skipped.strategy}: {reason}"
    scored = [s.reason for s in writeup.skipped if "most often: scored" in s.reason]
    assert scored and all(r.endswith("(< 101))") for r in scored)


def test_a_phrasing_too_close_to_an_accepted_one_is_passed_over() -> None:
    writeup = _write(bar=dataclasses.replace(BAR, max_similarity=0.0))
    assert len(writeup.candidates) == 1  # the first accepted; every other is "too close"
    close = [s for s in writeup.skipped if "too close to another candidate (P10)" in s.reason]
    assert close
    assert all(
        s.reason == "no phrasing cleared the bar (most often: too close to another candidate (P10))"
        for s in close
    )


def registry_has(sid: str) -> bool:
    return default_registry().get(sid) is not None


def test_a_candidates_json_is_each_field_written_here() -> None:
    """The same check as test_writer's, on candidates written in the test itself (a module's
    shared writeups are made once, which a mutation tester credits to one test only)."""
    for cand in _write().candidates:
        out = cand.to_dict()
        fields = ("strategy", "name", "principle", "text", "spoken", "score", "spoken_seconds",
                  "humor", "phrasing", "caution", "expected_rate", "evidence")  # fmt: skip
        assert {k: out[k] for k in fields} == {k: getattr(cand, k) for k in fields}
        assert out["subscores"] == cand.critique.subscores
        assert out["findings"] == [
            {"rule": f.rule, "level": f.level.value, "points": f.points, "message": f.message}
            for f in cand.critique.findings
        ]
        deliverable = cand.deliverable.to_dict() if cand.deliverable else None
        assert out["deliverable"] == deliverable
