"""A MkDocs hook that has Material's search plugin find a page's sections with :mod:`isms.site.search_sections`.

``isms site build`` lists this file in the engine's ``hooks`` (:func:`isms.site.config.engine_config`,
MkDocs only). After the search plugin has set up its index (``on_config``), the index's
``add_entry_from_context`` is replaced, on that one index, by the same method with the faster
parse; a page that parse leaves alone goes to Material's own parser. The plugin's ``on_page_context``
handler is replaced the same way, by the same method that runs Material's regular expression over
a page only when the page holds something it removes. The index and the pages are the same.
"""

from __future__ import annotations

import logging
import re
import types
from collections import Counter
from typing import Any

from material.plugins.search.plugin import Parser, SearchIndex, SearchPlugin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import PluginCollection, event_priority
from mkdocs.structure.pages import Page

from isms.site.search_sections import sections

log = logging.getLogger("mkdocs.plugins.isms.search")
#: What Material's ``on_page_context`` removes from a page (its own expression), and the part of it
#: that a match must hold: searched for first, since the expression's optional head (``\s?``) has
#: the regular expression engine try it at every character of every page (0.3 s at 1k, unindexed
#: pages included).
_MATERIAL_STRIPS = r"\s?data-search-\w+=\"[^\"]+\""
_STRIPPED = re.compile(r'data-search-\w+="[^"]+"')
#: This build's pages: their sections found by :func:`sections` ("fast") or by Material's parser
#: ("material"); all pages ("pages") and those with attributes Material strips ("stripped").
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


def page_context(plugin: Any, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> None:
    """Material's ``SearchPlugin.on_page_context`` (9.x): index the page, then strip what it strips, if any."""
    if not plugin.config.enabled:
        return
    plugin.search_index.add_entry_from_context(page)
    parsed["pages"] += 1
    if page.content is not None and _STRIPPED.search(page.content):
        parsed["stripped"] += 1
        page.content = re.sub(_MATERIAL_STRIPS, "", page.content)


def _replace_handler(plugins: PluginCollection, plugin: Any) -> None:
    """Have MkDocs call :func:`page_context` for ``plugin`` where it called the plugin's own."""
    handlers = plugins.events.get("page_context", [])
    for position, handler in enumerate(handlers):
        if (
            getattr(handler, "__self__", None) is plugin
            and getattr(handler, "__func__", None) is SearchPlugin.on_page_context
        ):
            handlers[position] = types.MethodType(page_context, plugin)


@event_priority(-100)  # after the search plugin's own on_config, which makes the index
def on_config(config: MkDocsConfig) -> None:
    """Give each enabled Material search plugin's index the faster parse."""
    parsed.clear()
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if isinstance(plugin, SearchPlugin) and isinstance(index, SearchIndex):
            index.add_entry_from_context = types.MethodType(add_entry_from_context, index)
            _replace_handler(config.plugins, plugin)


def on_post_build(config: MkDocsConfig) -> None:
    """Say (``mkdocs build -v``) how many pages each parse read."""
    log.debug(
        "search sections: %d pages without html.parser, %d with it; %d of %d pages had data-search attributes",
        parsed["fast"],
        parsed["material"],
        parsed["stripped"],
        parsed["pages"],
    )
