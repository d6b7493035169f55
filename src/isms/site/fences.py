"""Fencing the generated pages' HTML blocks for :mod:`isms.site.rawhtml` (plain strings, no Markdown import)."""

from __future__ import annotations

import re

#: The marker lines around a block that the engine's Markdown passes through as it is.
OPEN = "<!--isms:html-->"
CLOSE = "<!--/isms:html-->"

# Python-Markdown's block-level elements (markdown.util.BLOCK_LEVEL_ELEMENTS): a raw HTML block starts
# with one of them at the start of a line.
_BLOCK_LEVEL = frozenset(
    (
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
        "canvas",
        "colgroup",
        "dd",
        "body",
        "dt",
        "group",
        "html",
        "iframe",
        "li",
        "legend",
        "math",
        "map",
        "noscript",
        "output",
        "object",
        "option",
        "progress",
        "script",
        "style",
        "summary",
        "tbody",
        "td",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "tr",
        "video",
        "center",
    )
)
_FIRST_TAG = re.compile(r"<([a-z][a-z0-9]*)[\s>]")


def self_contained(block: str) -> bool:
    """Return True when ``block`` is one HTML element that Python-Markdown would store whole as raw HTML.

    That is: it starts with a block-level start tag and the element it opens closes exactly at its end.
    """
    block = block.rstrip()
    first = _FIRST_TAG.match(block)
    if first is None or first.group(1) not in _BLOCK_LEVEL or not block.endswith(f"</{first.group(1)}>"):
        return False
    name = first.group(1)
    if block.count(f"<{name}") == 1 and block.count(f"</{name}") == 1:
        return True  # the start tag and the end tag are its only tags of that name: the first opens, the last closes
    depth = 0
    tags = list(re.finditer(rf"<(/?){name}[\s>]", block))
    for index, tag in enumerate(tags):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return index == len(tags) - 1
    return False


def elements(lines: list[str]) -> list[list[str]] | None:
    """Split a block's lines into whole block-level elements, each ending at the end of a line; None if they are not.

    ``<p>a</p>`` / ``<table>`` … ``</table>`` on consecutive lines are two elements, which Python-Markdown
    stores as two raw HTML blocks; a line holding the end of one element and the start of another
    (``</p><dl>``), text between elements or an element left open makes the whole block Markdown's.
    """
    groups: list[list[str]] = []
    group: list[str] = []
    name = ""
    depth = 0
    for line in lines:
        if not group:
            first = _FIRST_TAG.match(line)
            if first is None or first.group(1) not in _BLOCK_LEVEL:
                return None
            name, depth = first.group(1), 0
        group.append(line)
        tags = list(re.finditer(rf"<(/?){name}[\s>]", line))
        for index, tag in enumerate(tags):
            depth += -1 if tag.group(1) else 1
            if depth == 0 and (index != len(tags) - 1 or not line.rstrip().endswith(f"</{name}>")):
                return None
        if depth == 0:
            groups.append(group)
            group = []
    return None if group else groups


def fence(markdown: str) -> str:
    """Return a generated page's Markdown with each self-contained HTML block between marker lines.

    A block of several elements on consecutive lines gets a fence for each (:func:`elements`).
    """
    lines = markdown.split("\n")
    out: list[str] = []
    block: list[str] = []

    def flush() -> None:
        if not block:
            return
        text = "\n".join(block)
        if self_contained(text):
            out.extend((OPEN, text, CLOSE))
        elif block[0].startswith("<") and (groups := elements(block)) is not None:
            for group in groups:
                out.extend((OPEN, *group, CLOSE))
        else:
            out.extend(block)
        block.clear()

    for line in lines:
        if line.strip():
            block.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out)
