"""The words spreadsheets use: column headers, statuses, applicability marks and reasons (ja and en).

Every word `isms soa` writes is here, so an exported sheet imports again; the rest are the usual
words of SoA sheets and check sheets kept by Japanese organisations.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from isms.export.soa import APPLICABLE_WORDS, COLUMNS, REASON_WORDS, STATUS_WORDS
from isms.model.control import Reason, Status
from isms.model.repository import Repository

#: What separates the items of one cell: 、 , ; / and spaces, full-width or not.
CELL_SPLIT = re.compile(r"[、,，;；\s／/]+")
_PARENTHESES = re.compile(r"[(\[【].*?[)\]】]")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Return text folded for comparison: NFKC (full-width to half-width), lower case, no spaces."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text).casefold())


def without_parentheses(key: str) -> str:
    """Return a normalized header without its parenthesized parts: ``適用(○/×)`` -> ``適用``."""
    return _PARENTHESES.sub("", key)


def _index(table: Mapping[str, Iterable[str]]) -> dict[str, str]:
    return {normalize(alias): name for name, aliases in table.items() for alias in aliases}


def _exported(key: str) -> list[str]:
    return [header for column in COLUMNS if column.key == key for header in (column.ja, column.en)]


_ID = [
    "id",
    "番号",
    "no",
    "no.",
    "#",
    "項番",
    "識別子",
    "ref",
    "reference",
    "control id",
    "requirement id",
    "管理策no",
    "要求事項番号",
    "項目番号",
    "チェック項目番号",
    *_exported("id"),
]

#: Header words of `isms import catalog`. `title`/`description` take the language of their text.
CATALOG_HEADERS: dict[str, list[str]] = {
    "id": _ID,
    "title": [
        "タイトル",
        "title",
        "項目",
        "項目名",
        "名称",
        "管理策",
        "管理策名",
        "要求事項",
        "チェック項目",
        "control",
        "requirement",
        "name",
    ],
    "title_ja": ["日本語", "japanese", "title_ja", "タイトル(日本語)", "title(japanese)", "名称(日本語)"],
    "title_en": [
        "英語",
        "english",
        "title_en",
        "英語タイトル",
        "english title",
        "タイトル(英語)",
        "title(english)",
        "管理策(英語)",
        "名称(英語)",
        "control(english)",
    ],
    "group": [
        "グループ",
        "group",
        "分類",
        "テーマ",
        "theme",
        "カテゴリ",
        "カテゴリー",
        "category",
        "区分",
        "章",
        "section",
        "domain",
        "領域",
    ],
    "description": ["説明", "description", "内容", "概要", "詳細", "要求内容", "details"],
    "description_ja": ["説明(日本語)", "description(japanese)", "description_ja"],
    "description_en": ["説明(英語)", "description(english)", "description_en", "english description"],
}

#: Header words of `isms import controls`.
CONTROL_HEADERS: dict[str, list[str]] = {
    "id": _ID,
    "applicable": [
        "適用",
        "適用有無",
        "適用の有無",
        "適用可否",
        "適用要否",
        "採否",
        "applicable",
        "applicability",
        "included",
        *_exported("applicable"),
    ],
    "status": [
        "実施状況",
        "状況",
        "ステータス",
        "status",
        "実施状態",
        "実装状況",
        "対応状況",
        "導入状況",
        "implementation status",
        *_exported("status"),
    ],
    "reasons": ["採用理由", "reasons", "reason", "理由区分", "選択理由", *_exported("reasons")],
    "justification": [
        "根拠",
        "理由",
        "除外理由",
        "適用除外理由",
        "適用・除外理由",
        "適用・除外の理由",
        "justification",
        "justification for inclusion or exclusion",
        *_exported("justification"),
    ],
    "implementation": [
        "実施内容",
        "実施策",
        "実装内容",
        "対応内容",
        "実施概要",
        "implementation",
        *_exported("implementation"),
    ],
    "owner": ["責任者", "owner", "担当", "担当者", "担当部署", "責任部署", "管理責任者", "所管", *_exported("owner")],
    "owner_id": ["責任者id", "owner id", "owner_id", *_exported("owner_id")],
}

_STATUS: dict[Status, list[str]] = {
    "implemented": [
        "実施済",
        "実施済み",
        "導入済",
        "導入済み",
        "実装済",
        "実装済み",
        "対応済",
        "対応済み",
        "済",
        "完了",
        "implemented",
        "done",
        "complete",
        "completed",
    ],
    "partial": [
        "一部実施",
        "一部実施済",
        "一部実施済み",
        "一部",
        "部分的",
        "部分実施",
        "一部対応",
        "実施中",
        "対応中",
        "partial",
        "partially",
        "partially implemented",
        "in progress",
    ],
    "planned": [
        "計画中",
        "未実施",
        "未着手",
        "未対応",
        "予定",
        "計画",
        "planned",
        "not implemented",
        "not started",
        "todo",
        "to do",
    ],
    "not-applicable": [
        "適用除外",
        "対象外",
        "除外",
        "該当なし",
        "非該当",
        "適用外",
        "n/a",
        "na",
        "not applicable",
        "not-applicable",
        "excluded",
    ],
}
_YES = ["○", "〇", "◯", "●", "◎", "yes", "y", "true", "1", "適用", "有", "あり", "する", "要", "applicable", "included"]
_NO = [
    "×",
    "✕",
    "✖",
    "x",
    "no",
    "n",
    "false",
    "0",
    "除外",
    "適用除外",
    "無",
    "なし",
    "しない",
    "否",
    "不要",
    "not applicable",
    "excluded",
    "対象外",
]
_REASONS: dict[Reason, list[str]] = {
    "risk": ["リスク対応", "リスク", "リスク対策", "risk", "risk treatment"],
    "legal": ["法令・規制", "法令", "規制", "法規制", "法的要求", "legal", "regulatory", "legal or regulatory", "law"],
    "contract": ["契約", "契約上の要求", "contract", "contractual"],
    "business": ["事業上の必要", "事業", "事業上の要求", "業務上の必要", "business", "business need"],
}

for _status, _pair in STATUS_WORDS.items():
    _STATUS[_status] += list(_pair)
for _reason, _pair in REASON_WORDS.items():
    _REASONS[_reason] += list(_pair)
for _yes, _no in APPLICABLE_WORDS.values():
    _YES.append(_yes)
    _NO.append(_no)

STATUS_BY_WORD: dict[str, Status] = {normalize(w): s for s, words in _STATUS.items() for w in words}
APPLICABLE_BY_WORD: dict[str, bool] = {**{normalize(w): False for w in _NO}, **{normalize(w): True for w in _YES}}
REASON_BY_WORD: dict[str, Reason] = {normalize(w): r for r, words in _REASONS.items() for w in words}
_REASON_SPLIT = re.compile(r"[、,，;；/／・\n]+")


def status_of(text: str) -> Status | None:
    """Return the status a word means, or None."""
    return STATUS_BY_WORD.get(normalize(text))


def applicable_of(text: str) -> bool | None:
    """Return True/False for a yes/no mark, or None when the word is not one."""
    return APPLICABLE_BY_WORD.get(normalize(text))


def reasons_of(text: str) -> tuple[list[Reason], list[str]]:
    """Return the reasons named in a cell, and the words that are not reasons."""
    whole = REASON_BY_WORD.get(normalize(text))
    if whole is not None:
        return [whole], []
    found: list[Reason] = []
    unknown: list[str] = []
    for part in _REASON_SPLIT.split(text):
        if not part.strip():
            continue
        reason = REASON_BY_WORD.get(normalize(part))
        if reason is None:
            unknown.append(part.strip())
        elif reason not in found:
            found.append(reason)
    return found, unknown


def header_index(table: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Return normalized header -> field for a header table."""
    return _index(table)


def requirement_refs(repo: Repository, text: str) -> tuple[list[str], list[str]]:
    """Return the ``framework:id`` refs a cell names (in order, once each) and the words that name none.

    A bare id is of the `soa_framework`; `A.5.15` (the 2013 edition's numbering) reads as 5.15.
    """
    refs: list[str] = []
    unknown: list[str] = []
    default = repo.config.soa_framework
    for word in filter(None, CELL_SPLIT.split(text)):
        fid, _, rid = word.rpartition(":")
        fid = fid or default
        framework = repo.frameworks.get(fid)
        if framework is not None and rid not in framework.requirements and rid.upper().startswith("A."):
            rid = rid[2:]  # Annex A numbering as the 2013 edition wrote it: A.5.15
        if framework is None or rid not in framework.requirements:
            unknown.append(word)
        elif f"{fid}:{rid}" not in refs:
            refs.append(f"{fid}:{rid}")
    return refs, unknown


def not_a_requirement(word: str, repo: Repository) -> tuple[str, str]:
    """Say that a word of a cell names no requirement, and how to write one: ``(en, ja)``."""
    fid = word.rpartition(":")[0] or repo.config.soa_framework
    return (
        f"`{word}` is not a requirement of `{fid}`; write the requirement id (e.g. 5.15) or framework:id",
        f"`{word}` は `{fid}` の要求事項ではありません。要求事項の ID（例: 5.15）か framework:id で書いてください",
    )
