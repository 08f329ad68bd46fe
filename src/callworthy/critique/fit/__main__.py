"""Refit the critique's weights from the coaching corpus and write the weights file.

    python -m callworthy.critique.fit data/coaching/voicemails.csv [--out PATH]

Reads the corpus (critique/corpus.py), runs the built-in rules over every
script, fits (model.py) and writes YAML that the rule loader reads
(weights.py). Deterministic: the same corpus and rules give the same file.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
from pathlib import Path

import yaml

from callworthy.critique.corpus import page_of, read_corpus
from callworthy.critique.fit.model import (
    Example,
    FitResult,
    fired_rules,
    fit_weights,
    fitted_rules,
)
from callworthy.critique.loader import RuleSet, load_rules
from callworthy.critique.weights import builtin_weights_path, learned
from callworthy.errors import CallworthyError

HEADER = """\
# The critique's learned weights: points a finding of each rule moves the score.
# Written by `make fit` (python -m callworthy.critique.fit {corpus}); do not edit by hand.
# L2-regularised logistic regression (critique/fit/): a strength's points are >= 0, a
# problem's <= 0; 20 points per unit of log-odds (14 points lost halve the odds of "good").
# fired_good / fired_bad: corpus messages the rule fired on, by the page's label.
# unobserved: rules that fired on no corpus message (they keep their level's default weight);
# declared: rules whose file sets its own weight (not fitted).
"""


def render(result: FitResult, corpus: str, digest: str, pages: int, rules: RuleSet) -> str:
    """Return the weights file's text."""
    data = {
        "model": "L2-regularised logistic regression over the rules that fire (P(good))",
        "corpus": corpus,
        "corpus_sha256": digest,
        "rows": result.rows,
        "pages": pages,
        "prior_sd": result.prior_sd,
        "points_per_logit": round(result.points_per_logit, 4),
        "intercept": result.intercept,
        "weights": {
            r.rule: {
                "points": r.points,
                "logit": r.logit,
                "fired_good": r.fired_good,
                "fired_bad": r.fired_bad,
            }
            for r in sorted(result.rules, key=lambda r: r.rule)
        },
        "unobserved": list(result.unobserved),
        "declared": sorted(r.id for r in rules.rules if r.declared_weight is not None),
    }
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return HEADER.format(corpus=corpus) + body


def main(argv: list[str] | None = None) -> int:
    """Fit the weights and write the file; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="the coaching corpus CSV")
    parser.add_argument("--out", type=Path, default=builtin_weights_path())
    args = parser.parse_args(argv)
    try:
        raw = args.corpus.read_bytes()
    except OSError as exc:
        print(
            f"callworthy fit: {args.corpus}: cannot read it ({exc.strerror or exc}). "
            "Give the path of the corpus CSV, e.g. data/coaching/voicemails.csv.",
            file=sys.stderr,
        )
        return 1
    try:
        text = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", newline="")
        items = read_corpus(text, str(args.corpus))
        # Fit on the rules alone: the weights being replaced must not matter.
        rules = load_rules(weights=learned({}))
        examples = [Example(fired_rules(i.text, rules), i.is_good) for i in items]
        result = fit_weights(examples, fitted_rules(rules))
    except CallworthyError as exc:
        print(f"callworthy fit: {exc}", file=sys.stderr)
        return 1
    pages = len({page_of(i) for i in items})
    digest = hashlib.sha256(raw).hexdigest()
    args.out.write_text(
        render(result, args.corpus.as_posix(), digest, pages, rules), encoding="utf-8"
    )
    lost = [r.rule for r in result.rules if r.points == 0]
    print(
        f"fitted {len(result.rules)} rules on {len(items)} messages from {pages} pages "
        f"(converged: {result.converged}); {len(lost)} weigh 0 points: {', '.join(lost) or '-'}; "
        f"unobserved: {', '.join(result.unobserved) or '-'}"
    )
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
