"""Turn the bytes of an uploaded or named file into a script, or say exactly what is wrong."""

from __future__ import annotations

from callworthy.errors import NotTextError, TextTooLongError
from callworthy.text.analysis import MAX_CHARS

#: Most bytes a script file may have: MAX_CHARS characters of up to 4 UTF-8 bytes each.
MAX_BYTES = MAX_CHARS * 4


def decode_script(data: bytes, source: str = "the input") -> str:
    """Decode UTF-8 (with or without BOM) text; refuse binary, other encodings and huge files."""
    if len(data) > MAX_BYTES:
        raise TextTooLongError(
            f"{source} is {len(data):,} bytes; a script may have at most {MAX_CHARS:,} characters.",
            "A voicemail should last 15-30 seconds (about 40-75 words): cut it down.",
        )
    if b"\x00" in data:
        raise NotTextError(
            f"{source} looks like a binary file, not text.",
            "Pass a plain-text script (.txt), or paste the words.",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotTextError(
            f"{source} is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}).",
            "Save it as UTF-8 (in most editors: Save As, Encoding: UTF-8) and try again.",
        ) from exc
