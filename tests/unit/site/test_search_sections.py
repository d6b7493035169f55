"""isms.site.search_sections finds the sections Material's search parser finds, quirks included, or gives up."""

from __future__ import annotations

from typing import Any

import pytest
from material.plugins.search.plugin import Parser

from isms.site.search_sections import sections


def material(html: str) -> list[Any]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return list(parser.data)


def described(found: list[Any]) -> list[tuple[object, ...]]:
    """What the index takes from a section (and what decides the next ones)."""
    return [(s.el.tag, s.el.attrs, s.id, s.depth, "".join(s.title), "".join(s.text), s.is_excluded()) for s in found]


SAME = {
    "a page": (
        '<h1 id="a-1">A-1 要求<a class="headerlink" href="#a-1" title="Permanent link">&para;</a></h1>\n'
        '<p class="isms-meta" data-search-exclude><span>基準日 <time datetime="2026-11-26">2026-11-26</time>'
        "</span></p>\n"
        '<dl class="isms-facts">\n<dt>状態</dt><dd><span class="isms-badge">実施済</span></dd>\n</dl>\n'
        '<h2 id="implementation">実施内容<a class="headerlink" href="#implementation">&para;</a></h2>\n'
        '<div class="isms-text"><p>手順に従って <code>x &lt; y</code> 実施。</p><ul><li>一</li><li> </li></ul></div>\n'
        '<table><tr id="ev-1"><td><strong>証跡0</strong><br><code class="isms-path">r/e.txt</code></td>'
        '<td data-search-exclude><code title="abc">abc</code><div class="isms-small">署名なし</div></td></tr></table>\n'
    ),
    "text before the first heading, and an h2 first": "intro &amp; more\n<h2 id='x'>X</h2><p>t</p>",
    "an h2 with an id first": '<h2 id="x">X</h2>\n<p>text</p>\n<h3 id="y">Y</h3><p>more</p>',
    "an h1 without an id": "<h1>Title</h1><p>body</p>",
    "an excluded heading": '<h1 id="a">A</h1><h2 id="b" data-search-exclude>B</h2><p>hidden? no</p>',
    "a heading in an excluded element": (
        '<h1 id="a">A</h1><div data-search-exclude><h2 id="b">B</h2><p>x</p></div><p>y</p>'
    ),
    "a nested element of the excluded one's name ends the exclusion": (
        '<h1 id="a">A</h1><div data-search-exclude><div>inner</div> after inner </div><p>next</p>'
    ),
    "nested exclusions of one name": (
        '<h1 id="a">A</h1><span data-search-exclude>a<span data-search-exclude>b</span>c</span>d'
    ),
    "a heading inside a div, then text outside it": (
        '<h1 id="a">A</h1><div><h2 id="b">B</h2><p>in</p></div><p>out</p><div><div><h3 id="c">C</h3></div></div>x'
    ),
    "an end tag that closes nothing, and one out of order": (
        "<h1 id='a'>A</h1><p>x</span>y</p></div><ul><li>z</ul></li>"
    ),
    "empty and whitespace-only kept tags": "<h1 id='a'>A</h1><p> </p><p>\n</p><code></code><ul>\n<li>a</li>\n</ul>",
    "whitespace runs, and pre": "<h1 id='a'>A</h1><p>a\nb</p>\n\n<p>c</p><pre>  x\n  y\n</pre>\n \n<pre> </pre>",
    "void and self-closing tags": '<h1 id=\'a\'>A<br/>B</h1><p>x<br>y<img src="i.png" alt="z"/><span/>w</p>',
    "line numbers": (
        '<h1 id="a">A</h1><table><td class="linenodiv"><pre>1\n2</pre></td><td><pre>code</pre></td></table>'
    ),
    "an object": "<h1 id='a'>A</h1><object><p>in object</p></object><p>after</p>",
    "entities in text and attributes": (
        '<h1 id="a&amp;b">A &lt;b&gt; &#x3042; &nbsp;</h1><p title="&quot;q&quot;">&amp;amp; &copy</p>'
    ),
    "a permalink's text": '<h1 id="a">A<a class="headerlink" href="#a">&para;</a><a href="#x">link</a></h1>',
    "upper case and spaces in tags": '<H1 ID="a">A</H1 ><P CLASS = "x">text</P>\n<p\n class="y"\n>z</p >',
    "an attribute without a value and an empty one": (
        '<h1 id="a" data-x>A</h1><p id="">x</p><td data-search-exclude="">y</td>z'
    ),
    "an excluding attribute in upper case": '<h1 id="a">A</h1><P DATA-SEARCH-EXCLUDE>x</P><p Class="linenodiv">y</p>z',
    "duplicate attributes": '<h1 id="a" id="b">A</h1><p class="linenodiv" class="x">kept</p>',
    "no tags at all": "just text &amp; more",
    "nothing": "",
}


@pytest.mark.parametrize("html", SAME.values(), ids=SAME.keys())
def test_the_same_sections_as_materials_parser(html: str) -> None:
    found = sections(html)
    assert found is not None
    assert described(found) == described(material(html))


LEFT_TO_MATERIAL = {
    "a comment": "<h1 id='a'>A</h1><!-- note --><p>x</p>",
    "a script": "<h1 id='a'>A</h1><script>if (a < b) {}</script>",
    "a style": "<h1 id='a'>A</h1><style>p > a {}</style>",
    "a title element (raw text in newer Pythons)": "<svg><title>a<b</title></svg>",
    "a < in text": "<h1 id='a'>A</h1><p>a < b</p>",
    "a < at the end": "<p>x</p>a <",
    "an unquoted attribute value": "<h1 id=a>A</h1>",
    "a > in a quoted value": '<p title="a > b">x</p>',
    "an end tag with attributes": '<p>x</p class="y">',
    "a doctype": "<!DOCTYPE html><p>x</p>",
    "an ideographic space in a tag": '<p\u3000class="x">y</p>',
}


@pytest.mark.parametrize("html", LEFT_TO_MATERIAL.values(), ids=LEFT_TO_MATERIAL.keys())
def test_html_outside_the_subset_is_left_to_materials_parser(html: str) -> None:
    assert sections(html) is None
