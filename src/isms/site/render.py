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
from collections.abc import Callable, Sequence
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from isms import figures
from isms.site import charts
from isms.site.config import inert
from isms.site.fences import fence
from isms.site.labels import Labels
from isms.site.pages.common import slug
from isms.site.pages.types import EvidenceRow, PageModel, SiteInfo
from isms.site.risk_charts import heat_map
from isms.urls import safe_link

#: Characters a YAML double-quoted scalar holds as they are (printable, no quote or backslash); others are escaped.
_YAML_PLAIN = re.compile(r"[\x20\x21\x23-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_PARAGRAPHS = re.compile(r"\n\s*\n")


def markdown_inline(value: object) -> Markup:
    """Return text for a Markdown heading or list item: one line, every ASCII punctuation as a reference."""
    text = " ".join(str(value).split())
    return Markup("".join(f"&#{ord(c)};" if c in _PUNCTUATION else c for c in text))  # noqa: S704 - escaped here


def yaml_string(text: str) -> str:
    """Return text as a YAML double-quoted scalar that every YAML reader takes (non-printables escaped)."""

    def escaped(c: str) -> str:
        code = ord(c)
        return f"\\U{0xFFFD if 0xD800 <= code < 0xE000 else code:08x}"

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


def _withheld_or_none(e: EvidenceRow, t: Labels) -> str:
    if e.withheld:
        return f'<span class="isms-small" title="{escape(t("redacted"))}">{escape(t("redacted_short"))}</span>'
    return "–"


def _register_file(e: EvidenceRow, href: Href, t: Labels) -> str:
    if e.store:
        return f'<code class="isms-nowrap" title="{escape(t("in_store"))}">{escape(e.store)}</code>'
    if e.file_target:
        return f'<a href="{escape(href(e.file_target))}">{escape(t("open_file"))}</a>'
    return _withheld_or_none(e, t)


def _register_details(e: EvidenceRow, t: Labels) -> str:
    """The folded details of a register row used by no control."""
    out = [
        f'<td class="isms-ev-more"><details class="isms-ev-details"><summary>{escape(t("details"))}</summary>\n'
        f'<dl class="isms-ev-facts">\n<dt>{escape(t("title"))}</dt><dd>{escape(e.title)}</dd>\n'
    ]
    if e.description:
        out.append(f"<dt>{escape(t('description'))}</dt><dd>{escape(e.description)}</dd>")
    if e.collected_by:
        out.append(f"<dt>{escape(t('collected_by'))}</dt><dd>{escape(e.collected_by)}</dd>")
    out.append(
        f'<dt>{escape(t("signature"))}</dt><dd data-isms-signature="{escape(e.signature)}">'
        f"{escape(t('sig_' + e.signature))}</dd>\n"
    )
    if e.store:
        out.append(
            f'<dt>{escape(t("in_store"))}</dt><dd><code class="isms-nowrap">{escape(e.store)}</code> '
            f"<span data-isms-verified>{escape(e.verified)}</span></dd>"
        )
    if e.attestation_sha256:
        sha = escape(e.attestation_sha256)
        out.append(f'<dt>{escape(t("attestation"))}</dt><dd><code class="isms-sha-full">{sha}</code></dd>')
    if e.withheld:
        out.append(f"<dt>{escape(t('file'))}</dt><dd>{escape(t('redacted'))}</dd>")
    out.append(f"<dt>{escape(t('used_by'))}</dt><dd>–</dd></dl></details></td>\n")
    return "".join(out)


def register_rows(rows: Sequence[EvidenceRow], href: Href, t: Labels) -> Markup:
    """Return the rows of a part of the split evidence register, as ``evidence_register(compact=True)`` wrote them.

    Written here rather than in the template: a macro row cost a few hundred Jinja2 calls, and the parts hold
    every evidence item (100,000 rows at 10,000 controls, issue #19). Everything from YAML is escaped.
    """
    out: list[str] = []
    for e in rows:
        title, state, kind = escape(e.title), escape(e.state), escape(e.classification)
        sha = f'<code class="isms-sha" title="{escape(e.sha256)}">{escape(e.sha256)}</code>' if e.sha256 else "–"
        if e.signature != "unsigned":
            mark = "✓" if e.signature == "good" else "✗"
            sig = escape(e.signature)
            sha += f' <span class="isms-sig isms-sig--{sig}" title="{escape(t("sig_" + e.signature))}">{mark}</span>'
        out.append(
            f'<tr id="{escape(e.anchor)}" data-tags="state:{state} class:{kind}">\n'
            f'<td data-sort="{title}"><span class="isms-ev-title" title="{title}">{title}</span></td>\n'
            f'<td><code class="isms-path isms-nowrap">{escape(e.path)}</code></td>\n'
            f'<td data-sort="{state}"><span class="isms-badge isms-badge--{state}">{escape(t(e.state))}</span></td>\n'
            f'<td data-sort="{kind}"><span class="isms-badge isms-badge--{kind}">'
            f"{escape(t(e.classification))}</span></td>\n"
            f'<td class="isms-date">{escape(e.date)}</td>\n'
            f'<td class="isms-date" data-sort="{escape(e.expires or "")}">{escape(e.expires or "–")}</td>\n'
            f'<td class="isms-ev-sha">{sha}</td>\n'
            f'<td class="isms-ev-file">{_register_file(e, href, t)}</td>\n'
        )
        if e.used_by:
            links = ", ".join(
                f'<a href="{escape(href(r.target))}" title="{escape(r.title)}">'
                + (f'<span class="isms-ref__fw">{escape(r.group)}</span> ' if r.group else "")
                + f"{escape(r.label)}</a>"
                for r in e.used_by
            )
            out.append(f'<td class="isms-ev-more">{links}</td>\n')
        else:
            out.append(_register_details(e, t))
        out.append("</tr>\n")
    return Markup("".join(out))  # noqa: S704 - every value escaped above


def control_evidence_rows(rows: Sequence[EvidenceRow], href: Href, t: Labels) -> Markup:
    """Return a control page's evidence rows, as ``evidence_table(used_by=False)`` wrote them (see `register_rows`)."""
    out: list[str] = []
    for e in rows:
        state, kind = escape(e.state), escape(e.classification)
        first = f'<td><strong>{escape(e.title)}</strong><br><code class="isms-path isms-nowrap">{escape(e.path)}</code>'
        if e.collected_by:
            first += f' <span class="isms-small">· {escape(t("collected_by"))}: {escape(e.collected_by)}</span>'
        if e.description:
            description = escape(e.description)
            first += f'<div class="isms-small isms-clamp" title="{description}">{description}</div>'
        sha = f'<code class="isms-sha" title="{escape(e.sha256)}">{escape(e.sha256)}</code>' if e.sha256 else "–"
        if e.store:
            file = (
                f'<span class="isms-small">{escape(t("in_store"))} <code class="isms-nowrap">{escape(e.store)}</code>'
                f'</span><div class="isms-small" data-isms-verified>{escape(e.verified)}</div>'
            )
            if e.attestation_sha256:
                value = escape(e.attestation_sha256)
                code = f'<code class="isms-sha" title="{value}">{value}</code>'
                file += f'<div class="isms-small">{escape(t("attestation"))} {code}</div>'
        elif e.file_target:
            file = f'<a href="{escape(href(e.file_target))}">{escape(t("open_file"))}</a>'
        else:
            file = _withheld_or_none(e, t)
        out.append(
            f'<tr id="{escape(e.anchor)}" data-tags="state:{state} class:{kind}">\n{first}</td>\n'
            f'<td class="isms-date" data-sort="{escape(e.date)}" data-search-exclude>{escape(e.date)}<br>'
            f'<span class="isms-small">→ {escape(e.expires or "–")}</span></td>\n'
            f'<td data-sort="{state}" data-search-exclude><span class="isms-badge isms-badge--{state}">'
            f'{escape(t(e.state))}</span><br><span class="isms-badge isms-badge--{kind}">'
            f"{escape(t(e.classification))}</span></td>\n"
            f'<td data-search-exclude>{sha}<div class="isms-small" data-isms-signature="{escape(e.signature)}">'
            f"{escape(t('sig_' + e.signature))}</div></td>\n"
            f"<td data-search-exclude>{file}</td>\n</tr>\n"
        )
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
            control_evidence_rows=lambda rows, href: control_evidence_rows(rows, href, self.t),
        )

    def load(self, pages: Sequence[PageModel]) -> None:
        """Compile the templates of ``pages`` now (a child forked afterwards inherits them compiled)."""
        for name in sorted({page.template for page in pages}):
            self.env.get_template(name)

    def render(self, page: PageModel) -> str:
        """Return the Markdown source of a page, its HTML blocks fenced for the engine (`isms.site.rawhtml`)."""
        template = self.env.get_template(page.template)
        context: dict[str, Any] = {"page": page, "href": page_href(page.path)}
        return fence(template.render(context))
