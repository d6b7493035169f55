"""The group pages: an overview of every entity and a page with a section per entity, added to the group's site.

The group repository is an ISMS too, so its site (dashboard, SoA, controls…) is built as `isms site
build` builds it, with the group pages after the dashboard and the group contract as
``downloads/group.json``. Pages are rendered from the group contract only, through Jinja2 with
autoescape: figures, rule ids and the names the group's isms.yaml gives; no finding text, no
evidence title of any entity.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from isms import figures
from isms.contracts import EntityFramework, EntityJson, GroupDocument
from isms.evaluation import Evaluation
from isms.model.base import Lang
from isms.site import build as site_build
from isms.site.engine import Engine
from isms.site.pages.types import NavEntry
from isms.site.render import markdown_inline, page_href
from isms.urls import safe_link
from isms.vocabulary import ENTITY_STATUS, EVIDENCE_STATE, OVERDUE, word

OVERVIEW = "group/index.md"
ENTITIES = "group/entities.md"
GROUP_JSON = "downloads/group.json"

_LABELS: dict[str, tuple[str, str]] = {
    "group": ("グループ", "Group"),
    "overview": ("グループ概況", "Group overview"),
    "entity": ("事業体", "Entity"),
    "entities": ("事業体数", "Entities"),
    "entities_page": ("事業体別", "By entity"),
    "status": ("状態", "Status"),
    "reason": ("理由", "Reason"),
    "coverage": ("カバー率", "Coverage"),
    "effectiveness": ("有効性", "Effectiveness"),
    "errors": ("エラー", "Errors"),
    "warnings": ("警告", "Warnings"),
    "notes": ("注記", "Notes"),
    "overdue": (OVERDUE[0], OVERDUE[1].capitalize()),
    "evidence": ("証跡（有効 / 全数）", "Evidence (current / total)"),
    "evidence_health": ("証跡の状態", "Evidence health"),
    "as_of": ("基準日", "As of"),
    "commit": ("コミット", "Commit"),
    "site": ("サイト", "Site"),
    "own_site": ("事業体のサイト", "The entity's own site"),
    "no_site": ("サイトの URL なし", "no site URL"),
    "repository": ("リポジトリ", "Repository"),
    "ref": ("参照", "Ref"),
    "framework": ("フレームワーク", "Framework"),
    "applicable": ("適用", "Applicable"),
    "evidenced": ("証跡あり", "Evidenced"),
    "measures": ("達成した測定", "Measures met"),
    "findings_by_rule": ("ルール別の指摘", "Findings by rule"),
    "rule": ("ルール", "Rule"),
    "count": ("件数", "Count"),
    "total": ("合計", "total"),
    "state": ("状態", "State"),
    "none": ("なし", "none"),
    "own_isms": ("グループ本体の ISMS", "The group's own ISMS"),
    "own_dashboard": ("ダッシュボード", "Dashboard"),
    "download": ("グループの JSON（isms group metrics）", "The group's JSON (isms group metrics)"),
    "withheld_note": (
        "各事業体の数値と、各事業体の設定に書かれた名称だけを表示します。証跡の内容や指摘の本文は表示しません。",
        "Only each entity's figures and the names set for it are shown: no evidence content and no finding text.",
    ),
    # an entity's status: `isms.vocabulary`, as `isms group` text says it in Japanese
    **{("errors_status" if key == "errors" else key): pair for key, pair in ENTITY_STATUS.items()},
}


class _Labels:
    def __init__(self, lang: Lang) -> None:
        self.index = 0 if lang == "ja" else 1

    def __call__(self, key: str) -> str:
        return _LABELS[key][self.index]


def _name(texts: dict[str, str | None] | object, lang: Lang) -> str:
    if not isinstance(texts, dict):
        return ""
    first, second = ("ja", "en") if lang == "ja" else ("en", "ja")
    return str(texts.get(first) or texts.get(second) or "")


def state_word(key: str, lang: Lang) -> str:
    """Return the word for an evidence state (or ``total``) as the entity's own site says it."""
    if key in EVIDENCE_STATE:
        return word(EVIDENCE_STATE[key], lang)
    return _Labels(lang)(key) if key in _LABELS else key


def anchor(entity: EntityJson) -> str:
    """Return the anchor of an entity's section on the entities page."""
    return f"entity-{entity['id']}"


def entity_target(entity: EntityJson) -> str:
    """Return the site target of an entity's section.

    One page holds every entity: 200 pages would cost the engine seconds, and a nav of 200 entries
    would be rendered on every page of the site.
    """
    return f"{ENTITIES}#{anchor(entity)}"


def headline(rows: list[EntityFramework]) -> EntityFramework | None:
    """Return the framework the overview shows for an entity: its first (the one in scope first)."""
    return rows[0] if rows else None


def _environment(lang: Lang, reasons_ja: Mapping[str, str]) -> Environment:
    env = Environment(
        loader=PackageLoader("isms.group", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_inline
    env.filters["pct"] = figures.percent
    env.filters["ratio"] = figures.rounded
    env.filters["link"] = safe_link
    env.globals.update(
        t=_Labels(lang),
        lang=lang,
        name=lambda texts: _name(texts, lang),
        headline=headline,
        entity_target=entity_target,
        state=lambda key: state_word(key, lang),
        anchor=anchor,
        reason=lambda e: reasons_ja.get(e["id"], e["reason"]) if lang == "ja" else e["reason"],
    )
    return env


def pages(document: GroupDocument, lang: Lang, reasons_ja: Mapping[str, str] | None = None) -> site_build.Extra:
    """Return the group pages of an edition, the contract as a download, and their nav.

    ``reasons_ja``: why each unavailable entity is, in Japanese, by id (the Japanese edition shows it).
    """
    env = _environment(lang, reasons_ja or {})
    t = _Labels(lang)
    files: dict[str, bytes] = {}
    overview = env.get_template("overview.md.j2")
    files[OVERVIEW] = overview.render(doc=document, href=page_href(OVERVIEW), title=t("overview")).encode("utf-8")
    entities = env.get_template("entities.md.j2")
    files[ENTITIES] = entities.render(doc=document, href=page_href(ENTITIES), title=t("entities_page")).encode("utf-8")
    children = (NavEntry(t("overview"), OVERVIEW), NavEntry(t("entities_page"), ENTITIES))
    files[GROUP_JSON] = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return site_build.Extra(files, (NavEntry(t("group"), children=children),))


def build_site(
    own: Evaluation,
    document: GroupDocument,
    *,
    lang: Lang,
    out: Path,
    engine: Engine = "mkdocs",
    reasons_ja: Mapping[str, str] | None = None,
) -> site_build.Built:
    """Build the group's site: its own ISMS site with the group pages after the dashboard."""
    return site_build.build(own, lang=lang, out=out, engine=engine, extra=pages(document, lang, reasons_ja))
