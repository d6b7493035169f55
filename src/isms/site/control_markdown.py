"""A control page's Markdown, written in Python: the most numerous page of a site (issue #19).

At 10,000 controls the control pages were ~10 s of Jinja2 (a macro call per reference, badge and
row, and a `Markup` object per escaped value). This writes the same bytes as the template did
(``tests/data/site/control-page/`` pins them, every branch with hostile text in every field),
with the same escaping: every string from YAML goes through :func:`html_text` in HTML and through
``markdown_inline`` in a Markdown heading; every link is a site path made relative by ``href``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from isms.site import charts
from isms.site.escaping import html_text, markdown_inline, paragraphs
from isms.site.labels import Labels
from isms.site.pages.basics import Ref
from isms.site.pages.common import slug
from isms.site.pages.types import ControlPage, EvidenceRow, FindingRow, MeasureView, SiteInfo

Href = Callable[[str | None], str]


def badge(state: str, t: Labels) -> str:
    """Return a state as a badge (``badge`` in ``_macros.j2``)."""
    return f'<span class="isms-badge isms-badge--{html_text(state)}">{t.html(state)}</span>'


def ref(r: Ref, href: Href, *, show_title: bool = True) -> str:
    """Return a link to a requirement, control or risk, its framework first (``ref`` in ``_macros.j2``)."""
    out = f'<a href="{html_text(href(r.target))}" title="{html_text(r.title)}">' if r.target else ""
    if r.group:
        out += f'<span class="isms-ref__fw">{html_text(r.group)}</span> '
    out += html_text(r.label)
    if r.target:
        out += "</a>"
    if show_title and r.title != r.label:
        out += f' <span class="isms-ref__title">{html_text(r.title)}</span>'
    return out


def refs(items: Sequence[Ref], href: Href, t: Labels, *, badges: bool = True) -> str:
    """Return references as a list, each with its status unless ``badges`` is off (``refs`` in ``_macros.j2``)."""
    if not items:
        return ""
    out = ['<ul class="isms-refs">']
    for r in items:
        out.append(f"<li>{ref(r, href)}")
        if badges and r.status and r.status not in ("reference", "out-of-scope"):
            out.append(f" {badge(r.status, t)}")
        out.append("</li>")
    out.append("</ul>")
    return "".join(out)


def meta(info: SiteInfo, href: Href, t: Labels) -> str:
    """Return the as-of date, commit and check totals line of every page (``meta`` in ``_macros.j2``)."""
    if info.commit:
        commit = f'<code title="{html_text(info.commit)}">{html_text(info.commit_short or "")}</code>'
        if info.dirty:
            commit += f" ({t.html('dirty')})"
    else:
        commit = t.html("no_commit")
    return (
        f'<p class="isms-meta" data-search-exclude><span>{t.html("as_of")} <time datetime="'
        f'{html_text(info.as_of)}">{html_text(info.as_of)}</time></span> · <span>{t.html("commit")} {commit}'
        f'</span> · <span>{t.html("check_summary")}: <a href="{html_text(href("findings.md"))}">'
        f"{t.html('errors')} {info.errors}, {t.html('warnings')} {info.warnings}, "
        f"{t.html('notes')} {info.notes}</a></span></p>"
    )


def findings_table(rows: Sequence[FindingRow], t: Labels) -> str:
    """Return a control's findings (``findings_table(with_control=False)`` in ``_macros.j2``)."""
    out = [
        "<table data-isms-sortable>\n"
        f"<thead><tr><th>{t.html('severity')}</th><th>{t.html('message')}</th>"
        f"<th>{t.html('rule')}</th><th>{t.html('location')}</th></tr></thead>\n<tbody>\n"
    ]
    for f in rows:
        out.append(
            f'<tr><td data-sort="{html_text(f.severity)}">{badge(f.severity, t)}</td>'
            f'<td class="isms-finding-message">{html_text(f.message)}</td><td><code>{html_text(f.rule)}</code></td>'
            f'<td><code class="isms-path">{html_text(f.location)}</code></td></tr>\n'
        )
    out.append("</tbody>\n</table>")
    return "".join(out)


def withheld_or_none(e: EvidenceRow, t: Labels) -> str:
    """Return the file cell of an item whose file is not published: withheld, or none."""
    if e.withheld:
        return f'<span class="isms-small" title="{t.html("redacted")}">{t.html("redacted_short")}</span>'
    return "–"


def control_evidence_rows(rows: Sequence[EvidenceRow], href: Href, t: Labels) -> str:
    """Return a control page's evidence rows (the template's ``evidence_table(used_by=False)`` wrote them so).

    Everything from YAML is escaped (as in ``isms.site.render.register_rows``).
    """
    out: list[str] = []
    for e in rows:
        state, kind, date = html_text(e.state), html_text(e.classification), html_text(e.date)
        path = f'<code class="isms-path isms-nowrap">{html_text(e.path)}</code>'
        first = f"<td><strong>{html_text(e.title)}</strong><br>{path}"
        if e.collected_by:
            first += f' <span class="isms-small">· {t.html("collected_by")}: {html_text(e.collected_by)}</span>'
        if e.description:
            description = html_text(e.description)
            first += f'<div class="isms-small isms-clamp" title="{description}">{description}</div>'
        digest = html_text(e.sha256) if e.sha256 else ""
        sha = f'<code class="isms-sha" title="{digest}">{digest}</code>' if e.sha256 else "–"
        if e.store:
            file = (
                f'<span class="isms-small">{t.html("in_store")} <code class="isms-nowrap">'
                f'{html_text(e.store)}</code></span><div class="isms-small" data-isms-verified>'
                f"{html_text(str(e.verified))}</div>"
            )
            if e.attestation_sha256:
                value = html_text(e.attestation_sha256)
                code = f'<code class="isms-sha" title="{value}">{value}</code>'
                file += f'<div class="isms-small">{t.html("attestation")} {code}</div>'
        elif e.file_target:
            file = f'<a href="{html_text(href(e.file_target))}">{t.html("open_file")}</a>'
        else:
            file = withheld_or_none(e, t)
        out.append(
            f'<tr id="{html_text(e.anchor)}" data-tags="state:{state} class:{kind}">\n{first}</td>\n'
            f'<td class="isms-date" data-sort="{date}" data-search-exclude>{date}<br>'
            f'<span class="isms-small">→ {html_text(e.expires or "–")}</span></td>\n'
            f'<td data-sort="{state}" data-search-exclude><span class="isms-badge isms-badge--{state}">'
            f'{t.html(e.state)}</span><br><span class="isms-badge isms-badge--{kind}">'
            f"{t.html(e.classification)}</span></td>\n"
            f'<td data-search-exclude>{sha}<div class="isms-small" data-isms-signature="{html_text(e.signature)}">'
            f"{t.html('sig_' + e.signature)}</div></td>\n"
            f"<td data-search-exclude>{file}</td>\n</tr>\n"
        )
    return "".join(out)


def evidence_table(rows: Sequence[EvidenceRow], href: Href, t: Labels) -> str:
    """Return a control's evidence table (``id="control-evidence"``): title cell searchable, the rest not."""
    head = "".join(
        f"<th>{t.html(key)}</th>" for key in ("title", "date_and_expiry", "state_and_class", "sha256", "file")
    )
    return (
        '<table data-isms-sortable data-isms-filterable id="control-evidence">\n'
        f"<thead data-search-exclude><tr>{head}</tr></thead>\n<tbody>\n"
        f"{control_evidence_rows(rows, href, t)}</tbody>\n</table>"
    )


def _facts(page: ControlPage, href: Href, t: Labels) -> str:
    """The framework, status, owner, reasons, due date, reviews and source file."""
    out = [
        '<dl class="isms-facts">\n'
        f"<dt data-search-exclude>{t.html('framework')}</dt><dd data-search-exclude>"
        f'<a href="{html_text(href(page.framework.target))}">{html_text(page.framework.title)}</a></dd>\n'
        f"<dt>{t.html('status')}</dt><dd>{badge(page.status, t)}</dd>\n"
        f"<dt>{t.html('owner')}</dt><dd>{html_text(page.owner or '–')}</dd>\n"
    ]
    if page.reasons:
        out.append(f"<dt>{t.html('reasons')}</dt><dd>{html_text(', '.join(page.reasons))}</dd>")
    if page.due:
        out.append(f"<dt>{t.html('due')}</dt><dd>{html_text(page.due)}</dd>")
    by = f" ({html_text(page.review_by)})" if page.review_by else ""
    for key, value in (
        ("last_review", html_text(page.review_last or "–") + by),
        ("review_interval", html_text(page.review_interval)),
        ("next_review", html_text(page.review_next or "–")),
        ("source_file", f'<code class="isms-path">{html_text(page.source)}</code>'),
    ):
        out.append(f"<dt data-search-exclude>{t.html(key)}</dt><dd data-search-exclude>{value}</dd>\n")
    out.append("</dl>\n\n")
    if page.requirement:
        out.append(
            '<div class="admonition quote"><p class="admonition-title" data-search-exclude>'
            f'{t.html("requirement_summary")}</p><div class="isms-text">{paragraphs(page.requirement)}'
            "</div></div>\n"
        )
    return "".join(out)


def _texts(page: ControlPage, t: Labels) -> str:
    """The implementation, justification and notes."""
    out = [f"\n## {markdown_inline(t('implementation'))} {{ #implementation }}\n\n"]
    if page.implementation:
        out.append(f'<div class="isms-text" id="implementation-text">{paragraphs(page.implementation)}</div>\n')
    else:
        out.append("<p>–</p>\n")
    for key, value in (("justification", page.justification), ("notes_field", page.notes)):
        if value:
            out.append(f'\n<h3>{t.html(key)}</h3>\n<div class="isms-text">{paragraphs(value)}</div>\n')
    out.append("\n")
    return "".join(out)


def _links(page: ControlPage, href: Href, t: Labels) -> str:
    """The linked risks and suppliers, then the evidence."""
    out = []
    for key, anchor, items in (
        ("linked_risks", "risks", page.risks),
        ("linked_suppliers", "suppliers", page.suppliers),
    ):
        if items:
            out.append(f"## {markdown_inline(t(key))} {{ #{anchor} }}\n\n{refs(items, href, t, badges=False)}\n\n")
    out.append(f"## {markdown_inline(t('evidence'))} {{ #evidence }}\n\n")
    if page.evidence:
        out.append(f"{evidence_table(page.evidence, href, t)}\n")
    else:
        out.append(f"<p>{t.html('none')}</p>\n")
    out.append("\n")
    return "".join(out)


def _measure(x: MeasureView, t: Labels) -> str:
    """One measure: target, latest value and state, its problem, its trend and values."""
    out = [
        f'<section class="isms-measure" id="measure-{html_text(slug(x.id))}">\n<h3>{html_text(x.title)}</h3>\n'
        f"<p>{t.html('target')} <code>{html_text(x.target)}</code> · {t.html('latest')} "
        f"<strong>{html_text(x.latest or '–')}</strong> {badge(x.state, t)} · {t.html('period')}: "
        f"{t.html('period_' + x.period)}</p>\n"
    ]
    if x.problem:
        out.append(f'<div class="admonition failure"><p>{html_text(x.problem)}</p></div>')
    if x.points:
        chart = charts.trend_chart(x.points, x.target_value, percent=x.percent, title=f"{x.title} — {t('trend')}")
        out.append(
            f'<div class="isms-split">\n<figure class="isms-split__chart">\n{chart}\n</figure>\n'
            f'<div class="isms-split__table">\n<table>\n<thead><tr><th>{t.html("period")}</th>'
            f"<th>{t.html('value')}</th><th>{t.html('rows')}</th></tr></thead>\n<tbody>\n"
        )
        out.extend(
            f'<tr><td data-period="{html_text(p.period)}">{html_text(p.label)}</td>'
            f'<td data-value="{html_text(str(p.value))}">{html_text(p.display)}</td><td>{p.rows}</td></tr>\n'
            for p in x.points
        )
        out.append("</tbody>\n</table>\n</div>\n</div>\n")
    out.append("</section>\n")
    return "".join(out)


def _mappings(page: ControlPage, href: Href, t: Labels) -> str:
    """The measures, the mappings both ways and the findings."""
    out = []
    if page.measures:
        out.append(f"## {markdown_inline(t('measures'))} {{ #measures }}\n\n")
        out.extend(_measure(x, t) for x in page.measures)
        out.append("\n")
    out.append(f"## {markdown_inline(t('mappings'))} {{ #mappings }}\n\n")
    if page.maps_to or page.mapped_from:
        to = refs(page.maps_to, href, t) if page.maps_to else "–"
        back = refs(page.mapped_from, href, t) if page.mapped_from else "–"
        out.append(
            f'<div class="isms-split">\n<div><h3>{t.html("maps_to")}</h3>{to}</div>\n'
            f"<div><h3>{t.html('mapped_from')}</h3>{back}</div>\n</div>\n"
        )
    else:
        out.append(f"<p>{t.html('none')}</p>\n")
    out.append("\n")
    if page.findings:
        out.append(f"## {markdown_inline(t('findings'))} {{ #findings }}\n\n{findings_table(page.findings, t)}\n\n")
    return "".join(out)


def _history(page: ControlPage, t: Labels) -> str:
    """The commits that changed the control or its evidence, and what the history leaves out."""
    out = [f"## {markdown_inline(t('history'))} {{ #history data-search-exclude }}\n\n"]
    if page.history_state == "partial":
        out.append(
            '<div class="admonition warning isms-history-partial"><p class="admonition-title">'
            f"{t.html('warning')}</p><p>{t.html('history_partial')}</p></div>\n"
        )
    elif page.history_state == "unavailable":
        out.append(f'<div class="admonition info"><p>{t.html("history_unavailable")}</p></div>\n')
    if page.dirty:
        out.append(f'<div class="admonition warning"><p>{t.html("history_dirty")}</p></div>\n')
    if page.history:
        head = "".join(f"<th>{t.html(key)}</th>" for key in ("date", "commit", "author", "subject", "file"))
        out.append(f'<table id="control-history">\n<thead><tr>{head}</tr></thead>\n<tbody>\n')
        for c in page.history:
            date = html_text(c.date)
            files = "<br>".join(f'<code class="isms-path">{html_text(f)}</code>' for f in c.files)
            out.append(
                f'<tr><td><time datetime="{date}" title="{date}">{html_text(c.date[:10])}</time></td>'
                f"<td><code>{html_text(c.sha)}</code></td><td>{html_text(c.author)}</td>"
                f"<td>{html_text(c.subject)}</td><td>{files}</td></tr>\n"
            )
        out.append("</tbody>\n</table>\n")
        if page.history_older:
            out.append(
                f'<p class="isms-small isms-history-older">{page.history_older} {t.html("history_older")} '
                f"<code>git log -- {html_text(' '.join(page.history_paths))}</code></p>\n"
            )
    elif page.history_state != "unavailable":
        out.append(f"<p>{t.html('history_none')}</p>\n")
    return "".join(out)


def control_markdown(page: ControlPage, href: Href, t: Labels, info: SiteInfo) -> str:
    """Return a control page's Markdown (before `isms.site.fences.fence`), the bytes ``control.md.j2`` wrote."""
    return (
        f"# {markdown_inline(page.title)}\n\n{meta(info, href, t)}\n\n"
        + _facts(page, href, t)
        + _texts(page, t)
        + _links(page, href, t)
        + _mappings(page, href, t)
        + _history(page, t)
    )
