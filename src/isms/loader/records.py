"""What the record kinds' loaders share: the context, the common checks, the records read.

The context is what records are checked against. The loaders themselves (``isms.loader.cycle``,
``isms.loader.risks``, ``isms.loader.suppliers``) and the models they validate with are imported
only when a repository has files of their kind, so that validating a small repository does not
pay for them (``isms.loader.assemble``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from isms.findings import Finding, Pointer
from isms.loader.discover import CONFIG_FILE
from isms.loader.sources import error
from isms.model.refs import RefIndex
from isms.model.repository import Control, EvidenceItem, Framework, ReqKey

if TYPE_CHECKING:
    from isms.model.cycle_records import Audit, ManagementReview, Nonconformity, Objective
    from isms.model.risk_records import Asset, Risk, RiskException


@dataclass(frozen=True)
class Context:
    """What the records (audits, nonconformities, reviews, objectives, suppliers) are checked against."""

    owners: set[str]
    index: RefIndex
    frameworks: dict[str, Framework]
    controls: dict[ReqKey, Control]
    evidence: dict[str, EvidenceItem]
    risks: set[str]


def check_owner(owner: str, ctx: Context, path: str, pointer: Pointer, out: list[Finding]) -> None:
    """Report an owner id that isms.yaml does not define."""
    if ctx.owners and owner not in ctx.owners:
        message = f"owner `{owner}` is not defined under `owners` in {CONFIG_FILE}; add it there or fix the id"
        ja = f"責任者 {owner} が {CONFIG_FILE} の owners に定義されていません（追加するか ID を直してください）"
        out.append(error("unknown-owner", message, path, pointer, ja=ja))


def resolve_keys(
    refs: Iterable[tuple[int, str]], index: RefIndex, path: str, pointer: Pointer, out: list[Finding]
) -> list[ReqKey]:
    """Return the keys of the requirement references (position, ref) that resolve; report the others.

    The one place a reference to a requirement is resolved, for controls, policies, catalogs'
    mappings and every record kind: an unknown or ambiguous one is a finding at its position.
    """
    keys: list[ReqKey] = []
    for position, ref in refs:
        key, problem = index.resolve_both(ref)
        if key is None:
            en, ja = problem or (ref, ref)
            rule = "ambiguous-reference" if "ambiguous" in en else "unknown-reference"
            out.append(error(rule, en, path, (*pointer, position), ja=ja))
        else:
            keys.append(key)
    return keys


def resolve_refs(refs: Iterable[str], ctx: Context, path: str, pointer: Pointer, out: list[Finding]) -> list[ReqKey]:
    """Return the keys of the requirement references that resolve; report the others."""
    return resolve_keys(enumerate(refs), ctx.index, path, pointer, out)


def check_evidence(paths: Iterable[str], ctx: Context, path: str, pointer: Pointer, out: list[Finding]) -> None:
    """Report evidence paths that no register declares."""
    for position, ref in enumerate(paths):
        if ref not in ctx.evidence:
            message = f"evidence `{ref}` is not declared in any evidence.yaml; declare it or fix the path"
            ja = f"証跡 {ref} はどの evidence.yaml にも登録されていません（登録するかパスを直してください）"
            out.append(error("unknown-evidence", message, path, (*pointer, position), ja=ja))


_KINDS_JA = {
    "audit": "監査",
    "nonconformity": "不適合",
    "management review": "マネジメントレビュー",
    "objective": "目的",
    "supplier": "供給者",
}


def stem_id(path: str, kind: str, seen: dict[str, str], out: list[Finding]) -> str | None:
    """Return a record's id (its file name), or None and a finding when another file has it."""
    rid = PurePosixPath(path).stem
    if rid in seen:
        message = f"{kind} `{rid}` already has a file: {seen[rid]}; merge them or rename one"
        ja = (
            f"{_KINDS_JA.get(kind, kind)} {rid} のファイルは既にあります: {seen[rid]}（統合するか名前を変えてください）"
        )
        out.append(error("duplicate-id", message, path, ja=ja))
        return None
    return rid


def check_control_tests(ctx: Context, out: list[Finding]) -> None:
    """Report duplicate test ids in controls, and test results naming unknown owners or evidence."""
    for control in ctx.controls.values():
        ids: set[str] = set()
        for tindex, test in enumerate(control.doc.tests):
            if test.id in ids:
                message = f"test `{test.id}` appears twice in this control; give each test its own id"
                ja = f"テスト {test.id} がこの管理策に2回あります（テストごとに別の ID を付けてください）"
                out.append(error("duplicate-id", message, control.path, ("tests", tindex, "id"), ja=ja))
            ids.add(test.id)
            for rindex, result in enumerate(test.results):
                pointer: Pointer = ("tests", tindex, "results", rindex)
                check_owner(result.by, ctx, control.path, (*pointer, "by"), out)
                check_evidence(result.evidence, ctx, control.path, (*pointer, "evidence"), out)


@dataclass
class CycleRecords:
    """Everything read from the cycle folders."""

    audits: dict[str, Audit] = field(default_factory=dict)
    nonconformities: dict[str, Nonconformity] = field(default_factory=dict)
    reviews: dict[str, ManagementReview] = field(default_factory=dict)
    objectives: dict[str, Objective] = field(default_factory=dict)
    invalid: set[str] = field(default_factory=set)
    """`kind:id` of files that exist but did not load (already reported; references to them are not)."""


@dataclass
class RiskRecords:
    """Everything read from the risk folders."""

    assets: dict[str, Asset] = field(default_factory=dict)
    risks: dict[str, Risk] = field(default_factory=dict)
    exceptions: dict[str, RiskException] = field(default_factory=dict)
