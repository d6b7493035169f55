"""Merging `Text` values into round-trip YAML without losing the other language."""

from __future__ import annotations

from pathlib import Path

from isms.edit import roundtrip
from isms.importing.nodes import merge_text, put


def test_merge_keeps_the_other_language_and_comments() -> None:
    doc = roundtrip.parse("justification:\n  ja: 古い  # why\n  en: Old\n", Path("c.yaml"))
    value, changed = merge_text(doc.data["justification"], "新しい", None)
    assert changed
    doc.data["justification"] = value
    assert roundtrip.render(doc) == "justification:\n  ja: 新しい  # why\n  en: Old\n"


def test_plain_string_stays_plain_until_english_arrives() -> None:
    assert merge_text("古い", "新しい", None) == ("新しい", True)
    assert merge_text("同じ", "同じ", None) == ("同じ", False)
    value, changed = merge_text("日本語", None, "English")
    assert changed
    assert dict(value) == {"ja": "日本語", "en": "English"}
    assert merge_text(None, None, None) == (None, False)


def test_put_places_a_new_key_after_its_neighbours() -> None:
    doc = roundtrip.parse("status: planned\nowner: it\nevidence: [a]\n", Path("c.yaml"))
    put(doc.data, "reasons", ["risk"], after=("status", "owner"))
    put(doc.data, "status", "implemented")
    assert list(doc.data) == ["status", "owner", "reasons", "evidence"]
    assert doc.data["status"] == "implemented"
