"""The writer's promises, checked over seeded profiles in every industry (issue #3, point 4)."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest

from callworthy.text.numbers import speak_phone
from callworthy.write import Writeup, default_packs, profile_from_mapping, write_messages
from callworthy.write.slots import written_number
from callworthy.write.writer import similarity

from .profiles import profiles

INDUSTRIES: list[str | None] = [*sorted(default_packs()), None, "Widgets", "Dentist"]
HUMOR = {"half_message", "weather", "competitor_tease"}
PRONOUNS = {"I", "I'll", "I'm", "I'd", "I've"}
CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")
SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)$")


@pytest.fixture(scope="module")
def writeups() -> list[tuple[dict[str, Any], Writeup]]:
    """Write for 72 seeded profiles across every pack, an unknown industry and none."""
    out = []
    for index, data in enumerate(profiles(72, INDUSTRIES)):
        profile = profile_from_mapping(data)
        out.append((data, write_messages(profile.prospect, profile.rep, seed=index)))
    return out


def _profile_words(data: dict[str, Any], pack_id: str) -> set[str]:
    pack = default_packs()[pack_id]
    texts = [str(v) for section in data.values() for v in _flatten(section)]
    texts += [*pack.concern_names, *(t.topic for t in pack.tips)]
    texts += [*(r.topic for r in pack.resources), *(q.question for q in pack.questions)]
    texts += [*(r.reason for r in pack.buying_reasons), *pack.vocabulary]
    texts += [pack.customers, pack.business]
    general = default_packs()["general"]  # a concern in their own words may match its ideas
    texts += [*general.concern_names]
    return {w for t in texts for w in re.findall(r"[\w'’-]+", t)}


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [x for v in value.values() for x in _flatten(v)]
    if isinstance(value, list | tuple):
        return [x for v in value for x in _flatten(v)]
    return [value]


def test_every_profile_gets_several_candidates(
    writeups: list[tuple[dict[str, Any], Writeup]],
) -> None:
    assert len(writeups) >= 50
    assert {w.pack for _, w in writeups} == set(default_packs())
    assert all(len(w.candidates) >= 4 for _, w in writeups)


def test_every_candidate_clears_the_bar(writeups: list[tuple[dict[str, Any], Writeup]]) -> None:
    for data, writeup in writeups:
        written, spoken, _ = written_number(profile_from_mapping(data).rep.phone)
        for cand in writeup.candidates:
            result = cand.critique
            assert cand.score == result.score >= 80, cand.text
            assert 12 <= cand.spoken_seconds <= 30, cand.text
            assert result.phone_numbers[0].position <= 0.5, cand.text
            if cand.strategy != "half_message":
                assert len(result.phone_numbers) >= 2, cand.text
                assert result.phone_numbers[-1].position >= 0.6, cand.text
            assert spoken in cand.spoken and written not in cand.spoken
            assert cand.spoken == cand.text.replace(written, spoken)
            assert not any(f.rule == "value.money-saving" for f in result.findings)


def test_the_spoken_number_is_the_reps(writeups: list[tuple[dict[str, Any], Writeup]]) -> None:
    for data, writeup in writeups:
        digits = re.sub(r"\D", "", profile_from_mapping(data).rep.phone)[-10:]
        assert speak_phone(digits) in writeup.candidates[0].spoken


def test_humor_and_leads_only_where_the_profile_allows(
    writeups: list[tuple[dict[str, Any], Writeup]],
) -> None:
    for data, writeup in writeups:
        prospect = data["prospect"]
        used = {c.strategy for c in writeup.candidates}
        skipped = {s.strategy: s.reason for s in writeup.skipped}
        if not prospect["humor_ok"]:
            assert not used & HUMOR
            assert all("humor is off" in skipped[s] for s in HUMOR)
        if "lead" not in prospect:
            assert "sales_lead" not in used
            assert "no lead to give them" in skipped["sales_lead"]
        if prospect["relationship"] != "referred" or "referred_by" not in prospect:
            assert "mutual_referral" not in used
        assert used.isdisjoint(skipped)


def test_humor_and_leads_are_used_when_allowed(
    writeups: list[tuple[dict[str, Any], Writeup]],
) -> None:
    used = [
        {c.strategy for c in w.candidates}
        for data, w in writeups
        if data["prospect"]["humor_ok"] and "lead" in data["prospect"]
    ]
    assert used and all({"half_message", "sales_lead"} <= u for u in used)


def test_no_two_candidates_are_near_duplicates(
    writeups: list[tuple[dict[str, Any], Writeup]],
) -> None:
    for _, writeup in writeups:
        for a, b in itertools.combinations(writeup.candidates, 2):
            assert similarity(a.text, b.text) < 0.8, (a.text, b.text)
            words_a, words_b = set(a.text.lower().split()), set(b.text.lower().split())
            assert len(words_a & words_b) / len(words_a | words_b) < 0.7, (a.text, b.text)


def test_no_invented_names_or_numbers(writeups: list[tuple[dict[str, Any], Writeup]]) -> None:
    for data, writeup in writeups:
        allowed = _profile_words(data, writeup.pack) | PRONOUNS
        written, _, _ = written_number(profile_from_mapping(data).rep.phone)
        profile_text = " ".join(str(v) for v in _flatten(data))
        for cand in writeup.candidates:
            for match in CAPITALISED.finditer(cand.text):
                if SENTENCE_START.search(cand.text[: match.start()]):
                    continue
                assert match.group() in allowed, (match.group(), cand.text)
            for digits in re.findall(r"\d+", cand.text.replace(written, " ")):
                assert digits in profile_text, (digits, cand.text)


def test_candidates_are_ranked_by_evidence_then_score(
    writeups: list[tuple[dict[str, Any], Writeup]],
) -> None:
    for _, writeup in writeups:
        keys = [(-c.expected_rate, -c.score) for c in writeup.candidates]
        assert keys == sorted(keys)


def test_unknown_industry_falls_back_to_general_with_a_note() -> None:
    data = profiles(1, ["underwater basket weaving"])[0]
    profile = profile_from_mapping(data)
    writeup = write_messages(profile.prospect, profile.rep)
    assert writeup.pack == "general"
    assert "underwater basket weaving" in writeup.notes[0] and "general" in writeup.notes[0]


def test_an_alias_finds_its_pack() -> None:
    data = profiles(1, ["Hair Salon"])[0]
    profile = profile_from_mapping(data)
    writeup = write_messages(profile.prospect, profile.rep)
    assert writeup.pack == "salons" and writeup.notes == ()


def test_the_same_seed_writes_the_same_messages() -> None:
    profile = profile_from_mapping(profiles(1, ["dental"], seed=3)[0])
    first = write_messages(profile.prospect, profile.rep, seed=42)
    again = write_messages(profile.prospect, profile.rep, seed=42)
    assert [c.text for c in first.candidates] == [c.text for c in again.candidates]


def test_different_seeds_vary_the_messages() -> None:
    profile = profile_from_mapping(profiles(1, ["restaurants"], seed=3)[0])
    texts = {
        c.strategy: set() for c in write_messages(profile.prospect, profile.rep, seed=0).candidates
    }
    for seed in range(8):
        for cand in write_messages(profile.prospect, profile.rep, seed=seed).candidates:
            texts.setdefault(cand.strategy, set()).add(cand.text)
    assert all(len(variants) >= 3 for variants in texts.values()), texts


def test_a_profile_with_concerns_speaks_to_them() -> None:
    data = {
        "prospect": {"name": "Dana Lee", "industry": "dental", "concerns": ["cash flow"]},
        "rep": {"name": "Kim Alvarez", "phone": "704-333-1112"},
    }
    profile = profile_from_mapping(data)
    texts = [
        c.text
        for s in range(6)
        for c in write_messages(profile.prospect, profile.rep, seed=s).candidates
    ]
    assert any("cash flow" in t for t in texts)


def test_a_concern_no_pack_has_ideas_on_is_noted_and_not_promised() -> None:
    data = {
        "prospect": {"name": "Dana Lee", "industry": "dental", "concerns": ["zebra migration"]},
        "rep": {"name": "Kim Alvarez", "phone": "704-333-1112"},
    }
    profile = profile_from_mapping(data)
    writeup = write_messages(profile.prospect, profile.rep)
    assert any("zebra migration" in note and "no ideas" in note for note in writeup.notes)
    for cand in writeup.candidates:
        assert "zebra" not in cand.text  # only the competitor tease may name it, and humor is off


def test_a_candidates_json_carries_each_of_its_fields(
    writeups: list[tuple[dict[str, Any], Writeup]],
) -> None:
    # The CLI's --format json and the API show candidates through to_dict: every field,
    # the critique's findings and the deliverable's items and e-mail, each under its name.
    seen_deliverable = False
    for _, writeup in writeups[:12]:
        for cand in writeup.candidates:
            out = cand.to_dict()
            for name in ("strategy", "name", "principle", "text", "spoken", "score",
                         "spoken_seconds", "humor", "phrasing", "caution", "expected_rate",
                         "evidence"):  # fmt: skip
                assert out[name] == getattr(cand, name), name
            assert out["subscores"] == cand.critique.subscores
            assert out["findings"] == [
                {"rule": f.rule, "level": f.level.value, "points": f.points, "message": f.message}
                for f in cand.critique.findings
            ]
            if cand.deliverable is None:
                assert out["deliverable"] is None
                continue
            seen_deliverable = True
            shown = out["deliverable"]
            assert shown is not None
            assert (shown["kind"], shown["promise"]) == (
                cand.deliverable.kind,
                cand.deliverable.promise,
            )
            assert shown["items"] == [
                {"text": i.text, "detail": i.detail, "url": i.url} for i in cand.deliverable.items
            ]
            email = cand.deliverable.email
            assert shown["email"] == {"subject": email.subject, "body": email.body}
    assert seen_deliverable
