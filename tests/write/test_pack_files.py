"""An industry pack file read field by field, and a pack folder without the fallback refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from callworthy.errors import DataFileError
from callworthy.write.packs import _stems, builtin_packs_dir, load_pack_file, load_packs


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
