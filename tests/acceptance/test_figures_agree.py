"""The same state prints the same coverage figure in every output (one rounding rule).

Each output's figure is compared with the one rule (one decimal, half up, from the exact ratio):
none may round the 4-place JSON ratio a second time (28 of 33 is 84.8 %, its JSON ratio 0.8485).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from helpers import RunIsms, commit_all, copy_example, git
from isms.evaluation import evaluate
from isms.figures import percent, rounded
from isms.site.pages import build_site
from isms.site.render import Renderer

REPOSITORY = Path(__file__).resolve().parents[2]
# Two days; on the second METI stands at 28 of 33, the ratio a second rounding gets wrong.
DAYS = ("2026-11-26", "2026-12-02")


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example(REPOSITORY, tmp_path_factory.mktemp("figures") / "repo")
    git(root, "init", "-q")
    commit_all(root, "example", "2026-11-01T09:00:00+09:00")
    return root


@pytest.fixture(scope="module", params=DAYS)
def today(request: pytest.FixtureRequest) -> str:
    day: str = request.param
    return day


@pytest.fixture(scope="module")
def frameworks(example: Path, today: str) -> list[dict[str, Any]]:
    import contextlib
    import io

    from isms.cli import main

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        main(["metrics", "--root", str(example), "--today", today, "--format", "json"])
    found: list[dict[str, Any]] = json.loads(buffer.getvalue())["frameworks"]
    return found


def figure(fw: dict[str, Any]) -> str:
    """The figure people read, from the exact ratio behind the JSON's counts."""
    return percent(fw["evidenced"] / fw["applicable"] if fw["applicable"] else 1.0)


def test_json_ratio_is_the_exact_ratio_rounded(frameworks: list[dict[str, Any]]) -> None:
    for fw in frameworks:
        assert fw["coverage"] == rounded(fw["evidenced"] / fw["applicable"] if fw["applicable"] else 1.0)


def test_metrics_text(example: Path, today: str, frameworks: list[dict[str, Any]], run_isms: RunIsms) -> None:
    out = run_isms("metrics", "--root", str(example), "--today", today).out
    for fw in frameworks:
        line = next(line for line in out.splitlines() if line.startswith(fw["id"] + " "))
        assert re.findall(r"\d+\.\d %", line)[0] == figure(fw), line
        assert re.findall(r"\d+\.\d %", line)[1] == percent(fw["tested"] / fw["applicable"]), line


def test_diff_and_pr_headline(example: Path, today: str, run_isms: RunIsms) -> None:
    # `isms diff` evaluates the committed trees; its figures must follow its own JSON's counts.
    args = ("diff", "--root", str(example), "--base", "HEAD", "--today", today)
    doc = json.loads(run_isms(*args, "--format", "json").out)
    for form in ("text", "markdown"):
        out = run_isms(*args, "--format", form).out
        for fw in doc["frameworks"]:
            head = fw["head"]
            assert head["coverage"] == rounded(head["evidenced"] / head["applicable"])
            assert f"{fw['short']} coverage {figure(head)}" in out, (form, fw["id"])
            if form == "markdown":  # the PR summary's table: coverage, then tested and passed
                row = next(line for line in out.splitlines() if line.startswith(f"| {fw['name']} |"))
                tested = percent(head["tested"] / head["applicable"])
                coverage, shown = row.split(" | ")[1:3]
                assert (coverage.split(" (official")[0], shown) == (figure(head), tested), row


def test_dashboard(example: Path, today: str, frameworks: list[dict[str, Any]]) -> None:
    evaluation = evaluate(example, dt.date.fromisoformat(today))
    for lang in ("ja", "en"):
        site = build_site(evaluation, lang)
        renderer = Renderer(site.info)
        index = next(page for page in site.pages if page.path == "index.md")
        text = renderer.render(index)
        for fw in frameworks:
            assert figure(fw) in text, (lang, fw["id"])
            row = text.split(f'<tr data-framework="{fw["id"]}">', 1)[1].split("</tr>", 1)[0]
            tested = percent(fw["tested"] / fw["applicable"] if fw["applicable"] else 1.0)
            assert f'data-metric="tested" data-value="{fw["tested"]}"' in row, (lang, fw["id"])
            assert f">{tested}</td>" in row, (lang, fw["id"], tested)


def test_soa_workbook(example: Path, today: str, frameworks: list[dict[str, Any]], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from isms.cli import main

    soa_framework = next(fw for fw in frameworks if fw["id"] == "iso27001-2022")
    for lang in ("ja", "en"):
        out = tmp_path / f"soa-{lang}.xlsx"
        args = ["soa", "--root", str(example), "--today", today, "--lang", lang, "--format", "xlsx", "--out", str(out)]
        assert main(args) == 0
        book = load_workbook(out, read_only=True)
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        book.close()
        summary = next(str(row[1]) for row in rows if row[0] in ("集計", "Summary"))
        assert summary.endswith(f" {figure(soa_framework)}"), (lang, summary)


def test_oscal_assessment_results(example: Path, today: str, frameworks: list[dict[str, Any]], tmp_path: Path) -> None:
    from isms.cli import main

    assert main(["export", "oscal", "--root", str(example), "--today", today, "--out", str(tmp_path)]) == 0
    (results,) = tmp_path.glob("*assessment-results*.json")
    resources = json.loads(results.read_text(encoding="utf-8"))["assessment-results"]["back-matter"]["resources"]
    shown = {
        props["framework"]: props
        for resource in resources
        if "framework" in (props := {p["name"]: p["value"] for p in resource.get("props", [])})
    }
    assert sorted(shown) == sorted(fw["id"] for fw in frameworks)
    for fw in frameworks:
        props = shown[fw["id"]]
        assert float(props["coverage"]) == fw["coverage"]
        assert f"{props['coverage-percent']} %" == figure(fw), fw["id"]
