"""Tell an audio file from a text file, by its name or its first bytes (no decoding)."""

from __future__ import annotations

from pathlib import Path

#: File name endings taken as recordings.
AUDIO_SUFFIXES = frozenset(
    {".wav", ".wave", ".mp3", ".m4a", ".aac", ".mp4", ".ogg", ".oga", ".opus", ".flac", ".webm"}
)


def _magic(head: bytes) -> bool:
    """Return whether the first bytes are those of a common audio container."""
    return (
        (head[:4] == b"RIFF" and head[8:12] == b"WAVE")
        or head[:3] == b"ID3"  # MP3 with tags
        # An MPEG audio frame or ADTS header; layer I (never used) is left out, which also
        # keeps a UTF-16 byte-order mark (FF FE) from passing for one.
        or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 6 != 6)
        or head[:4] in (b"OggS", b"fLaC", b"\x1a\x45\xdf\xa3")  # Ogg, FLAC, WebM/Matroska
        or head[4:8] == b"ftyp"  # MP4 / M4A
    )


def is_audio_file(path: Path) -> bool:
    """Return whether a path names a recording, by its suffix or its magic bytes."""
    if path.suffix.lower() in AUDIO_SUFFIXES:
        return True
    try:
        with path.open("rb") as handle:
            return _magic(handle.read(12))
    except OSError:
        return False


def audio_files(folder: Path) -> list[Path]:
    """Return the recordings in a folder (not its subfolders), sorted by name."""
    return sorted(p for p in folder.iterdir() if p.is_file() and is_audio_file(p))
