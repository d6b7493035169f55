"""The organisation's own controls (`soa.additional`) and the change history in every form of the SoA."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from helpers import RunIsms, commit_all, demo_files, git, write_repo
from isms.evaluation import evaluate
from isms.export.xlsx import soa_workbook
from isms.site.pages import build_site
from isms.site.render import Renderer

TODAY = "2026-03-01"
OWN_CATALOG = """\
framework:
  id: own
  name: {ja: 当社独自の管理策, en: Our own controls}
  version: "1"
requirements:
  - id: X-1
    title: {ja: 株式売買の事前申請, en: Pre-approval of share trading}
    source: organisation
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    files = demo_files()
    files["isms.yaml"] = (
        str(files["isms.yaml"]).replace("frameworks: [demo]", "frameworks: [demo, own]")
        + "soa:\n  version: '1.0'\n  additional: [own]\n"
    )
    files["catalogs/own.yaml"] = OWN_CATALOG
    files["controls/own/X-1.yaml"] = (
        "status: implemented\nowner: ciso\nreasons: [legal]\n"
        "implementation: {ja: 売買前に申請し許可を得る, en: Every trade is approved in advance}\n"
        "review: {last: 2026-01-15}\nevidence: [access/review-2026-q1.csv]\n"
    )
    root = write_repo(tmp_path / "repo", files)
    git(root, "init", "-q")
    commit_all(root, "Own controls in the SoA", "2026-02-01T09:00:00+09:00")
    return root


def table(text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    return rows[rows.index([]) + 1 :]


def test_csv_holds_one_part_per_file(repo: Path, run_isms: RunIsms) -> None:
    args = ("soa", "--root", str(repo), "--today", TODAY, "--format", "csv", "--lang", "en")
    soa = table(run_isms(*args).out)
    assert [row[0] for row in soa] == ["ID", "DM-1", "DM-2", "DM-3"]  # what `isms import controls` reads
    own = table(run_isms(*args, "--table", "additional").out)
    assert own[0] == soa[0]
    assert [(row[0], row[1], row[3], row[4], row[6]) for row in own[1:]] == [
        ("own:X-1", "Pre-approval of share trading", "Yes", "Legal or regulatory", "Implemented")
    ]
    history = table(run_isms(*args, "--table", "history").out)
    assert history[0] == ["Date", "Commit", "Author", "Change"]
    assert history[1][0] == "2026-02-01"
    assert history[1][1] == git(repo, "rev-parse", "--short=10", "HEAD").strip()
    assert history[1][3] == "Own controls in the SoA"
    refused = run_isms("soa", "--root", str(repo), "--format", "md", "--table", "history")
    assert refused.code == 2
    assert "--table history: only with --format csv" in refused.err


def test_markdown_has_every_part(repo: Path, run_isms: RunIsms) -> None:
    out = run_isms("soa", "--root", str(repo), "--today", TODAY, "--format", "md").out
    assert "\n## 組織独自の管理策: 当社独自の管理策 (own)\n" in out
    assert "| X-1 | 株式売買の事前申請 |" in out
    assert "\n## 改訂履歴\n" in out
    assert "| Own controls in the SoA |" in out


def test_the_workbook_has_a_sheet_of_own_controls(repo: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(soa_workbook(evaluate(repo, dt.date(2026, 3, 1)), "ja")))
    assert book.sheetnames[:2] == ["適用宣言書", "独自の管理策"]  # right after the SoA's own sheet
    assert book.sheetnames[-1] == "改訂履歴"
    sheet = book["独自の管理策"]
    assert sheet["A1"].value == "組織独自の管理策: 当社独自の管理策 (own)"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=1)]
    assert any(row[:2] == ["X-1", "株式売買の事前申請"] for row in rows)


def test_the_site_has_a_page_of_own_controls_linked_from_the_soa(repo: Path) -> None:
    site = build_site(evaluate(repo, dt.date(2026, 3, 1)), "en")
    soa = Renderer(site.info).render(next(page for page in site.pages if page.path == "soa.md"))
    assert 'id="soa-additional-own"' not in soa  # the SoA page keeps to the soa_framework
    assert 'The organisation&#39;s own controls: <a href="soa-additional.html">' in soa
    page = next(page for page in site.pages if page.path == "soa-additional.md")
    assert ("The organisation's own controls", "soa-additional.md") in [(e.title, e.path) for e in site.nav]
    text = Renderer(site.info).render(page)
    assert "## The organisation&#39;s own controls: Our own controls { #additional-own }" in text
    section = text.split('id="soa-additional-own"', 1)[1].split("</table>", 1)[0]
    assert 'data-control="X-1"' in section or 'data-control="own:X-1"' in section
    assert "Every trade is approved in advance" in section
    assert 'data-control="DM-1"' not in section


def test_an_unknown_additional_framework_is_a_finding(repo: Path, run_isms: RunIsms) -> None:
    config = repo / "isms.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("additional: [own]", "additional: [own, nope, demo]"))
    out = run_isms("validate", "--root", str(repo)).out
    assert "isms.yaml:12:21: error: framework `nope` is not loaded" in out
    assert "isms.yaml:12:27: error: `soa.additional`: `demo` is the `soa_framework`" in out
