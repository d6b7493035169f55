"""Words for values that a person reads: durations in words, never the raw `1y`."""

from __future__ import annotations

import pytest

from isms.model.base import Lang
from isms.site.labels import duration_words


@pytest.mark.parametrize(
    ("duration", "lang", "words"),
    [
        ("1y", "ja", "1年"),
        ("1y", "en", "1 year"),
        ("2y", "en", "2 years"),
        ("6m", "ja", "6か月"),
        ("6m", "en", "6 months"),
        ("2w", "ja", "2週間"),
        ("1w", "en", "1 week"),
        ("30d", "ja", "30日"),
        ("30d", "en", "30 days"),
        (" 3m ", "en", "3 months"),
        ("soon", "en", "soon"),
        ("１y", "ja", "１y"),
        ("y", "ja", "y"),
    ],
)
def test_durations_in_words(duration: str, lang: Lang, words: str) -> None:
    assert duration_words(duration, lang) == words
