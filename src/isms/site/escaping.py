"""Text from YAML made inert where a page puts it: HTML text and attributes, Markdown headings, paragraphs.

Text from YAML reaches a page in one of two places, each with its own escaping:

* inside HTML (almost everything): :func:`html_text` (or Jinja2's autoescape, the same characters);
  Python-Markdown passes raw HTML blocks through untouched, so ``<script>`` stays ``&lt;script&gt;``
  and no Markdown syntax is interpreted;
* in a Markdown heading: :func:`markdown_inline`, which also writes every ASCII punctuation character
  as a numeric character reference, so that no Markdown, attribute-list or extension syntax can form.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_REFERENCES = str.maketrans({c: f"&#{ord(c)};" for c in _PUNCTUATION})
_PARAGRAPHS = re.compile(r"\n\s*\n")


def html_text(value: str) -> str:
    """Return text escaped for HTML exactly as ``markupsafe.escape`` escapes it (``&#34;``, ``&#39;``).

    A plain string in, a plain string out, without a `Markup` object for each value (the rows and
    pages written in Python escape millions of values at 10,000 controls, issue #19). A `Markup` value is
    escaped as the text it holds (once, like ``escape(str(value))``), never passed through: ``Markup``'s own
    ``replace`` would escape its arguments too and garble it.
    """
    if type(value) is not str:
        value = str.__str__(value)
    return (
        value.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


def markdown_inline(value: object) -> Markup:
    """Return text for a Markdown heading or list item: one line, every ASCII punctuation as a reference."""
    text = " ".join(str(value).split())
    return Markup(text.translate(_REFERENCES))  # noqa: S704 - escaped here


def paragraphs(value: object) -> Markup:
    """Return text as HTML paragraphs: blank lines split paragraphs, single newlines become ``<br>``."""
    parts = [part.strip() for part in _PARAGRAPHS.split(str(value).strip()) if part.strip()]
    html = "".join(f"<p>{'<br>'.join(html_text(line) for line in part.splitlines())}</p>" for part in parts)
    return Markup(html)  # noqa: S704 - escaped per line above
