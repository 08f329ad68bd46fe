"""Built-in custom checks: the rare rules that need Python rather than a declaration.

Rules name these by `function:`; a library user may pass more to `load_rules`
(there is no global registry to mutate).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from callworthy.critique.context import Context
from callworthy.critique.kinds import CustomCheck, Hit
from callworthy.text.analysis import Document

# "Hi John," / "Hello, Sarah -" / "Good morning Mr. Patel" — but not "Hi, this is ...".
_GREETING_NAME = re.compile(
    r"^\W*(?i:hi|hello|hey|good\s+(?:morning|afternoon|evening))\b[\s,]*"
    r"(?!(?:This|It|It's|It’s|There|Again|All|Everyone)\b)"
    r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w'’-]+"
)
_VOCATIVE_START = re.compile(
    r"^\W*(?!(?:Hi|Hello|Hey|Good|Morning|Afternoon)\b)[A-Z][a-z'’-]+\s*,\s+(?:this|it's|it’s|I)\b"
)
_FIRST_SENTENCE = re.compile(r"[^.!?…]*[.!?…]?")


def _first_sentence(text: str) -> tuple[int, int]:
    match = _FIRST_SENTENCE.match(text)
    end = match.end() if match and match.end() > 0 else len(text)
    return 0, end


def personalisation(doc: Document, ctx: Context, options: Mapping[str, object]) -> list[Hit]:
    """Flag a script that names neither the prospect nor their company."""
    text = doc.text
    if ctx.prospect_name or ctx.company:
        given = [ctx.regex((field,)) for field in ("prospect_name", "company") if ctx.terms(field)]
        if any(rx is not None and rx.search(text) for rx in given):
            return []  # naming either the person or the company personalises the message
        start, end = _first_sentence(text)
        detail = " or ".join(n for n in (ctx.prospect_name, ctx.company) if n)
        return [Hit(start, end, {"match": text[start:end], "detail": detail})]
    if _GREETING_NAME.search(text) or _VOCATIVE_START.search(text):
        return []
    start, end = _first_sentence(text)
    return [Hit(start, end, {"match": text[start:end], "detail": "the prospect or their company"})]


BUILTIN_CHECKS: Mapping[str, CustomCheck] = MappingProxyType({"personalisation": personalisation})
