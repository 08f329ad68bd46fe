"""Measure the critique's judgement on real voicemails that trainers published as good or bad.

Prints, on the coaching corpus (data/coaching/): the AUC of the critique's score
with leave-one-page-out cross-validation (each page's messages are scored with
weights refitted without that page), the same leaving out a whole site, the
same-page good/bad pairs it orders, the score quartiles by label, and naive
baselines side by side — word count, has-a-number, the you/(I+we) ratio, a
constant, and the critique as it was before the learned weights (run from the
old commit's source, extracted with `git archive` into a temporary folder).
Targets (issue 15): cross-validated AUC >= 0.90, every baseline beaten by >= 0.15.

With `--ablate` it also prints, for every fitted rule, the leave-one-page-out AUC
with that rule left out of the rule set (refitted without it): how much each
detector adds to the judgement on messages it was not fitted on.

    .venv/bin/python bench/coaching.py [CSV] [--old-commit COMMIT | --no-old] [--ablate]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable, Sequence
from io import BytesIO
from pathlib import Path

from callworthy.critique import load_rules
from callworthy.critique.corpus import CorpusItem, page_of, read_corpus, site_of
from callworthy.critique.fit.crossval import (
    auc,
    auc_ceiling,
    cross_validated_scores,
    featurise,
    ordered_pairs,
    quartiles,
    score_with,
)
from callworthy.text import find_phone_mentions

ROOT = Path(__file__).parents[1]
#: main before issue 15: the critique with hand-set weights and the articles' wording.
OLD_COMMIT = "e10bd16"
#: The issue's target for the leave-one-page-out AUC.
TARGET = 0.90
_YOU = re.compile(r"\byou(?:r|rs|rself|'re|’re|'ll|’ll|'ve|’ve|'d|’d)?\b", re.IGNORECASE)
_SELF = re.compile(
    r"\b(?:i|i'm|i’m|i've|i’ve|i'd|i’d|i'll|i’ll|me|my|mine|we|we're|we’re|we've|we’ve|"
    r"we'll|we’ll|us|our|ours)\b",
    re.IGNORECASE,
)
_OLD_SCORER = """
import json, sys
from callworthy import critique
texts = json.load(sys.stdin)
print(json.dumps([critique(t).score for t in texts]))
"""


def old_scores(texts: Sequence[str], commit: str) -> list[int] | str:
    """Return the old critique's scores, run from `commit`'s source; or why it could not run."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", commit, "src/callworthy"],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        return f"unavailable (git archive {commit}: {exc})"
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        run = subprocess.run(
            [sys.executable, "-c", _OLD_SCORER],
            input=json.dumps(list(texts)),
            capture_output=True,
            text=True,
            check=False,
            env={"PYTHONPATH": str(Path(tmp) / "src"), "PATH": "/usr/bin:/bin"},
        )
    if run.returncode:
        return f"unavailable ({run.stderr.strip().splitlines()[-1] if run.stderr else 'failed'})"
    scores: list[int] = json.loads(run.stdout)
    return scores


def _ratio(text: str) -> float:
    return len(_YOU.findall(text)) / (len(_SELF.findall(text)) + 1)


BASELINES: dict[str, Callable[[str], float]] = {
    "word count": lambda t: len(t.split()),
    "has a number": lambda t: float(bool(find_phone_mentions(t))),
    "you/(I+we) ratio": _ratio,
    "constant": lambda t: 0.0,
}


def _developed_on(item: CorpusItem) -> bool:
    """Return whether the item's page is in the half read while the detectors were written."""
    return int(hashlib.sha1(page_of(item).encode()).hexdigest(), 16) % 2 == 0


def _line(name: str, value: float, best: float, ours: float) -> str:
    return (
        f"  {name:<28} AUC {value:.3f}  (best direction {best:.3f}; "
        f"critique ahead by {ours - best:+.3f})"
    )


def report(items: Sequence[CorpusItem], old_commit: str | None) -> float:
    """Print every figure; return the leave-one-page-out AUC."""
    rules = load_rules()
    good = [i.is_good for i in items]
    feats = [featurise(i.text, i.is_good, rules) for i in items]
    pages = [page_of(i) for i in items]
    sites = [site_of(i) for i in items]
    by_page = cross_validated_scores(feats, pages, rules)
    by_site = cross_validated_scores(feats, sites, rules)
    fitted = [score_with(f, rules) for f in feats]
    page_auc = auc(by_page, good)
    print(
        f"corpus: {len(items)} messages ({sum(good)} good or recommended, "
        f"{len(items) - sum(good)} bad) from {len(set(pages))} pages on {len(set(sites))} sites"
    )
    print(f"AUC, leave-one-page-out:  {page_auc:.3f}   (target >= {TARGET:.2f})")
    print(f"AUC, leave-one-site-out:  {auc(by_site, good):.3f}")
    print(f"AUC, shipped weights, in-sample (not a test): {auc(fitted, good):.3f}")
    subsets = {
        "pages read while writing the detectors": [_developed_on(i) for i in items],
        "pages never read": [not _developed_on(i) for i in items],
        "whole messages (not fragments)": [not i.note.startswith("Fragment") for i in items],
        "fragments a page quotes": [i.note.startswith("Fragment") for i in items],
        "without the rows marked Contested": ["Contested" not in i.note for i in items],
        "whole messages without the Contested rows": [
            "Contested" not in i.note and not i.note.startswith("Fragment") for i in items
        ],
    }
    print("  leave-one-page-out AUC on parts of the corpus:")
    for name, keep in subsets.items():
        s = [x for x, k in zip(by_page, keep, strict=True) if k]
        g = [x for x, k in zip(good, keep, strict=True) if k]
        if any(g) and not all(g):
            print(f"    {name}: {sum(keep)} messages, AUC {auc(s, g):.3f}")
    contested = ["Contested" in i.note for i in items]
    ceiling = auc_ceiling(good, contested, TARGET)
    print(
        f"  ceiling: ordering every pair right but those with one of the {sum(contested)} "
        f"contested messages (a coin flip): AUC {ceiling.coin_flip_auc:.3f}; for {TARGET:.2f} a "
        f"critique must order {ceiling.needed_share:.0%} of those {ceiling.contested_pairs} "
        "pairs the page's way"
    )
    mixed = [
        (p > n) + 0.5 * (p == n)
        for p, pc in ((s, c) for s, g, c in zip(by_page, good, contested, strict=True) if g)
        for n, nc in ((s, c) for s, g, c in zip(by_page, good, contested, strict=True) if not g)
        if pc or nc
    ]
    if mixed:
        print(f"    the critique orders {sum(mixed) / len(mixed):.0%} of them the page's way")
    pairs, ordered, tied = ordered_pairs(by_page, good, pages)
    if pairs:
        print(
            f"same-page pairs (good vs bad, page left out): {ordered} of {pairs} ordered "
            f"({ordered / pairs:.0%}), {tied} tied"
        )
    print("scores by label (page left out): min / q1 / median / q3 / max")
    for label in ("bad", "good", "recommended"):
        values = [s for s, i in zip(by_page, items, strict=True) if i.label.value == label]
        if values:
            q = " / ".join(f"{v:.0f}" for v in quartiles(values))
            print(f"  {label:<12} n={len(values):<4} {q}")
    print("baselines (no fitting; best direction = the better of the score and its reverse):")
    baselines = {name: [f(i.text) for i in items] for name, f in BASELINES.items()}
    if old_commit:
        old = old_scores([i.text for i in items], old_commit)
        if isinstance(old, str):
            print(f"  old critique ({old_commit}): {old}")
        else:
            baselines[f"old critique ({old_commit})"] = [float(s) for s in old]
    for name, values in baselines.items():
        value = auc(values, good)
        print(_line(name, value, max(value, 1 - value), page_auc))
    return page_auc


def ablation(items: Sequence[CorpusItem], base: float) -> None:
    """Print the leave-one-page-out AUC without each fitted rule, biggest loss first."""
    good = [i.is_good for i in items]
    pages = [page_of(i) for i in items]
    rows = []
    for rule in load_rules().rules:
        if rule.declared_weight is not None:
            continue
        rules = load_rules(disable=[rule.id])
        feats = [featurise(i.text, i.is_good, rules) for i in items]
        rows.append((auc(cross_validated_scores(feats, pages, rules), good), rule.id))
    print("leave-one-page-out AUC without each rule (refitted; lower = the rule helps):")
    for value, rule_id in sorted(rows):
        print(f"  without {rule_id:<34} {value:.3f} ({value - base:+.3f})")


def main() -> None:
    """Read the corpus and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", type=Path, default=ROOT / "data/coaching/voicemails.csv")
    parser.add_argument("--old-commit", default=OLD_COMMIT)
    parser.add_argument("--no-old", action="store_true", help="skip the old critique baseline")
    parser.add_argument("--ablate", action="store_true", help="the AUC without each rule")
    args = parser.parse_args()
    with args.csv.open(encoding="utf-8", newline="") as stream:
        items = read_corpus(stream, str(args.csv))
    page_auc = report(items, None if args.no_old else args.old_commit)
    if args.ablate:
        ablation(items, page_auc)


if __name__ == "__main__":
    main()
