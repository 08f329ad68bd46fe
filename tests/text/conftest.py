"""Each test starts with the text caches empty, so it runs the code as it is now.

The spoken-word count and the phone matcher are cached per process. Mutation testing
(`make mutate`) runs each mutant in a process forked after the tests first ran, so a
cached answer would hide the mutant from a test that asks again.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from callworthy.text import numbers, phones


@pytest.fixture(autouse=True)
def _empty_text_caches() -> Iterator[None]:
    numbers.spoken_word_count.cache_clear()
    phones._match_window.cache_clear()
    yield
