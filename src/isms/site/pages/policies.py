"""Policy pages: each statement linked to the requirements and controls that carry it out."""

from __future__ import annotations

from isms.model.repository import Policy
from isms.site.pages.basics import Ref
from isms.site.pages.common import Context, framework_path, policy_path, requirement_anchor, slug, text
from isms.site.pages.types import PolicyPage, StatementRow


def policy_page(ctx: Context, policy: Policy) -> PolicyPage:
    """Return the page of one policy, its statements in their order, under their sections."""
    doc = policy.doc
    own = doc.framework.id if doc.framework is not None and doc.framework.id in ctx.repo.frameworks else None
    owned = own is not None and ctx.repo.frameworks[own].source == policy.path
    sections: list[tuple[str | None, list[StatementRow]]] = []
    for statement in doc.statements:
        refs = tuple(dict.fromkeys(_resolve(ctx, raw) for raw in statement.implemented_by))
        row = StatementRow(
            id=statement.id,
            anchor=requirement_anchor(statement.id) if owned else f"st-{slug(statement.id)}",
            text=statement.text.get(ctx.lang),
            note=text(statement.note, ctx.lang),
            control=ctx.req_ref((own, statement.id)) if owned and own else None,
            implemented_by=refs,
        )
        if not sections or sections[-1][0] != statement.section:
            sections.append((statement.section, []))
        sections[-1][1].append(row)
    framework = None
    if owned and own is not None:
        name = ctx.repo.frameworks[own].info.name.get(ctx.lang)
        framework = Ref(own, name, framework_path(own), group=ctx.framework_label(own))
    return PolicyPage(
        path=policy_path(policy.id),
        title=doc.title.get(ctx.lang),
        id=policy.id,
        source=policy.path,
        version=doc.version,
        owner=ctx.owner(doc.owner),
        approved_by=ctx.owner(approved.by) if (approved := ctx.ev.assessment.approval(policy)) else None,
        approved_on=approved.date.isoformat() if approved else None,
        review_last=last.isoformat() if ctx.ev.assessment.counts(last := doc.review.last) and last else None,
        summary=text(doc.summary, ctx.lang),
        framework=framework,
        sections=tuple((title, tuple(rows)) for title, rows in sections),
        notes=tuple(note.get(ctx.lang) for note in doc.notes),
    )


def _resolve(ctx: Context, raw: str) -> Ref:
    """Resolve an `implemented_by` entry the way the loader does (`framework:id`, or an unambiguous `id`)."""
    if ":" in raw:
        fid, rid = raw.split(":", 1)
        return ctx.req_ref((fid, rid))
    owners = [fid for fid, fw in ctx.repo.frameworks.items() if raw in fw.requirements]
    if len(owners) == 1:
        return ctx.req_ref((owners[0], raw))
    return Ref(raw, raw, None)
