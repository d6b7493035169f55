"""The round trip: `isms soa` of one repository, imported into a fresh `isms init` repository."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helpers import RunIsms, commit_all, git, write_repo
from isms.evaluation import evaluate
from isms.export.soa import COLUMNS, build_soa, cells
from isms.loader.assemble import load_repository
from isms.model.base import Lang

TODAY = "2026-03-01"
CONFIG = """\
organisation: {ja: 元の会社, en: Source Inc.}
frameworks: [iso27001-2022]
soa_framework: iso27001-2022
owners:
  ciso:
    name: {ja: 情報セキュリティ責任者, en: CISO}
  it:
    name: 情報システム部
  facilities:
    name: {en: Facilities}
"""
CONTROLS = {
    "controls/iso27001-2022/5.1.yaml": (
        "status: implemented\nowner: ciso\nreasons: [risk, legal]\n"
        "justification: {ja: 方針は必須, en: A policy is required}\n"
        "implementation: {ja: 社長が承認した方針を公開している。, en: An approved policy is published.}\n"
    ),
    "controls/iso27001-2022/5.2.yaml": "status: partial\nowner: it\nreasons: [business]\n",
    "controls/iso27001-2022/5.3.yaml": "status: planned\nowner: facilities\njustification: 職務の分離を計画中\n",
    "controls/iso27001-2022/7.5.yaml": (
        "status: not-applicable\nowner: ciso\njustification:\n  ja: 物理的な拠点を持たない\n  en: We have no premises\n"
    ),
    # a cell a spreadsheet would read as a formula: neutralised in the CSV, read back as written
    "controls/iso27001-2022/8.1.yaml": (
        "status: implemented\nowner: it\nreasons: [contract]\nimplementation: '=A1 の手順に従う'\n"
    ),
}
COMPARED = ("applicable", "reasons", "justification", "status", "implementation", "owner_id")


@pytest.fixture
def source(tmp_path: Path) -> Path:
    root = write_repo(tmp_path / "source", {"isms.yaml": CONFIG, **CONTROLS})
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Source ISMS", "2026-02-01T09:00:00+09:00")
    return root


def fresh(tmp_path: Path, run_isms: RunIsms) -> Path:
    target = tmp_path / "target"
    result = run_isms("init", str(target), "--organisation", "新しい会社")
    assert result.code == 0, result.err
    return target


def decided(root: Path, lang: Lang = "ja") -> dict[str, dict[str, str]]:
    """The SoA cells that an import carries, for the requirements the source decides."""
    soa = build_soa(evaluate(root, dt.date.fromisoformat(TODAY)), lang)
    keys = [c.key for c in COLUMNS]
    rows = {row.id: dict(zip(keys, cells(row, soa.lang), strict=True)) for row in soa.rows}
    wanted = {Path(rel).stem for rel in CONTROLS}
    return {rid: {k: rows[rid][k] for k in COMPARED} for rid in sorted(wanted)}


@pytest.mark.parametrize(("fmt", "lang"), [("xlsx", "ja"), ("xlsx", "en"), ("csv", "ja")])
def test_soa_imports_into_a_fresh_repository(
    fmt: str, lang: Lang, source: Path, tmp_path: Path, run_isms: RunIsms
) -> None:
    sheet = tmp_path / f"soa.{fmt}"
    exported = run_isms(
        "soa", "--root", str(source), "--today", TODAY, "--format", fmt, "--lang", lang, "--out", str(sheet)
    )
    assert exported.code == 0, exported.err
    target = fresh(tmp_path, run_isms)

    refused = run_isms("import", "controls", str(sheet), "--root", str(target))
    assert refused.code == 1
    assert "unknown owner `it` (also rows " in refused.err
    assert "unknown owner `facilities`: add it to `owners` in isms.yaml, or pass --add-owners" in refused.err
    assert load_repository(target).repository.controls[("iso27001-2022", "5.1")].doc.status == "planned"

    imported = run_isms("import", "controls", str(sheet), "--root", str(target), "--add-owners")
    assert imported.code == 0, imported.err
    assert imported.out.endswith(
        "controls/iso27001-2022/: 0 added, 5 changed, 0 removed, 88 unchanged\nwrote 6 file(s)\n"
    )
    assert decided(target, lang) == decided(source, lang)

    repo = load_repository(target).repository
    assert repo.config.owners["it"].name.ja == "情報システム部"
    assert repo.config.owners["facilities"].name.en == "Facilities"
    assert repo.config.owners["ciso"].name.en == "Chief Information Security Officer"  # kept as it was
    control = repo.controls[("iso27001-2022", "7.5")].doc
    assert control.justification is not None
    assert control.justification.get(lang) == ("物理的な拠点を持たない" if lang == "ja" else "We have no premises")
    text = (target / "controls/iso27001-2022/5.1.yaml").read_text(encoding="utf-8")
    assert text.startswith("# iso27001-2022 5.1: 情報セキュリティ方針\n")  # the comments of `isms init` stay

    again = run_isms("import", "controls", str(sheet), "--root", str(target), "--add-owners")
    assert again.out.endswith("0 added, 0 changed, 0 removed, 93 unchanged\nnothing to change\n")
