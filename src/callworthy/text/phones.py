"""Find phone numbers in a script, written ("(704) 333-1112") or spoken ("seven oh four ...").

Written numbers come from Google's `phonenumbers` matcher (region configurable);
spoken ones from runs of number words that add up to a phone number's digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

from callworthy.text.numbers import _MULTIPLIERS, _REPEATS, WORD_DIGITS, spoken_digits

#: Fewest digits a phone number has (a US local number without area code).
MIN_PHONE_DIGITS = 7
_DIGIT_RE = re.compile(r"\d")
_NUMBER_WORD = "|".join(sorted([*WORD_DIGITS, *_MULTIPLIERS, *_REPEATS], key=len, reverse=True))
_SPOKEN_RUN_RE = re.compile(
    rf"\b(?:{_NUMBER_WORD})\b(?:[\s,.\-–—]{{1,4}}\b(?:{_NUMBER_WORD})\b)+",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[a-z]+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PhoneMention:
    """One phone number said in a script, where it is, and whether it was spoken in words."""

    number: str
    """E.164 when the number is a valid full number, otherwise its national digits."""
    start: int
    end: int
    spoken: bool = False

    @property
    def key(self) -> str:
        """Return the digits that identify the line (the last seven), to spot repeats."""
        return re.sub(r"\D", "", self.number)[-MIN_PHONE_DIGITS:]


def _written(text: str, region: str) -> list[PhoneMention]:
    if len(_DIGIT_RE.findall(text)) < MIN_PHONE_DIGITS:
        return []  # cheap filter: the matcher costs ~50 µs even on text with no number
    found = []
    for match in PhoneNumberMatcher(text, region, leniency=Leniency.POSSIBLE):
        number = match.number
        if phonenumbers.is_valid_number(number):
            formatted = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        else:
            formatted = phonenumbers.national_significant_number(number)
        found.append(PhoneMention(formatted, match.start, match.end))
    return found


def _spoken(text: str, region: str) -> list[PhoneMention]:
    found = []
    for match in _SPOKEN_RUN_RE.finditer(text):
        digits = spoken_digits([w.lower() for w in _WORD_RE.findall(match.group())])
        if not MIN_PHONE_DIGITS <= len(digits) <= 15:
            continue
        try:
            parsed = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            digits = phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
        found.append(PhoneMention(digits, match.start(), match.end(), spoken=True))
    return found


def find_phone_mentions(text: str, region: str = "US") -> tuple[PhoneMention, ...]:
    """Return every phone number in the text, written or spoken, in order."""
    mentions = _written(text, region) + _spoken(text, region)
    return tuple(sorted(mentions, key=lambda m: m.start))
