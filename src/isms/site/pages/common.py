"""Shared pieces of the page models: paths, sort keys, and references between pages."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cached_property, lru_cache

from isms.evaluation import Evaluation
from isms.findings import Finding
from isms.metrics.types import RequirementStanding
from isms.model.base import Lang, Text
from isms.model.evidence import CLASS_ORDER
from isms.model.repository import Framework, ReqKey
from isms.site.labels import Labels
from isms.site.pages.basics import Ref
from isms.site.pages.types import EvidenceRow, FindingRow
from isms.site.redact import published_file, withheld
from isms.state.evidence import EvidenceStatus
from isms.state.measures import MeasureResult

DASHBOARD = "index.md"
SOA = "soa.md"
#: The organisation's own controls (`soa.additional`): a page of their own beside the SoA (page size).
SOA_ADDITIONAL = "soa-additional.md"
#: The SoA's revision history (the commits that changed it): a page of its own, so the SoA's size stays put.
SOA_HISTORY = "soa-history.md"
#: The SoA as a workbook and as CSV (what `isms soa` writes), linked from the SoA page.
SOA_XLSX = "downloads/soa.xlsx"
SOA_CSV = "downloads/soa.csv"
#: The SoA's other parts as CSV files of their own (`isms soa --format csv --table …`).
SOA_ADDITIONAL_CSV = "downloads/soa-additional.csv"
SOA_HISTORY_CSV = "downloads/soa-history.csv"
#: The due-date feed (iCalendar) for owners and auditors to subscribe to.
CALENDAR = "downloads/isms.ics"
EVIDENCE = "evidence.md"
#: A register of more items than this is cut into pages of EVIDENCE_PAGE_ROWS items (issue #19: one page
#: of 10,930 items was 16 MB, half of MkDocs' work at 1,000 controls); `evidence.md` then lists the pages.
EVIDENCE_SPLIT_ABOVE = 500
EVIDENCE_PAGE_ROWS = 500
FINDINGS = "findings.md"
SUPPLIERS = "suppliers.md"

_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")
_PARTS = re.compile(r"(\d+)")


class _SlugTable(dict[int, str]):
    """``str.translate`` table of `slug`: a safe character as it is, any other as the hex of its UTF-8 bytes.

    Filled as characters are met (a regular expression with a function per match cost ~1 s per 100,000
    evidence anchors at 10,000 controls, issue #19).
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        value = char if char in _SAFE else "".join(f"_{b:02x}" for b in char.encode())
        self[code] = value
        return value


_SLUG = _SlugTable()


def slug(text: str) -> str:
    """Return a file and anchor name for an id: safe characters kept, others hex-encoded (so unique)."""
    return text.translate(_SLUG) or "_"


@lru_cache(maxsize=1 << 16)
def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort ``5.2`` before ``5.10`` and ``G2`` before ``G10`` (cached: the same ids are sorted on many pages)."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in _PARTS.split(text) if part)


def framework_path(fid: str) -> str:
    """Return the page of a framework."""
    return f"frameworks/{slug(fid)}.md"


#: A framework with more requirements than this, in two groups or more, gets a page per group (theme):
#: Annex A on one page was 287 KB of HTML; issue 19 wants no page over 150 KB.
SPLIT_ABOVE = 50


def is_split(framework: Framework) -> bool:
    """Return True when a framework's requirements are shown on one page per group."""
    return len(framework.requirements) > SPLIT_ABOVE and len(framework.groups) > 1


def group_path(fid: str, gid: str) -> str:
    """Return the page of one group (theme) of a split framework; requirements of no group go to `other`."""
    return f"frameworks/{slug(fid)}/{slug(gid) if gid else 'other'}.md"


def requirement_page(framework: Framework, rid: str) -> str:
    """Return the page that lists a requirement: its group's page when the framework is split."""
    if not is_split(framework):
        return framework_path(framework.id)
    group = framework.requirements[rid].group if rid in framework.requirements else None
    return group_path(framework.id, group if group in framework.groups else "")


def control_path(key: ReqKey) -> str:
    """Return the page of a control."""
    return f"controls/{slug(key[0])}/{slug(key[1])}.md"


def risk_path(rid: str) -> str:
    """Return the page of a risk."""
    return f"risks/{slug(rid)}.md"


def supplier_anchor(sid: str) -> str:
    """Return the anchor of a supplier on the supplier register."""
    return f"sup-{slug(sid)}"


def policy_path(pid: str) -> str:
    """Return the page of a policy."""
    return f"policies/{slug(pid)}.md"


def requirement_anchor(rid: str) -> str:
    """Return the anchor of a requirement on its framework page."""
    return f"req-{slug(rid)}"


def evidence_part_path(number: int) -> str:
    """Return the page of part ``number`` (from 1) of a split evidence register."""
    return f"evidence-register/{number:03d}.md"


def evidence_anchor(path: str) -> str:
    """Return the anchor of an evidence item on the register page."""
    return f"ev-{slug(path)}"


def text(value: Text | None, lang: Lang) -> str | None:
    """Return a text in a language (falling back to the other), or None."""
    return value.get(lang) if value is not None else None


def finding_sort(finding: Finding) -> tuple[int, tuple[str, int, int, str, str]]:
    """Sort the worst first, then by place."""
    return (-finding.severity.rank, finding.sort_key())


class Context:
    """The evaluation seen in one language, with the lookups every page builder needs."""

    def __init__(self, evaluation: Evaluation, lang: Lang) -> None:
        """Index the evaluation for page building."""
        self.ev = evaluation
        self.repo = evaluation.repository
        self.lang: Lang = lang
        self.t = Labels(lang)
        self._rows: dict[str, EvidenceRow] = {}
        self._req_refs: dict[ReqKey, Ref] = {}

    @cached_property
    def findings_by_control(self) -> dict[str, list[Finding]]:
        """Return the findings about each control (``framework:id``)."""
        index: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.ev.findings:
            if finding.control is not None:
                index[finding.control].append(finding)
        return index

    @cached_property
    def _withheld_classes(self) -> frozenset[str]:
        """Return the evidence classes whose files and texts stay off the site."""
        redact_from = self.repo.config.evidence.redact_from
        return frozenset(c for c in CLASS_ORDER if withheld(c, redact_from))

    @cached_property
    def measures_by_control(self) -> dict[ReqKey, list[MeasureResult]]:
        """Return each control's measures, in the assessment's order (one pass, not one per control)."""
        index: dict[ReqKey, list[MeasureResult]] = defaultdict(list)
        for result in self.ev.assessment.measures:
            index[result.control.key].append(result)
        return index

    @cached_property
    def risks_by_control(self) -> dict[ReqKey, tuple[Ref, ...]]:
        """Return, per control, links to the risks that cite it (by risk id)."""
        index: dict[ReqKey, list[Ref]] = defaultdict(list)
        for risk in sorted(self.repo.risks.values(), key=lambda r: natural_key(r.id)):
            for key in risk.controls:
                index[key].append(Ref(risk.id, risk.doc.title.get(self.lang), risk_path(risk.id)))
        return {key: tuple(refs) for key, refs in index.items()}

    def suppliers_of(self, key: ReqKey) -> tuple[Ref, ...]:
        """Return links to the suppliers whose contracts cover a requirement (Annex A 5.19–5.22)."""
        return tuple(
            Ref(s.id, s.doc.name.get(self.lang), f"{SUPPLIERS}#{supplier_anchor(s.id)}")
            for s in self.repo.suppliers_by_requirement.get(key, ())
        )

    def framework_label(self, fid: str) -> str:
        """Return a framework's short label."""
        framework = self.repo.frameworks.get(fid)
        if framework is None:
            return fid
        return framework.info.short or framework.info.name.get(self.lang)

    def frameworks(self) -> list[Framework]:
        """Return the frameworks with a page: those in scope first (isms.yaml order), then the rest by id."""
        in_scope = self.repo.in_scope()
        rest = sorted((f for f in self.repo.frameworks.values() if f not in in_scope), key=lambda f: f.id)
        return [*in_scope, *rest]

    def standing(self, key: ReqKey) -> RequirementStanding | None:
        """Return the standing of a requirement of a framework in scope."""
        return self.ev.metrics.standings.get(key)

    def status(self, key: ReqKey) -> str:
        """Return the status of a requirement.

        Its standing (frameworks in scope), else its control's status, else ``reference`` (catalogs
        that need no controls), ``out-of-scope`` (frameworks not listed in isms.yaml) or ``undecided``.
        """
        standing = self.standing(key)
        if standing is not None:
            return standing.status
        control = self.repo.controls.get(key)
        if control is not None:
            return control.doc.status
        framework = self.repo.frameworks.get(key[0])
        if framework is not None and not framework.in_scope_by_kind:
            return "reference"
        return "undecided" if key[0] in self.repo.config.frameworks else "out-of-scope"

    def req_ref(self, key: ReqKey) -> Ref:
        """Return a link to a requirement: its control page, else its row on the framework page.

        Made once per requirement (a control's link is on each of its evidence rows, its mappings and lists).
        """
        ref = self._req_refs.get(key)
        if ref is None:
            ref = self._req_refs[key] = self._req_ref(key)
        return ref

    def _req_ref(self, key: ReqKey) -> Ref:
        title = self.repo.title(key, self.lang)
        if key in self.repo.controls:
            target = control_path(key)
        elif key[0] in self.repo.frameworks:
            target = f"{requirement_page(self.repo.frameworks[key[0]], key[1])}#{requirement_anchor(key[1])}"
        else:
            target = None
        return Ref(key[1], title, target, self.status(key), self.framework_label(key[0]))

    @cached_property
    def evidence_pages(self) -> dict[str, str]:
        """Return the register page of each evidence item, by path: one page, or parts when there are many."""
        paths = sorted(self.ev.assessment.evidence)
        if len(paths) <= EVIDENCE_SPLIT_ABOVE:
            return dict.fromkeys(paths, EVIDENCE)
        return {path: evidence_part_path(i // EVIDENCE_PAGE_ROWS + 1) for i, path in enumerate(paths)}

    def evidence_target(self, path: str) -> str:
        """Return the link to an evidence item's row on the register."""
        return f"{self.evidence_pages.get(path, EVIDENCE)}#{evidence_anchor(path)}"

    def owner(self, owner: str | None) -> str | None:
        """Return an owner's name, or the id when it is not defined."""
        if owner is None:
            return None
        known = self.repo.config.owners.get(owner)
        return known.name.get(self.lang) if known is not None else owner

    def evidence_ref(self, path: str) -> Ref:
        """Return a link to an evidence item on the register, with its state."""
        status = self.ev.assessment.evidence.get(path)
        if status is None:
            return Ref(path, path, None, "missing")
        return Ref(path, status.item.title.get(self.lang), self.evidence_target(path), status.state.value)

    def evidence_row(self, path: str) -> EvidenceRow:
        """Return an evidence item as the register shows it; withheld items carry metadata and hash only.

        Built once per item: the register and the control pages that use it show the same row.
        """
        row = self._rows.get(path)
        if row is None:
            row = self._rows[path] = self._evidence_row(path)
        return row

    def _evidence_row(self, path: str) -> EvidenceRow:
        status = self.ev.assessment.evidence[path]
        item = status.item
        hidden = item.classification in self._withheld_classes
        published = None if hidden else published_file(self.repo, item)  # a withheld file is never published
        return EvidenceRow(
            path=path,
            anchor=evidence_anchor(path),
            title=item.title.get(self.lang),
            description=text(item.description, self.lang),
            date=item.date.isoformat(),
            expires=status.expires.isoformat() if status.expires else None,
            state=status.state.value,
            classification=item.classification,
            sha256=item.sha256,
            withheld=hidden,
            file_target=published.target if published is not None else None,
            collected_by=self.owner(item.collected_by),
            used_by=tuple(self.req_ref(key) for key in sorted(self.repo.evidence_users.get(path, []), key=req_sort)),
            signature=status.signature,
            store=item.store,
            verified=self._verified(status) if item.in_store else None,
            attestation_sha256=status.attestation.sha256 if status.attestation else None,
        )

    def _verified(self, status: EvidenceStatus) -> str:
        """Return how a store item was verified, in this language."""
        found = status.attestation
        if found is not None:
            who = self.owner(found.verifier) or found.verifier
            if self.lang == "ja":
                return f"{found.date} に {who} が検証（署名有効）"
            return f"verified {found.date} by {who}, signature good"
        if status.signature == "invalid":
            return "検証記録の署名が無効" if self.lang == "ja" else "attestation signature invalid"
        return "未検証" if self.lang == "ja" else "not verified"

    def finding_row(self, finding: Finding) -> FindingRow:
        """Return a finding in this language, linked to its control."""
        control = None
        if finding.control is not None and ":" in finding.control:
            fid, rid = finding.control.split(":", 1)
            control = self.req_ref((fid, rid))
        message = finding.message_ja if self.lang == "ja" else finding.message
        return FindingRow(finding.severity.value, finding.rule, message, finding.location.format(), control)


def req_sort(key: ReqKey) -> tuple[str, tuple[tuple[int, int | str], ...]]:
    """Sort requirement keys by framework, then naturally by id."""
    return (key[0], natural_key(key[1]))
