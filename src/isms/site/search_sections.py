"""The sections Material's search plugin cuts a page into, found without ``html.parser``: the same sections.

Material for MkDocs' search plugin feeds every page's HTML to a ``html.parser.HTMLParser`` subclass
(``material.plugins.search.plugin.Parser``) that splits it at the headings into sections of title
and text. At 1,000 controls that parse was a third to almost half of MkDocs' CPU time (issue #19):
``html.parser`` calls several Python functions for each tag and each run of text, and the parser's
handlers compare ``Element`` objects through ``__eq__`` and ``__hash__`` for each.

:func:`sections` does what that parser does in one pass: a regular expression finds the tags, and
the handlers' logic runs on tag names. It reproduces the parser's quirks, since the index must be
the same: ``Element`` compares by tag name only, so the set of skipped elements is a set of names
(an element nested in an excluded one of the same name ends the exclusion at its own end tag),
a heading's title is whatever lies inside an element of the heading's name, and an end tag that
does not close the innermost open element is ignored. It reads only the HTML that ``html.parser``
reads the same way for sure: tags with quoted attribute values free of ``<`` and ``>``,
end tags without attributes, and text; for a page with anything else (a comment, a ``<script>``,
a ``<`` in text, an unquoted value) it returns None and the caller runs Material's own parser.
``tests/unit/site/test_search_sections.py`` and ``tests/acceptance/test_site_search_index.py``
compare both on hand-made HTML and on the example site's pages.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

from material.plugins.search.plugin import Element, Section, void

_SPACE = r"[ \t\n\r\f]"  # what ends a tag name for html.parser (``\s`` would take U+3000 too)
_NAME = r"[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_VALUE = r""""[^"<>]*"|'[^'<>]*'"""
#: A tag of the subset read here (group 1: "/" of an end tag; 2: name; 3: attributes; 4: "/" of "/>").
_TAG = re.compile(
    rf"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:{_SPACE}+{_NAME}(?:{_SPACE}*={_SPACE}*(?:{_VALUE}))?)*){_SPACE}*(/?)>"
)
#: One attribute of a tag's attribute text (group 1: name; 2: value with its quotes).
_ATTR = re.compile(rf"{_SPACE}+({_NAME})(?:{_SPACE}*={_SPACE}*({_VALUE}))?")
#: Elements whose content ``html.parser`` reads as raw text (or might, in some Python version).
_RAW = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"})
_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
#: Material's parser: the tags kept in a section's text, and the elements always skipped.
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_ALWAYS_SKIPPED = ("script", "style", "object")
_VOID = frozenset(void)
#: In a tag's attribute text, what may make an element excluded (an entity may spell either).
_WANTED = re.compile("data-search-exclude|linenodiv|&", re.IGNORECASE)  # html.parser lowers attribute names
_NO_ATTRS: dict[str, str | None] = {}


def _attrs(text: str) -> dict[str, str | None]:
    """Return a tag's attributes as ``dict(attrs)`` of ``html.parser``'s list would be."""
    found: dict[str, str | None] = {}
    for match in _ATTR.finditer(text):
        quoted = match.group(2)
        value = None if quoted is None else quoted[1:-1]
        found[match.group(1).lower()] = value if value is None or "&" not in value else unescape(value)
    return found


class _Sections:
    """Material's ``Parser`` state, with names for elements (``Element`` compares by tag name only)."""

    def __init__(self) -> None:
        self.tags: list[str] = []  # the open elements' names, outermost first (Material's ``context``)
        self.attrs: list[dict[str, str | None]] = []
        self.skip = set(_ALWAYS_SKIPPED)
        self.section: Any = None
        self.data: list[Any] = []

    def _preface(self) -> Any:
        if self.section is None:
            self.section = Section(Element("hx"))
            self.data.append(self.section)
        return self.section

    def _target(self) -> list[str]:
        section = self.section
        target: list[str] = section.title if section.el.tag in self.tags else section.text
        return target

    def start(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag in _VOID:
            return
        tags = self.tags
        tags.append(tag)
        self.attrs.append(attrs)
        if tag in _HEADINGS and "id" in attrs:
            depth = len(tags)
            if tag != "h1" and not self.data:
                self.section = Section(Element("hx"), depth)
                self.data.append(self.section)
            self.section = Section(Element(tag, attrs), depth)
            if self.data:
                self.section.id = attrs["id"]
            self.data.append(self.section)
        self._preface()
        if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
            self.skip.add(tag)
            return
        if tag in _KEEP and self.skip.isdisjoint(tags):
            self._target().append(f"<{tag}>")

    def end(self, tag: str) -> None:
        tags = self.tags
        if not tags or tags[-1] != tag:
            return
        section = self.section
        depth = len(tags)
        if section.depth > depth:
            for previous in reversed(self.data):
                if previous.depth <= depth:
                    section.depth = float("inf")
                    self.section = previous
                    break
        tags.pop()
        self.attrs.pop()
        if tag in self.skip:
            if tag not in _ALWAYS_SKIPPED:
                self.skip.remove(tag)
            return
        if tag in _KEEP and self.skip.isdisjoint(tags):
            data = self._target()
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def text(self, data: str) -> None:
        tags = self.tags
        if not self.skip.isdisjoint(tags):
            return
        pre = "pre" in tags
        if not pre:
            data = data.replace("\n", " ") if not data.isspace() else " "
        section = self._preface()
        if section.el.tag in tags:
            links = (attrs.get("class") for name, attrs in zip(tags, self.attrs, strict=True) if name == "a")
            permalink = "headerlink" in links
            if not permalink:
                section.title.append(escape(data, quote=False))
        elif data.isspace():
            text = section.text
            if not text or not text[-1].isspace() or pre:
                text.append(data)
        else:
            section.text.append(escape(data, quote=False))


def sections(html: str) -> list[Any] | None:
    """Return Material's search sections of a page's HTML, or None when it holds HTML read only by ``html.parser``."""
    state = _Sections()
    start, end, text = state.start, state.end, state.text
    position = 0
    for match in _TAG.finditer(html):
        if position < match.start():
            chunk = html[position : match.start()]
            if "<" in chunk:  # not a tag of the subset: html.parser reads it its own way
                return None
            text(unescape(chunk) if "&" in chunk else chunk)
        position = match.end()
        closing, name, attributes, self_closing = match.groups()
        tag = name.lower()
        if tag in _RAW:
            return None
        if closing:
            if attributes or self_closing:
                return None
            end(tag)
            continue
        # Only a heading's and a link's attributes are read, and the two that exclude an element.
        wanted = attributes and (tag in _HEADINGS or tag == "a" or _WANTED.search(attributes))
        start(tag, _attrs(attributes) if wanted else _NO_ATTRS)
        if self_closing:
            end(tag)
    if position < len(html):
        chunk = html[position:]
        if "<" in chunk:
            return None
        text(unescape(chunk) if "&" in chunk else chunk)
    return state.data
