"""Validated documents to one Repository; cross-references resolved, problems as findings."""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from isms.findings import Finding, Severity
from isms.loader import positions
from isms.loader.discover import CONFIG_FILE, discover, leaves, packaged_catalogs, require_root
from isms.model.base import Text
from isms.model.catalog import CatalogDoc, FrameworkInfo, Requirement
from isms.model.config import ConfigDoc
from isms.model.control import ControlDoc
from isms.model.evidence import EvidenceDefaults, EvidenceItemDoc, EvidenceRegisterDoc
from isms.model.policy import PolicyDoc
from isms.model.refs import RefIndex
from isms.model.repository import (
    Control,
    EvidenceItem,
    Framework,
    Mapping,
    Policy,
    Repository,
    ReqKey,
)
from isms.model.sources import Document, Reader


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The loaded repository and every finding met on the way (placed at lines)."""

    repository: Repository
    findings: list[Finding]


def _error(rule: str, message: str, path: str, pointer: tuple[str | int, ...] = ()) -> Finding:
    return Finding(rule, Severity.ERROR, message, path, pointer=pointer)


def _framework_from_catalog(
    doc: Document[CatalogDoc], origin: Literal["package", "repository"], out: list[Finding]
) -> Framework:
    catalog = doc.doc
    groups = {}
    for index, group in enumerate(catalog.groups):
        if group.id in groups:
            out.append(
                _error(
                    "duplicate-id",
                    f"group `{group.id}` is listed twice; remove or rename one",
                    doc.path,
                    ("groups", index, "id"),
                )
            )
        groups[group.id] = group
    for index, group in enumerate(catalog.groups):
        if group.parent is not None and group.parent not in groups:
            out.append(
                _error(
                    "unknown-reference", f"unknown parent group `{group.parent}`", doc.path, ("groups", index, "parent")
                )
            )
    vocab = {attr.id: set(attr.values) for attr in catalog.attributes}
    requirements: dict[str, Requirement] = {}
    for index, req in enumerate(catalog.requirements):
        here: tuple[str | int, ...] = ("requirements", index)
        if req.id in requirements:
            out.append(
                _error(
                    "duplicate-id",
                    f"requirement `{req.id}` is listed twice; remove or rename one",
                    doc.path,
                    (*here, "id"),
                )
            )
        requirements[req.id] = req
        if req.group is not None and req.group not in groups:
            out.append(_error("unknown-reference", f"unknown group `{req.group}`", doc.path, (*here, "group")))
        for name, values in req.attributes.items():
            if vocab and name not in vocab:
                out.append(
                    _error(
                        "unknown-key",
                        f"unknown attribute `{name}`; declared: {', '.join(sorted(vocab))}",
                        doc.path,
                        (*here, "attributes", name),
                    )
                )
                continue
            for vindex, value in enumerate(values):
                if name in vocab and value not in vocab[name]:
                    out.append(
                        _error(
                            "invalid-value",
                            f"`{value}` is not a value of attribute `{name}`",
                            doc.path,
                            (*here, "attributes", name, vindex),
                        )
                    )
    return Framework(catalog.framework, groups, requirements, tuple(catalog.attributes), doc.path, origin)


def _framework_from_policy(policy: Policy) -> Framework | None:
    spec = policy.doc.framework
    if spec is None:
        return None
    info = FrameworkInfo(
        id=spec.id,
        name=spec.name,
        version=spec.version,
        coverage="mapped",
        description=policy.doc.summary,
    )
    requirements = {s.id: Requirement(id=s.id, title=s.text, source="organisation") for s in policy.doc.statements}
    return Framework(info, {}, requirements, (), policy.path, "policy")


def _known(frameworks: Iterable[str]) -> str:
    return ", ".join(sorted(frameworks)) or "none"


def _not_loaded(fid: str, broken: dict[str, str], frameworks: dict[str, Framework]) -> str:
    """Say why a framework is not loaded, and what to do."""
    if fid in broken:
        return f"framework `{fid}` is not loaded because {broken[fid]} has errors; fix them first"
    return (
        f"framework `{fid}` is not loaded; add its catalog under catalogs/ or fix the id (loaded: {_known(frameworks)})"
    )


def _broken_id(data: object) -> str | None:
    """Return ``framework.id`` of a catalog that did not validate, when it can be read."""
    framework = data.get("framework") if isinstance(data, dict) else None
    fid = framework.get("id") if isinstance(framework, dict) else None
    return fid if isinstance(fid, str) else None


def _load_frameworks(
    reader: Reader, catalogs: list[str], policies: list[Policy], broken: dict[str, str]
) -> dict[str, Framework]:
    """Load packaged, repository and policy frameworks; ``broken`` collects ids of catalogs with errors."""
    out = reader.findings
    frameworks: dict[str, Framework] = {}
    for name, raw in packaged_catalogs():
        doc = reader.read(name, CatalogDoc, raw)
        if doc is not None:
            frameworks[doc.doc.framework.id] = _framework_from_catalog(doc, "package", out)
    seen: dict[str, str] = {}
    for path in catalogs:
        data = reader.data(path)
        if data is None:
            continue
        catalog = reader.part(path, CatalogDoc, data, ())
        if catalog is None:
            fid = _broken_id(data)
            if fid is not None and fid not in frameworks:
                broken[fid] = path
            continue
        doc = Document(path, catalog)
        fid = doc.doc.framework.id
        if fid in seen:
            out.append(
                _error(
                    "duplicate-id",
                    f"framework `{fid}` is also defined in {seen[fid]}; give each catalog its own framework id",
                    path,
                    ("framework", "id"),
                )
            )
            continue
        seen[fid] = path
        # A repository catalog replaces the packaged one of the same id (e.g. an imported official sheet).
        frameworks[fid] = _framework_from_catalog(doc, "repository", out)
    for policy in policies:
        framework = _framework_from_policy(policy)
        if framework is None:
            continue
        if framework.id in frameworks:
            out.append(
                _error(
                    "duplicate-id",
                    f"framework `{framework.id}` is already defined in {frameworks[framework.id].source}; "
                    "give the policy's framework another id",
                    policy.path,
                    ("framework", "id"),
                )
            )
            continue
        frameworks[framework.id] = framework
    return frameworks


def _resolve_all(
    refs: Iterable[tuple[int, str]], index: RefIndex, path: str, pointer: tuple[str | int, ...], out: list[Finding]
) -> list[ReqKey]:
    keys = []
    for position, ref in refs:
        key, problem = index.resolve(ref)
        if key is None:
            rule = "ambiguous-reference" if "ambiguous" in (problem or "") else "unknown-reference"
            out.append(_error(rule, problem or ref, path, (*pointer, position)))
        else:
            keys.append(key)
    return keys


def _safe_evidence_path(register: str, raw: str) -> tuple[str | None, str | None]:
    """Return the path relative to `evidence/`, or a reason to refuse it."""
    if "\\" in raw:
        return None, f"evidence path `{raw}` uses `\\`; write `/`"
    pure = PurePosixPath(raw)
    if pure.is_absolute() or raw.startswith("~"):
        return None, f"evidence path `{raw}` is absolute; write it relative to {posixpath.dirname(register)}/"
    if ".." in pure.parts:
        return None, f"evidence path `{raw}` leaves its folder with `..`; keep evidence files under evidence/"
    folder = posixpath.dirname(register).removeprefix("evidence").lstrip("/")
    return posixpath.normpath(posixpath.join(folder, raw)) if folder else posixpath.normpath(raw), None


def _register_entries(reader: Reader, register: str) -> Iterator[tuple[int, EvidenceItemDoc, EvidenceDefaults]]:
    """Validate a register entry by entry, so that one bad entry hides no other."""
    data = reader.data(register)
    if data is None:
        return
    if not isinstance(data, dict):
        reader.part(register, EvidenceRegisterDoc, data, ())
        return
    entries = data.get("evidence", [])
    head = reader.part(register, EvidenceRegisterDoc, {k: v for k, v in data.items() if k != "evidence"}, ())
    if not isinstance(entries, list):
        reader.findings.append(
            _error(
                "invalid-value",
                "`evidence` must be a list of entries, each starting with `- path:`",
                register,
                ("evidence",),
            )
        )
        return
    defaults = head.defaults if head is not None else EvidenceDefaults()
    for index, raw in enumerate(entries):
        entry = reader.part(register, EvidenceItemDoc, raw, ("evidence", index))
        if entry is not None:
            yield index, entry, defaults


def _load_evidence(
    reader: Reader, root: Path, registers: list[str], on_disk: frozenset[str]
) -> dict[str, EvidenceItem]:
    out = reader.findings
    items: dict[str, EvidenceItem] = {}
    for register in registers:
        for index, entry, defaults in _register_entries(reader, register):
            here: tuple[str | int, ...] = ("evidence", index, "path")
            rel, problem = _safe_evidence_path(register, entry.path)
            if rel is None:
                out.append(_error("path-escape", problem or "", register, here))
                continue
            file = f"evidence/{rel}"
            if rel in items:
                out.append(
                    _error(
                        "duplicate-id",
                        f"evidence `{rel}` is already declared in {items[rel].register}; declare each file once",
                        register,
                        here,
                    )
                )
                continue
            # Files found on disk were vetted by discover(); only a path through a symlinked folder can lead out.
            if rel not in on_disk and leaves(root, root / file):
                out.append(
                    _error(
                        "path-escape",
                        f"evidence `{rel}` leads outside the repository through a symlink; "
                        "copy the file into evidence/",
                        register,
                        here,
                    )
                )
                continue
            if rel not in on_disk:
                out.append(
                    _error(
                        "evidence-missing",
                        f"evidence file {file} does not exist; add the file or remove its entry",
                        register,
                        here,
                    )
                )
            items[rel] = EvidenceItem(
                path=rel,
                file=file,
                register=register,
                index=index,
                title=entry.title,
                date=entry.date,
                collected_by=entry.collected_by or defaults.collected_by,
                valid_for=entry.valid_for or defaults.valid_for,
                valid_until=entry.valid_until,
                classification=entry.class_ or defaults.class_ or "internal",
                sha256=entry.sha256,
                description=entry.description,
            )
    return items


def _control_key(
    path: str, frameworks: dict[str, Framework], broken: dict[str, str], out: list[Finding]
) -> ReqKey | None:
    parts = path.split("/")
    if len(parts) < 3:
        out.append(_error("misplaced-file", "control files go in controls/<framework>/<id>.yaml", path))
        return None
    framework, rid = parts[1], PurePosixPath(parts[-1]).stem
    if framework not in frameworks:
        if framework in broken:
            message = f"folder `{framework}`: {_not_loaded(framework, broken, frameworks)}"
        else:
            message = (
                f"folder `{framework}` is not a loaded framework; move the file to the folder of one "
                f"(loaded: {_known(frameworks)})"
            )
        out.append(_error("unknown-framework", message, path))
        return None
    if rid not in frameworks[framework].requirements:
        out.append(
            _error(
                "unknown-requirement",
                f"`{framework}` has no requirement `{rid}`; name the file after an id that `isms catalog show` lists",
                path,
            )
        )
        return None
    return (framework, rid)


def _check_control(
    control: Control, repo_owners: set[str], evidence: dict[str, EvidenceItem], out: list[Finding]
) -> None:
    doc, path = control.doc, control.path
    if doc.owner is not None and repo_owners and doc.owner not in repo_owners:
        out.append(
            _error(
                "unknown-owner", f"owner `{doc.owner}` is not defined under `owners` in {CONFIG_FILE}", path, ("owner",)
            )
        )
    for index, ref in enumerate(doc.evidence):
        if ref not in evidence:
            out.append(
                _error(
                    "unknown-evidence",
                    f"evidence `{ref}` is not declared in any evidence.yaml; "
                    "declare it (e.g. with `isms evidence add`)",
                    path,
                    ("evidence", index),
                )
            )
    for mindex, measure in enumerate(doc.measures):
        for dindex, pattern in enumerate(measure.data):
            if not any(fnmatch.fnmatchcase(p, pattern) for p in evidence):
                out.append(
                    _error(
                        "unknown-evidence",
                        f"measure data `{pattern}` matches no declared evidence",
                        path,
                        ("measures", mindex, "data", dindex),
                    )
                )
        for name in ("count", "ratio"):
            spec = getattr(measure.compute, name)
            if spec is not None and spec.not_in is not None and spec.not_in.evidence not in evidence:
                out.append(
                    _error(
                        "unknown-evidence",
                        f"`{spec.not_in.evidence}` is not declared evidence",
                        path,
                        ("measures", mindex, "compute", name, "not_in", "evidence"),
                    )
                )


def _load_policies(reader: Reader, paths: list[str]) -> dict[str, Policy]:
    policies: dict[str, Policy] = {}
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
            targets = _resolve_all(enumerate(req.maps_to), index, framework.source, pointer, out)
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
            targets = _resolve_all(enumerate(statement.implemented_by), index, policy.path, pointer, out)
            if owned and own is not None:
                mappings.extend(Mapping((own, statement.id), target, policy.path) for target in targets)
    return mappings


def _load_controls(
    reader: Reader,
    paths: list[str],
    frameworks: dict[str, Framework],
    context: tuple[set[str], dict[str, EvidenceItem], RefIndex, dict[str, str]],
) -> tuple[dict[ReqKey, Control], list[Mapping]]:
    owners, evidence, index, broken = context
    out = reader.findings
    controls: dict[ReqKey, Control] = {}
    mappings: list[Mapping] = []
    for path in paths:
        key = _control_key(path, frameworks, broken, out)
        doc = reader.read(path, ControlDoc)
        if key is None or doc is None:
            continue
        if key in controls:
            other = controls[key].path
            out.append(
                _error(
                    "duplicate-id",
                    f"`{key[0]}:{key[1]}` already has a control file: {other}; merge them into one",
                    path,
                )
            )
            continue
        control = Control(key[0], key[1], path, doc.doc)
        controls[key] = control
        _check_control(control, owners, evidence, out)
        targets = _resolve_all(enumerate(doc.doc.maps_to), index, path, ("maps_to",), out)
        mappings.extend(Mapping(key, target, path) for target in targets)
    return controls, mappings


def load_repository(root: Path) -> LoadResult:
    """Load and validate an ISMS repository.

    Raises:
        UsageError: when ``root`` is not an ISMS repository.
    """
    root = require_root(root)
    sources = discover(root)
    reader = Reader(root, findings=sources.findings)
    out = reader.findings
    config_doc = reader.read(CONFIG_FILE, ConfigDoc)
    # An invalid isms.yaml is reported as such; its stand-in has no frameworks, so nothing follows from it.
    config = config_doc.doc if config_doc else ConfigDoc(organisation=Text(ja="(isms.yaml is invalid)"), frameworks=[])

    policies = _load_policies(reader, sources.policies)
    broken: dict[str, str] = {}
    frameworks = _load_frameworks(reader, sources.catalogs, list(policies.values()), broken)
    index = RefIndex({fid: set(fw.requirements) for fid, fw in frameworks.items()})
    for position, fid in enumerate(config.frameworks):
        if fid not in frameworks:
            out.append(
                _error("unknown-framework", _not_loaded(fid, broken, frameworks), CONFIG_FILE, ("frameworks", position))
            )
    mappings = _catalog_mappings(frameworks, index, out) + _policy_mappings(policies, frameworks, index, out)

    on_disk = frozenset(p.removeprefix("evidence/") for p in sources.evidence_files)
    evidence = _load_evidence(reader, root, sources.registers, on_disk)
    controls, control_mappings = _load_controls(
        reader, sources.controls, frameworks, (set(config.owners), evidence, index, broken)
    )
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
    )
    placed = positions.resolve(out, reader.texts)
    return LoadResult(repository, sorted(placed, key=Finding.sort_key))
