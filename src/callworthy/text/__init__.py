"""Pure text analysis: spoken numbers, phone numbers, spoken-time estimates."""

from callworthy.text.analysis import MAX_CHARS, Document, analyse, validate_script
from callworthy.text.numbers import digits_to_speech, speak_phone
from callworthy.text.phones import PhoneMention, find_phone_mentions

__all__ = [
    "MAX_CHARS",
    "Document",
    "PhoneMention",
    "analyse",
    "digits_to_speech",
    "find_phone_mentions",
    "speak_phone",
    "validate_script",
]
