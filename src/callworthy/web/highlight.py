"""Cut a script into segments, each marked with the findings whose spans cover it.

The template prints every segment's text escaped, inside a <mark> when findings cover
it; findings about the whole message are listed, not highlighted.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from callworthy.critique import Finding, Level

#: Which level colours a segment when several findings overlap it (worst first).
_RANK = {Level.ERROR: 0, Level.WARNING: 1, Level.INFO: 2, Level.STRENGTH: 3}


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the script's text and the findings (by index) covering it."""

    text: str
    findings: tuple[int, ...] = ()
    level: str = ""


def _spans(text: str, findings: tuple[Finding, ...]) -> list[tuple[int, int, int]]:
    whole = len(text.rstrip())
    spans: list[tuple[int, int, int]] = []
    for index, finding in enumerate(findings):
        for start, end in ((finding.start, finding.end), *finding.related):
            start, end = max(0, start), min(len(text), end)
            if end > start and not (start == 0 and end >= whole):
                spans.append((start, end, index))
    return spans


def segments(text: str, findings: tuple[Finding, ...]) -> list[Segment]:
    """Return the script as consecutive segments, marked where findings point."""
    spans = _spans(text, findings)
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        covering = tuple(sorted({i for s, e, i in spans if s <= start and end <= e}))
        if not covering:
            out.append(Segment(text[start:end]))
            continue
        level = min((findings[i].level for i in covering), key=_RANK.__getitem__)
        out.append(Segment(text[start:end], covering, level.value))
    return out


def anchors(parts: list[Segment]) -> dict[int, int]:
    """Return, for each highlighted finding, the index of the first segment it covers.

    A finding and that segment link to each other on the page; a finding about the whole
    message has none.
    """
    found: dict[int, int] = {}
    for index, part in enumerate(parts):
        for finding in part.findings:
            found.setdefault(finding, index)
    return found
