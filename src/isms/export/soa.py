"""The Statement of Applicability as data: one row per requirement of `soa_framework` (pure, no I/O).

The writers (xlsx, csv, Markdown) all render the same :class:`Soa`, and `isms import controls`
reads the words used here back, so an exported sheet can be edited and imported again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from isms import vocabulary
from isms.errors import IsmsError
from isms.evaluation import Evaluation
from isms.figures import percent
from isms.findings import Finding
from isms.history.types import CommitInfo
from isms.loader.discover import CONFIG_FILE
from isms.model.base import Lang
from isms.model.control import Reason, Status
from isms.model.repository import Framework, Repository

#: Status words, as written to the sheet (and read back by `isms import controls`): `isms.vocabulary`.
STATUS_WORDS: dict[Status, tuple[str, str]] = {cast(Status, status): pair for status, pair in vocabulary.STATUS.items()}
UNDECIDED = vocabulary.UNDECIDED

#: Applicability marks: (yes, no) per language, from `isms.vocabulary`.
APPLICABLE_WORDS: dict[Lang, tuple[str, str]] = {
    lang: (vocabulary.word(vocabulary.APPLICABLE["yes"], lang), vocabulary.word(vocabulary.APPLICABLE["no"], lang))
    for lang in ("ja", "en")
}

REASON_WORDS: dict[Reason, tuple[str, str]] = {cast(Reason, reason): pair for reason, pair in vocabulary.REASON.items()}
REASON_SEPARATOR: dict[Lang, str] = {"ja": vocabulary.LIST_SEPARATOR[0], "en": vocabulary.LIST_SEPARATOR[1]}

EVIDENCE_STATE_WORDS: dict[str, tuple[str, str]] = vocabulary.EVIDENCE_STATE

LABELS: dict[str, tuple[str, str]] = {
    "title": ("適用宣言書", "Statement of Applicability"),
    "organisation": ("組織", "Organisation"),
    "framework": ("フレームワーク", "Framework"),
    "commit": ("コミット", "Commit"),
    "as_of": ("基準日", "As of"),
    "summary": ("集計", "Summary"),
    "coverage": ("カバレッジ", "Coverage"),
    "not_in_git": ("（git 管理外）", "(not in git)"),
    "applicable_count": ("適用", "Applicable"),
    "evidence_sheet": ("証跡台帳", "Evidence"),
    "findings_sheet": ("指摘事項", "Findings"),
    "history_sheet": ("改訂履歴", "History"),
    "version": ("版", "Version"),
    "approved": ("承認", "Approved"),
    "not_approved": ("未承認", "not approved"),
    "no_version": ("未設定（isms.yaml の soa.version）", "not set (soa.version in isms.yaml)"),
    "nonconformities_sheet": ("未完了の不適合", "Open nonconformities"),
    "suppliers_sheet": ("委託先管理台帳", "Suppliers"),
    "additional": ("組織独自の管理策", "The organisation's own controls"),
    "additional_sheet": ("独自の管理策", "Own controls"),
}

#: The columns of the history sheet: the commits that changed the SoA's controls or isms.yaml.
HISTORY_HEADERS: tuple[tuple[str, str, int], ...] = (
    ("日付", "Date", 12),
    ("コミット", "Commit", 12),
    ("作成者", "Author", 20),
    ("変更内容", "Change", 70),
)
#: How many commits the history shows (newest first).
HISTORY_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the SoA table."""

    key: str
    ja: str
    en: str
    width: int

    def header(self, lang: Lang) -> str:
        """Return the header text in a language."""
        return self.ja if lang == "ja" else self.en


#: The SoA columns in order (headers: `isms.vocabulary.SOA_COLUMN`). `isms import controls` recognises each.
COLUMNS: tuple[Column, ...] = tuple(
    Column(key, *vocabulary.SOA_COLUMN[key], width)
    for key, width in (
        ("id", 10),
        ("title", 36),
        ("theme", 14),
        ("applicable", 8),
        ("reasons", 16),
        ("justification", 40),
        ("status", 11),
        ("implementation", 50),
        ("owner", 20),
        ("owner_id", 14),
        ("evidence", 50),
        ("last_review", 12),
        ("risks", 36),
        ("suppliers", 30),
    )
)


word = vocabulary.word


def label(key: str, lang: Lang) -> str:
    """Return one of the SoA's own words."""
    return word(LABELS[key], lang)


@dataclass(frozen=True, slots=True)
class EvidenceCell:
    """One evidence file of a control, as the SoA shows it."""

    path: str
    title: str
    state: str


@dataclass(frozen=True, slots=True)
class SoaRow:
    """One requirement of the SoA framework and the control that answers it (if any)."""

    id: str
    title: str
    theme: str
    status: Status | None
    reasons: tuple[Reason, ...]
    justification: str
    implementation: str
    owner_id: str | None
    owner: str
    evidence: tuple[EvidenceCell, ...]
    last_review: dt.date | None
    risks: tuple[str, ...] = ()
    """The risks under risks/ that cite the control: ``R-01 title`` each."""
    suppliers: tuple[str, ...] = ()
    """The suppliers whose contracts cover the requirement (Annex A 5.19–5.22): ``id name`` each."""

    @property
    def applicable(self) -> bool | None:
        """Return None when no control decides it yet."""
        return None if self.status is None else self.status != "not-applicable"


@dataclass(frozen=True, slots=True)
class Revision:
    """A commit that changed the SoA: a control of its framework, or isms.yaml."""

    date: dt.date
    commit: str
    author: str
    subject: str


@dataclass(frozen=True, slots=True)
class SoaSection:
    """The organisation's own controls of one framework (`soa.additional`), in the SoA's columns."""

    framework_id: str
    framework_name: str
    rows: tuple[SoaRow, ...]


@dataclass(frozen=True)
class Soa:
    """The whole Statement of Applicability in one language."""

    lang: Lang
    organisation: str
    framework_id: str
    framework_name: str
    commit: str | None
    dirty: bool
    as_of: dt.date
    rows: tuple[SoaRow, ...]
    version: str | None = None
    approval: str | None = None
    """``name (id), date`` of the approval given by the as-of day, None when there is none."""
    history: tuple[Revision, ...] = ()
    coverage: float | None = None
    """The framework's coverage as `isms metrics` computes it (None when it is not in scope)."""
    additional: tuple[SoaSection, ...] = ()
    """The organisation's own controls, a section per framework of `soa.additional`."""

    def version_line(self) -> str:
        """Return the version and its approval, e.g. ``3.0 · 承認 代表取締役 (president), 2026-10-01``."""
        lang = self.lang
        version = self.version or label("no_version", lang)
        approval = self.approval or label("not_approved", lang)
        return f"{version} · {label('approved', lang)}: {approval}"

    def header_block(self) -> list[tuple[str, str]]:
        """Return the (label, value) lines shown above the table."""
        lang = self.lang
        commit = self.commit or label("not_in_git", lang)
        if self.commit and self.dirty:
            commit += f" ({word(vocabulary.UNCOMMITTED, lang)})"
        return [
            (label("organisation", lang), self.organisation),
            (label("version", lang), self.version_line()),
            (label("framework", lang), f"{self.framework_name} ({self.framework_id})"),
            (label("commit", lang), commit),
            (label("as_of", lang), self.as_of.isoformat()),
            (label("summary", lang), self.summary()),
        ]

    def summary(self) -> str:
        """Return the counts by applicability and status, e.g. ``適用 90/93 · 実施済 80 · …``."""
        lang = self.lang
        applicable = sum(1 for row in self.rows if row.applicable)
        parts = [f"{label('applicable_count', lang)} {applicable}/{len(self.rows)}"]
        for status, pair in STATUS_WORDS.items():
            parts.append(f"{word(pair, lang)} {sum(1 for row in self.rows if row.status == status)}")
        parts.append(f"{word(UNDECIDED, lang)} {sum(1 for row in self.rows if row.status is None)}")
        if self.coverage is not None:
            parts.append(f"{label('coverage', lang)} {percent(self.coverage)}")
        return " · ".join(parts)


def status_word(status: Status | None, lang: Lang) -> str:
    """Return the sheet's word for a status (``未決定``/``Undecided`` without a control)."""
    return word(STATUS_WORDS[status] if status else UNDECIDED, lang)


def applicable_word(applicable: bool | None, lang: Lang) -> str:
    """Return ○/× (Yes/No), or an empty cell when undecided."""
    if applicable is None:
        return ""
    yes, no = APPLICABLE_WORDS[lang]
    return yes if applicable else no


def cells(row: SoaRow, lang: Lang) -> list[str]:
    """Return the row as the texts of :data:`COLUMNS`, in order."""
    evidence = "\n".join(
        f"{item.title} ({item.path}): {word(EVIDENCE_STATE_WORDS[item.state], lang)}" for item in row.evidence
    )
    values = {
        "id": row.id,
        "title": row.title,
        "theme": row.theme,
        "applicable": applicable_word(row.applicable, lang),
        "reasons": REASON_SEPARATOR[lang].join(word(REASON_WORDS[r], lang) for r in row.reasons),
        "justification": row.justification,
        "status": status_word(row.status, lang),
        "implementation": row.implementation,
        "owner": row.owner,
        "owner_id": row.owner_id or "",
        "evidence": evidence,
        "last_review": row.last_review.isoformat() if row.last_review else "",
        "risks": "\n".join(row.risks),
        "suppliers": "\n".join(row.suppliers),
    }
    return [values[column.key] for column in COLUMNS]


def _theme(framework: Framework, group: str | None, lang: Lang) -> str:
    found = framework.groups.get(group) if group else None
    return found.title.get(lang) if found else (group or "")


def _citing(repo: Repository, lang: Lang) -> dict[tuple[str, str], list[str]]:
    """Return, per control, the risks citing it as ``R-01 title``, in file order."""
    index: dict[tuple[str, str], list[str]] = {}
    for risk in sorted(repo.risks.values(), key=lambda r: r.id):
        for key in risk.controls:
            index.setdefault(key, []).append(f"{risk.id} {risk.doc.title.get(lang)}")
    return index


def _rows(result: Evaluation, framework: Framework, lang: Lang) -> list[SoaRow]:
    repo = result.repository
    citing = _citing(repo, lang)
    rows = []
    for requirement in framework.requirements.values():
        control = repo.controls.get((framework.id, requirement.id))
        rid, title, theme = requirement.id, requirement.title.get(lang), _theme(framework, requirement.group, lang)
        if control is None:
            rows.append(
                SoaRow(
                    rid,
                    title,
                    theme,
                    status=None,
                    reasons=(),
                    justification="",
                    implementation="",
                    owner_id=None,
                    owner="",
                    evidence=(),
                    last_review=None,
                )
            )
            continue
        doc = control.doc
        evidence = []
        for path in doc.evidence:
            status = result.assessment.evidence.get(path)
            shown = status.item.title.get(lang) if status else path
            evidence.append(EvidenceCell(path, shown, status.state.value if status else "undeclared"))
        owner = repo.config.owners.get(doc.owner) if doc.owner else None
        rows.append(
            SoaRow(
                rid,
                title,
                theme,
                status=doc.status,
                reasons=tuple(doc.reasons),
                justification=doc.justification.get(lang) if doc.justification else "",
                implementation=doc.implementation.get(lang) if doc.implementation else "",
                owner_id=doc.owner,
                owner=owner.name.get(lang) if owner else (doc.owner or ""),
                evidence=tuple(evidence),
                last_review=result.assessment.last_reviewed(control),
                risks=tuple(citing.get(control.key, ())),
                suppliers=tuple(
                    f"{s.id} {s.doc.name.get(lang)}" for s in repo.suppliers_by_requirement.get(control.key, ())
                ),
            )
        )
    return rows


def soa_framework(repo: Repository) -> Framework:
    """Return the framework the SoA is about (`soa_framework` in isms.yaml).

    Raises:
        IsmsError: when it is not loaded.
    """
    framework = repo.frameworks.get(repo.config.soa_framework)
    if framework is None:
        msg = (
            f"isms.yaml: `soa_framework: {repo.config.soa_framework}` is not a loaded framework; "
            f"loaded: {', '.join(sorted(repo.frameworks)) or 'none'}"
        )
        ja = (
            f"isms.yaml: `soa_framework: {repo.config.soa_framework}` は読み込まれたフレームワークではありません。"
            f"読み込まれているもの: {', '.join(sorted(repo.frameworks)) or 'none'}"
        )
        raise IsmsError(msg, ja=ja)
    return framework


def _approval(result: Evaluation, lang: Lang) -> str | None:
    approved = result.repository.config.soa.approved
    if approved is None or not result.assessment.counts(approved.date):
        return None
    owner = result.repository.config.owners.get(approved.by)
    who = f"{owner.name.get(lang)} ({approved.by})" if owner else approved.by
    return f"{who}, {approved.date.isoformat()}"


def _history(result: Evaluation, frameworks: list[Framework]) -> tuple[Revision, ...]:
    """Return the commits (by the as-of day) that touched isms.yaml or a control of the frameworks."""
    history = result.assessment.history
    ids = {framework.id for framework in frameworks}
    paths = [CONFIG_FILE, *(c.path for key, c in result.repository.controls.items() if key[0] in ids)]
    seen: dict[str, CommitInfo] = {}
    for path in paths:
        for commit in history.of(path):
            seen.setdefault(commit.sha, commit)
    ordered = sorted(seen.values(), key=lambda c: (c.date, c.sha), reverse=True)[:HISTORY_LIMIT]
    return tuple(Revision(c.date.date(), c.short, c.author, c.subject) for c in ordered)


def build_soa(result: Evaluation, lang: Lang) -> Soa:
    """Return the Statement of Applicability of an evaluated repository.

    Args:
        result: The repository evaluated as of a day (``--today``).
        lang: The language of the texts.
    """
    repo = result.repository
    framework = soa_framework(repo)
    history = result.assessment.history
    own = [repo.frameworks[fid] for fid in repo.config.soa.additional if fid in repo.frameworks]
    sections = tuple(
        SoaSection(f.id, f.info.name.get(lang), tuple(_rows(result, f, lang))) for f in own if f.id != framework.id
    )
    return Soa(
        lang=lang,
        organisation=repo.config.organisation.get(lang),
        framework_id=framework.id,
        framework_name=framework.info.name.get(lang),
        commit=history.head,
        dirty=bool(result.assessment.uncommitted),
        as_of=result.assessment.today,
        rows=tuple(_rows(result, framework, lang)),
        version=repo.config.soa.version,
        approval=_approval(result, lang),
        history=_history(result, [framework, *own]),
        coverage=next((f.coverage for f in result.metrics.frameworks if f.id == framework.id), None),
        additional=sections,
    )


def finding_message(finding: Finding, lang: Lang) -> str:
    """Return a finding's message in a language (every finding carries both)."""
    return finding.message_ja if lang == "ja" else finding.message
