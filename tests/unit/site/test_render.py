"""Rendering: YAML text is inert in Markdown headings and in HTML bodies."""

from __future__ import annotations

import dataclasses
import posixpath

import markdown
import pytest

from isms.site.labels import Labels
from isms.site.pages.basics import Ref
from isms.site.pages.types import EvidenceRow
from isms.site.render import (
    control_evidence_rows,
    css_string,
    markdown_inline,
    page_href,
    paragraphs,
    percent,
    register_rows,
    relpath,
)

HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    "[click](javascript:window.__pwned=3)",
    'title {: onclick="window.__pwned=4" }',
    "*emphasis* _under_ `code` ==mark== ~~del~~ ^^ins^^",
    "&lt;already escaped&gt; &amp; ok",
    "# not a heading\n- not a list\n\n1. not ordered",
]


def to_html(source: str) -> str:
    return markdown.markdown(source, extensions=["attr_list", "toc", "tables", "admonition", "md_in_html"])


@pytest.mark.parametrize("text", HOSTILE)
def test_headings_are_inert(text: str) -> None:
    html = to_html(f"## {markdown_inline(text)}\n")
    assert "<script" not in html
    assert "<img" not in html
    assert " onclick=" not in html
    for tag in ("<em>", "<strong>", "<code>", "<a ", "<mark>", "<del>", "<li>", "<ol>"):
        assert tag not in html
    assert html.startswith("<h2")


def test_heading_text_survives_as_text() -> None:
    html = to_html(f"# {markdown_inline('<b>5.1</b> & *x*')}\n")
    assert html.startswith("<h1")
    assert "&#60;b&#62;5&#46;1&#60;&#47;b&#62; &#38; &#42;x&#42;" in html


@pytest.mark.parametrize("text", HOSTILE)
def test_paragraphs_in_html_blocks_are_inert(text: str) -> None:
    html = to_html(f'<div class="isms-text">{paragraphs(text)}</div>\n')
    assert "<script" not in html
    assert "<img" not in html
    assert "<em>" not in html
    assert "<a " not in html


def test_paragraphs_split_on_blank_lines_and_break_single_newlines() -> None:
    assert str(paragraphs("one\ntwo\n\n three <x> \n")) == "<p>one<br>two</p><p>three &lt;x&gt;</p>"
    assert str(paragraphs("")) == ""


@pytest.mark.parametrize(
    ("page", "target", "expected"),
    [
        ("index.md", "soa.md", "soa.html"),
        ("index.md", "evidence.md#ev-x", "evidence.html#ev-x"),
        ("controls/iso/5.1.md", "evidence.md#ev-x", "../../evidence.html#ev-x"),
        ("controls/iso/5.1.md", "controls/iso/5.2.md", "5.2.html"),
        ("controls/iso/5.1.md", "files/evidence/a/b.csv", "../../files/evidence/a/b.csv"),
        ("frameworks/x.md", "frameworks/x.md#req-1", "x.html#req-1"),
        ("index.md", None, ""),
    ],
)
def test_links_are_relative_to_the_page(page: str, target: str | None, expected: str) -> None:
    assert page_href(page)(target) == expected


def test_percent() -> None:
    assert percent(0.8563) == "85.6 %"
    assert percent(1.0) == "100.0 %"
    assert percent(None) == "–"


def test_a_file_named_like_a_scheme_stays_a_path() -> None:
    assert page_href("evidence.md")("javascript:alert(1).html") == "./javascript:alert(1).html"


def test_css_string_leaves_no_way_out_of_the_string() -> None:
    value = str(css_string('A社 — v3.0 "x" \\ </style><script>'))
    assert value == (
        "A社 \\002014  v3\\00002e 0 \\000022 x\\000022  \\00005c  \\00003c \\00002f style\\00003e "
        "\\00003c script\\00003e "
    )
    assert not set(value) & set("\"<>'")


def _row(text: str, **changes: object) -> EvidenceRow:
    row = EvidenceRow(
        path=f"r/{text}.txt",
        anchor="ev-r",
        title=text,
        description=text,
        date="2026-01-01",
        expires=None,
        state="current",
        classification="internal",
        sha256="ab" * 32,
        withheld=False,
        file_target=None,
        collected_by=text,
        used_by=(),
        signature="good",
        store=text,
        verified=text,
        attestation_sha256="cd" * 32,
    )
    return dataclasses.replace(row, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("used_by", [(), (Ref("G1", "<b>x</b>", "controls/g/G1.md", None, "<i>fw</i>"),)])
def test_rows_written_in_python_escape_everything_from_yaml(used_by: tuple[Ref, ...]) -> None:
    evil = '<script>alert("x")</script>'
    href = page_href("evidence-register/001.md")
    for html in (
        register_rows([_row(evil, used_by=used_by)], href, Labels("en")),
        control_evidence_rows([_row(evil)], href, Labels("ja")),
        register_rows([_row(evil, store=None, file_target="evidence/x.pdf")], href, Labels("ja")),
    ):
        assert "<script" not in html
        assert "<b>" not in html
        assert "<i>" not in html
        assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("path", "base"),
    [
        ("controls/demo/DM-1.html", "controls/demo"),
        ("controls/demo/DM-1.html", "controls/other"),
        ("controls/demo/DM-1.html", ""),
        ("index.html", "controls/demo"),
        ("controls/demo", "controls/demo"),
        ("controls", "controls/demo"),
        ("controls/demo/a/b.html", "controls"),
        ("files/evidence/x y/z.pdf", "evidence-register"),
        ("a/../b.html", "c"),
        ("./a.html", "c/d"),
        ("a//b.html", "a"),
        ("/abs/a.html", "b"),
        ("a.html", "b/./c"),
        ("javascript:x", ""),
    ],
)
def test_relpath_by_segments_is_posixpath_relpath(path: str, base: str) -> None:
    """Links are made relative by segments (issue #19): the same as posixpath.relpath, odd paths included."""
    assert relpath(path, base) == posixpath.relpath(path, base or ".")
