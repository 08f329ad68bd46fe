"""An industry pack file read field by field, and a pack folder without the fallback refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from callworthy.errors import DataFileError
from callworthy.write.packs import (
    Concern,
    Question,
    _stems,
    builtin_packs_dir,
    default_packs,
    find_pack,
    load_pack_file,
    load_packs,
)


@pytest.mark.parametrize("name", ["dental", "general"])
def test_a_pack_file_is_read_field_by_field(name: str) -> None:
    # Read uncached (default_packs() is loaded once): what the writer draws from is the file.
    path = builtin_packs_dir() / f"{name}.yaml"
    raw = yaml.safe_load(path.read_text())
    pack = load_pack_file(path)
    assert (pack.id, pack.name, pack.path) == (name, raw["name"], str(path))
    assert pack.aliases == tuple(a.lower() for a in raw.get("aliases", []))
    assert (pack.customers, pack.business) == (raw["customers"], raw["business"])
    assert [c.concern for c in pack.concerns] == [c["concern"] for c in raw["concerns"]]
    assert [t.topic for t in pack.tips] == [t["topic"] for t in raw["tips"]]
    assert [r.topic for r in pack.resources] == [r["topic"] for r in raw["resources"]]
    assert [q.question for q in pack.questions] == [q["question"] for q in raw["questions"]]
    assert [r.reason for r in pack.buying_reasons] == [r["reason"] for r in raw["buying_reasons"]]
    assert list(pack.vocabulary) == raw["vocabulary"]
    assert len(pack.examples) == len(raw["examples"])


def test_a_pack_folder_without_the_general_pack_is_refused(tmp_path: Path) -> None:
    shutil.copy(builtin_packs_dir() / "dental.yaml", tmp_path / "dental.yaml")
    with pytest.raises(DataFileError) as caught:
        load_packs(tmp_path)
    assert caught.value.detail == "has no general.yaml pack."
    assert caught.value.fix == "Add the fallback."
    shutil.copy(builtin_packs_dir() / "general.yaml", tmp_path / "general.yaml")
    assert sorted(load_packs(tmp_path)) == ["dental", "general"]


def test_a_bad_pack_file_or_folder_points_to_the_packs_page(tmp_path: Path) -> None:
    (tmp_path / "general.yaml").write_text("name: General\n")
    with pytest.raises(DataFileError) as caught:
        load_pack_file(tmp_path / "general.yaml")
    assert caught.value.docs == "docs/writer.md"
    with pytest.raises(DataFileError) as caught:
        load_packs(tmp_path)
    assert caught.value.docs == "docs/writer.md"
    (tmp_path / "general.yaml").unlink()
    with pytest.raises(DataFileError) as caught:
        load_packs(tmp_path)
    assert caught.value.path == str(tmp_path)


def test_words_a_message_says_hold_no_digits_and_a_question_ends_with_its_mark() -> None:
    with pytest.raises(ValidationError) as caught:
        Concern(concern="3 empty chairs", ideas=["Offer a waitlist", "Text reminders"])
    assert str(caught.value.errors()[0]["ctx"]["error"]) == (
        "words a message says must not contain digits: a number would be a claim"
    )
    with pytest.raises(ValidationError) as caught:
        Question(question="What does a chair cost", answer="Work it out.", basis="Arithmetic.")
    assert str(caught.value.errors()[0]["ctx"]["error"]) == "a question must end with '?'"


def test_a_reps_words_are_matched_on_their_stems() -> None:
    # Possessives (straight or curly) and plurals are dropped; "ss" and short words are kept.
    assert _stems("The clinic’s bills, fees, gas and glass") == {
        "clinic", "bill", "fee", "gas", "glass",
    }  # fmt: skip
    assert _stems("the dentist's plans") == {"dentist", "plan"}


@pytest.mark.parametrize("typed", ["dental", "  Dental & ", "-dental-", "DENTAL / "])
def test_an_industry_is_found_in_any_case_and_punctuation(typed: str) -> None:
    assert find_pack(typed, default_packs()) == (default_packs()["dental"], None)


def test_an_unknown_industry_is_noted_with_the_packs_there_are() -> None:
    packs = default_packs()
    pack, note = find_pack("Widgets", packs)
    assert pack is packs["general"]
    assert note == (
        f"no pack for industry 'Widgets': using general (packs: {', '.join(sorted(packs))})."
    )


@pytest.mark.parametrize(
    ("text", "stems"),
    [
        ("Drivers hours", {"driver", "hour"}),  # a plural's s goes
        ("bus gas glass boss", {"bus", "gas", "glass", "boss"}),  # short words and -ss keep it
        ("the owner's trucks", {"owner", "truck"}),  # a possessive goes, with its apostrophe
        ("the owner’s trucks", {"owner", "truck"}),  # a curly one too
        ("Sales SALES sales", {"sale"}),  # case does not matter
        ("cars", {"car"}),  # four letters: the s goes
    ],
)
def test_a_concerns_words_are_matched_by_their_stems(text: str, stems: set[str]) -> None:
    assert _stems(text) == stems
