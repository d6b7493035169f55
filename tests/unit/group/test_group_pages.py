"""The group pages: text from isms.yaml escaped, links checked, both languages, the contract as a download."""

from __future__ import annotations

import datetime as dt
import json

from isms.contracts import CheckDocument, GroupDocument, MetricsDocument
from isms.group import figures
from isms.group.site import ENTITIES, GROUP_JSON, OVERVIEW, pages
from isms.model.base import Text
from isms.model.config import Entity

METRICS: MetricsDocument = {
    "version": "1",
    "as_of": "2026-03-31",
    "commit": "0123456789abcdef",
    "uncommitted_changes": False,
    "frameworks": [
        {
            "id": "demo",
            "name": "Demo",
            "name_ja": "デモ",
            "short": "Demo",
            "requirements": 3,
            "applicable": 2,
            "implemented": 1,
            "evidenced": 1,
            "partial": 0,
            "planned": 1,
            "undecided": 0,
            "coverage": 0.5,
            "implemented_ratio": 0.5,
            "effectiveness": None,
            "official_applicable": None,
            "official_evidenced": None,
            "official_coverage": None,
            "tested": 0,
            "tested_coverage": 0.0,
            "measures": {"total": 0, "met": 0},
        }
    ],
    "evidence": {"total": 2, "current": 1, "stale": 1},
    "measures": {"total": 0, "met": 0, "not_met": 0, "no_data": 0},
}
CHECK: CheckDocument = {
    "version": "1",
    "as_of": "2026-03-31",
    "commit": "0123456789abcdef",
    "findings": [
        {
            "rule": "review-overdue",
            "severity": "warning",
            "path": "controls/demo/DM-1.yaml",
            "line": 3,
            "column": 1,
            "message": "secret finding text <b>",
            "message_ja": "秘密の指摘 <b>",
            "control": "demo:DM-1",
            "framework": "demo",
        },
        {
            "rule": "evidence-stale",
            "severity": "error",
            "path": "evidence/x/evidence.yaml",
            "line": 4,
            "column": 5,
            "message": "stale: Confidential board minutes",
            "message_ja": "期限切れ: 取締役会議事録",
            "control": None,
            "framework": None,
        },
    ],
    "summary": {"errors": 1, "warnings": 1, "notes": 0},
}


def document() -> GroupDocument:
    hostile = Entity(
        id="evil",
        name=Text(ja="<script>alert(1)</script>", en="<img src=x onerror=alert(1)>"),
        repository="https://user:token@example.com/evil.git",
        site="https://evil.example.com/",
    )
    gone = Entity(id="gone", name=Text(ja="消息不明", en="Gone"), repository="../gone")
    rows = [
        figures.evaluated(hostile, METRICS, CHECK, dt.date(2026, 4, 30)),
        figures.unavailable(gone, "no such folder: /x/<gone>"),
    ]
    own = figures.own(Text(ja="持株会社", en="Holdings"), METRICS, CHECK)
    return figures.document(dt.date(2026, 4, 30), None, own, rows)


def test_the_figures_of_an_entity_come_from_its_two_documents() -> None:
    row = document()["entities"][0]
    assert row["status"] == "errors"
    assert row["stale"] is True
    assert row["overdue"] == 1
    assert row["rules"] == {"evidence-stale": 1, "review-overdue": 1}
    assert row["repository"] == "https://example.com/evil.git"
    assert row["evidence"] == {"total": 2, "current": 1, "stale": 1}


def test_text_from_yaml_is_escaped_and_no_finding_text_is_published() -> None:
    for lang in ("ja", "en"):
        extra = pages(document(), lang)
        assert sorted(extra.files) == sorted([OVERVIEW, ENTITIES, GROUP_JSON])
        for name in (OVERVIEW, ENTITIES):
            text = extra.files[name].decode("utf-8")
            assert "<script>" not in text
            assert "<img" not in text
            assert "secret finding text" not in text
            assert "秘密の指摘" not in text
            assert "Confidential board minutes" not in text
            assert "token" not in text
        assert "secret finding text" not in extra.files[GROUP_JSON].decode("utf-8")
        assert "秘密の指摘" not in extra.files[GROUP_JSON].decode("utf-8")
    overview = pages(document(), "ja").files[OVERVIEW].decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in overview
    assert 'href="entities.html#entity-evil"' in overview
    assert 'href="https://evil.example.com/"' in overview
    assert "no such folder: /x/&lt;gone&gt;" in overview


def test_both_editions_and_the_contract_download() -> None:
    ja, en = pages(document(), "ja"), pages(document(), "en")
    assert [entry.title for entry in ja.nav] == ["グループ"]
    assert [child.title for child in ja.nav[0].children] == ["グループ概況", "事業体別"]
    assert [child.title for child in en.nav[0].children] == ["Group overview", "By entity"]
    assert "エラーあり" in ja.files[OVERVIEW].decode("utf-8")
    assert "Has errors" in en.files[OVERVIEW].decode("utf-8")
    assert '<th scope="row">期限切れ</th><td data-metric="stale">1</td>' in ja.files[ENTITIES].decode("utf-8")
    assert '<th scope="row">total</th><td data-metric="total">2</td>' in en.files[ENTITIES].decode("utf-8")
    assert json.loads(en.files[GROUP_JSON]) == document()


def test_a_link_that_is_not_a_web_address_is_not_printed() -> None:
    doc = document()
    doc["entities"][0]["site"] = "javascript:alert(1)"
    text = pages(doc, "en").files[OVERVIEW].decode("utf-8")
    assert "javascript:" not in text
    assert "no site URL" in text


def test_overdue_rules_and_shown_repositories() -> None:
    assert figures.is_overdue("corrective-action-overdue")
    assert figures.is_overdue("control-due-passed")
    assert not figures.is_overdue("evidence-stale")
    assert figures.shown_repository("https://u:p@host.example:8443/a.git") == "https://host.example:8443/a.git"
    assert figures.shown_repository("git@github.com:acme/isms.git") == "git@github.com:acme/isms.git"
    assert figures.shown_repository("../sub") == "../sub"


def test_the_japanese_edition_says_why_an_entity_is_unavailable_in_japanese() -> None:
    reasons = {"gone": "そのフォルダはありません: /x/<gone>"}
    ja, en = pages(document(), "ja", reasons), pages(document(), "en", reasons)
    for name in (OVERVIEW, ENTITIES):
        assert "そのフォルダはありません: /x/&lt;gone&gt;</" in ja.files[name].decode("utf-8")
        assert "no such folder" not in ja.files[name].decode("utf-8")
        assert "no such folder: /x/&lt;gone&gt;</" in en.files[name].decode("utf-8")
    assert json.loads(ja.files[GROUP_JSON]) == document()  # the contract's reason stays the English one
