"""Passwords: the policy a new one must meet, and Argon2 hashing bounded per process.

Policy: at least MIN_LENGTH characters, not only whitespace, at most MAX_LENGTH, and
not easy to guess by zxcvbn (Dropbox's estimator, PyPI `zxcvbn`): it knows the 30,000
most common passwords of leaked sets, English words, names, keyboard walks, dates,
repeats and l33t substitutions, and the person's own name, e-mail and team, so
"password1234", "qwertyuiop" or "mia@example.com" are refused with its reason. We
chose it over a bare list because a list misses "Summer2024" variants; its score 3
("safely unguessable") is what OWASP's and NIST SP 800-63B's "check against common
and compromised passwords" asks for, with a reason a person can act on.

Argon2id (argon2-cffi defaults) takes 64 MiB for each hash: at most HASH_SLOTS run at
once in a process (a semaphore), so a flood of log-ins cannot take the server's memory
(16 at once took 1.2 GB).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

from callworthy.errors import AccountError

MIN_LENGTH = 10
MAX_LENGTH = 1024
#: zxcvbn's score out of 4 a new password needs: 3 is "safely unguessable" (< 10^10 guesses).
MIN_SCORE = 3
#: Argon2 hashes computed at once per process; each takes 64 MiB.
HASH_SLOTS = 2
#: zxcvbn reads this much of a password (its cost grows fast with the length).
_SCORED_CHARS = 100

_HASHER = PasswordHasher()
_SLOTS = threading.BoundedSemaphore(HASH_SLOTS)


def check_password(password: str, personal: Sequence[str] = ()) -> None:
    """Refuse a password that is too short, too long, blank or easy to guess."""
    if len(password) < MIN_LENGTH:
        raise AccountError(
            f"The password has {len(password)} characters; it needs at least {MIN_LENGTH}.",
            "Choose a longer one: a few unrelated words make a good password.",
            field="password",
        )
    if len(password) > MAX_LENGTH:
        raise AccountError(
            f"The password is longer than {MAX_LENGTH} characters.",
            "Choose a shorter one.",
            field="password",
        )
    if not password.strip():
        raise AccountError(
            "The password is only spaces.", "Choose one with words in it.", field="password"
        )
    inputs = [part for value in personal for part in (value, *value.replace("@", " ").split())]
    result = zxcvbn(password[:_SCORED_CHARS], user_inputs=inputs)
    if result["score"] < MIN_SCORE:
        reason = result["feedback"]["warning"] or "It follows a pattern that is easy to guess."
        raise AccountError(
            f"The password is too easy to guess: {reason.rstrip('.')}.",
            "Choose another: three or four unrelated words, not your name or e-mail.",
            field="password",
        )


def hash_password(password: str) -> str:
    """Return the Argon2id hash of a password (waiting for a free hashing slot)."""
    with _SLOTS:
        return _HASHER.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Return True when the password matches the hash; an unknown account costs the same."""
    with _SLOTS:
        try:
            _HASHER.verify(stored or _dummy_hash_unlocked(), password or "")
        except (VerificationError, InvalidHashError):
            return False
    return stored is not None


#: Verified when the e-mail is unknown, so a wrong address costs as long as a wrong password.
_DUMMY: list[str] = []


def _dummy_hash_unlocked() -> str:
    # Made on first use (not at import), while the caller holds a slot.
    if not _DUMMY:
        _DUMMY.append(_HASHER.hash("callworthy-no-such-account"))
    return _DUMMY[0]
