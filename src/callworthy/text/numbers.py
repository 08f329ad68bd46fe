"""Numbers as they are spoken: phone digits said clearly, and spoken digits read back.

A phone number in a voicemail must be said so it can be written down (P8 and
the common complaint "number said too fast"): area code and exchange digit by
digit, the last four as two pairs — "seven oh four, three three three, eleven
twelve". Ordinary numbers ("5 ways", "$1,200") are counted as the words a
speaker would say, via num2words.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DIGIT_WORDS = ("oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

#: Spoken words that stand for digits, mapped to the digits they say.
WORD_DIGITS: dict[str, str] = {
    "zero": "0", "oh": "0", "o": "0",
    **{w: str(i) for i, w in enumerate(_DIGIT_WORDS) if i},
    **{w: str(10 + i) for i, w in enumerate(_TEENS)},
    **{w: f"{i}0" for i, w in enumerate(_TENS) if w},
}  # fmt: skip
_MULTIPLIERS = {"hundred": "00", "thousand": "000"}
_REPEATS = {"double": 2, "triple": 3}


def digits_to_speech(digits: str) -> str:
    """Say each digit on its own, zero as "oh": "704" -> "seven oh four"."""
    return " ".join(_DIGIT_WORDS[int(d)] for d in digits)


def _pair(pair: str) -> str:
    """Say two digits the way people say the last four of a phone number."""
    tens, unit = int(pair[0]), int(pair[1])
    if tens == 0:
        return f"oh {_DIGIT_WORDS[unit]}"
    if tens == 1:
        return _TEENS[unit]
    return _TENS[tens] if unit == 0 else f"{_TENS[tens]}-{_DIGIT_WORDS[unit]}"


def _last_four(digits: str) -> str:
    """Say four digits as two pairs: "1112" -> "eleven twelve", "1200" -> "twelve hundred"."""
    head, tail = digits[:2], digits[2:]
    if tail == "00" and head[0] != "0":
        return f"{_pair(head)} hundred"
    if head == "00":
        return digits_to_speech(digits)
    return f"{_pair(head)} {_pair(tail)}"


def speak_phone(digits: str) -> str:
    """Write a phone number the way it should be spoken, in comma-separated groups."""
    digits = re.sub(r"\D", "", digits)
    prefix = ""
    if len(digits) == 11 and digits.startswith("1"):
        prefix, digits = "one, ", digits[1:]
    if len(digits) == 10:
        groups = [
            digits_to_speech(digits[:3]),
            digits_to_speech(digits[3:6]),
            _last_four(digits[6:]),
        ]
    elif len(digits) == 7:
        groups = [digits_to_speech(digits[:3]), _last_four(digits[3:])]
    else:
        groups = [digits_to_speech(digits[i : i + 3]) for i in range(0, len(digits), 3)]
    return prefix + ", ".join(groups)


def spoken_digits(words: list[str]) -> str:
    """Read back the digits a run of spoken number words says ("eleven twelve" -> "1112")."""
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in _REPEATS and nxt in WORD_DIGITS and len(WORD_DIGITS[nxt]) == 1:
            out.append(WORD_DIGITS[nxt] * _REPEATS[word])
            i += 2
            continue
        if word in _MULTIPLIERS:
            out.append(_MULTIPLIERS[word])
        elif word in WORD_DIGITS:
            value = WORD_DIGITS[word]
            # "twenty one" / "twenty-one" is one pair, not "20" then "1"; "ten four" is 1, 0, 4.
            if word in _TENS[2:] and nxt in WORD_DIGITS:
                unit = WORD_DIGITS[nxt]
                if len(unit) == 1 and unit != "0":
                    out.append(value[0] + unit)
                    i += 2
                    continue
            out.append(value)
        i += 1
    return "".join(out)


def count_spoken_words(token: str) -> int:
    """Count the words a speaker says for a written number token ("$1,200" -> 4)."""
    cleaned = token.replace(",", "").lstrip("$").rstrip("%")
    extra = int(token.startswith("$")) + int(token.endswith("%"))
    try:
        value = float(cleaned)
    except ValueError:
        return 1
    from num2words import num2words  # here: most scripts have no number to say in words

    if value.is_integer() and 1900 <= value <= 2099 and "," not in token and not extra:
        words = num2words(int(value), to="year")
    elif value.is_integer():
        words = num2words(int(value))
    else:
        words = num2words(value)
    return len(re.split(r"[\s-]+", words.replace(" and ", " "))) + extra


#: `count_spoken_words`, cached: a script's numbers recur. (Wrapped here rather than
#: decorated, so that mutation testing measures the function itself.)
spoken_word_count = lru_cache(maxsize=4096)(count_spoken_words)
