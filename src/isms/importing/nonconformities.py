"""`isms import nonconformities`: a corrective-action log becomes `nonconformities/<id>.yaml`, one per row.

A row is a nonconformity and (in an `action` column) one corrective action of it, as a
corrective-action log keeps them. Existing files are edited in place (round trip): their other
actions, effectiveness review, comments and every field the sheet does not have stay as they are,
and a blank cell changes nothing. An action is matched by its title; a title the file does not have
adds an action. A status column is not read: a nonconformity's status is computed from its actions
and its `closed` date. Every error names the sheet, row and column; nothing is written while there
is one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from isms.edit import roundtrip
from isms.importing.controls import known_owner
from isms.importing.nodes import flow_map, merge_text, plain, put, text_node, text_parts
from isms.importing.nonconformity_words import GRADE_BY_WORD, NONCONFORMITY_HEADERS, SOURCE_WORDS
from isms.importing.plan import Plan, SheetOptions, read_table, validation_problems
from isms.importing.problems import Problem, raise_on_errors
from isms.importing.table import Row, Table, cell_date
from isms.importing.words import normalize, not_a_requirement, requirement_refs
from isms.loader.assemble import load_repository
from isms.model.base import Lang
from isms.model.cycle import NonconformityDoc, SourceKind
from isms.model.repository import Repository

_SEPARATORS = "-_:：/ 　"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
_ORDER = (
    "title",
    "description",
    "raised",
    "source",
    "grade",
    "requirements",
    "owner",
    "correction",
    "root_cause",
    "actions",
    "effectiveness",
    "closed",
)
_TEXTS = ("title", "description", "correction", "root_cause")
_NEEDED = ("title", "raised", "source", "owner")
_SCHEMA = "# yaml-language-server: $schema=../schemas/nonconformity.schema.json"


@dataclass(frozen=True)
class NonconformityOptions:
    """Options of `isms import nonconformities`."""

    lang: Lang | None = None
    sheet: SheetOptions = field(default_factory=SheetOptions)


@dataclass
class _Context:
    table: Table
    repo: Repository
    lang: Lang
    problems: list[Problem] = field(default_factory=list)

    def error(self, row: int, name: str | None, message: str, level: Any = "error", *, ja: str | None = None) -> None:
        self.problems.append(Problem(self.table.place(row, name), message, level, ja))


def _date(ctx: _Context, row: Row, name: str) -> dt.date | None:
    text = row.text(name).strip()
    if not text:
        return None
    try:
        return cell_date(text)
    except ValueError:
        ja = f"`{text}` は日付ではありません（YYYY-MM-DD の形で書いてください。例: 2026-10-31）"
        ctx.error(row.number, name, f"`{text}` is not a date (write YYYY-MM-DD, e.g. 2026-10-31)", ja=ja)
        return None


def _owner(ctx: _Context, row: Row) -> str | None:
    text = row.text("owner")
    if not text:
        return None
    found = known_owner(ctx.repo, "", text)
    if found is None:
        known = ", ".join(ctx.repo.config.owners) or "none declared"
        msg = f"unknown owner `{text}`: add it to `owners` in isms.yaml (owners: {known})"
        ja = f"責任者 `{text}` はいません。isms.yaml の `owners` に追加してください（責任者: {known}）"
        ctx.error(row.number, "owner", msg, ja=ja)
    return found


def split_source(text: str) -> tuple[SourceKind, str] | None:
    """Return the source kind a text starts with (a whole word) and the rest, e.g. ``incident``, ``SE-2``."""
    for word, kind in SOURCE_WORDS:
        for end in range(1, len(text) + 1):
            if normalize(text[:end]) == word and (end == len(text) or text[end] in _SEPARATORS):
                return kind, text[end:].strip(_SEPARATORS)
    return None


def _source(ctx: _Context, row: Row) -> dict[str, str] | None:
    """Read `source` (a kind, optionally followed by a reference: ``incident-SE-2026-002``) and `source_ref`."""
    text = row.text("source").strip()
    if not text:
        return None
    split = split_source(text)
    if split is None:
        kinds = "audit (監査), incident (インシデント), review, monitoring, exercise (訓練), complaint, other"
        ja = f"`{text}` が発生源で始まっていません: {kinds}"
        ctx.error(row.number, "source", f"`{text}` does not start with a source: {kinds}", ja=ja)
        return None
    kind, rest = split
    ref = row.text("source_ref").strip() or rest
    if kind == "audit" and ref and ref not in ctx.repo.audits:
        if row.text("source_ref").strip():
            msg = f"no audit `{ref}` under audits/: give an audit id (its file name)"
            ja = f"audits/ に監査 `{ref}` はありません。監査の ID（ファイル名）を書いてください"
            ctx.error(row.number, "source_ref", msg, ja=ja)
            return None
        ctx.error(
            row.number,
            "source",
            f"`{rest}` is no audit id under audits/: recorded as an audit without its reference "
            "(give the audit id in a source ref column to link it)",
            "warning",
            ja=f"`{rest}` は audits/ の監査 ID ではありません。参照のない監査として記録しました"
            "（関連づけるには発生源の参照の列に監査 ID を書いてください）",
        )
        ref = ""
    return {"kind": kind, "ref": ref} if ref else {"kind": kind}


def _choice_grade(ctx: _Context, row: Row) -> str | None:
    text = row.text("grade")
    if not text:
        return None
    found = GRADE_BY_WORD.get(normalize(text))
    if found is None:
        msg = f"`{text}` is not a grade: major (重大), minor (軽微), observation, improvement"
        ja = f"`{text}` は区分ではありません: major（重大）、minor（軽微）、observation、improvement"
        ctx.error(row.number, "grade", msg, ja=ja)
    return found


def _requirements(ctx: _Context, row: Row) -> list[str] | None:
    text = row.text("requirements")
    if not text:
        return None
    refs, unknown = requirement_refs(ctx.repo, text)
    for word in unknown:
        english, japanese = not_a_requirement(word, ctx.repo)
        ctx.error(row.number, "requirements", english, ja=japanese)
    return refs


@dataclass
class _Values:
    """What one row says (None: the cell is blank, the file keeps its value)."""

    texts: dict[str, str]
    plain: dict[str, Any]
    source: dict[str, str] | None
    action: dict[str, Any] | None


def _read(ctx: _Context, row: Row) -> _Values:
    owner = _owner(ctx, row)
    plain: dict[str, Any] = {
        "raised": _date(ctx, row, "raised"),
        "grade": _choice_grade(ctx, row),
        "requirements": _requirements(ctx, row),
        "owner": owner,
        "closed": _date(ctx, row, "closed"),
    }
    due, done = _date(ctx, row, "due"), _date(ctx, row, "done")
    action = None
    if row.text("action"):
        action = {"title": row.text("action"), "owner": owner, "due": due, "done": done}
    elif due is not None or done is not None:
        msg = "a due or done date without an action: write the corrective action"
        ctx.error(row.number, "action", msg, ja="処置がないのに期限または完了日があります。是正処置を書いてください")
    return _Values(
        texts={name: row.text(name) for name in _TEXTS if row.text(name)},
        plain=plain,
        source=_source(ctx, row),
        action=action,
    )


def _apply_action(ctx: _Context, row: Row, data: CommentedMap, action: dict[str, Any]) -> bool:
    """Update the action of the same title, or add it; return True when the file changed."""
    actions = data.get("actions")
    if not isinstance(actions, list):
        actions = CommentedSeq()
    for item in actions:
        if isinstance(item, dict) and action["title"] in text_parts(item.get("title")):
            changed = False
            for key in ("owner", "due", "done"):
                if action[key] is not None and plain(item.get(key)) != plain(action[key]):
                    item[key] = action[key]
                    changed = True
            return changed
    owner = action["owner"] or data.get("owner")
    if owner is None or action["due"] is None:
        missing = ", ".join(f"`{name}`" for name, value in (("owner", owner), ("due", action["due"])) if not value)
        msg = f"a new corrective action needs {missing}: fill in the cells"
        ctx.error(row.number, "action", msg, ja=f"新しい是正処置には {missing} が必要です。セルを埋めてください")
        return False
    node = {"title": text_node(action["title"], ctx.lang), "owner": owner, "due": action["due"]}
    if action["done"] is not None:
        node["done"] = action["done"]
    actions.append(CommentedMap(node))
    put(data, "actions", actions, after=_ORDER[: _ORDER.index("actions")])
    return True


def _apply(ctx: _Context, row: Row, data: CommentedMap, values: _Values) -> list[str]:
    """Apply a row to a nonconformity's data; return the fields that changed."""
    changed: list[str] = []
    for key, text in values.texts.items():
        ja, en = (text, None) if ctx.lang == "ja" else (None, text)
        node, moved = merge_text(data.get(key), ja, en)
        if moved:
            changed.append(key)
            put(data, key, node, after=_ORDER[: _ORDER.index(key)])
    if values.source is not None:
        old = data.get("source")
        old_map = dict(old) if isinstance(old, dict) else {}
        merged = {**old_map, **values.source}
        if "ref" not in values.source and old_map.get("kind") != values.source["kind"]:
            merged.pop("ref", None)
            merged.pop("finding", None)
        if {k: str(v) for k, v in merged.items()} != {k: str(v) for k, v in old_map.items()}:
            changed.append("source")
            put(data, "source", flow_map(merged), after=_ORDER[: _ORDER.index("source")])
    for key, value in values.plain.items():
        old = data.get(key)
        if value is None or plain(old) == plain(value):
            continue
        changed.append(key)
        cell: Any = value
        if isinstance(value, list):
            cell = CommentedSeq(DoubleQuotedScalarString(item) for item in value)
            cell.fa.set_flow_style()
        put(data, key, cell, after=_ORDER[: _ORDER.index(key)])
    if values.action is not None and _apply_action(ctx, row, data, values.action):
        changed.append("actions")
    return changed


def _plan_row(ctx: _Context, row: Row, plan: Plan) -> None:
    nid = row.text("id")
    known = len(ctx.problems)
    values = _read(ctx, row)
    if any(p.level == "error" for p in ctx.problems[known:]):
        return  # the row's own errors say it all; validating the file would repeat them
    nc = ctx.repo.nonconformities.get(nid)
    place = ctx.table.place(row.number)
    if nc is None:
        missing = [name for name in _NEEDED if not row.text(name)]
        if missing:
            columns = ", ".join(f"`{name}`" for name in missing)
            message = f"a new nonconformity `{nid}` needs {columns}: fill in the cells, or add the columns"
            ja = f"新しい不適合 `{nid}` には {columns} が必要です。セルを埋めるか、列を追加してください"
            ctx.error(row.number, missing[0], message, ja=ja)
            return
        path = ctx.repo.root / "nonconformities" / f"{nid}.yaml"
        data = CommentedMap()
        _apply(ctx, row, data, values)
        text = roundtrip.new_document(data, header=_SCHEMA)
        plan.added.append(nid)
    else:
        path = ctx.repo.root / nc.path
        doc = roundtrip.read(path)
        changed = _apply(ctx, row, doc.data, values)
        if not changed:
            plan.unchanged += 1
            return
        text = roundtrip.render(doc)
        plan.changed[nid] = changed
    rel = path.relative_to(ctx.repo.root).as_posix()
    ctx.problems += validation_problems(text, rel, NonconformityDoc, default=place)
    plan.changes[path] = text


def _language(table: Table) -> Lang:
    """Return ja when the headers or the texts are Japanese (a log may have English headers, Japanese texts)."""
    texts = [*table.headers.values(), *(row.text(name) for row in table.rows for name in (*_TEXTS, "action"))]
    return "ja" if any(_CJK.search(text) for text in texts) else "en"


def plan_nonconformities(root: Path, file: Path, options: NonconformityOptions | None = None) -> Plan:
    """Plan `isms import nonconformities`: nothing is written here.

    Raises:
        ImportFailed: the sheet has errors, or a nonconformity file would be invalid.
    """
    options = options or NonconformityOptions()
    table, problems = read_table(file, NONCONFORMITY_HEADERS, options.sheet)
    if not any(table.has(name) for name in NONCONFORMITY_HEADERS if name != "id"):
        message = "no column besides the id (e.g. 件名/Title, 発見日/Raised, 是正処置/Action, 期限/Due)"
        ja = "ID のほかに列がありません（例: 件名/Title、発見日/Raised、是正処置/Action、期限/Due）"
        problems.append(Problem(table.sheet.place, message, message_ja=ja))
    raise_on_errors(problems)
    repo = load_repository(root).repository
    ctx = _Context(table, repo, options.lang or _language(table), problems)
    plan = Plan("nonconformities/")
    for row in table.rows:
        _plan_row(ctx, row, plan)
    plan.problems = ctx.problems
    raise_on_errors(plan.problems)
    return plan
