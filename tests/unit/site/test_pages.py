"""Page models: built from an evaluation, sorted, linked both ways, withholding confidential evidence."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import TypeVar

import pytest

from helpers import DEMO_MEASURED, demo_files, git, write_repo
from isms.evaluation import evaluate
from isms.model.base import Lang
from isms.site.pages import build_site
from isms.site.pages.types import (
    ControlPage,
    EvidencePage,
    FindingsPage,
    FrameworkPage,
    NavEntry,
    PolicyPage,
    Site,
    SoaPage,
)

TODAY = dt.date(2026, 3, 1)
P = TypeVar("P")

CATALOG = """\
framework:
  id: demo
  name: {ja: デモ基準, en: Demo requirements}
  short: DEMO
  version: "1"
attributes:
  - {id: type, title: {ja: 種類, en: Type}, values: [preventive, detective]}
groups:
  - {id: A, title: {ja: 組織, en: Organisational}}
  - {id: B, title: {ja: 技術, en: Technical}}
requirements:
  - {id: DM-1, title: {ja: アクセス権の見直し, en: Access review}, group: A, attributes: {type: [detective]}}
  - {id: DM-2, title: {ja: バックアップ, en: Backups}, group: B, attributes: {type: [preventive]}}
  - {id: DM-10, title: {ja: 十番目, en: Tenth}, group: A}
  - {id: DM-3, title: {ja: 物理的入退管理, en: Physical entry}, group: B}
"""

OLD = """\
framework: {id: demo-old, name: {ja: 旧基準, en: Old requirements}, version: "0", kind: reference}
requirements:
  - {id: O-1, title: {ja: 旧アクセス管理, en: Old access control}, maps_to: ["demo:DM-1"]}
"""


def files() -> dict[str, str | bytes]:
    repo = demo_files()
    repo["catalogs/demo.yaml"] = CATALOG
    repo["catalogs/demo-old.yaml"] = OLD
    repo["controls/demo/DM-10.yaml"] = "status: partial\nowner: ciso\n"
    repo["evidence/pub/evidence.yaml"] = (
        "evidence:\n  - {path: summary.md, title: {ja: 公開版, en: Public summary}, date: 2026-01-10, class: public}\n"
    )
    repo["evidence/pub/summary.md"] = "# public\n"
    return repo


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return build_site(evaluate(write_repo(tmp_path / "repo", files()), TODAY), "ja")


def page(site: Site, kind: type[P], path: str) -> P:
    found = next(p for p in site.pages if p.path == path)
    assert isinstance(found, kind)
    return found


def test_pages_and_nav(site: Site) -> None:
    paths = [p.path for p in site.pages]
    assert paths[:2] == ["index.md", "soa.md"]
    assert "frameworks/demo.md" in paths
    assert "frameworks/demo-old.md" in paths
    assert [p for p in paths if p.startswith("controls/")] == [
        "controls/demo/DM-1.md",
        "controls/demo/DM-2.md",
        "controls/demo/DM-3.md",
        "controls/demo/DM-10.md",
    ]
    assert paths[-2:] == ["evidence.md", "findings.md"]
    titles = [entry.title for entry in site.nav]
    assert titles == ["ダッシュボード", "適用宣言書", "フレームワーク", "管理策", "方針", "証跡台帳", "指摘事項"]
    controls = site.nav[3].children[0]
    assert controls.title == "DEMO"
    assert [g.title for g in controls.children] == ["組織", "技術"]
    assert [c.title for c in controls.children[0].children] == ["DM-1 アクセス権の見直し", "DM-10 十番目"]
    assert site.files == (("evidence/pub/summary.md", "files/evidence/pub/summary.md.txt"),)


def test_soa_lists_every_requirement_in_natural_order(site: Site) -> None:
    soa = page(site, SoaPage, "soa.md")
    assert [r.ref.label for r in soa.rows] == ["DM-1", "DM-2", "DM-3", "DM-10"]
    assert [r.row.applicable for r in soa.rows] == [True, True, False, True]
    assert soa.rows[2].row.justification == "物理的な拠点を持たない"
    assert soa.rows[0].row.owner == "情報セキュリティ責任者"
    assert [e.status for e in soa.rows[0].evidence] == ["current"]


def test_framework_page_follows_mappings_both_ways(site: Site) -> None:
    demo = page(site, FrameworkPage, "frameworks/demo.md")
    assert [g.id for g in demo.groups] == ["A", "B"]
    first = demo.groups[0].rows[0]
    assert first.ref.label == "DM-1"
    assert [r.label for r in first.mapped_from] == ["O-1"]
    assert first.mapped_from[0].target == "frameworks/demo-old.md#req-O-1"
    assert [(a.id, a.values) for a in first.attributes] == [("type", ("detective",))]
    assert [a.id for a in demo.attributes] == ["type"]
    old = page(site, FrameworkPage, "frameworks/demo-old.md")
    assert old.reference
    row = old.groups[0].rows[0]
    assert row.status == "reference"
    assert [(r.label, r.target) for r in row.maps_to] == [("DM-1", "controls/demo/DM-1.md")]


def test_control_page_withholds_internal_evidence(site: Site) -> None:
    control = page(site, ControlPage, "controls/demo/DM-1.md")
    assert control.title == "DM-1 アクセス権の見直し"
    assert control.owner == "情報セキュリティ責任者"
    assert control.review_next == "2027-01-15"
    (evidence,) = control.evidence
    assert evidence.withheld
    assert evidence.file_target is None
    assert evidence.sha256 is not None
    assert control.history_state == "unavailable"
    assert control.history == ()
    register = page(site, EvidencePage, "evidence.md")
    public = next(r for r in register.rows if r.path == "pub/summary.md")
    assert public.file_target == "files/evidence/pub/summary.md.txt"
    assert not public.withheld
    assert [f.id for f in register.filters] == ["state", "class"]


def test_policy_statements_link_to_requirements(site: Site) -> None:
    policy = page(site, PolicyPage, "policies/security.md")
    ((_, statements),) = policy.sections
    assert [[r.target for r in s.implemented_by] for s in statements] == [
        ["controls/demo/DM-1.md"],
        ["controls/demo/DM-2.md"],
    ]


def test_findings_are_grouped_by_severity_then_control(site: Site) -> None:
    findings = page(site, FindingsPage, "findings.md")
    severities = [severity for severity, _ in findings.severities]
    assert severities == sorted(severities, key=["error", "warning", "note"].index)
    for _, groups in findings.severities:
        with_control = [g for g in groups if g.control is not None]
        assert groups[: len(with_control)] == tuple(with_control)
        assert all(f.control == g.control or f.control is None for g in with_control for f in g.findings)


def test_history_from_git_and_partial_in_a_shallow_clone(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", files())
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "最初の登録", date="2026-01-15T09:00:00+09:00")
    (root / "controls/demo/DM-1.yaml").write_text(
        str(files()["controls/demo/DM-1.yaml"]) + "notes: 追記\n", encoding="utf-8"
    )
    git(root, "commit", "-q", "-am", "DM-1 に備考", date="2026-01-15T09:00:00+09:00")
    built = build_site(evaluate(root, TODAY), "en")
    control = page(built, ControlPage, "controls/demo/DM-1.md")
    assert control.history_state == "complete"
    assert [c.subject for c in control.history] == ["DM-1 に備考", "最初の登録"]
    assert control.history[0].author == "Example Author"
    assert control.history[0].date.startswith("2026-01-15")
    assert control.history[1].files == ("controls/demo/DM-1.yaml", "evidence/access/review-2026-q1.csv")
    assert not built.info.dirty

    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", root.as_uri(), str(clone)], check=True, capture_output=True)
    shallow = build_site(evaluate(clone, TODAY), "en")
    assert shallow.info.history_partial
    assert page(shallow, ControlPage, "controls/demo/DM-1.md").history_state == "partial"


def _nav_paths(entries: tuple[NavEntry, ...]) -> set[str]:
    paths = set()
    for entry in entries:
        if entry.path is not None:
            paths.add(entry.path)
        paths |= _nav_paths(entry.children)
    return paths


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_page_of_the_example_is_in_the_nav(lang: Lang) -> None:
    """A page outside the nav takes its <title> from its heading, unescaped by the theme: none may be."""
    example = Path(__file__).resolve().parents[3]
    built = build_site(evaluate(example, dt.date(2026, 11, 26)), lang)
    assert {page.path for page in built.pages} - _nav_paths(built.nav) == set()


def test_a_measures_problem_is_shown_in_the_editions_language(tmp_path: Path) -> None:
    repo = demo_files()
    repo["controls/demo/DM-1.yaml"] = DEMO_MEASURED
    repo["evidence/access/review-2026-q1.csv"] = b""
    evaluation = evaluate(write_repo(tmp_path / "repo", repo), TODAY)
    shown = {
        lang: page(build_site(evaluation, lang), ControlPage, "controls/demo/DM-1.md").measures[0].problem
        for lang in ("ja", "en")
    }
    assert shown == {
        "ja": "review-2026-q1.csv は空です（見出し行もありません）。行を書き込むか、有効性指標から外してください",
        "en": "review-2026-q1.csv is empty (not even a header line); write its rows, or remove it from the measure",
    }
