"""A small in-process cache whose entries expire after a few seconds.

The API checks a token and loads the team's rules on every request; both
change rarely. Caching them for a few seconds takes two database queries off
each critique. A change made through this process clears the cache at once;
other worker processes see it within the time-to-live (docs/web.md).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class TtlCache(Generic[K, V]):
    """Values kept for `ttl` seconds (monotonic clock), at most `maxsize` of them."""

    def __init__(
        self, ttl: float, maxsize: int = 4096, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl = ttl
        self.maxsize = maxsize
        self._clock = clock
        self._lock = threading.Lock()
        self._items: dict[K, tuple[float, V]] = {}

    def get(self, key: K) -> V | None:
        """Return the cached value for key if it has not expired, else None."""
        with self._lock:
            item = self._items.get(key)
        return item[1] if item is not None and item[0] > self._clock() else None

    def put(self, key: K, value: V) -> V:
        """Keep a value for `ttl` seconds and return it."""
        with self._lock:
            if len(self._items) >= self.maxsize:
                self._items.clear()  # rare, and simpler than LRU bookkeeping
            self._items[key] = (self._clock() + self.ttl, value)
        return value

    def get_or_load(self, key: K, load: Callable[[], V]) -> V:
        """Return the cached value for key, or load, keep and return it."""
        value = self.get(key)
        # The load runs outside the lock: a slow one must not stall other keys.
        return value if value is not None else self.put(key, load())

    def clear(self) -> None:
        """Forget every entry (after a change made through this process)."""
        with self._lock:
            self._items.clear()
