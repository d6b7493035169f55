"""A control page's Markdown, byte for byte: every branch of the page, hostile text in every field.

The expected files in ``tests/data/site/control-page/`` were written by the Jinja2 template the page had
before it was written in Python (issue #19); the page must stay those bytes. Regenerate one only for a
change meant to show on the site, and read the diff.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from isms.site.pages.basics import Ref
from isms.site.pages.types import (
    CommitRow,
    ControlPage,
    EvidenceRow,
    FindingRow,
    MeasureView,
    PeriodPoint,
    SiteInfo,
)
from isms.site.render import Renderer

EXPECTED = Path(__file__).parents[2] / "data" / "site" / "control-page"

#: Markup, Markdown, attribute-list and link syntax, quotes, ampersands, a marker line and line breaks.
EVIL = '<script>x("1")</script> & \'q\' *em* [a](javascript:y) {: onclick="z" } <!--isms:html--> #h\nline2'


def _info(lang: str, *, commit: str | None, dirty: bool) -> SiteInfo:
    return SiteInfo(
        lang=lang,  # type: ignore[arg-type]
        organisation=f"Org {EVIL}",
        scope=None,
        as_of="2026-11-26",
        commit=commit,
        dirty=dirty,
        history_available=True,
        history_partial=False,
        errors=1,
        warnings=2,
        notes=3,
    )


def _evidence(name: str, **changes: object) -> EvidenceRow:
    row = EvidenceRow(
        path=f"{name}/{EVIL}.csv",
        anchor=f"ev-{name}",
        title=f"{name} {EVIL}",
        description=None,
        date="2026-01-15",
        expires="2027-01-15",
        state="current",
        classification="internal",
        sha256="ab" * 32,
        withheld=True,
        file_target=None,
        collected_by=None,
        used_by=(),
    )
    return dataclasses.replace(row, **changes)  # type: ignore[arg-type]


def _refs(prefix: str) -> tuple[Ref, ...]:
    return (
        Ref(f"{prefix}1", f"{prefix}1 {EVIL}", f"controls/other/{prefix}1.md", "implemented", f"FW {EVIL}"),
        Ref(f"{prefix}2", f"{prefix}2", "frameworks/iso.md#req-2", "reference"),
        Ref(f"{prefix}3", f"t {EVIL}", None, "out-of-scope", "G"),
        Ref(f"{prefix}4 {EVIL}", "t4", "javascript:alert(1).md", None),
        Ref(f"{prefix}5", "t5", "risks/R-5.md", "planned"),
    )


def full_page() -> ControlPage:
    """Every optional part present."""
    points = (
        PeriodPoint("2026-Q1", 0.8, "80.0 %", 10, f"Q1 {EVIL}"),
        PeriodPoint("2026-Q2", 1.0, "100.0 %", 12, "Q2"),
    )
    return ControlPage(
        path="controls/demo/DM-1.md",
        title=f"DM-1 {EVIL}",
        ref=Ref("DM-1", EVIL, "controls/demo/DM-1.md"),
        framework=Ref("demo", f"Demo {EVIL}", "frameworks/demo.md", group="Demo"),
        source=f"controls/demo/{EVIL}.yaml",
        requirement=f"first {EVIL}\n\nsecond\nthird",
        status="implemented",
        owner=f"Owner {EVIL}",
        reasons=(f"risk {EVIL}", "legal"),
        justification=f"because {EVIL}",
        implementation=f"done {EVIL}\n\n\nmore",
        notes=f"note {EVIL}",
        due="2026-12-31",
        review_last="2026-01-15",
        review_interval=f"1 year {EVIL}",
        review_next="2027-01-15",
        review_by=f"Reviewer {EVIL}",
        evidence=(
            _evidence("a", collected_by=f"IT {EVIL}", description=f"d {EVIL}"),
            _evidence("b", withheld=False, file_target="files/evidence/b/x y.csv", signature="good"),
            _evidence("c", withheld=False, store=f"vault {EVIL}", verified=f"ok {EVIL}", attestation_sha256="cd" * 32),
            _evidence("d", withheld=False, store="vault", verified="no", sha256=None, signature="invalid"),
            _evidence("e", withheld=False, expires=None, state="expired", classification="public"),
        ),
        measures=(
            MeasureView(
                f"m {EVIL}", f"Share {EVIL}", f">= 90% {EVIL}", 0.9, True, "quarter", "met", "100.0 %", points, None
            ),
            MeasureView("n", "Count", "<= 3", 3.0, False, "month", "no_data", None, (), f"problem {EVIL}"),
        ),
        maps_to=_refs("T"),
        mapped_from=_refs("F"),
        findings=(
            FindingRow("error", f"rule-{EVIL}", f"message {EVIL}", f"{EVIL}:1:2", Ref("DM-1", "x", "controls/d.md")),
            FindingRow("warning", "r2", "m2", "f.yaml", None),
        ),
        history=(
            CommitRow("2026-10-01T09:00:00+09:00", "637c3d2c30", f"A {EVIL}", f"s {EVIL}", ("a.yaml", f"b {EVIL}")),
            CommitRow("2026-09-01T09:00:00+09:00", "1234567890", "B", "t", ("a.yaml",)),
        ),
        history_state="partial",
        dirty=True,
        risks=_refs("R")[:2],
        history_older=7,
        history_paths=("a.yaml", f"b {EVIL}"),
        suppliers=_refs("S")[2:],
    )


def _bare(**changes: object) -> ControlPage:
    page = dataclasses.replace(
        full_page(),
        requirement=None,
        owner=None,
        reasons=(),
        justification=None,
        implementation=None,
        notes=None,
        due=None,
        review_last=None,
        review_next=None,
        review_by=None,
        evidence=(),
        measures=(),
        maps_to=(),
        mapped_from=(),
        findings=(),
        history=(),
        history_state="complete",
        dirty=False,
        risks=(),
        history_older=0,
        history_paths=(),
        suppliers=(),
    )
    return dataclasses.replace(page, **changes)  # type: ignore[arg-type]


CASES: dict[str, tuple[ControlPage, SiteInfo]] = {
    "full-ja": (full_page(), _info("ja", commit="637c3d2c300fa0a338b51f3f855ebc4bcd033c55", dirty=True)),
    "full-en": (full_page(), _info("en", commit="637c3d2c300fa0a338b51f3f855ebc4bcd033c55", dirty=False)),
    "bare-ja": (_bare(), _info("ja", commit=None, dirty=False)),
    "bare-en": (_bare(history_state="unavailable", maps_to=_refs("T")[:1]), _info("en", commit=None, dirty=True)),
    "some-en": (
        _bare(
            history_state="complete",
            mapped_from=_refs("F")[3:],
            history=full_page().history[1:],
            implementation="x",
            review_last="2026-01-15",
            measures=full_page().measures[:1],
            path="controls/a b/c.md",
        ),
        _info("en", commit="0" * 40, dirty=False),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_control_page_is_the_same_bytes(case: str) -> None:
    page, info = CASES[case]
    expected = (EXPECTED / f"{case}.md").read_text(encoding="utf-8")
    assert Renderer(info).render(page) == expected


def test_text_from_yaml_is_inert_on_the_page() -> None:
    page, info = CASES["full-en"]
    text = Renderer(info).render(page)
    assert "<script>" not in text
    assert 'onclick="' not in text
    assert 'href="javascript:' not in text
    assert text.count("<!--isms:html-->\n") == text.count("\n<!--/isms:html-->")
