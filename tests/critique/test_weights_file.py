"""The learned weights, read from a file or given in memory: points, digest, scale."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from callworthy.critique.weights import builtin_weights_path, learned, read_weights
from callworthy.errors import RuleFileError


def test_a_weights_file_gives_each_rules_points_its_intercept_and_scale(tmp_path: Path) -> None:
    data = yaml.safe_load(builtin_weights_path().read_text(encoding="utf-8"))
    data["intercept"], data["points_per_logit"] = -0.25, 7.5
    data["weights"] = {"a.b": {"points": -4, "logit": -0.5, "fired_good": 1, "fired_bad": 3}}
    path = tmp_path / "w.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    weights = read_weights(path)
    assert weights.points == {"a.b": -4}
    assert (weights.intercept, weights.points_per_logit) == (-0.25, 7.5)
    assert weights.digest == hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def test_a_broken_weights_file_points_to_the_critique_page(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("model: x\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        read_weights(path)
    assert caught.value.docs == "docs/critique.md" and caught.value.path == str(path)


def test_weights_in_memory_have_a_digest_of_their_values_in_any_order() -> None:
    one = learned({"a.b": -4, "c.d": 2}, intercept=0.5, scale=3.0)
    same = learned({"c.d": 2, "a.b": -4})
    other = learned({"a.b": -4, "c.d": 3})
    assert one.digest == same.digest != other.digest and len(one.digest) == 12
    assert one.digest == hashlib.sha256(b"a.b=-4,c.d=2").hexdigest()[:12]
    assert (one.points, one.intercept, one.points_per_logit) == ({"a.b": -4, "c.d": 2}, 0.5, 3.0)
    assert (same.intercept, same.points_per_logit) == (0.0, 1.0)
