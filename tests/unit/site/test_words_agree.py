"""The site and the SoA workbook use the same words for statuses, reasons and evidence states."""

from __future__ import annotations

import pytest

from isms import vocabulary
from isms.export.soa import EVIDENCE_STATE_WORDS, REASON_WORDS, STATUS_WORDS, UNDECIDED, word
from isms.model.base import Lang
from isms.site.labels import Labels
from isms.state.evidence import EvidenceState


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_site_labels_are_the_workbook_words(lang: Lang) -> None:
    t = Labels(lang)
    workbook: dict[str, tuple[str, str]] = {"undecided": UNDECIDED, **EVIDENCE_STATE_WORDS}
    workbook.update(STATUS_WORDS.items())
    workbook.update(REASON_WORDS.items())
    assert workbook
    for key, pair in workbook.items():
        assert t(key) == word(pair, lang), key
    assert t("dirty") == word(vocabulary.UNCOMMITTED, lang)


def test_every_evidence_state_has_words() -> None:
    assert {state.value for state in EvidenceState} | {"undeclared"} == set(EVIDENCE_STATE_WORDS)
    assert Labels("ja")("missing") == "ファイルなし"
    assert Labels("ja")("tampered") == "ハッシュ不一致"
    assert Labels("ja")("legal") == "法令・規制"
