"""Built-in custom checks: the rare rules that need Python rather than a declaration.

Rules name these by `function:`; a library user may pass more to `load_rules`
(there is no global registry to mutate). Two are built in: personalisation
(does the message name them?) and the half-message (is it cut off mid-clause?).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from callworthy.critique.context import Context
from callworthy.critique.kinds import CustomCheck, Hit
from callworthy.text.analysis import Document

# A template's name placeholder ("[Name]", "{first name}", "<prospect>") names them too.
_PLACEHOLDER = r"[\[{<][^\]}>\n]{1,30}[\]}>]"
# "Hi John," / "Hello, Sarah -" / "Good morning Mr. Patel" — but not "Hi, this is ...".
_GREETING_NAME = re.compile(
    r"^\W*(?i:hi|hello|hey|good\s+(?:morning|afternoon|evening))\b[\s,]*"
    r"(?!(?:This|It|It's|It’s|There|Again|All|Everyone)\b)"
    rf"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?(?:[A-Z][\w'’-]+|{_PLACEHOLDER})"
    # "Hi, Jenna calling" / "Hey, Mark here": the caller's name, not theirs.
    r"(?!\s+(?:here|calling|speaking|from|with|at|again)\b)"
)
# "Lou, this is Kim" — also after a word a transcript misheard ("High Lou, this is Kim").
_VOCATIVE_START = re.compile(
    r"^\W*(?:[A-Za-z]+\s+)?(?!(?:Hi|Hello|Hey|Good|Morning|Afternoon)\b)"
    rf"(?:[A-Z][a-z'’-]+|{_PLACEHOLDER})\s*,\s+(?:this|it's|it’s|it is|I|my name)\b"
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


# Words a finished clause cannot end on: a preposition, an article or possessive, a
# conjunction, or a verb still waiting for what it says ("... and they said").
_OPEN_ENDINGS = frozenset(
    """about after against along among around as at before behind below beside between by
    during for from inside into near of on onto past regarding since than through to toward
    towards under until upon via with within without
    a an the your their his her its my our every each
    and but or nor because so if when while although though whether which who whom whose where
    is are was were be been being am said says told tell mentioned asked wants want needs need
    thinks think found noticed heard saw showed means meant called named that's it's
    will would can could should might may must shall won't can't
    i we they he she""".split()
)
_TAIL_CHARS = " \t\r\n.…-–—!?"
# A single full stop (or ! or ?) ends a finished sentence; "...", "…" or a dash trail off.
_FINISHED_TAILS = frozenset({".", "!", "?", "!!", "?!", "!?", "??"})
# Where the last clause begins: after a sentence end or a clause break.
_CLAUSE_BREAK = re.compile(r"[.!?…;:,—–]|(?<=\s)-{1,2}(?=\s)")
_LAST_WORD = re.compile(r"([A-Za-z’']+)$")
# The unfinished clause is about them, or promises something (P8: "the money you left at").
_ABOUT_THEM = re.compile(
    r"\b(?:you|your|yours|you're|you’re|you've|you’ve|competitors?|customers?|clients?|"
    r"patients?|guests?|ways?|ideas?|tips?|things?|reasons?|news|secret|names?|buyer)\b",
    re.IGNORECASE,
)


def _last_sentence_start(text: str) -> int:
    """Return where the last sentence starts (after the last full stop, ! or ?)."""
    ends = [m.end() for m in re.finditer(r"[.!?…](?=\s)", text)]
    return ends[-1] if ends else 0


def half_message(doc: Document, ctx: Context, options: Mapping[str, object]) -> list[Hit]:
    """Flag a message cut off mid-clause, after the number, promising something about them (P8).

    A trailing "..." is neither needed nor enough: "about the invoice your
    competitor sent to" is cut off; "give me a ring when you get a sec..." is a
    finished sentence that trails off, and is not.
    """
    text = doc.text
    body = text.rstrip(_TAIL_CHARS)
    tail = text[len(body) :].strip()
    if tail in _FINISHED_TAILS or not doc.phones:
        return []  # a finished sentence, or no number to have said before the cut
    word = _LAST_WORD.search(body)
    if word is None or word.group(1).lower().replace("’", "'") not in _OPEN_ENDINGS:
        return []
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(body)]
    clause_start = breaks[-1] if breaks else 0
    if doc.phones[0].end > clause_start:
        return []  # the number must come before the cut ("get your phone number on the first half")
    sentence = body[_last_sentence_start(body) :]
    if not _ABOUT_THEM.search(sentence):
        return []
    start = clause_start + len(body[clause_start:]) - len(body[clause_start:].lstrip())
    return [Hit(start, len(text), {"match": text[start:].strip(), "detail": ""})]


BUILTIN_CHECKS: Mapping[str, CustomCheck] = MappingProxyType(
    {"personalisation": personalisation, "half_message": half_message}
)
