"""One RE2 pass that rules out, before `re` runs, the scans that cannot match a script.

Most rules do not fire on most scripts, and Python's `re` pays for every pass
over the text. RE2's `Set` matches all the rules' lowered alternations in one
linear-time pass; only the scans it does not rule out (including those RE2
cannot express, such as look-behinds) then run in `re` to find their spans.

Sound by construction: it is used only on text where RE2 and `re` agree
(`text.fastre.re2_safe`); other text runs every scan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from callworthy.critique.patterns import Scan
from callworthy.text.fastre import re2, re2_options, re2_safe


@dataclass(frozen=True, slots=True)
class Prefilter:
    """An RE2 set of scans; `verdict` says which cannot match a text and which do."""

    matcher: Any
    scan_ids: tuple[int, ...]
    """The id() of the scan behind each pattern of the set, by index."""
    all_ids: frozenset[int]

    @classmethod
    def build(cls, scans: Iterable[Scan]) -> Prefilter | None:
        """Compile the lowered scans RE2 can express; None if there is nothing to gain."""
        if re2 is None:
            return None
        matcher = re2.Set.SearchSet(re2_options())
        ids: list[int] = []
        for scan in scans:
            if not scan.on_lower:
                continue
            try:
                matcher.Add(scan.regex.pattern)
            except re2.error:
                continue  # not RE2 syntax (e.g. a look-behind): that scan always runs
            ids.append(id(scan))
        if not ids:
            return None
        matcher.Compile()
        return cls(matcher, tuple(ids), frozenset(ids))

    def verdict(self, lower: str | None) -> tuple[frozenset[int], frozenset[int]]:
        """Return the ids of scans that cannot match and of those that do match.

        Both are empty when the text is not plain ASCII: then every scan runs.
        """
        if lower is None or not re2_safe(lower):
            return frozenset(), frozenset()
        ids = self.scan_ids
        confirmed = frozenset(ids[i] for i in self.matcher.Match(lower) or ())
        return self.all_ids - confirmed, confirmed
