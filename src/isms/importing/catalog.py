"""`isms import catalog`: a sheet of requirements becomes `catalogs/<framework>.yaml`.

An existing repository catalog is updated in place (round trip: comments and untouched entries
keep their bytes); without one, a packaged catalog of the same framework is the starting point
(its groups, attributes and mappings are kept), else a new catalog is made. Requirements read from
the sheet get ``source: official`` (or ``--source``); blank cells leave a value as it was.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from isms.edit import roundtrip
from isms.importing.nodes import merge_text, put, text_node
from isms.importing.plan import Plan, SheetOptions, read_table, validation_problems
from isms.importing.problems import Place, Problem, raise_on_errors
from isms.importing.table import Row, Table
from isms.importing.words import CATALOG_HEADERS, normalize
from isms.loader.assemble import load_repository
from isms.model.base import Lang
from isms.model.catalog import CatalogDoc, Source
from isms.model.repository import Framework

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_GROUP_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True, slots=True)
class Imported:
    """One requirement as read from the sheet."""

    row: int
    id: str
    title: dict[Lang, str]
    group: str
    description: dict[Lang, str]


def _language(table: Table, name: str) -> Lang:
    """Return the language of an auto column: Japanese when it holds Japanese or English has its own column."""
    if table.has(f"{name}_en"):
        return "ja"
    if table.has(f"{name}_ja"):
        return "en"
    return "ja" if any(_CJK.search(row.text(name)) for row in table.rows) else "en"


def _texts(table: Table, row: Row, name: str) -> dict[Lang, str]:
    texts: dict[Lang, str] = {}
    if table.has(name) and row.text(name):
        texts[_language(table, name)] = row.text(name)
    for lang in ("ja", "en"):
        value = row.text(f"{name}_{lang}")
        if value:
            texts[lang] = value
    return texts


def _imported(table: Table, problems: list[Problem]) -> list[Imported]:
    if not any(table.has(n) for n in ("title", "title_ja", "title_en")):
        ja = "タイトルの列がありません（タイトル/項目/Title、英語/English）"
        problems.append(
            Problem(table.sheet.place, "no title column (タイトル/項目/Title, 英語/English)", message_ja=ja)
        )
        return []
    result = []
    for row in table.rows:
        title = _texts(table, row, "title")
        if not title and row.text("id"):
            ja = f"`{row.text('id')}` にタイトルがありません"
            problems.append(
                Problem(table.place(row.number, "title"), f"`{row.text('id')}` has no title", message_ja=ja)
            )
        result.append(Imported(row.number, row.text("id"), title, row.text("group"), _texts(table, row, "description")))
    return result


def _base(root: Path, framework: Framework | None, fid: str) -> tuple[Path, roundtrip.RoundTripDoc | None, Any]:
    """Return the file to write, its round-trip document if it exists, and the data to start from."""
    if framework is not None and framework.origin == "repository":
        path = root / framework.source
        doc = roundtrip.read(path)
        return path, doc, doc.data
    path = root / "catalogs" / f"{fid}.yaml"
    if framework is not None and framework.origin == "package":
        data = _packaged(framework)
    else:
        data = CommentedMap({"framework": CommentedMap({"id": fid, "name": fid, "version": "1"})})
    return path, None, data


def _packaged(framework: Framework) -> CommentedMap:
    """Return a packaged catalog as plain round-trip data (its comments are not carried over)."""
    catalog = CatalogDoc(
        framework=framework.info,
        attributes=list(framework.attributes),
        groups=list(framework.groups.values()),
        requirements=list(framework.requirements.values()),
    )
    dumped = catalog.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return roundtrip.parse(roundtrip.new_document(dumped), Path("catalog.yaml")).data


def _group_ids(data: CommentedMap, imported: list[Imported]) -> dict[str, str]:
    """Map each group cell to a group id, adding groups the catalog does not have."""
    groups = data.get("groups")
    if groups is None:
        groups = CommentedSeq()
    known = {str(g["id"]): g for g in groups}
    by_title = {normalize(str(t)): gid for gid, g in known.items() for t in _all_texts(g.get("title"))}
    result: dict[str, str] = {}
    for item in imported:
        value = item.group
        if not value or value in result:
            continue
        gid = value if value in known else by_title.get(normalize(value))
        if gid is None:
            gid = value if _GROUP_ID.match(value) else _fresh(known, len(known) + 1)
            lang: Lang = "ja" if _CJK.search(value) else "en"
            known[gid] = CommentedMap({"id": gid, "title": text_node(value, lang)})
            groups.append(known[gid])
        result[value] = gid
    if groups and "groups" not in data:
        put(data, "groups", groups, after=("framework", "attributes"))
    return result


def _fresh(known: Mapping[str, Any], start: int) -> str:
    number = start
    while f"group-{number}" in known:
        number += 1
    return f"group-{number}"


def _all_texts(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    return [str(v) for v in node.values() if v] if isinstance(node, dict) else []


def _update(entry: CommentedMap, item: Imported, group: str | None, source: Source) -> list[str]:
    """Apply one sheet row to an existing requirement; return the names of the fields changed."""
    changed = []
    value, moved = merge_text(entry.get("title"), item.title.get("ja"), item.title.get("en"))
    if moved:
        put(entry, "title", value, after=("id",))
        changed.append("title")
    if group and entry.get("group") != group:
        put(entry, "group", group, after=("id", "title"))
        changed.append("group")
    if item.description:
        value, moved = merge_text(entry.get("description"), item.description.get("ja"), item.description.get("en"))
        if moved:
            put(entry, "description", value, after=("id", "title", "group"))
            changed.append("description")
    if entry.get("source", "official") != source:
        put(entry, "source", source, after=("id", "title", "group", "description", "attributes", "new", "maps_to"))
        changed.append("source")
    return changed


def _new_entry(item: Imported, group: str | None, source: Source) -> CommentedMap:
    entry = CommentedMap({"id": item.id})
    _update(entry, item, group, source)
    if "source" not in entry:
        entry["source"] = source
    return entry


def _apply(data: CommentedMap, imported: list[Imported], source: Source, plan: Plan, sheet: Place) -> dict[int, Place]:
    """Update ``data`` in place from the sheet; fill the plan's lists; return entry index -> sheet row."""
    groups = _group_ids(data, imported)
    requirements = data.get("requirements")
    if requirements is None:
        requirements = CommentedSeq()
        data["requirements"] = requirements
    wanted = {item.id for item in imported}
    for index in reversed(range(len(requirements))):
        rid = str(requirements[index].get("id"))
        if rid not in wanted:
            plan.removed.insert(0, rid)
            del requirements[index]
    by_id = {str(entry.get("id")): entry for entry in requirements}
    position = -1
    for item in imported:
        group = groups.get(item.group)
        entry = by_id.get(item.id)
        if entry is None:
            position += 1
            requirements.insert(position, _new_entry(item, group, source))
            plan.added.append(item.id)
            continue
        position = next(i for i, e in enumerate(requirements) if e is entry)
        changed = _update(entry, item, group, source)
        if changed:
            plan.changed[item.id] = changed
        else:
            plan.unchanged += 1
    rows = {item.id: item.row for item in imported}
    return {
        index: sheet.at(rows[str(entry.get("id"))])
        for index, entry in enumerate(requirements)
        if str(entry.get("id")) in rows
    }


def plan_catalog(
    root: Path,
    file: Path,
    framework_id: str,
    *,
    name: str | None = None,
    version: str | None = None,
    source: Source = "official",
    options: SheetOptions | None = None,
) -> Plan:
    """Plan `isms import catalog`: nothing is written here.

    Raises:
        ImportFailed: the sheet or the resulting catalog has errors.
    """
    table, problems = read_table(file, CATALOG_HEADERS, options or SheetOptions())
    imported = _imported(table, problems)
    raise_on_errors(problems)
    repo = load_repository(root).repository
    framework = repo.frameworks.get(framework_id)
    if framework is not None and framework.origin == "policy":
        msg = f"framework `{framework_id}` is defined by the policy {framework.source}; import under another id"
        ja = (
            f"フレームワーク `{framework_id}` は方針 {framework.source} で定義されています。"
            "別の ID で取り込んでください"
        )
        raise_on_errors([Problem(Place(str(file)), msg, message_ja=ja)])
    path, doc, data = _base(repo.root, framework, framework_id)
    plan = Plan(path.relative_to(repo.root).as_posix(), problems=problems)
    info = data["framework"]
    if name:
        value, _ = merge_text(info.get("name"), *((name, None) if _CJK.search(name) else (None, name)))
        info["name"] = value
    if version:
        info["version"] = version
    rows = _apply(data, imported, source, plan, table.sheet.place)
    header = f"{framework_id}: imported from {file.name} with `isms import catalog`."
    text = roundtrip.render(doc) if doc is not None else roundtrip.new_document(data, header=header)
    plan.problems += validation_problems(text, plan.target, CatalogDoc, rows)
    raise_on_errors(plan.problems)
    if doc is None or text != path.read_text(encoding="utf-8"):
        plan.changes[path] = text
    return plan
