"""`isms import risks`: a risk register sheet becomes `risks/<id>.yaml`, one file per risk.

Existing risk files are edited in place (round trip): their treatment actions, comments and every
field the sheet does not have stay as they are, and a blank cell changes nothing. Likelihood and
impact are read as a point of the scales in isms.yaml (its id, its Japanese or English title, or
its value 1..n); level and score columns are not read, because levels are computed. Every error
names the sheet, row and column; nothing is written while there is one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from isms.edit import roundtrip
from isms.importing.controls import known_owner, sheet_language
from isms.importing.nodes import flow_map, merge_text, plain, put
from isms.importing.plan import Plan, SheetOptions, read_table, validation_problems
from isms.importing.problems import Place, Problem, raise_on_errors, refuse
from isms.importing.risk_words import CLASS_BY_WORD, RISK_HEADERS, TREATMENT_BY_WORD
from isms.importing.table import Row, Table, cell_date
from isms.importing.words import CELL_SPLIT, normalize, not_a_requirement, requirement_refs
from isms.loader.assemble import load_repository
from isms.model.base import Lang
from isms.model.config import RiskCriteria
from isms.model.repository import Repository
from isms.model.risk import RiskDoc

_ORDER = (
    "title",
    "description",
    "assets",
    "threat",
    "vulnerability",
    "owner",
    "classification",
    "assessed",
    "inherent",
    "treatment",
    "controls",
    "actions",
    "residual",
    "acceptance",
    "review",
)
_TEXTS = ("title", "description", "threat", "vulnerability")
_NEEDED = ("title", "threat", "vulnerability", "owner", "assessed", "likelihood", "impact")
_SCHEMA = "# yaml-language-server: $schema=../schemas/risk.schema.json"


@dataclass(frozen=True)
class RiskOptions:
    """Options of `isms import risks`."""

    lang: Lang | None = None
    sheet: SheetOptions = field(default_factory=SheetOptions)


@dataclass
class _Context:
    table: Table
    repo: Repository
    criteria: RiskCriteria
    lang: Lang
    problems: list[Problem] = field(default_factory=list)

    def error(self, row: int, name: str | None, message: str, *, ja: str | None = None) -> None:
        self.problems.append(Problem(self.table.place(row, name), message, message_ja=ja))


def _date(ctx: _Context, row: Row, name: str) -> dt.date | None:
    text = row.text(name)
    if not text:
        return None
    try:
        return cell_date(text.strip())
    except ValueError:
        ja = f"`{text}` は日付ではありません（YYYY-MM-DD の形で書いてください。例: 2026-04-15）"
        ctx.error(row.number, name, f"`{text}` is not a date (write YYYY-MM-DD, e.g. 2026-04-15)", ja=ja)
        return None


def _point(ctx: _Context, row: Row, name: str, scale: Literal["likelihood", "impact"]) -> int | None:
    text = row.text(name)
    if not text:
        return None
    levels = ctx.criteria.likelihood if scale == "likelihood" else ctx.criteria.impact
    key = normalize(text)
    for value, level in enumerate(levels, start=1):
        if key in {str(value), normalize(level.id), normalize(level.title.ja or ""), normalize(level.title.en or "")}:
            return value
    words = ", ".join(f"{value} {level.id}" for value, level in enumerate(levels, start=1))
    ja = f"`{text}` は isms.yaml の {scale} の尺度の値ではありません（{words}）"
    ctx.error(row.number, name, f"`{text}` is not a point of the {scale} scale in isms.yaml ({words})", ja=ja)
    return None


def _owner(ctx: _Context, row: Row, name: str) -> str | None:
    text = row.text(name)
    if not text:
        return None
    found = known_owner(ctx.repo, "", text)
    if found is None:
        known = ", ".join(ctx.repo.config.owners) or "none declared"
        msg = f"unknown owner `{text}`: add it to `owners` in isms.yaml (owners: {known})"
        ja = f"責任者 `{text}` はいません。isms.yaml の `owners` に追加してください（責任者: {known}）"
        ctx.error(row.number, name, msg, ja=ja)
    return found


def _controls(ctx: _Context, row: Row) -> list[str] | None:
    text = row.text("controls")
    if not text:
        return None
    refs, unknown = requirement_refs(ctx.repo, text)
    for word in unknown:
        english, japanese = not_a_requirement(word, ctx.repo)
        ctx.error(row.number, "controls", english, ja=japanese)
    return refs


def _assets(ctx: _Context, row: Row) -> list[str] | None:
    text = row.text("assets")
    if not text:
        return None
    ids = list(dict.fromkeys(filter(None, CELL_SPLIT.split(text))))
    unknown = [asset for asset in ids if asset not in ctx.repo.assets]
    if unknown:
        listed = ", ".join(f"`{asset}`" for asset in unknown)
        msg = f"unknown asset {listed}: add it to a register in assets/, or fix the id"
        ja = f"資産 {listed} はありません。assets/ の台帳に追加するか、ID を直してください"
        ctx.error(row.number, "assets", msg, ja=ja)
    return ids


def _choice(ctx: _Context, row: Row, name: str, words: dict[str, str], known: str) -> str | None:
    text = row.text(name)
    if not text:
        return None
    found = words.get(normalize(text))
    if found is None:
        ctx.error(row.number, name, f"`{text}` is not one of {known}", ja=f"`{text}` は {known} のいずれでもありません")
    return found


def _flow_list(items: list[str]) -> CommentedSeq:
    node = CommentedSeq(DoubleQuotedScalarString(item) if ":" in item else item for item in items)
    node.fa.set_flow_style()
    return node


@dataclass
class _Values:
    """What one row says (None: the cell is blank, the file keeps its value)."""

    texts: dict[str, str]
    plain: dict[str, Any]
    likelihood: int | None
    impact: int | None
    residual: tuple[int | None, int | None]
    acceptance: dict[str, Any]
    reviewed: dt.date | None


def _read(ctx: _Context, row: Row) -> _Values:
    plain: dict[str, Any] = {
        "assets": _assets(ctx, row),
        "owner": _owner(ctx, row, "owner"),
        "classification": _choice(ctx, row, "classification", CLASS_BY_WORD, "public, internal, confidential, insider"),
        "assessed": _date(ctx, row, "assessed"),
        "treatment": _choice(ctx, row, "treatment", dict(TREATMENT_BY_WORD), "低減/保有/回避/共有 (modify, retain…)"),
        "controls": _controls(ctx, row),
    }
    acceptance = {
        "by": _owner(ctx, row, "accepted_by"),
        "date": _date(ctx, row, "accepted_on"),
        "valid_until": _date(ctx, row, "accepted_until"),
    }
    return _Values(
        texts={name: row.text(name) for name in _TEXTS if row.text(name)},
        plain=plain,
        likelihood=_point(ctx, row, "likelihood", "likelihood"),
        impact=_point(ctx, row, "impact", "impact"),
        residual=(
            _point(ctx, row, "residual_likelihood", "likelihood"),
            _point(ctx, row, "residual_impact", "impact"),
        ),
        acceptance=acceptance,
        reviewed=_date(ctx, row, "reviewed"),
    )


def _same_rating(criteria: RiskCriteria, old: Any, likelihood: int, impact: int) -> bool:
    if not isinstance(old, dict):
        return False
    lk, im = old.get("likelihood"), old.get("impact")
    if not isinstance(lk, str | int) or not isinstance(im, str | int):
        return False
    return (criteria.point("likelihood", lk), criteria.point("impact", im)) == (likelihood, impact)


def _rating(ctx: _Context, data: CommentedMap, key: str, values: tuple[int | None, int | None]) -> bool:
    """Set a rating from the row (a missing half taken from the file); return True when it changed."""
    old = data.get(key)
    lk, im = values
    if lk is None and im is None:
        return False
    old_map = old if isinstance(old, dict) else {}
    likelihood = lk if lk is not None else ctx.criteria.point("likelihood", old_map.get("likelihood", 0))
    impact = im if im is not None else ctx.criteria.point("impact", old_map.get("impact", 0))
    if likelihood is None or impact is None:
        return False  # the validation names the missing half
    if _same_rating(ctx.criteria, old, likelihood, impact):
        return False
    put(data, key, flow_map({"likelihood": likelihood, "impact": impact}), after=_ORDER[: _ORDER.index(key)])
    return True


def _apply(ctx: _Context, data: CommentedMap, values: _Values) -> list[str]:
    """Apply a row to a risk's data; return the fields that changed."""
    changed: list[str] = []
    for key, text in values.texts.items():
        ja, en = (text, None) if ctx.lang == "ja" else (None, text)
        node, moved = merge_text(data.get(key), ja, en)
        if moved:
            changed.append(key)
            put(data, key, node, after=_ORDER[: _ORDER.index(key)])
    for key, value in values.plain.items():
        old = data.get(key)
        if key == "controls" and isinstance(old, list):
            default = ctx.repo.config.soa_framework
            old = [str(ref) if ":" in str(ref) else f"{default}:{ref}" for ref in old]
        if value is None or plain(old) == plain(value):
            continue
        changed.append(key)
        node = _flow_list(value) if isinstance(value, list) else value
        put(data, key, node, after=_ORDER[: _ORDER.index(key)])
    if _rating(ctx, data, "inherent", (values.likelihood, values.impact)):
        changed.append("inherent")
    if _rating(ctx, data, "residual", values.residual):
        changed.append("residual")
    given = {key: value for key, value in values.acceptance.items() if value is not None}
    stored = data.get("acceptance")
    before = dict(stored) if isinstance(stored, dict) else {}
    merged = {**before, **given}
    if given and {k: plain(v) for k, v in merged.items()} != {k: plain(v) for k, v in before.items()}:
        changed.append("acceptance")
        put(data, "acceptance", flow_map(merged), after=_ORDER[: _ORDER.index("acceptance")])
    if values.reviewed is not None:
        review = data.get("review")
        if not isinstance(review, dict):
            review = flow_map({})
        if plain(review.get("last")) != values.reviewed.isoformat():
            review["last"] = values.reviewed
            changed.append("review")
            put(data, "review", review, after=_ORDER[: _ORDER.index("review")])
    return changed


def _plan_risk(ctx: _Context, row: Row, plan: Plan) -> None:
    rid = row.text("id")
    known = len(ctx.problems)
    values = _read(ctx, row)
    if len(ctx.problems) > known:
        return  # the row's own errors say it all; validating the file would repeat them
    risk = ctx.repo.risks.get(rid)
    place = ctx.table.place(row.number)
    if risk is None:
        missing = [name for name in _NEEDED if not row.text(name)]
        if missing:
            columns = ", ".join(f"`{name}`" for name in missing)
            ctx.error(
                row.number,
                missing[0],
                f"a new risk `{rid}` needs {columns}: fill in the cells, or add the columns",
                ja=f"新しいリスク `{rid}` には {columns} が必要です。セルを埋めるか、列を追加してください",
            )
            return
        path = ctx.repo.root / "risks" / f"{rid}.yaml"
        data = CommentedMap()
        _apply(ctx, data, values)
        text = roundtrip.new_document(data, header=_SCHEMA)
        plan.added.append(rid)
    else:
        path = ctx.repo.root / risk.path
        doc = roundtrip.read(path)
        changed = _apply(ctx, doc.data, values)
        if not changed:
            plan.unchanged += 1
            return
        text = roundtrip.render(doc)
        plan.changed[rid] = changed
    rel = path.relative_to(ctx.repo.root).as_posix()
    ctx.problems += validation_problems(text, rel, RiskDoc, default=place)
    plan.changes[path] = text


def plan_risks(root: Path, file: Path, options: RiskOptions | None = None) -> Plan:
    """Plan `isms import risks`: nothing is written here.

    Raises:
        ImportFailed: the sheet has errors, or a risk file would be invalid.
    """
    options = options or RiskOptions()
    table, problems = read_table(file, RISK_HEADERS, options.sheet)
    if not any(table.has(name) for name in RISK_HEADERS if name != "id"):
        message = "no column besides the id (e.g. リスク/Title, 発生可能性/Likelihood, 影響度/Impact)"
        ja = "ID のほかに列がありません（例: リスク/Title、発生可能性/Likelihood、影響度/Impact）"
        problems.append(Problem(table.sheet.place, message, message_ja=ja))
    raise_on_errors(problems)
    repo = load_repository(root).repository
    criteria = repo.config.risk
    if criteria is None:
        msg = "isms.yaml has no `risk:` criteria: declare the scales and bands first"
        refuse(Place(str(file)), msg, "isms.yaml に `risk:` の基準がありません。先に尺度と区分を宣言してください")
    ctx = _Context(table, repo, criteria, options.lang or sheet_language(table), problems)
    plan = Plan("risks/")
    for row in table.rows:
        _plan_risk(ctx, row, plan)
    plan.problems = ctx.problems
    raise_on_errors(plan.problems)
    return plan
