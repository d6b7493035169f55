"""Fenced HTML blocks pass through the engine's Markdown as Python-Markdown's own raw-HTML handling would."""

from __future__ import annotations

import markdown
import pytest

from isms.site.fences import CLOSE, OPEN, fence, self_contained

EXTENSIONS = ["attr_list", "admonition", "tables", "toc"]

PAGE = """\
# Title &#60;x&#62;

<p class="isms-meta"><span>as of</span></p>

<dl class="isms-facts">
<dt>a</dt><dd>&lt;script&gt;</dd>
</dl>

## Evidence { #evidence }

<table id="t">
<thead><tr><th>x</th></tr></thead>
<tbody>
<tr><td><table><tr><td>nested</td></tr></table></td></tr>
</tbody>
</table>

<div class="a"><p>one</p></div>
<div class="b"><p>two</p></div>

<div class="open">

*markdown inside a div that closes later*

</div>

A paragraph with <span>inline</span> HTML and *emphasis*.

<span>inline at the start</span> of a paragraph
"""


def html(text: str, *, fenced: bool) -> str:
    extensions = [*EXTENSIONS, "isms.site.rawhtml"] if fenced else EXTENSIONS
    return markdown.Markdown(extensions=extensions).convert(fence(text) if fenced else text)


def test_the_same_html_with_and_without_the_fences() -> None:
    assert html(PAGE, fenced=True).split() == html(PAGE, fenced=False).split()


@pytest.mark.parametrize(
    ("block", "whole"),
    [
        ('<table id="t">\n<tr><td><table></table></td></tr>\n</table>', True),
        ("<p>x</p>", True),
        ("<div>a</div>\n<div>b</div>", False),  # two elements: left to Markdown
        ('<div class="open">', False),  # closes in a later block
        ("<span>x</span>", False),  # not block-level: a paragraph
        ("<table>x</table> tail", False),
        ("text <p>x</p>", False),
    ],
)
def test_only_whole_block_level_elements_are_fenced(block: str, *, whole: bool) -> None:
    assert self_contained(block) is whole
    assert (fence(block) == f"{OPEN}\n{block}\n{CLOSE}") is whole


def test_a_page_without_fences_is_left_to_markdown() -> None:
    text = "<div>\n\n*x*\n\n</div>\n"
    fenced = markdown.Markdown(extensions=["isms.site.rawhtml"]).convert(text)
    assert fenced == markdown.Markdown().convert(text)


def test_elements_on_consecutive_lines_get_a_fence_each() -> None:
    block = '<p class="a">one</p>\n<p class="b">two</p>\n<table>\n<tr><td>x</td></tr>\n</table>'
    assert fence(block).split("\n") == [
        OPEN,
        '<p class="a">one</p>',
        CLOSE,
        OPEN,
        '<p class="b">two</p>',
        CLOSE,
        OPEN,
        "<table>",
        "<tr><td>x</td></tr>",
        "</table>",
        CLOSE,
    ]
    page = f"# T\n\n{block}\n"
    assert html(page, fenced=True).split() == html(page, fenced=False).split()


@pytest.mark.parametrize(
    "block",
    [
        "<p>a</p><dl>\n<dt>x</dt>\n</dl>",  # one element ends where the next starts: one block, Markdown's
        "<p>a</p>\ntext",
        "<p>a</p>\n<div>open",
        "<p>a</p>\n<span>inline</span>",
    ],
)
def test_a_block_that_is_not_whole_elements_line_by_line_is_left_to_markdown(block: str) -> None:
    assert fence(block) == block
