"""Validated documents to one Repository; cross-references resolved, problems as findings."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from isms.files import Tree
from isms.findings import Finding, Pointer
from isms.loader import positions
from isms.loader.collector import rare_collections
from isms.loader.discover import CONFIG_FILE, Sources, discover, require_root
from isms.loader.frameworks import known, load_frameworks, not_loaded
from isms.loader.parse_cache import ParseCache
from isms.loader.plugins import skip_discovery_without_plugins
from isms.loader.records import Context, CycleRecords, RiskRecords, check_control_tests, resolve_keys
from isms.loader.registers import load_evidence
from isms.loader.sources import Reader, error
from isms.model.base import Text
from isms.model.config import ConfigDoc
from isms.model.control import ControlDoc
from isms.model.refs import RefIndex
from isms.model.repository import (
    Control,
    EvidenceItem,
    EvidenceSeries,
    Framework,
    Mapping,
    Policy,
    Repository,
    ReqKey,
)

if TYPE_CHECKING:
    from isms.model.supplier import Supplier


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The loaded repository and every finding met on the way (placed at lines)."""

    repository: Repository
    findings: list[Finding]


def _control_key(
    path: str, frameworks: dict[str, Framework], broken: dict[str, str], out: list[Finding]
) -> ReqKey | None:
    parts = path.split("/")
    if len(parts) < 3:
        ja = "管理策のファイルは controls/<framework>/<id>.yaml に置きます"
        out.append(error("misplaced-file", "control files go in controls/<framework>/<id>.yaml", path, ja=ja))
        return None
    framework, written = parts[1], PurePosixPath(parts[-1]).stem
    if framework not in frameworks:
        if framework in broken:
            why, why_ja = not_loaded(framework, broken, frameworks)
            message, ja = f"folder `{framework}`: {why}", f"フォルダー {framework}: {why_ja}"
        else:
            message = (
                f"folder `{framework}` is not a loaded framework; move the file to the folder of one "
                f"(loaded: {known(frameworks)})"
            )
            ja = (
                f"フォルダー {framework} は読み込まれたフレームワークではありません。"
                "ファイルをいずれかのフレームワークの"
                f"フォルダーに移してください（読み込み済み: {known(frameworks)}）"
            )
        out.append(error("unknown-framework", message, path, ja=ja))
        return None
    rid = frameworks[framework].requirement_id(written)
    if rid is None:
        out.append(
            error(
                "unknown-requirement",
                f"`{framework}` has no requirement `{written}`; name the file after an id that "
                "`isms catalog show` lists",
                path,
                ja=(
                    f"{framework} に要求事項 {written} はありません"
                    f"（isms catalog show にある ID をファイル名にしてください）"
                ),
            )
        )
        return None
    return (framework, rid)


@dataclass(frozen=True, slots=True)
class _Known:
    """What a control is checked against: owners, declared evidence and evidence declared but invalid."""

    owners: set[str]
    evidence: dict[str, EvidenceItem]
    invalid: dict[str, tuple[str, Pointer]]
    placer: positions.Placer


def _undeclared(ref: str, known: _Known) -> tuple[str, str]:
    """Say why a control's evidence reference does not resolve (undeclared, or declared but invalid): (en, ja)."""
    if ref in known.invalid:
        register, pointer = known.invalid[ref]
        where = known.placer.place(register, pointer)
        return (
            f"evidence `{ref}` is declared at {where} but invalid; fix the errors reported there",
            f"証跡 {ref} は {where} に登録されていますが不正です（そこで報告されたエラーを直してください）",
        )
    return (
        f"evidence `{ref}` is not declared in any evidence.yaml; declare it (e.g. with `isms evidence add`)",
        f"証跡 {ref} はどの evidence.yaml にも登録されていません（isms evidence add などで登録してください）",
    )


def _check_control(control: Control, known: _Known, out: list[Finding]) -> None:
    doc, path = control.doc, control.path
    repo_owners, evidence = known.owners, known.evidence
    if doc.owner is not None and repo_owners and doc.owner not in repo_owners:
        out.append(
            error(
                "unknown-owner",
                f"owner `{doc.owner}` is not defined under `owners` in {CONFIG_FILE}",
                path,
                ("owner",),
                ja=f"責任者 {doc.owner} が {CONFIG_FILE} の owners に定義されていません",
            )
        )
    for index, ref in enumerate(doc.evidence):
        if ref not in evidence:
            message, ja = _undeclared(ref, known)
            out.append(error("unknown-evidence", message, path, ("evidence", index), ja=ja))
    for mindex, measure in enumerate(doc.measures):
        for dindex, pattern in enumerate(measure.data):
            if not any(fnmatch.fnmatchcase(p, pattern) for p in evidence):
                out.append(
                    error(
                        "unknown-evidence",
                        f"measure data `{pattern}` matches no declared evidence",
                        path,
                        ("measures", mindex, "data", dindex),
                        ja=f"有効性指標のデータ {pattern} に一致する登録済みの証跡がありません",
                    )
                )
        for other, where in measure.compute.other_files():
            if not any(fnmatch.fnmatchcase(p, other) for p in evidence):
                message, ja = (
                    _undeclared(other, known)
                    if other in known.invalid
                    else (f"`{other}` matches no declared evidence", f"{other} に一致する登録済みの証跡がありません")
                )
                out.append(error("unknown-evidence", message, path, ("measures", mindex, "compute", *where), ja=ja))


def _load_policies(reader: Reader, paths: list[str]) -> dict[str, Policy]:
    policies: dict[str, Policy] = {}
    if not paths:
        return policies
    from isms.model.policy import PolicyDoc  # noqa: PLC0415 (its models only for a repository with policies)

    for path in paths:
        doc = reader.read(path, PolicyDoc)
        if doc is not None:
            pid = PurePosixPath(path).stem
            policies[pid] = Policy(pid, path, doc.doc)
    return policies


def _catalog_mappings(frameworks: dict[str, Framework], index: RefIndex, out: list[Finding]) -> list[Mapping]:
    mappings: list[Mapping] = []
    for framework in frameworks.values():
        if framework.origin == "policy":
            continue
        for rindex, req in enumerate(framework.requirements.values()):
            pointer = ("requirements", rindex, "maps_to")
            targets = resolve_keys(enumerate(req.maps_to), index, framework.source, pointer, out)
            mappings.extend(Mapping((framework.id, req.id), target, framework.source) for target in targets)
    return mappings


def _policy_mappings(
    policies: dict[str, Policy], frameworks: dict[str, Framework], index: RefIndex, out: list[Finding]
) -> list[Mapping]:
    mappings: list[Mapping] = []
    for policy in policies.values():
        own = policy.doc.framework.id if policy.doc.framework else None
        owned = own is not None and own in frameworks and frameworks[own].source == policy.path
        for sindex, statement in enumerate(policy.doc.statements):
            pointer = ("statements", sindex, "implemented_by")
            targets = resolve_keys(enumerate(statement.implemented_by), index, policy.path, pointer, out)
            if owned and own is not None:
                mappings.extend(Mapping((own, statement.id), target, policy.path) for target in targets)
    return mappings


def _load_controls(
    reader: Reader,
    paths: list[str],
    frameworks: dict[str, Framework],
    context: tuple[_Known, RefIndex, dict[str, str]],
    unloaded: dict[ReqKey, str],
) -> tuple[dict[ReqKey, Control], list[Mapping]]:
    known, index, broken = context
    out = reader.findings
    controls: dict[ReqKey, Control] = {}
    mappings: list[Mapping] = []
    for path in paths:
        key = _control_key(path, frameworks, broken, out)
        doc = reader.read(path, ControlDoc)
        if key is not None and doc is None:
            unloaded.setdefault(key, path)
        if key is None or doc is None:
            continue
        if key in controls:
            other = controls[key].path
            out.append(
                error(
                    "duplicate-id",
                    f"`{key[0]}:{key[1]}` already has a control file: {other}; merge them into one",
                    path,
                    ja=f"{key[0]}:{key[1]} の管理策ファイルは既にあります: {other}（1つに統合してください）",
                )
            )
            continue
        control = Control(key[0], key[1], path, doc.doc)
        controls[key] = control
        _check_control(control, known, out)
        targets = resolve_keys(enumerate(doc.doc.maps_to), index, path, ("maps_to",), out)
        mappings.extend(Mapping(key, target, path) for target in targets)
    return controls, mappings


def _check_entities(config: ConfigDoc, out: list[Finding]) -> None:
    """Two entities of a group with one id would be one folder and one page: an error at the second."""
    seen: dict[str, int] = {}
    for position, entity in enumerate(config.group.entities if config.group else []):
        if entity.id in seen:
            first = seen[entity.id] + 1
            message = f"entity `{entity.id}` is already entity {first} of `group.entities`; give each its own id"
            ja = f"事業体 {entity.id} は group.entities の {first} 番目と重複しています（別の ID にしてください）"
            out.append(error("duplicate-id", message, CONFIG_FILE, ("group", "entities", position, "id"), ja=ja))
        else:
            seen[entity.id] = position


# The record kinds' loaders and models are imported only for a repository with files of their kind:
# a small repository (the pre-commit hook's `isms validate`) does not pay for them at start-up.


def _risk_records(
    reader: Reader,
    sources: Sources,
    config: ConfigDoc,
    index: RefIndex,
    policies: dict[str, Policy],
    *,
    config_valid: bool,
) -> RiskRecords:
    folders = (sources.assets, sources.risks, sources.exceptions)
    if not any(folders):
        return RiskRecords()
    from isms.loader.risks import load_risk_records  # noqa: PLC0415 (only when needed)

    return load_risk_records(reader, folders, config, index, policies, config_valid=config_valid)


def _cycle_records(reader: Reader, sources: Sources, ctx: Context) -> CycleRecords:
    folders = (sources.audits, sources.nonconformities, sources.reviews, sources.objectives)
    if not any(folders):
        return CycleRecords()
    from isms.loader.cycle import load_cycle_records  # noqa: PLC0415 (only when needed)

    return load_cycle_records(reader, folders, ctx)


def _suppliers(reader: Reader, sources: Sources, ctx: Context, nonconformities: set[str]) -> dict[str, Supplier]:
    if not sources.suppliers:
        return {}
    from isms.loader.suppliers import load_suppliers  # noqa: PLC0415 (only when needed)

    return load_suppliers(reader, sources.suppliers, ctx, nonconformities)


def load_repository(root: Path, tree: Tree | None = None, *, remember: bool = False) -> LoadResult:
    """Load and validate an ISMS repository: the folder ``root``, or its files at a commit (``tree``).

    With ``tree`` nothing is read from disk (`isms diff` reads both revisions from git objects);
    ``root`` is then only the repository the tree belongs to. ``remember`` takes the parse of files
    unchanged since an earlier run from the cache folder and keeps this run's there
    (`isms.loader.parse_cache`; not with ``tree``, nor with ``CI`` set).

    Raises:
        UsageError: when ``root`` is not an ISMS repository.
    """
    skip_discovery_without_plugins()  # before the first validator is built (see isms.loader.plugins)
    with rare_collections():
        return _load(require_root(root) if tree is None else root.resolve(), tree, remember=remember)


def _load(root: Path, tree: Tree | None, *, remember: bool) -> LoadResult:
    # The text model every document holds, first: each document's validator then takes its schema.
    Text.model_rebuild()
    sources = discover(root, tree)
    parses = ParseCache.open(root) if remember and tree is None else None
    reader = Reader(root, tree, findings=sources.findings, parses=parses)
    out = reader.findings
    config_doc = reader.read(CONFIG_FILE, ConfigDoc)
    # An invalid isms.yaml is reported as such; its stand-in has no frameworks, so nothing follows from it.
    config = config_doc.doc if config_doc else ConfigDoc(organisation=Text(ja="(isms.yaml is invalid)"), frameworks=[])

    policies = _load_policies(reader, sources.policies)
    broken: dict[str, str] = {}
    frameworks = load_frameworks(reader, sources.catalogs, list(policies.values()), broken)
    index = RefIndex(
        {fid: set(fw.requirements) for fid, fw in frameworks.items()},
        config.frameworks,
        {fid: fw.info.id_prefix for fid, fw in frameworks.items()},
    )
    for position, fid in enumerate(config.frameworks):
        if fid not in frameworks:
            message, ja = not_loaded(fid, broken, frameworks)
            out.append(error("unknown-framework", message, CONFIG_FILE, ("frameworks", position), ja=ja))
    for position, fid in enumerate(config.soa.additional):
        where = ("soa", "additional", position)
        if fid not in frameworks:
            message, ja = not_loaded(fid, broken, frameworks)
        elif fid == config.soa_framework:
            message = f"`soa.additional`: `{fid}` is the `soa_framework`; list only the organisation's own frameworks"
            ja = f"soa.additional の {fid} は soa_framework です。組織独自のフレームワークだけを挙げてください"
        else:
            continue
        out.append(error("unknown-framework", message, CONFIG_FILE, where, ja=ja))
    approved = config.soa.approved
    if approved is not None and config.owners and approved.by not in config.owners:
        message = f"`soa.approved.by`: `{approved.by}` is not defined under `owners`; name the approver's owner id"
        ja = f"soa.approved.by: {approved.by} が owners に定義されていません（承認者の owner ID を書いてください）"
        out.append(error("unknown-owner", message, CONFIG_FILE, ("soa", "approved", "by"), ja=ja))
    _check_entities(config, out)
    mappings = _catalog_mappings(frameworks, index, out) + _policy_mappings(policies, frameworks, index, out)

    on_disk = frozenset(p.removeprefix("evidence/") for p in sources.evidence_files)
    series: list[EvidenceSeries] = []
    invalid: dict[str, tuple[str, Pointer]] = {}
    evidence = load_evidence(reader, root, sources.registers, on_disk, config, series, invalid)
    known = _Known(set(config.owners), evidence, invalid, positions.Placer(reader.texts, reader.outlines))
    unloaded: dict[ReqKey, str] = {}
    controls, control_mappings = _load_controls(reader, sources.controls, frameworks, (known, index, broken), unloaded)
    records = _risk_records(reader, sources, config, index, policies, config_valid=config_doc is not None)
    cycle_ctx = Context(set(config.owners), index, frameworks, controls, evidence, set(records.risks))
    cycle = _cycle_records(reader, sources, cycle_ctx)
    check_control_tests(cycle_ctx, out)
    nc_ids = {*cycle.nonconformities, *(i.partition(":")[2] for i in cycle.invalid if i.startswith("nonconformity:"))}
    suppliers = _suppliers(reader, sources, cycle_ctx, nc_ids)
    repository = Repository(
        root=root,
        config=config,
        frameworks=frameworks,
        controls=controls,
        policies=policies,
        evidence=evidence,
        evidence_files=on_disk,
        mappings=(*mappings, *control_mappings),
        texts=reader.texts,
        assets=records.assets,
        risks=records.risks,
        exceptions=records.exceptions,
        series=tuple(series),
        unloaded_controls=unloaded,
        audits=cycle.audits,
        nonconformities=cycle.nonconformities,
        reviews=cycle.reviews,
        objectives=cycle.objectives,
        suppliers=suppliers,
        outlines=reader.outlines,
        registers=reader.registers,
    )
    placed = positions.resolve(out, reader.texts, reader.outlines)
    if parses is not None:
        parses.save()
    return LoadResult(repository, sorted(placed, key=Finding.sort_key))
