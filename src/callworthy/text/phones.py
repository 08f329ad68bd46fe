"""Find phone numbers in a script, written ("(704) 333-1112") or spoken ("seven oh four ...").

Written numbers come from Google's `phonenumbers` matcher (region configurable);
spoken ones from runs of number words that add up to a phone number's digits.
A template's placeholder ("[your phone number]", "XXX-XXX-XXXX") stands for the
rep's number and counts as one, so a script template is judged like the message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

from callworthy.text.fastre import ascii_pattern, re2_compile, re2_safe
from callworthy.text.numbers import _MULTIPLIERS, _REPEATS, WORD_DIGITS, spoken_digits

#: Fewest digits a phone number has (a US local number without area code).
MIN_PHONE_DIGITS = 7
_NUMBER_WORD = "|".join(sorted([*WORD_DIGITS, *_MULTIPLIERS, *_REPEATS], key=len, reverse=True))
# Matched on the lower-cased text, case-sensitively (much faster than IGNORECASE).
# Number words joined by spaces, commas or dashes; a full stop ends the number.
_SPOKEN_RUN_RE = re.compile(rf"\b(?:{_NUMBER_WORD})\b(?:[\s,\-–—]{{1,4}}\b(?:{_NUMBER_WORD})\b)+")
_WORD_RE = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
# RE2 says in one linear pass whether `re` needs to look for spoken numbers at all.
_SPOKEN_PRECHECK = re2_compile(_SPOKEN_RUN_RE.pattern)
_SPOKEN_PRECHECK_ASCII = ascii_pattern(_SPOKEN_RUN_RE.pattern)


@dataclass(frozen=True, slots=True)
class PhoneMention:
    """One phone number said in a script, where it is, and whether it was spoken in words."""

    number: str
    """E.164 when the number is a valid full number, otherwise its national digits."""
    start: int
    end: int
    spoken: bool = False
    digits_said: int = 0
    """How many digits the speaker actually says (a country code written or not)."""

    @property
    def key(self) -> str:
        """Return the digits that identify the line (the last seven), to spot repeats."""
        return re.sub(r"\D", "", self.number)[-MIN_PHONE_DIGITS:]


# "[phone number]", "{your number}", "<direct line>", "(XXX) XXX-XXXX": where the number goes.
_PLACEHOLDER_RE = re.compile(
    r"[\[{<(]{1,2}[ \t]*(?:your |my |the |rep'?s |caller'?s )?"
    r"(?:(?:direct|office|cell|mobile|work|best|contact|call-?back|business)[ \t])?"
    r"(?:phone|telephone|tel\.?|number|cell|mobile|line|extension)(?:[ \t]?(?:number|#|no\.?))?"
    r"[ \t]*[\]}>)]{1,2}"
    r"|\(?\b[xX]{3}\)?[ .\-]?[xX]{3}[ .\-][xX]{4}\b",
    re.IGNORECASE,
)
#: Digits a placeholder stands for: a full national number, said like one.
PLACEHOLDER_DIGITS = 10

# A run of digits and the separators phone numbers are written with; the matcher then decides.
_CANDIDATE_RE = re.compile(r"[+(]?\d[\d\s().\-–]{5,}\d")


def _find_in_window(window: str, region: str) -> tuple[tuple[int, int, str], ...]:
    """Run the phonenumbers matcher on a small window: (start, end, number) per match."""
    found: list[tuple[int, int, str]] = []
    for match in PhoneNumberMatcher(window, region, leniency=Leniency.POSSIBLE):
        number = match.number
        if phonenumbers.is_valid_number(number):
            formatted = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        else:
            formatted = phonenumbers.national_significant_number(number)
        found.append((match.start, match.end, formatted))
    return tuple(found)


#: `_find_in_window`, cached: a rep's number recurs. (Wrapped rather than decorated, so
#: that mutation testing measures the function itself.)
_match_window = lru_cache(maxsize=4096)(_find_in_window)


def _count_digits(text: str) -> int:
    return len(_DIGIT.findall(text))


def _written(text: str, region: str) -> list[PhoneMention]:
    found: list[PhoneMention] = []
    for candidate in _CANDIDATE_RE.finditer(text):
        # One character of context each side lets the matcher see what borders the number.
        offset = max(0, candidate.start() - 1)
        window = text[offset : candidate.end() + 1]
        found.extend(
            PhoneMention(
                number, offset + start, offset + end, False, _count_digits(window[start:end])
            )
            for start, end, number in _match_window(window, region)
        )
    return found


def _spoken(lower: str, region: str, ascii: bytes | None) -> list[PhoneMention]:
    if ascii is not None and _SPOKEN_PRECHECK_ASCII is not None:
        if not _SPOKEN_PRECHECK_ASCII.search(ascii):
            return []
    elif _SPOKEN_PRECHECK is not None and re2_safe(lower) and not _SPOKEN_PRECHECK.search(lower):
        return []
    found = []
    for match in _SPOKEN_RUN_RE.finditer(lower):
        digits = spoken_digits(_WORD_RE.findall(match.group()))
        said = len(digits)
        if not MIN_PHONE_DIGITS <= said <= 15:
            continue
        try:
            parsed = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            digits = phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
        found.append(PhoneMention(digits, match.start(), match.end(), True, said))
    return found


# What every placeholder starts with: a bracket before a letter, or "XXX". Most scripts have
# neither ("(704) 333-1112" has a bracket before a digit).
_PLACEHOLDER_HINT = re.compile(r"[\[{<(]{1,2}[ \t]*[A-Za-z]|[xX]{3}")


def _placeholders(text: str) -> list[PhoneMention]:
    if not _PLACEHOLDER_HINT.search(text):
        return []
    return [
        PhoneMention(m.group().lower(), m.start(), m.end(), False, PLACEHOLDER_DIGITS)
        for m in _PLACEHOLDER_RE.finditer(text)
    ]


def find_phone_mentions(
    text: str, region: str = "US", lower: str | None = None, ascii: bytes | None = None
) -> tuple[PhoneMention, ...]:
    """Return every phone number in the text, written or spoken, in order.

    `lower` is the text lower-cased (the same length); `ascii` the same as bytes, given
    only when it is plain ASCII RE2 may read (`Document.ascii`).
    """
    if lower is None or len(lower) != len(text):
        lower = text.lower()
        if len(lower) != len(text):  # lower-casing shifted offsets: ASCII-fold instead
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        ascii = None
    spoken = _spoken(lower, region, ascii)
    mentions = _written(text, region) + spoken + _placeholders(text)
    return tuple(sorted(mentions, key=lambda m: m.start))
