"""The short-lived cache that keeps token and team-rule look-ups off each API request."""

from callworthy.web.cache import TtlCache


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_value_is_loaded_once_until_it_expires() -> None:
    clock, loads = Clock(), []
    cache: TtlCache[str, int] = TtlCache(5.0, clock=clock)
    load = lambda: loads.append(1) or len(loads)  # noqa: E731
    assert cache.get_or_load("k", load) == 1
    clock.now += 4.9
    assert cache.get_or_load("k", load) == 1
    clock.now += 0.2
    assert cache.get_or_load("k", load) == 2
    assert len(loads) == 2


def test_clear_forgets_at_once_and_a_zero_ttl_never_keeps() -> None:
    clock = Clock()
    cache: TtlCache[str, str] = TtlCache(5.0, clock=clock)
    cache.get_or_load("k", lambda: "old")
    cache.clear()
    assert cache.get_or_load("k", lambda: "new") == "new"
    never: TtlCache[str, str] = TtlCache(0.0, clock=clock)
    never.get_or_load("k", lambda: "a")
    assert never.get_or_load("k", lambda: "b") == "b"


def test_a_full_cache_starts_again_rather_than_growing() -> None:
    cache: TtlCache[int, int] = TtlCache(60.0, maxsize=3, clock=Clock())
    for key in range(10):
        cache.get_or_load(key, lambda key=key: key)
    assert len(cache._items) <= 3
