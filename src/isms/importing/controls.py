"""`isms import controls`: an SoA sheet becomes control files (status, applicability, owner, texts).

Existing control files are edited in place (round trip): their evidence, mappings, measures,
comments and every field the sheet does not have stay as they are. A blank cell changes nothing.
Rows that are not requirements of the framework, and owners that isms.yaml does not know, are
errors (``--skip-unknown`` makes the former warnings; ``--add-owners`` adds the latter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from isms.edit import roundtrip
from isms.export.soa import UNDECIDED
from isms.importing.nodes import merge_text, put
from isms.importing.plan import Plan, SheetOptions, read_table, validation_problems
from isms.importing.problems import Level, Place, Problem, raise_on_errors, refuse
from isms.importing.table import Row, Table
from isms.importing.words import CONTROL_HEADERS, applicable_of, normalize, reasons_of, status_of
from isms.loader.assemble import load_repository
from isms.loader.discover import CONFIG_FILE
from isms.model.base import Lang
from isms.model.config import ConfigDoc
from isms.model.control import ControlDoc, Reason, Status
from isms.model.repository import Framework, Repository

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_UNDECIDED = {normalize(word) for word in UNDECIDED}
_ORDER = ("status", "owner", "reasons", "justification", "implementation")


@dataclass(frozen=True)
class ControlOptions:
    """Options of `isms import controls`."""

    framework: str | None = None
    add_owners: bool = False
    skip_unknown: bool = False
    lang: Lang | None = None
    sheet: SheetOptions = field(default_factory=SheetOptions)


@dataclass
class Decision:
    """What one row says about one control (None: the sheet says nothing)."""

    row: Row
    id: str
    status: Status | None = None
    applicable: bool | None = None
    reasons: list[Reason] | None = None
    justification: str | None = None
    implementation: str | None = None
    owner: str | None = None


@dataclass
class _Context:
    table: Table
    repo: Repository
    framework: Framework
    lang: Lang
    options: ControlOptions
    problems: list[Problem] = field(default_factory=list)
    new_owners: dict[str, str] = field(default_factory=dict)
    unknown_owners: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    def error(self, row: int, name: str | None, message: str, level: Level = "error", *, ja: str | None = None) -> None:
        self.problems.append(Problem(self.table.place(row, name), message, level, ja))


def _requirement(ctx: _Context, row: Row) -> str | None:
    rid = row.text("id")
    if rid in ctx.framework.requirements:
        return rid
    if rid.upper().startswith("A.") and rid[2:] in ctx.framework.requirements:
        return rid[2:]  # Annex A numbering as the 2013 edition wrote it: A.5.1
    level: Level = "warning" if ctx.options.skip_unknown else "error"
    hint = "; it was skipped" if ctx.options.skip_unknown else " (pass --skip-unknown to import the other rows)"
    hint_ja = (
        "。この行は飛ばしました"
        if ctx.options.skip_unknown
        else "（ほかの行を取り込むには --skip-unknown を付けてください）"
    )
    ja = f"`{rid}` は `{ctx.framework.id}` の要求事項ではありません{hint_ja}"
    ctx.error(row.number, "id", f"`{rid}` is not a requirement of `{ctx.framework.id}`{hint}", level, ja=ja)
    return None


def known_owner(repo: Repository, given_id: str, name: str) -> str | None:
    """Return the owner id a row names: by id, or by its Japanese or English name."""
    owners = repo.config.owners
    if given_id:
        return given_id if given_id in owners else None
    if name in owners:
        return name
    key = normalize(name)
    for oid, owner in owners.items():
        if key in {normalize(owner.name.ja or ""), normalize(owner.name.en or "")}:
            return oid
    return None


def _owner(ctx: _Context, row: Row) -> str | None:
    given_id, name = row.text("owner_id"), row.text("owner")
    if not given_id and not name:
        return None
    known = known_owner(ctx.repo, given_id, name)
    if known is not None:
        return known
    label = given_id or name
    if not ctx.options.add_owners:
        ctx.unknown_owners.setdefault(label, []).append((row.number, "owner_id" if given_id else "owner"))
        return None
    for oid, known_name in ctx.new_owners.items():
        if label in (oid, known_name):
            return oid
    oid = label if _ID.match(label) else f"owner-{len(ctx.new_owners) + 1}"
    ctx.new_owners[oid] = name or label
    return oid


def _report_unknown_owners(ctx: _Context) -> None:
    """One error per unknown owner, at its first row, listing the others."""
    for label, places in ctx.unknown_owners.items():
        (first, column), others = places[0], [str(number) for number, _ in places[1:]]
        more = f" (also rows {', '.join(others[:10])}{', …' if len(others) > 10 else ''})" if others else ""
        message = f"unknown owner `{label}`{more}: add it to `owners` in isms.yaml, or pass --add-owners"
        more_ja = f"（{', '.join(others[:10])}{', …' if len(others) > 10 else ''} 行目にも）" if others else ""
        ja = f"責任者 `{label}` はいません{more_ja}。isms.yaml の `owners` に追加するか、--add-owners を付けてください"
        ctx.error(first, column, message, ja=ja)


def _check_framework(table: Table, framework: Framework, file: Path) -> None:
    """Refuse at once when no row is a requirement of the framework (the wrong --framework)."""
    ids = [row.text("id") for row in table.rows]
    known = set(framework.requirements) | {f"A.{rid}" for rid in framework.requirements}
    if ids and not any(rid in known or rid.upper() in known for rid in ids):
        message = (
            f"none of the {len(ids)} ids (e.g. `{ids[0]}`) is a requirement of `{framework.id}`; "
            "name the framework of the sheet with --framework ID (`isms catalog list`)"
        )
        ja = (
            f"{len(ids)} 件の ID（例: `{ids[0]}`）のどれも `{framework.id}` の要求事項ではありません。"
            "--framework ID でシートのフレームワークを指定してください（`isms catalog list`）"
        )
        refuse(Place(str(file), table.sheet.place.sheet), message, ja)


def _status(ctx: _Context, row: Row, decision: Decision) -> None:
    text = row.text("status")
    if text and normalize(text) not in _UNDECIDED:
        decision.status = status_of(text)
        if decision.status is None:
            ctx.error(
                row.number,
                "status",
                f"`{text}` is not a status (実施済/一部実施/計画中/未実施/適用除外, implemented…)",
                ja=f"`{text}` は実施状況ではありません（実施済/一部実施/計画中/未実施/適用除外、implemented…）",
            )
    text = row.text("applicable")
    if text:
        decision.applicable = applicable_of(text)
        if decision.applicable is None:
            ja = f"`{text}` は適用の可否ではありません（○/×、yes/no、適用/除外）"
            ctx.error(row.number, "applicable", f"`{text}` is not yes or no (○/×, yes/no, 適用/除外)", ja=ja)
    if decision.applicable is False and decision.status not in (None, "not-applicable"):
        ja = f"適用外（{text}）なのに実施状況が `{row.text('status')}` です"
        ctx.error(row.number, "status", f"not applicable ({text}) but the status is `{row.text('status')}`", ja=ja)
    elif decision.applicable is False:
        decision.status = "not-applicable"
    elif decision.applicable and decision.status == "not-applicable":
        ja = f"適用（{text}）なのに実施状況が適用除外です"
        ctx.error(row.number, "status", f"applicable ({text}) but the status says not applicable", ja=ja)


def _decide(ctx: _Context, row: Row) -> Decision | None:
    rid = _requirement(ctx, row)
    if rid is None:
        return None
    decision = Decision(row, rid)
    _status(ctx, row, decision)
    text = row.text("reasons")
    if text:
        decision.reasons, unknown = reasons_of(text)
        if unknown:
            ctx.error(
                row.number,
                "reasons",
                f"not a reason: {', '.join(f'`{w}`' for w in unknown)} (リスク対応/法令・規制/契約/事業上の必要, "
                "risk/legal/contract/business); if the column is free text, map it with --columns justification=…",
                ja=f"理由ではありません: {', '.join(f'`{w}`' for w in unknown)}"
                "（リスク対応/法令・規制/契約/事業上の必要、risk/legal/contract/business）。"
                "自由記述の列なら --columns justification=… で対応づけてください",
            )
    decision.justification = row.text("justification") or None
    decision.implementation = row.text("implementation") or None
    decision.owner = _owner(ctx, row)
    return decision


def _reasons_node(old: Any, reasons: list[Reason]) -> Any:
    if isinstance(old, CommentedSeq):
        del old[:]
        old.extend(reasons)
        return old
    fresh = CommentedSeq(reasons)
    fresh.fa.set_flow_style()
    return fresh


def _apply(data: CommentedMap, decision: Decision, lang: Lang) -> list[str]:
    """Apply a decision to a control's data; return what changed, e.g. ``status: planned -> implemented``."""
    changed = []
    for key, value in (("status", decision.status), ("owner", decision.owner)):
        if value is not None and data.get(key) != value:
            changed.append(f"{key}: {data.get(key) or '-'} -> {value}")
            put(data, key, value, after=_ORDER[: _ORDER.index(key)])
    if decision.reasons is not None and list(data.get("reasons") or []) != decision.reasons:
        changed.append("reasons")
        put(data, "reasons", _reasons_node(data.get("reasons"), decision.reasons), after=_ORDER[:2])
    for key in ("justification", "implementation"):
        text = getattr(decision, key)
        if text is None:
            continue
        value, moved = merge_text(data.get(key), *((text, None) if lang == "ja" else (None, text)))
        if moved:
            changed.append(key)
            put(data, key, value, after=_ORDER[: _ORDER.index(key)])
    return changed


def sheet_language(table: Table) -> Lang:
    return "ja" if any(_CJK.search(header) for header in table.headers.values()) else "en"


def _plan_control(ctx: _Context, decision: Decision, plan: Plan) -> None:
    key = (ctx.framework.id, decision.id)
    control = ctx.repo.controls.get(key)
    place = ctx.table.place(decision.row.number)
    if decision.status is None and decision.applicable and (control is None or not control.applicable):
        ja = "適用ですが実施状況がありません。実施状況を書いてください（実施済/一部実施/計画中…）"
        ctx.error(decision.row.number, "status", "applicable, but no status: give it (実施済/一部実施/計画中…)", ja=ja)
        return
    if control is None:
        if decision.status is None:
            ja = f"`{decision.id}` には実施状況がないため、管理策ファイルは作成しませんでした"
            ctx.problems.append(Problem(place, f"`{decision.id}` has no status: no control file created", "note", ja))
            return
        path = ctx.repo.root / "controls" / ctx.framework.id / f"{decision.id}.yaml"
        data = CommentedMap()
        _apply(data, decision, ctx.lang)
        title = ctx.framework.requirements[decision.id].title
        header = f"{ctx.framework.id} {decision.id}: {title.get(ctx.lang)}"
        text = roundtrip.new_document(data, header=header)
        plan.added.append(decision.id)
    else:
        path = ctx.repo.root / control.path
        doc = roundtrip.read(path)
        changed = _apply(doc.data, decision, ctx.lang)
        if not changed:
            plan.unchanged += 1
            return
        data = doc.data
        text = roundtrip.render(doc)
        plan.changed[decision.id] = changed
    if data.get("status") == "not-applicable" and not data.get("justification"):
        message = f"`{decision.id}` is not applicable without a justification; auditors expect one"
        ja = f"`{decision.id}` は適用除外ですが理由がありません。審査員は理由を求めます"
        ctx.problems.append(Problem(place, message, "warning", ja))
    rel = path.relative_to(ctx.repo.root).as_posix()
    ctx.problems += validation_problems(text, rel, ControlDoc, default=place)
    plan.changes[path] = text


def _plan_owners(ctx: _Context, plan: Plan) -> None:
    if not ctx.new_owners:
        return
    path = ctx.repo.root / CONFIG_FILE
    doc = roundtrip.read(path)
    owners = doc.data.get("owners")
    if owners is None:
        owners = CommentedMap()
        put(doc.data, "owners", owners, after=("frameworks", "soa_framework", "review_interval"))
    for oid, name in ctx.new_owners.items():
        lang: Lang = "ja" if _CJK.search(name) else "en"
        owners[oid] = CommentedMap({"name": CommentedMap({lang: name})})
        added = (f"added owner `{oid}` ({name})", f"責任者 `{oid}`（{name}）を追加しました")
        ctx.problems.append(Problem(Place(CONFIG_FILE), added[0], "note", added[1]))
    text = roundtrip.render(doc)
    ctx.problems += validation_problems(text, CONFIG_FILE, ConfigDoc)
    plan.changes[path] = text


def plan_controls(root: Path, file: Path, options: ControlOptions | None = None) -> Plan:
    """Plan `isms import controls`: nothing is written here.

    Raises:
        ImportFailed: the sheet has errors, or a control file would be invalid.
    """
    options = options or ControlOptions()
    table, problems = read_table(file, CONTROL_HEADERS, options.sheet)
    if not table.has("status") and not table.has("applicable"):
        problems.append(
            Problem(
                table.sheet.place,
                "no status column (実施状況/Status) or applicable column (適用)",
                message_ja="実施状況の列（実施状況/Status）も適用の列（適用）もありません",
            )
        )
    raise_on_errors(problems)
    repo = load_repository(root).repository
    fid = options.framework or repo.config.soa_framework
    framework = repo.frameworks.get(fid)
    if framework is None:
        known = ", ".join(sorted(repo.frameworks))
        refuse(
            Place(str(file)),
            f"unknown framework `{fid}`; loaded: {known}",
            f"フレームワーク `{fid}` はありません。読み込まれているもの: {known}",
        )
    ctx = _Context(table, repo, framework, options.lang or sheet_language(table), options, problems)
    _check_framework(table, framework, file)
    decisions = [decision for row in table.rows if (decision := _decide(ctx, row)) is not None]
    _report_unknown_owners(ctx)
    plan = Plan(f"controls/{fid}/")
    for decision in decisions:
        _plan_control(ctx, decision, plan)
    _plan_owners(ctx, plan)
    plan.problems = ctx.problems
    raise_on_errors(plan.problems)
    return plan
