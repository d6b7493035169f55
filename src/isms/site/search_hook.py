"""A MkDocs hook that has Material's search plugin find a page's sections with :mod:`isms.site.search_sections`.

``isms site build`` lists this file in the engine's ``hooks`` (:func:`isms.site.config.engine_config`,
MkDocs only). After the search plugin has set up its index (``on_config``), the index's
``add_entry_from_context`` is replaced, on that one index, by the same method with the faster
parse; a page that parse leaves alone goes to Material's own parser. The index is the same.
"""

from __future__ import annotations

import logging
import types
from collections import Counter
from typing import Any

from material.plugins.search.plugin import Parser, SearchIndex, SearchPlugin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from isms.site.search_sections import sections

log = logging.getLogger("mkdocs.plugins.isms.search")
#: Pages whose sections :func:`sections` found ("fast") or left to Material's parser ("material"), this build.
parsed: Counter[str] = Counter()


def add_entry_from_context(index: Any, page: Page) -> None:
    """Material's ``SearchIndex.add_entry_from_context`` (9.x), with :func:`sections` in front of its parser."""
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return
    content = page.content or ""
    found = sections(content)
    parsed["fast" if found is not None else "material"] += 1
    if found is None:
        parser = Parser()
        parser.feed(content)
        parser.close()
        found = parser.data
    for section in found:
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)


@event_priority(-100)  # after the search plugin's own on_config, which makes the index
def on_config(config: MkDocsConfig) -> None:
    """Give each enabled Material search plugin's index the faster parse."""
    parsed.clear()
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if isinstance(plugin, SearchPlugin) and isinstance(index, SearchIndex):
            index.add_entry_from_context = types.MethodType(add_entry_from_context, index)


def on_post_build(config: MkDocsConfig) -> None:
    """Say (``mkdocs build -v``) how many pages each parse read."""
    log.debug("search sections: %d pages without html.parser, %d with it", parsed["fast"], parsed["material"])
