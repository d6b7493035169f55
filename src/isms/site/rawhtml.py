"""A Python-Markdown extension that passes the generated pages' HTML blocks through without parsing them.

Python-Markdown finds raw HTML blocks by running ``html.parser`` over the whole page, tag by tag,
only to store each block and put it back verbatim. The generated pages are mostly such blocks
(tables of evidence and history), and that parse was a quarter of MkDocs' time (issue #19). The
renderer fences each self-contained block it writes (:func:`fence`) between two marker lines;
this extension, loaded by the engine (MkDocs or Zensical) from ``markdown_extensions``, stores what
lies between the markers as Python-Markdown's own preprocessor would, and leaves the rest of the
page (and every hand-written page) to it. The HTML that comes out is the same.

A marker line cannot come from YAML: text from YAML is HTML-escaped (``<`` is ``&lt;``) in HTML and
written as character references in Markdown headings (:mod:`isms.site.render`).
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from isms.site.fences import CLOSE, OPEN


class _Fenced(Preprocessor):
    """Store each fenced block in the HTML stash, as ``html_block`` stores a raw HTML block."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None:
                if line == OPEN:
                    block = []
                else:
                    out.append(line)
            elif line == CLOSE:
                out.extend(("", self.md.htmlStash.store("\n".join(block)), ""))
                block = None
            else:
                block.append(line)
        if block is not None:  # an unclosed fence (never written by the renderer): leave it to Markdown
            out.extend((OPEN, *block))
        return out


class RawHtmlExtension(Extension):
    """Register the preprocessor ahead of Python-Markdown's ``html_block`` (priority 20)."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the preprocessor to ``md``."""
        md.preprocessors.register(_Fenced(md), "isms_fenced_html", 25)


def makeExtension(**kwargs: object) -> RawHtmlExtension:
    """Return the extension (Python-Markdown loads ``isms.site.rawhtml`` by this name)."""
    return RawHtmlExtension(**kwargs)
