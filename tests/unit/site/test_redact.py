"""Redaction: what of the evidence may reach the site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helpers import demo_files, write_repo
from isms.loader.assemble import load_repository
from isms.model.evidence import Classification
from isms.site.redact import published_file, published_files, withheld


@pytest.mark.parametrize(
    ("classification", "redact_from", "expected"),
    [
        ("public", "internal", False),
        ("internal", "internal", True),
        ("confidential", "internal", True),
        ("insider", "internal", True),
        ("internal", "confidential", False),
        ("confidential", "confidential", True),
        ("public", "public", True),
    ],
)
def test_withheld(classification: Classification, redact_from: Classification, expected: bool) -> None:
    assert withheld(classification, redact_from) is expected


REGISTER = """\
evidence:
  - {path: summary.md, title: 公開版, date: 2026-01-10, class: public}
  - {path: figures.csv, title: 数値, date: 2026-01-10, class: public}
  - {path: gone.csv, title: 欠落, date: 2026-01-10, class: public}
  - {path: secret.txt, title: 機密, date: 2026-01-10, class: confidential}
  - {path: inside.csv, title: 社内, date: 2026-01-10}
"""


def repo(tmp_path: Path, redact_from: str = "internal") -> Path:
    files = demo_files()
    files["isms.yaml"] = str(files["isms.yaml"]) + f"evidence: {{redact_from: {redact_from}}}\n"
    files["evidence/pub/evidence.yaml"] = REGISTER
    files["evidence/pub/summary.md"] = "# summary\n"
    files["evidence/pub/figures.csv"] = "a,b\n1,2\n"
    files["evidence/pub/secret.txt"] = "secret\n"
    files["evidence/pub/inside.csv"] = "x\n"
    return write_repo(tmp_path / "repo", files)


def test_public_files_are_published_active_ones_as_text(tmp_path: Path) -> None:
    loaded = load_repository(repo(tmp_path)).repository
    targets = {(f.source, f.target) for f in published_files(loaded)}
    assert targets == {
        ("evidence/pub/figures.csv", "files/evidence/pub/figures.csv"),
        ("evidence/pub/summary.md", "files/evidence/pub/summary.md.txt"),
    }
    assert published_file(loaded, loaded.evidence["pub/secret.txt"]) is None
    assert published_file(loaded, loaded.evidence["pub/gone.csv"]) is None


def test_redact_from_confidential_publishes_internal(tmp_path: Path) -> None:
    loaded = load_repository(repo(tmp_path, "confidential")).repository
    sources = {f.source for f in published_files(loaded)}
    assert "evidence/pub/inside.csv" in sources
    assert "evidence/access/review-2026-q1.csv" in sources
    assert "evidence/pub/secret.txt" not in sources
    assert dt.date(2026, 1, 10) == loaded.evidence["pub/inside.csv"].date


@pytest.mark.parametrize(
    ("name", "published"),
    [
        ("report.pdf", "report.pdf"),
        ("figures.CSV", "figures.CSV"),
        ("photo.jpeg", "photo.jpeg"),
        ("data.json", "data.json"),
        ("minutes.docx", "minutes.docx"),
        ("page.xht", "page.xht.txt"),
        ("page.shtml", "page.shtml.txt"),
        ("drawing.svgz", "drawing.svgz.txt"),
        ("archive.mht", "archive.mht.txt"),
        ("style.xsl", "style.xsl.txt"),
        ("feed.rss", "feed.rss.txt"),
        ("index.HTML", "index.HTML.txt"),
        ("tool.exe", "tool.exe.txt"),
        ("script.sh", "script.sh.txt"),
        ("README", "README.txt"),
        ("summary.md", "summary.md.txt"),
        ("page.html.pdf", "page.html.pdf"),
        ("pdf.html", "pdf.html.txt"),
    ],
)
def test_only_an_allow_list_of_inert_types_keeps_its_name(tmp_path: Path, name: str, published: str) -> None:
    files = demo_files()
    files["evidence/pub/evidence.yaml"] = (
        f"evidence:\n  - {{path: {name}, title: x, date: 2026-01-10, class: public}}\n"
    )
    files[f"evidence/pub/{name}"] = "<script>window.__pwned = 1</script>\n"
    loaded = load_repository(write_repo(tmp_path / "repo", files)).repository
    found = published_file(loaded, loaded.evidence[f"pub/{name}"])
    assert found is not None
    assert found.target == f"files/evidence/pub/{published}"
