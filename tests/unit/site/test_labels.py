"""Words for values that a person reads: durations in words, never the raw `1y`."""

from __future__ import annotations

import pytest

from isms.loader.discover import packaged_catalogs
from isms.loader.yaml import load_bytes
from isms.model.base import Lang
from isms.model.catalog import CatalogDoc
from isms.site.labels import Labels, duration_words


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


def test_every_attribute_value_of_the_annex_a_catalog_has_words_in_both_languages() -> None:
    """Tags and filters of the framework pages show ISO/IEC 27002 attribute values in words (issue 20)."""
    (raw,) = [content for name, content in packaged_catalogs() if name.endswith("/iso27001-2022.yaml")]
    catalog = CatalogDoc.model_validate(load_bytes(raw, "iso27001-2022.yaml").data)
    values = [value for attribute in catalog.attributes for value in attribute.values]
    assert len(values) == 30
    ja, en = Labels("ja"), Labels("en")
    for value in values:
        assert ja(value) != value, value
        assert en(value) != value, value
        assert "_" not in en(value), value
    assert ja("governance_and_ecosystem") == "ガバナンス及びエコシステム"
    assert en("governance_and_ecosystem") == "Governance and ecosystem"
    # the words within one attribute are distinct (control type `detective` is not concept `detect`)
    for attribute in catalog.attributes:
        assert len({ja(v) for v in attribute.values}) == len(attribute.values), attribute.id
    assert len({ja(v) for v in values}) == len(values)
