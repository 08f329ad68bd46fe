"""Find phone numbers in transcribed words, whatever way the transcriber wrote the digits.

Whisper writes a spoken number in many ways: "704-333-1112", "7043331112",
"704, 3-3-3, 11-12", "three-three-three", "seven oh four", and mishears some
digits as look-alike words ("free" for three, "for" for four). A run of
number-like words, not broken by a sentence end, is read back as digits; the
look-alike words count only inside a run that has real digits, and are dropped
from its ends when the number makes more sense without them (P8: the number
must be heard, so it must be found however it was written).

When the rep's own number is known, a run is also matched against it with the
tolerance speech recognition needs: grouping ignored, one digit dropped, doubled
(or otherwise added) or changed. tiny.en hears "three three three" as "33" on
some CPUs and not on others; the rep said their number all the same, so it is
found, said where it was said, and counted when it is said twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import phonenumbers

from callworthy.audio.model import Word
from callworthy.errors import InvalidPhoneError
from callworthy.text.numbers import WORD_DIGITS, spoken_digits

MIN_DIGITS = 7
MAX_DIGITS = 15
#: Words Whisper writes for a digit it misheard, and the digit word they stand for.
HOMOPHONES = {
    "free": "three",
    "tree": "three",
    "for": "four",
    "fore": "four",
    "to": "two",
    "too": "two",
    "won": "one",
    "ate": "eight",
    "niner": "nine",
}
# These say a digit only next to other digits ("oh" is also a greeting).
_WEAK = frozenset({*HOMOPHONES, "oh", "o", "double", "triple"})
_REPEATS = frozenset({"double", "triple"})
_MULTIPLIERS = frozenset({"hundred", "thousand"})
_SPLIT_RE = re.compile(r"[-–—./]+")
_STRIP = " \t\"'“”‘’()[],;:!?."
_SENTENCE_END = (".", "!", "?", "…")


#: A known number's shortest form that may be matched with a digit off (a local 7-digit form).
MIN_KNOWN_DIGITS = 7


@dataclass(frozen=True, slots=True)
class KnownNumber:
    """A number the caller is known to leave (the rep's own), and the digit forms it is said in."""

    e164: str
    forms: tuple[str, ...]
    """Digit strings that say it: national, with the country code, and the local part."""

    @classmethod
    def parse(cls, text: str, region: str = "US") -> KnownNumber:
        """Read a phone number as typed ("(704) 333-1112"), or raise InvalidPhoneError."""
        try:
            parsed = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            parsed = None
        if parsed is None or not phonenumbers.is_possible_number(parsed):
            raise InvalidPhoneError(
                f'"{text[:40]}" is not a phone number.',
                "Give your number with its area code, e.g. 704-333-1112.",
            )
        national = phonenumbers.national_significant_number(parsed)
        forms = [national, f"{parsed.country_code}{national}"]
        if len(national) > MIN_KNOWN_DIGITS:  # the local part, said without the area code
            forms.append(national[-MIN_KNOWN_DIGITS:])
        e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        return cls(e164, tuple(dict.fromkeys(forms)))

    def match(self, heard: str) -> tuple[str, int] | None:
        """Return the form the heard digits say and how many digits are off (0 or 1), or None."""
        best: tuple[str, int] | None = None
        for form in self.forms:
            off = digits_off(heard, form)
            if off is not None and (best is None or off < best[1]):
                best = (form, off)
        return best


def digits_off(heard: str, target: str) -> int | None:
    """Return 0 when the digits are the target, 1 when one digit is dropped, added or changed.

    A single-edit check (Levenshtein distance at most one), linear in the length.
    """
    if heard == target:
        return 0
    if abs(len(heard) - len(target)) > 1 or min(len(heard), len(target)) < MIN_KNOWN_DIGITS - 1:
        return None
    prefix = 0
    while prefix < min(len(heard), len(target)) and heard[prefix] == target[prefix]:
        prefix += 1
    if len(heard) == len(target):  # one digit changed
        return 1 if heard[prefix + 1 :] == target[prefix + 1 :] else None
    shorter, longer = sorted((heard, target), key=len)
    return 1 if shorter[prefix:] == longer[prefix + 1 :] else None


@dataclass(frozen=True, slots=True)
class SpokenNumber:
    """A run of words that says a phone number: `words[first:end]` say `digits`.

    When the run says a known number, `digits` are the known number's (in the form
    heard: national, international or local), `heard` what the transcriber wrote,
    and `digits_off` how far apart they are (0 or 1).
    """

    digits: str
    first: int
    end: int
    heard: str = ""
    matched: str | None = None
    """The E.164 form of the known number this run says, if any."""
    digits_off: int | None = None


def token_parts(token: str) -> list[str] | None:
    """Split a word into digit groups and digit words, or None if it is not part of a number."""
    parts = [p for p in _SPLIT_RE.split(token.lower().strip(_STRIP)) if p]
    if not parts:
        return None
    for part in parts:
        if not (
            part.isdigit()
            or part in WORD_DIGITS
            or part in HOMOPHONES
            or part in _REPEATS
            or part in _MULTIPLIERS
        ):
            return None
    return parts


def _is_weak(parts: list[str]) -> bool:
    return all(p in _WEAK for p in parts)


def parts_digits(parts: list[str]) -> str:
    """Read back the digits a sequence of groups and words says ("free", "11" -> "311")."""
    out: list[str] = []
    words: list[str] = []
    for part in parts:
        if part.isdigit():
            out.append(spoken_digits(words))
            words = []
            out.append(part)
        else:
            words.append(HOMOPHONES.get(part, part))
    out.append(spoken_digits(words))
    return "".join(out)


def _plausible(digits: str) -> int:
    """Rank a digit string as a phone number: 2 a usual length, 1 possible, 0 not."""
    if len(digits) in (7, 10) or (len(digits) == 11 and digits.startswith("1")):
        return 2
    return 1 if MIN_DIGITS <= len(digits) <= MAX_DIGITS else 0


def _best_trim(
    parts: list[list[str]], first: int, known: Sequence[KnownNumber] = ()
) -> SpokenNumber | None:
    """Drop weak words from the run's ends until it reads as the likeliest phone number.

    A trim that says a known number wins (exactly, then one digit off), then a
    trim of a usual phone-number length, then the longest.
    """
    n = len(parts)
    lead = next((i for i, p in enumerate(parts) if not _is_weak(p)), n)
    if lead == n:
        return None  # only look-alike words: "for two" is not a number
    trail = next(i for i in range(n - 1, -1, -1) if not _is_weak(parts[i]))
    best: tuple[tuple[int, int, int], SpokenNumber] | None = None
    for a in range(lead + 1):
        for b in range(trail + 1, n + 1):
            heard = parts_digits([p for group in parts[a:b] for p in group])
            number = _reading(heard, first + a, first + b, known)
            if number is None:
                continue
            closeness = 2 - number.digits_off if number.digits_off is not None else 0
            rank = (closeness, _plausible(heard), b - a)
            if best is None or rank > best[0]:
                best = (rank, number)
    return best[1] if best else None


def _reading(heard: str, first: int, end: int, known: Sequence[KnownNumber]) -> SpokenNumber | None:
    """Return the heard digits as a number: the known number they say, else a plausible one."""
    for number in known:
        found = number.match(heard)
        if found is not None:
            return SpokenNumber(found[0], first, end, heard, number.e164, found[1])
    return SpokenNumber(heard, first, end, heard) if _plausible(heard) else None


def _runs(words: Sequence[Word]) -> list[tuple[int, list[list[str]]]]:
    """Return each maximal run of number-like words: its first index and its parts."""
    runs: list[tuple[int, list[list[str]]]] = []
    current: list[list[str]] = []
    start = 0
    for index, word in enumerate(words):
        parts = token_parts(word.text)
        if parts is None:
            if current:
                runs.append((start, current))
            current = []
            continue
        if not current:
            start = index
        current.append(parts)
        if word.text.rstrip(" \"')”’").endswith(_SENTENCE_END):
            runs.append((start, current))
            current = []
    if current:
        runs.append((start, current))
    return runs


def find_spoken_numbers(
    words: Sequence[Word], known: Sequence[KnownNumber] = ()
) -> list[SpokenNumber]:
    """Return every phone number said in the words, in order.

    With known numbers, two adjacent runs split by a sentence end that the
    transcriber put inside the number ("704, 33. 1112") are read as one when
    together they say a known number more fully than either does alone.
    """
    runs = _runs(words)
    numbers = [_best_trim(parts, start, known) for start, parts in runs]
    found: list[SpokenNumber] = []
    index = 0
    while index < len(runs):
        if known and index + 1 < len(runs) and _adjacent(runs[index], runs[index + 1]):
            (start, parts), (_, more) = runs[index], runs[index + 1]
            joined = _best_trim(parts + more, start, known)
            if _better_joined(joined, numbers[index], numbers[index + 1]):
                assert joined is not None
                found.append(joined)
                index += 2
                continue
        number = numbers[index]
        if number is not None:
            found.append(number)
        index += 1
    return found


def _adjacent(run: tuple[int, list[list[str]]], after: tuple[int, list[list[str]]]) -> bool:
    return after[0] == run[0] + len(run[1])


def _better_joined(joined: SpokenNumber | None, *alone: SpokenNumber | None) -> bool:
    """Return whether a joined run says a known number better than each run alone."""
    if joined is None or joined.digits_off is None:
        return False
    return all(
        n is None
        or n.digits_off is None
        or (joined.digits_off <= n.digits_off and len(joined.digits) > len(n.digits))
        for n in alone
    )


def written_form(digits: str) -> str:
    """Write digits the way a script groups a phone number: "7043331112" -> "704-333-1112"."""
    prefix = ""
    if len(digits) == 11 and digits.startswith("1"):
        prefix, digits = "1-", digits[1:]
    if len(digits) == 10:
        return f"{prefix}{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if len(digits) == 7:
        return f"{prefix}{digits[:3]}-{digits[3:]}"
    return prefix + "-".join(digits[i : i + 3] for i in range(0, len(digits), 3))
