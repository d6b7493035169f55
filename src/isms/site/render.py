"""Page models → Markdown files (Markdown headings, HTML bodies) through Jinja2 with autoescape.

Text from YAML reaches a page in one of two places, each with its own escaping:

* inside HTML (almost everything): Jinja2's autoescape; Python-Markdown passes raw HTML blocks through
  untouched, so ``<script>`` stays ``&lt;script&gt;`` and no Markdown syntax is interpreted;
* in a Markdown heading: the ``md`` filter, which also writes every ASCII punctuation character as a
  numeric character reference, so that no Markdown, attribute-list or extension syntax can form.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from isms import figures
from isms.site import charts
from isms.site.fences import fence
from isms.site.labels import Labels
from isms.site.pages.common import slug
from isms.site.pages.types import PageModel, SiteInfo
from isms.site.risk_charts import heat_map
from isms.urls import safe_link

_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_PARAGRAPHS = re.compile(r"\n\s*\n")


def markdown_inline(value: object) -> Markup:
    """Return text for a Markdown heading or list item: one line, every ASCII punctuation as a reference."""
    text = " ".join(str(value).split())
    return Markup("".join(f"&#{ord(c)};" if c in _PUNCTUATION else c for c in text))  # noqa: S704 - escaped here


def paragraphs(value: object) -> Markup:
    """Return text as HTML paragraphs: blank lines split paragraphs, single newlines become ``<br>``."""
    parts = [part.strip() for part in _PARAGRAPHS.split(str(value).strip()) if part.strip()]
    html = "".join(f"<p>{Markup('<br>').join(escape(line) for line in part.splitlines())}</p>" for part in parts)
    return Markup(html)  # noqa: S704 - escaped per line above


def css_string(value: object) -> Markup:
    """Return text as the inside of a CSS string: every character but letters, digits and spaces escaped.

    For a `<style>` element, where HTML escaping does not apply: no quote, backslash or `<` survives.
    """
    # six hex digits and the space that ends the escape, so a literal space after it survives
    out = "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):06x} " for ch in str(value))
    return Markup(out)  # noqa: S704 - escaped for CSS above


def print_stylesheet(info: SiteInfo) -> str:
    """Return the CSS of the printed page's margins: organisation, as-of date and commit at the top, page numbers below.

    Written for each build (the words differ per edition and per commit); every page links it, hand-written ones too.
    """
    t = Labels(info.lang)
    commit = info.commit_short or t("no_commit")
    header = f"{info.organisation} · {t('as_of')} {info.as_of} · {t('commit')} {commit}"
    if info.dirty:
        header += f" ({t('dirty')})"
    margin = "font-size: 8pt; color: #444;"
    return (
        "@media print { @page { "
        f'@top-left {{ content: "{css_string(header)}"; {margin} }} '
        f'@bottom-right {{ content: counter(page) " / " counter(pages); {margin} }} '
        "} }\n"
    )


@functools.lru_cache(maxsize=65536)
def _relative(path: str, base: str) -> str:
    """Return ``path`` relative to the folder ``base`` (cached: the pages of a folder share most links)."""
    relative = posixpath.relpath(path, base or ".") if path else ""
    if ":" in relative.split("/", 1)[0]:
        relative = f"./{relative}"  # a file named `javascript:x` is a path, never a scheme
    return relative


def page_href(page_path: str) -> Callable[[str | None], str]:
    """Return a function making a site target (``evidence.md#ev-x``) relative to the page at ``page_path``."""
    base = posixpath.dirname(page_path)

    def href(target: str | None) -> str:
        if not target:
            return ""
        path, _, fragment = target.partition("#")
        if path.endswith(".md"):
            path = path[:-3] + ".html"
        return _relative(path, base) + (f"#{fragment}" if fragment else "")

    return href


def percent(value: float | None) -> str:
    """Return a ratio as ``42.3 %`` (``–`` when undefined)."""
    return figures.percent(value)


class Renderer:
    """Renders page models in one language."""

    def __init__(self, info: SiteInfo) -> None:
        """Set up the Jinja2 environment: autoescape on, undefined names are errors."""
        self.info = info
        self.t = Labels(info.lang)
        self.env = Environment(
            loader=PackageLoader("isms.site", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # the templates are the package's: no stat() of a template file per page
        )
        self.env.filters["md"] = markdown_inline
        self.env.filters["paras"] = paragraphs
        self.env.filters["pct"] = percent
        self.env.filters["ratio"] = figures.rounded  # as the JSON outputs carry it
        self.env.filters["slug"] = slug
        self.env.filters["link"] = safe_link
        self.env.filters["css_string"] = css_string
        self.env.globals.update(
            t=self.t,
            info=info,
            coverage_chart=lambda rows: charts.coverage_chart(rows, self.t),
            count_chart=lambda counts, title: charts.count_chart(counts, title, self.t),
            trend_chart=charts.trend_chart,
            heat_map=heat_map,
        )

    def render(self, page: PageModel) -> str:
        """Return the Markdown source of a page, its HTML blocks fenced for the engine (`isms.site.rawhtml`)."""
        template = self.env.get_template(page.template)
        context: dict[str, Any] = {"page": page, "href": page_href(page.path)}
        return fence(template.render(context))
