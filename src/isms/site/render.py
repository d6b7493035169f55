"""Page models → Markdown files (Markdown headings, HTML bodies) through Jinja2 with autoescape.

Text from YAML is made inert as `isms.site.escaping` describes: HTML-escaped inside HTML (Jinja2's
autoescape in the templates, ``html_text`` in what is written in Python), written as character
references in Markdown headings (the ``md`` filter). Control pages, the most numerous, and the rows of
the split evidence register are written in Python (`isms.site.control_markdown`, `register_rows`).
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Sequence
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from isms import figures
from isms.site import charts
from isms.site.config import inert
from isms.site.control_markdown import control_evidence_rows, control_markdown, withheld_or_none
from isms.site.escaping import html_text, markdown_inline, paragraphs
from isms.site.fences import fence
from isms.site.labels import Labels
from isms.site.pages.common import slug
from isms.site.pages.types import ControlPage, EvidenceRow, PageModel, SiteInfo
from isms.site.risk_charts import heat_map
from isms.urls import safe_link

__all__ = [
    "Renderer",
    "control_evidence_rows",
    "css_string",
    "markdown_inline",
    "page_href",
    "paragraphs",
    "percent",
    "print_stylesheet",
    "register_rows",
    "relpath",
    "with_title",
    "yaml_string",
]

#: Characters a YAML double-quoted scalar holds as they are (printable, no quote or backslash); others are escaped.
_YAML_PLAIN = re.compile(r"[\x20\x21\x23-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_YAML_PLAIN_TEXT = re.compile(f"{_YAML_PLAIN.pattern}*")


def yaml_string(text: str) -> str:
    """Return text as a YAML double-quoted scalar that every YAML reader takes (non-printables escaped)."""

    def escaped(c: str) -> str:
        code = ord(c)
        return f"\\U{0xFFFD if 0xD800 <= code < 0xE000 else code:08x}"

    if _YAML_PLAIN_TEXT.fullmatch(text):  # most titles: one match, not one per character
        return f'"{text}"'
    return '"' + "".join(c if _YAML_PLAIN.fullmatch(c) else escaped(c) for c in text) + '"'


def with_title(source: str, title: str) -> str:
    """Return a page's Markdown with its title, made inert, in its front matter (added, or joined to the page's own).

    The theme prints a page's title unescaped in ``<title>`` and its header; the title from the front matter
    is the one printed whether the page is in the nav or not (a page outside it would show its heading).
    """
    line = f"title: {yaml_string(inert(title))}\n"
    if source.startswith("---\n"):
        return f"---\n{line}{source[4:]}"
    return f"---\n{line}---\n{source}"


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


def relpath(path: str, base: str) -> str:
    """Return ``posixpath.relpath(path, base or ".")``, by segments when both are plain relative paths.

    ``posixpath.relpath`` makes both absolute first (two ``getcwd`` calls and joins): a file linked once, such
    as a published evidence file, missed the cache below ~30,000 times at 10,000 controls (issue #19).
    """
    parts, folder = path.split("/"), base.split("/") if base else []
    if path.startswith("/") or base.startswith("/") or {"", ".", ".."} & {*parts, *folder}:
        return posixpath.relpath(path, base or ".")
    common = 0
    for mine, theirs in zip(parts, folder, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(folder) - common) + parts[common:]) or "."


@functools.lru_cache(maxsize=65536)
def _relative(path: str, base: str) -> str:
    """Return ``path`` relative to the folder ``base`` (cached: the pages of a folder share most links)."""
    relative = relpath(path, base) if path else ""
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


Href = Callable[[str | None], str]


def _register_file(e: EvidenceRow, href: Href, t: Labels) -> str:
    if e.store:
        return f'<code class="isms-nowrap" title="{t.html("in_store")}">{html_text(e.store)}</code>'
    if e.file_target:
        return f'<a href="{html_text(href(e.file_target))}">{t.html("open_file")}</a>'
    return withheld_or_none(e, t)


def _register_details(e: EvidenceRow, t: Labels) -> str:
    """The folded details of a register row used by no control."""
    out = [
        f'<td class="isms-ev-more"><details class="isms-ev-details"><summary>{t.html("details")}</summary>\n'
        f'<dl class="isms-ev-facts">\n<dt>{t.html("title")}</dt><dd>{html_text(e.title)}</dd>\n'
    ]
    if e.description:
        out.append(f"<dt>{t.html('description')}</dt><dd>{html_text(e.description)}</dd>")
    if e.collected_by:
        out.append(f"<dt>{t.html('collected_by')}</dt><dd>{html_text(e.collected_by)}</dd>")
    out.append(
        f'<dt>{t.html("signature")}</dt><dd data-isms-signature="{html_text(e.signature)}">'
        f"{t.html('sig_' + e.signature)}</dd>\n"
    )
    if e.store:
        out.append(
            f'<dt>{t.html("in_store")}</dt><dd><code class="isms-nowrap">{html_text(e.store)}</code> '
            f"<span data-isms-verified>{html_text(str(e.verified))}</span></dd>"
        )
    if e.attestation_sha256:
        sha = html_text(e.attestation_sha256)
        out.append(f'<dt>{t.html("attestation")}</dt><dd><code class="isms-sha-full">{sha}</code></dd>')
    if e.withheld:
        out.append(f"<dt>{t.html('file')}</dt><dd>{t.html('redacted')}</dd>")
    out.append(f"<dt>{t.html('used_by')}</dt><dd>–</dd></dl></details></td>\n")
    return "".join(out)


def register_rows(rows: Sequence[EvidenceRow], href: Href, t: Labels) -> Markup:
    """Return the rows of a part of the split evidence register, as ``evidence_register(compact=True)`` wrote them.

    Written here rather than in the template: a macro row cost a few hundred Jinja2 calls, and the parts hold
    every evidence item (100,000 rows at 10,000 controls, issue #19). Everything from YAML is escaped.
    """
    out: list[str] = []
    for e in rows:
        title, state, kind = html_text(e.title), html_text(e.state), html_text(e.classification)
        digest = html_text(e.sha256) if e.sha256 else ""
        sha = f'<code class="isms-sha" title="{digest}">{digest}</code>' if e.sha256 else "–"
        if e.signature != "unsigned":
            mark = "✓" if e.signature == "good" else "✗"
            sig = html_text(e.signature)
            sha += f' <span class="isms-sig isms-sig--{sig}" title="{t.html("sig_" + e.signature)}">{mark}</span>'
        out.append(
            f'<tr id="{html_text(e.anchor)}" data-tags="state:{state} class:{kind}">\n'
            f'<td data-sort="{title}"><span class="isms-ev-title" title="{title}">{title}</span></td>\n'
            f'<td><code class="isms-path isms-nowrap">{html_text(e.path)}</code></td>\n'
            f'<td data-sort="{state}"><span class="isms-badge isms-badge--{state}">'
            f"{t.html(e.state)}</span></td>\n"
            f'<td data-sort="{kind}"><span class="isms-badge isms-badge--{kind}">'
            f"{t.html(e.classification)}</span></td>\n"
            f'<td class="isms-date">{html_text(e.date)}</td>\n'
            f'<td class="isms-date" data-sort="{html_text(e.expires or "")}">{html_text(e.expires or "–")}</td>\n'
            f'<td class="isms-ev-sha">{sha}</td>\n'
            f'<td class="isms-ev-file">{_register_file(e, href, t)}</td>\n'
        )
        if e.used_by:
            links = ", ".join(
                f'<a href="{html_text(href(r.target))}" title="{html_text(r.title)}">'
                + (f'<span class="isms-ref__fw">{html_text(r.group)}</span> ' if r.group else "")
                + f"{html_text(r.label)}</a>"
                for r in e.used_by
            )
            out.append(f'<td class="isms-ev-more">{links}</td>\n')
        else:
            out.append(_register_details(e, t))
        out.append("</tr>\n")
    return Markup("".join(out))  # noqa: S704 - every value escaped above


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
            register_rows=lambda rows, href: register_rows(rows, href, self.t),
        )

    def load(self, pages: Sequence[PageModel]) -> None:
        """Compile the templates of ``pages`` now (a child forked afterwards inherits them compiled)."""
        for name in sorted({page.template for page in pages if not isinstance(page, ControlPage)}):
            self.env.get_template(name)

    def render(self, page: PageModel) -> str:
        """Return the Markdown source of a page, its HTML blocks fenced for the engine (`isms.site.rawhtml`).

        A control page is written in Python (`isms.site.control_markdown`), every other page by its template.
        """
        if isinstance(page, ControlPage):
            return fence(control_markdown(page, page_href(page.path), self.t, self.info))
        template = self.env.get_template(page.template)
        context: dict[str, Any] = {"page": page, "href": page_href(page.path)}
        return fence(template.render(context))
