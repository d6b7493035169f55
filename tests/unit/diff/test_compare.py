from __future__ import annotations

from isms.diff.compare import identity, only_in
from isms.findings import Finding, Severity


def _finding(message: str, line: int, path: str = "controls/demo/R1.yaml") -> Finding:
    return Finding(
        "evidence-stale", Severity.ERROR, message, path, line=line, column=3, control="demo:R1", message_ja="m"
    )


def test_identity_ignores_the_place_in_the_file() -> None:
    assert identity(_finding("m", 3)) == identity(_finding("m", 30))
    assert identity(_finding("m", 3)) != identity(_finding("m", 3, "controls/demo/R2.yaml"))


def test_only_in_counts_equal_findings_as_a_multiset() -> None:
    base = [_finding("a", 1), _finding("b", 2)]
    head = [_finding("a", 5), _finding("a", 6), _finding("c", 7)]
    assert [(f.message, f.line) for f in only_in(head, base)] == [("a", 6), ("c", 7)]
    assert [(f.message, f.line) for f in only_in(base, head)] == [("b", 2)]
