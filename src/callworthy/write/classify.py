"""Which strategy a script uses, read by the critique's detectors (CRM history as evidence).

A CRM note is first asked whether it holds a script at all (`looks_like_script`):
at least 12 words, and either opening as a voicemail does (a greeting, "this is
...", "it's ...", "my name is ...") or spoken to the listener ("you", "your") with a
phone number in it. "Left VM re renewal, try Tue" is a note, not a script: it is
left unscored, under `other`.

A script is examined by the critique (`critique.examine`: every rule that
recognised something, strengths included). Each strategy file names the
detections that point to it (`detectors`: a rule, a weight in log-odds, and
optionally a pattern the detected words must match). A strategy's score s is the
sum of the weights of its detectors that fired; the strategies then compete with
a "none of these" option worth 0, as in a multinomial logit:

    confidence_i = exp(s_i) / (1 + sum_j exp(s_j))      over strategies with s > 0

The highest score wins (ties: the registry's order); with no detector fired the
script is `other`. A team's tried ideas have no detectors and are never inferred.
The weights are judgement, written in the data; `bench/classify.py` measures the
accuracy on scripts written per strategy (data/strategies/scripts.csv).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from callworthy.critique import Context, Critique, Detection, RuleSet, examine
from callworthy.text.analysis import MAX_CHARS, Document, analyse
from callworthy.write.registry import Registry
from callworthy.write.strategies import Detector

#: The strategy of a script no detector recognises, and of a note that holds no script.
FALLBACK = "other"
MIN_SCRIPT_WORDS = 12
_YOU = re.compile(r"\byou(?:r|rs|'ll|'re|'d|’ll|’re)?\b", re.IGNORECASE)
#: How a voicemail opens: a greeting or the caller naming themself, in its first words.
_OPENING = re.compile(
    r"^\W{0,3}(?:(?:hi|hello|hey|good (?:morning|afternoon|evening)|greetings)\b|"
    r"(?:this is|it'?s|it’s|my name is) [A-Z]|[A-Z][a-z]+, (?:this is|it'?s|it’s) [A-Z])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Classification:
    """The strategy a script was read as, how sure, and each strategy's score."""

    strategy: str
    confidence: float
    """The winner's share (module docstring); 1.0 for `other` when nothing was recognised."""
    scores: dict[str, float]
    """Each strategy with a detector that fired, and its summed weight."""


def looks_like_script(text: str, doc: Document | None = None) -> bool:
    """Return True when a note reads as a voicemail said to the prospect, not notes about it."""
    if not text or not text.strip():
        return False
    if len(text) > MAX_CHARS:
        return False
    document = doc or analyse(text)
    if document.word_count < MIN_SCRIPT_WORDS:
        return False
    return bool(_OPENING.search(text)) or (bool(document.phones) and bool(_YOU.search(text)))


@lru_cache(maxsize=256)
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


def _fires(detector: Detector, found: Mapping[str, Sequence[tuple[int, int]]], text: str) -> bool:
    spans = found.get(detector.rule)
    if not spans:
        return False
    if not detector.matching:
        return True
    pattern = _pattern(detector.matching)
    return any(pattern.search(text, start, end) for start, end in spans)


def classify_detections(
    detections: Sequence[Detection], text: str, registry: Registry
) -> Classification:
    """Return the strategy the detections of a script point to (module docstring)."""
    found = {d.rule: d.spans for d in detections}
    scores: dict[str, float] = {}
    for strategy in registry.strategies:
        score = float(sum(d.weight for d in strategy.detectors if _fires(d, found, text)))
        if score > 0:
            scores[strategy.id] = round(score, 6)
    if not scores:
        return Classification(FALLBACK, 1.0, {})
    order = {sid: i for i, sid in enumerate(registry.ids())}
    best = min(scores, key=lambda sid: (-scores[sid], order[sid]))
    top = max(scores.values())
    # exp shifted by the top score: the same shares without overflow.
    total = math.exp(-top) + sum(math.exp(s - top) for s in scores.values())
    return Classification(best, round(1.0 / total, 4), scores)


@dataclass(frozen=True, slots=True)
class ReadScript:
    """A note read as a script: its critique and the strategy it uses, or None for a note."""

    critique: Critique | None
    classification: Classification | None


def read_note(
    text: str,
    registry: Registry,
    *,
    rules: RuleSet | None = None,
    context: Context | None = None,
    region: str = "US",
) -> ReadScript:
    """Critique and classify a note that holds a script; a note that does not stays unread."""
    if not looks_like_script(text):
        return ReadScript(None, None)
    review, detections = examine(text, rules=rules, context=context, region=region)
    return ReadScript(review, classify_detections(detections, text, registry))


def classify(text: str, registry: Registry, *, rules: RuleSet | None = None) -> Classification:
    """Return the strategy a script uses (FALLBACK for a note that holds no script)."""
    read = read_note(text, registry, rules=rules)
    return read.classification or Classification(FALLBACK, 1.0, {})
