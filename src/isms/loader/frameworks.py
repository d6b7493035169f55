"""Frameworks from catalog documents (packaged and the repository's own) and from framework policies."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from isms.findings import Finding
from isms.loader.catalog_cache import load_packaged
from isms.loader.discover import packaged_catalogs
from isms.loader.sources import Document, Reader, error
from isms.model.catalog import CatalogDoc, FrameworkInfo, Requirement
from isms.model.repository import Framework, Policy


def _framework_from_catalog(
    doc: Document[CatalogDoc], origin: Literal["package", "repository"], out: list[Finding]
) -> Framework:
    catalog = doc.doc
    groups = {}
    for index, group in enumerate(catalog.groups):
        if group.id in groups:
            out.append(
                error(
                    "duplicate-id",
                    f"group `{group.id}` is listed twice; remove or rename one",
                    doc.path,
                    ("groups", index, "id"),
                    ja=f"グループ {group.id} が2回あります（削除するか名前を変えてください）",
                )
            )
        groups[group.id] = group
    for index, group in enumerate(catalog.groups):
        if group.parent is not None and group.parent not in groups:
            out.append(
                error(
                    "unknown-reference",
                    f"unknown parent group `{group.parent}`",
                    doc.path,
                    ("groups", index, "parent"),
                    ja=f"親グループ {group.parent} は定義されていません",
                )
            )
    vocab = {attr.id: set(attr.values) for attr in catalog.attributes}
    requirements: dict[str, Requirement] = {}
    for index, req in enumerate(catalog.requirements):
        here: tuple[str | int, ...] = ("requirements", index)
        if req.id in requirements:
            out.append(
                error(
                    "duplicate-id",
                    f"requirement `{req.id}` is listed twice; remove or rename one",
                    doc.path,
                    (*here, "id"),
                    ja=f"要求事項 {req.id} が2回あります（削除するか名前を変えてください）",
                )
            )
        requirements[req.id] = req
        if req.group is not None and req.group not in groups:
            message = f"unknown group `{req.group}`"
            ja = f"グループ {req.group} は定義されていません"
            out.append(error("unknown-reference", message, doc.path, (*here, "group"), ja=ja))
        for name, values in req.attributes.items():
            if vocab and name not in vocab:
                out.append(
                    error(
                        "unknown-key",
                        f"unknown attribute `{name}`; declared: {', '.join(sorted(vocab))}",
                        doc.path,
                        (*here, "attributes", name),
                        ja=f"属性 {name} は定義されていません（定義済み: {', '.join(sorted(vocab))}）",
                    )
                )
                continue
            for vindex, value in enumerate(values):
                if name in vocab and value not in vocab[name]:
                    out.append(
                        error(
                            "invalid-value",
                            f"`{value}` is not a value of attribute `{name}`",
                            doc.path,
                            (*here, "attributes", name, vindex),
                            ja=f"{value} は属性 {name} の値ではありません",
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


def known(frameworks: Iterable[str]) -> str:
    return ", ".join(sorted(frameworks)) or "none"


def not_loaded(fid: str, broken: dict[str, str], frameworks: dict[str, Framework]) -> tuple[str, str]:
    """Say why a framework is not loaded, and what to do: (English, Japanese)."""
    if fid in broken:
        return (
            f"framework `{fid}` is not loaded because {broken[fid]} has errors; fix them first",
            f"フレームワーク {fid} は {broken[fid]} のエラーのため読み込まれていません（先にエラーを直してください）",
        )
    return (
        f"framework `{fid}` is not loaded; add its catalog under catalogs/ or fix the id (loaded: {known(frameworks)})",
        f"フレームワーク {fid} は読み込まれていません（catalogs/ にカタログを追加するか ID を直してください。"
        f"読み込み済み: {known(frameworks)}）",
    )


def _broken_id(data: object) -> str | None:
    """Return ``framework.id`` of a catalog that did not validate, when it can be read."""
    framework = data.get("framework") if isinstance(data, dict) else None
    fid = framework.get("id") if isinstance(framework, dict) else None
    return fid if isinstance(fid, str) else None


def load_frameworks(
    reader: Reader, catalogs: list[str], policies: list[Policy], broken: dict[str, str]
) -> dict[str, Framework]:
    """Load packaged, repository and policy frameworks; ``broken`` collects ids of catalogs with errors."""
    out = reader.findings
    frameworks: dict[str, Framework] = {}
    for loaded in load_packaged(packaged_catalogs()):
        doc = reader.validated(loaded.path, CatalogDoc, reader.take(loaded))
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
                error(
                    "duplicate-id",
                    f"framework `{fid}` is also defined in {seen[fid]}; give each catalog its own framework id",
                    path,
                    ("framework", "id"),
                    ja=(
                        f"フレームワーク {fid} は {seen[fid]} でも定義されています"
                        f"（カタログごとに別の ID にしてください）"
                    ),
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
                error(
                    "duplicate-id",
                    f"framework `{framework.id}` is already defined in {frameworks[framework.id].source}; "
                    "give the policy's framework another id",
                    policy.path,
                    ("framework", "id"),
                    ja=f"フレームワーク {framework.id} は既に {frameworks[framework.id].source} で定義されています"
                    "（方針のフレームワークに別の ID を付けてください）",
                )
            )
            continue
        frameworks[framework.id] = framework
    return frameworks
