"""Read `assets/`, `risks/` and `exceptions/`: references resolved, levels computed, problems as findings."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Literal

from isms.findings import Finding, Pointer
from isms.loader.discover import CONFIG_FILE
from isms.loader.records import RiskRecords, resolve_keys
from isms.loader.sources import Reader, error
from isms.model.config import ConfigDoc, RiskCriteria
from isms.model.refs import RefIndex
from isms.model.repository import Policy, ReqKey
from isms.model.risk import AssetDoc, ExceptionDoc, Rating, RiskDoc
from isms.model.risk_records import Asset, Level, Risk, RiskException


def _refs(refs: Iterable[str], index: RefIndex, path: str, pointer: Pointer, out: list[Finding]) -> tuple[ReqKey, ...]:
    return tuple(resolve_keys(enumerate(refs), index, path, pointer, out))


_SCALES_JA = {"likelihood": "起こりやすさ", "impact": "影響度"}


def _owner(owner: str | None, owners: set[str], path: str, pointer: Pointer, out: list[Finding]) -> None:
    if owner is not None and owners and owner not in owners:
        message = f"owner `{owner}` is not defined under `owners` in {CONFIG_FILE}; add it there or fix the id"
        ja = f"責任者 {owner} が {CONFIG_FILE} の owners に定義されていません（追加するか ID を直してください）"
        out.append(error("unknown-owner", message, path, pointer, ja=ja))


def _assets(reader: Reader, paths: list[str], owners: set[str], index: RefIndex) -> dict[str, Asset]:
    out = reader.findings
    assets: dict[str, Asset] = {}
    for path in paths:
        data = reader.data(path)
        if data is None:
            continue
        entries = data.get("assets") if isinstance(data, dict) else None
        extra = sorted(set(data) - {"assets"}) if isinstance(data, dict) else []
        if not isinstance(entries, list) or extra:
            message = "an asset register is a mapping with one key, `assets:`, a list of entries starting `- id:`"
            ja = "資産台帳は assets: の1キーだけを持つマッピングで、その値は - id: で始まる項目のリストです"
            out.append(error("invalid-value", message, path, ja=ja))
            continue
        for position, raw in enumerate(entries):
            doc = reader.part(path, AssetDoc, raw, ("assets", position))
            if doc is None:
                continue
            pointer: Pointer = ("assets", position)
            if doc.id in assets:
                message = f"asset `{doc.id}` is already defined in {assets[doc.id].path}; keep one of them"
                ja = f"資産 {doc.id} は既に {assets[doc.id].path} で定義されています（どちらか1つにしてください）"
                out.append(error("duplicate-id", message, path, (*pointer, "id"), ja=ja))
                continue
            _owner(doc.owner, owners, path, (*pointer, "owner"), out)
            controls = _refs(doc.controls, index, path, (*pointer, "controls"), out)
            assets[doc.id] = Asset(doc.id, path, position, doc, controls)
    return assets


def _level(criteria: RiskCriteria, rating: Rating, path: str, pointer: Pointer, out: list[Finding]) -> Level | None:
    values: dict[str, int] = {}
    scales: tuple[Literal["likelihood", "impact"], ...] = ("likelihood", "impact")
    for scale in scales:
        raw = getattr(rating, scale)
        value = criteria.point(scale, raw)
        levels = criteria.likelihood if scale == "likelihood" else criteria.impact
        if value is None:
            labels = ", ".join(level.id for level in levels)
            if isinstance(raw, int):
                rule = "level-outside-scale"
                message = f"{scale} {raw} is outside the scale 1–{len(levels)} of `risk.{scale}` in {CONFIG_FILE}"
                ja = f"{_SCALES_JA[scale]} {raw} は {CONFIG_FILE} の risk.{scale} の尺度 1–{len(levels)} の範囲外です"
            else:
                rule = "unknown-scale-label"
                message = f"{scale} `{raw}` is not on the scale; write one of {labels} (or 1–{len(levels)})"
                ja = f"{_SCALES_JA[scale]} {raw} は尺度にありません（{labels} または 1–{len(levels)} で書いてください）"
            out.append(error(rule, message, path, (*pointer, scale), ja=ja))
        else:
            values[scale] = value
    if len(values) < len(scales):
        return None
    band = criteria.band(values["likelihood"], values["impact"])
    return Level(values["likelihood"], values["impact"], band.id)


def _check_risk(doc: RiskDoc, path: str, assets: dict[str, Asset], owners: set[str], out: list[Finding]) -> None:
    for position, asset in enumerate(doc.assets):
        if asset not in assets:
            message = f"asset `{asset}` is not in any register under assets/; add it there or fix the id"
            ja = f"資産 {asset} は assets/ のどの台帳にもありません（追加するか ID を直してください）"
            out.append(error("unknown-asset", message, path, ("assets", position), ja=ja))
    _owner(doc.owner, owners, path, ("owner",), out)
    for position, action in enumerate(doc.actions):
        _owner(action.owner, owners, path, ("actions", position, "owner"), out)
    acceptance = doc.acceptance
    if acceptance is not None:
        _owner(acceptance.by, owners, path, ("acceptance", "by"), out)
        if acceptance.date < doc.assessed:
            message = (
                f"accepted on {acceptance.date}, before the assessment of {doc.assessed}; "
                "accept the risk as assessed (date the acceptance on or after `assessed`)"
            )
            ja = (
                f"受容日 {acceptance.date} が評価日 {doc.assessed} より前です。評価したとおりのリスクを受容してください"
                "（受容の日付を assessed 以後にする）"
            )
            out.append(error("acceptance-before-assessment", message, path, ("acceptance", "date"), ja=ja))
        if acceptance.valid_until < acceptance.date:
            message = f"`valid_until` {acceptance.valid_until} is before the acceptance date {acceptance.date}"
            ja = f"valid_until {acceptance.valid_until} が受容日 {acceptance.date} より前です"
            out.append(error("invalid-value", message, path, ("acceptance", "valid_until"), ja=ja))


def _risks(
    reader: Reader, paths: list[str], config: ConfigDoc | None, index: RefIndex, assets: dict[str, Asset]
) -> dict[str, Risk]:
    """Read risk files; ``config`` is None when isms.yaml is invalid (no criteria to compute levels with)."""
    out = reader.findings
    owners = set(config.owners) if config else set()
    risks: dict[str, Risk] = {}
    for path in paths:
        document = reader.read(path, RiskDoc)
        if document is None:
            continue
        rid, doc = PurePosixPath(path).stem, document.doc
        if rid in risks:
            message = f"risk `{rid}` already has a file: {risks[rid].path}; merge them or rename one"
            ja = f"リスク {rid} のファイルは既にあります: {risks[rid].path}（統合するか名前を変えてください）"
            out.append(error("duplicate-id", message, path, ja=ja))
            continue
        _check_risk(doc, path, assets, owners, out)
        controls = _refs(doc.controls, index, path, ("controls",), out)
        inherent = residual = None
        if config is None:
            pass  # isms.yaml is invalid and reported as such
        elif config.risk is None:
            message = f"risks need criteria: add `risk:` (scales, bands, acceptance threshold) to {CONFIG_FILE}"
            ja = f"リスクには基準が必要です（{CONFIG_FILE} に risk:（尺度・区分・受容基準）を追加してください）"
            out.append(error("risk-no-criteria", message, path, ja=ja))
        else:
            inherent = _level(config.risk, doc.inherent, path, ("inherent",), out)
            if doc.residual is not None:
                residual = _level(config.risk, doc.residual, path, ("residual",), out)
        risks[rid] = Risk(rid, path, doc, controls, inherent, residual)
    return risks


def _exceptions(
    reader: Reader, paths: list[str], owners: set[str], index: RefIndex, policies: dict[str, Policy]
) -> dict[str, RiskException]:
    out = reader.findings
    found: dict[str, RiskException] = {}
    for path in paths:
        document = reader.read(path, ExceptionDoc)
        if document is None:
            continue
        eid, doc = PurePosixPath(path).stem, document.doc
        if eid in found:
            message = f"exception `{eid}` already has a file: {found[eid].path}"
            ja = f"例外 {eid} のファイルは既にあります: {found[eid].path}"
            out.append(error("duplicate-id", message, path, ja=ja))
            continue
        _owner(doc.owner, owners, path, ("owner",), out)
        _owner(doc.approved.by, owners, path, ("approved", "by"), out)
        for position, ref in enumerate(doc.statements):
            policy, _, statement = ref.partition("#")
            known = policy in policies and any(s.id == statement for s in policies[policy].doc.statements)
            if not known:
                message = f"`{ref}` names no policy statement; write `policy-id#statement-id` as in policies/"
                ja = (
                    f"{ref} はどの方針の記述も指していません"
                    f"（policies/ と同じく policy-id#statement-id で書いてください）"
                )
                out.append(error("unknown-reference", message, path, ("statements", position), ja=ja))
        if not doc.controls and not doc.statements:
            message = "an exception deviates from something: list `controls:` or `statements:`"
            ja = "例外には逸脱する対象が必要です（controls: か statements: を列挙してください）"
            out.append(error("missing-key", message, path, ja=ja))
        controls = _refs(doc.controls, index, path, ("controls",), out)
        found[eid] = RiskException(eid, path, doc, controls)
    return found


def load_risk_records(
    reader: Reader,
    folders: tuple[list[str], list[str], list[str]],
    config: ConfigDoc,
    index: RefIndex,
    policies: dict[str, Policy],
    *,
    config_valid: bool = True,
) -> RiskRecords:
    """Read asset registers, risks and exceptions (their files in this order of ``folders``)."""
    asset_paths, risk_paths, exception_paths = folders
    owners = set(config.owners)
    assets = _assets(reader, asset_paths, owners, index)
    risks = _risks(reader, risk_paths, config if config_valid else None, index, assets)
    exceptions = _exceptions(reader, exception_paths, owners, index, policies)
    return RiskRecords(assets, risks, exceptions)
