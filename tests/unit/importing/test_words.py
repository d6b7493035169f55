"""Every word `isms soa` writes is read back; the usual synonyms too."""

from __future__ import annotations

import pytest

from isms.export.soa import APPLICABLE_WORDS, COLUMNS, REASON_WORDS, STATUS_WORDS
from isms.importing.words import (
    CONTROL_HEADERS,
    applicable_of,
    header_index,
    normalize,
    reasons_of,
    status_of,
    without_parentheses,
)


def test_exported_words_round_trip() -> None:
    for status, pair in STATUS_WORDS.items():
        assert [status_of(word) for word in pair] == [status, status]
    for yes, no in APPLICABLE_WORDS.values():
        assert (applicable_of(yes), applicable_of(no)) == (True, False)
    for reason, pair in REASON_WORDS.items():
        assert [reasons_of(word) for word in pair] == [([reason], []), ([reason], [])]
    index = header_index(CONTROL_HEADERS)
    for column in COLUMNS:
        if column.key in CONTROL_HEADERS:
            assert index[normalize(column.ja)] == column.key
            assert index[normalize(column.en)] == column.key


@pytest.mark.parametrize(
    ("word", "status"),
    [("実施済み", "implemented"), ("一部実施", "partial"), ("未実施", "planned"), ("適用除外", "not-applicable"),
     ("Implemented", "implemented"), ("Not Applicable", "not-applicable"), ("Ｎ／Ａ", "not-applicable"),
     ("in progress", "partial"), ("soon", None)],
)  # fmt: skip
def test_status_words(word: str, status: str | None) -> None:
    assert status_of(word) == status


@pytest.mark.parametrize(
    ("mark", "applicable"),
    [("○", True), ("〇", True), ("◯", True), ("Yes", True), ("×", False), ("✕", False), ("Ｘ", False), ("no", False),
     ("-", None)],
)  # fmt: skip
def test_applicability_marks(mark: str, applicable: bool | None) -> None:
    assert applicable_of(mark) == applicable


def test_reasons_split_on_japanese_and_ascii_separators() -> None:
    assert reasons_of("リスク対応、法令・規制") == (["risk", "legal"], [])
    assert reasons_of("risk; contract/business") == (["risk", "contract", "business"], [])
    assert reasons_of("リスク, 運") == (["risk"], ["運"])


def test_normalize_and_parentheses() -> None:
    assert normalize(" Ｎｏ． ") == "no."
    assert without_parentheses(normalize("適用（○/×）")) == "適用"
