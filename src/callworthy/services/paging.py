"""Lists a page at a time: an opaque cursor for the API, numbered pages for the web pages.

The API's lists are keyset-paginated: a page carries `next`, an opaque cursor (the
sort key of its last item, encoded), that the client sends back for the following
page; rows added or removed meanwhile never shift a page, and page 1,000 costs what
page 1 does. A web page shows numbered pages (`?page=3`, the filters kept) with a
count of them, which a person browsing wants and a sync job does not.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from callworthy.errors import InvalidFieldError
from callworthy.services.values import _Dumpable

T = TypeVar("T")

#: Items per page when the client does not say.
DEFAULT_LIMIT = 50
#: Most items one page may hold (the API's `limit`).
MAX_LIMIT = 200
#: Items per page on the web pages.
PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class Page(_Dumpable, Generic[T]):
    """One page of an API list, and the cursor of the next (None: this is the last page)."""

    items: tuple[T, ...]
    next: str | None


@dataclass(frozen=True, slots=True)
class NumberedPage(Generic[T]):
    """One page of a web list: its items, its number (from 1), how many pages and items."""

    items: tuple[T, ...]
    number: int
    pages: int
    total: int

    @property
    def previous_number(self) -> int | None:
        """Return the number of the page before, or None on the first."""
        return self.number - 1 if self.number > 1 else None

    @property
    def next_number(self) -> int | None:
        """Return the number of the page after, or None on the last."""
        return self.number + 1 if self.number < self.pages else None


def encode_cursor(key: Sequence[Any]) -> str:
    """Return the opaque cursor of a sort key (the last item's)."""
    raw = json.dumps(list(key), separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, shape: Sequence[type]) -> tuple[Any, ...] | None:
    """Return the sort key a cursor holds (its values of the given types), or None for none.

    A cursor this server did not make (mistyped, cut short) is an InvalidFieldError.
    """
    if not cursor:
        return None
    bad = InvalidFieldError(
        "This page's cursor is not one this server gave (cut short or changed?).",
        "Start again from the first page: leave `cursor` out.",
        field="cursor",
    )
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise bad from None
    if not isinstance(key, list) or len(key) != len(shape):
        raise bad
    if not all(
        isinstance(v, t) and not isinstance(v, bool) for v, t in zip(key, shape, strict=True)
    ):
        raise bad
    return tuple(key)


def check_limit(limit: int | None) -> int:
    """Return the page size asked for, 1 to MAX_LIMIT (DEFAULT_LIMIT when not given)."""
    if limit is None:
        return DEFAULT_LIMIT
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidFieldError(
            f"A page holds 1 to {MAX_LIMIT} items, not {limit}.",
            f"Ask for a `limit` from 1 to {MAX_LIMIT}.",
            field="limit",
        )
    return limit


def page_of(rows: Sequence[T], limit: int, key: Any) -> tuple[tuple[T, ...], str | None]:
    """Return the first `limit` rows (of limit + 1 fetched) and the cursor after them."""
    shown = tuple(rows[:limit])
    more = len(rows) > limit
    return shown, encode_cursor(key(shown[-1])) if more and shown else None


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    """Return how many pages `total` items fill (at least one, empty)."""
    return max(1, math.ceil(total / size))


def check_page_number(number: int | None) -> int:
    """Return a web page's number, 1 when not given; below 1 is refused."""
    if number is None:
        return 1
    if number < 1:
        raise InvalidFieldError(
            f"There is no page {number}.", "Pages are numbered from 1.", field="page"
        )
    return number


def keyset(
    rows: Sequence[T], key: Callable[[T], tuple[Any, ...]], cursor: str | None, limit: int | None,
    shape: Sequence[type],
) -> tuple[tuple[T, ...], str | None]:  # fmt: skip
    """Return one keyset page of rows already in `key` order, and the cursor after it.

    For the short lists read whole anyway (a rep's phone tests, a team's rules and
    ideas): the API's contract is the same as for the long ones paged in SQL.
    """
    size = check_limit(limit)
    after = decode_cursor(cursor, shape)
    following = [row for row in rows if after is None or key(row) > after]
    return page_of(following[: size + 1], size, key)


def numbered(rows: Sequence[T], page: int | None) -> NumberedPage[T]:
    """Return one numbered web page of rows read whole (a number past the last: the last)."""
    pages = page_count(len(rows))
    number = min(check_page_number(page), pages)
    start = (number - 1) * PAGE_SIZE
    return NumberedPage(tuple(rows[start : start + PAGE_SIZE]), number, pages, len(rows))
