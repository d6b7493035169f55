"""Reading a corrective-action log's source cell: the kind it starts with, and the reference after it."""

from __future__ import annotations

import pytest

from isms.importing.nonconformities import split_source


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("incident-SE-2026-002", ("incident", "SE-2026-002")),
        ("internal-audit-2026", ("audit", "2026")),
        ("Internal audit IA-2026", ("audit", "IA-2026")),
        ("監査", ("audit", "")),
        ("内部監査：IA-2026", ("audit", "IA-2026")),
        ("exercise-2026-10", ("exercise", "2026-10")),
        ("マネジメントレビュー 2026-10-20", ("review", "2026-10-20")),
        ("auditor", None),  # a word that only starts with a kind is not that kind
        ("天気", None),
    ],
)
def test_split_source(text: str, expected: tuple[str, str] | None) -> None:
    assert split_source(text) == expected
