"""The site of the bundled example, built once per session with a real `mkdocs build` from a real git
repository, then read in headless Chromium over HTTP (as GitHub Pages serves it) and from file://."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject
from playwright.sync_api import Browser, Page, Playwright, ViewportSize, sync_playwright

from acceptance.site_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    NO_CHROMIUM,
    TODAY,
    files_with,
    is_local,
    needs_chromium,
    serve_folder,
)
from helpers import commit_all, copy_example
from isms.cli import main
from isms.figures import percent

pytestmark = pytest.mark.slow

REPOSITORY = Path(__file__).resolve().parents[2]
EXAMPLE_CANARY = "CANARY-CONFIDENTIAL-7f3a"
HISTORY_CONTROL = "controls/iso27001-2022/5.15.yaml"
HISTORY_SUBJECT = "5.15: アクセス権レビューの記録を反映"


@dataclass(frozen=True)
class Example:
    """The example repository, its site and its metrics."""

    root: Path
    site: Path
    metrics: dict[str, Any]


@pytest.fixture(scope="session")
def example(tmp_path_factory: pytest.TempPathFactory) -> Example:
    """Copy the example into a fresh git repository (two commits), build its site, run `isms metrics`."""
    base = tmp_path_factory.mktemp("example")
    root = copy_example(REPOSITORY, base / "repo")
    commit_all(root, "Example ISMS", "2026-10-01T09:00:00+09:00")
    control = root / HISTORY_CONTROL
    control.write_text(control.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    commit_all(root, HISTORY_SUBJECT, "2026-11-20T15:00:00+09:00")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ISMS_CACHE_DIR", str(base / "cache"))
        code = main(["site", "build", "--root", str(root), "--today", TODAY, "--out", str(base / "site")])
        assert code == 0
        metrics = subprocess.run(
            [sys.executable, "-m", "isms", "metrics", "--root", str(root), "--today", TODAY, "--format", "json"],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "ISMS_CACHE_DIR": str(base / "cache")},
        )
    return Example(root, base / "site", json.loads(metrics.stdout))


def test_confidential_canary_is_nowhere_in_the_output(example: Example) -> None:
    sources = [p for p in (example.root / "evidence").rglob("*") if p.is_file()]
    assert any(EXAMPLE_CANARY.encode() in p.read_bytes() for p in sources), "the example lost its canary"
    assert (example.site / "search/search_index.json").is_file()
    assert files_with(example.site, EXAMPLE_CANARY) == []


def test_the_soa_page_links_the_workbook_isms_soa_writes(example: Example, tmp_path: Path) -> None:
    workbook = tmp_path / "soa.xlsx"
    args = ["--root", str(example.root), "--today", TODAY]
    assert main(["soa", "--format", "xlsx", "--out", str(workbook), *args]) == 0
    assert (example.site / "downloads/soa.xlsx").read_bytes() == workbook.read_bytes()
    assert (example.site / "downloads/soa.csv").read_bytes().startswith("\ufeff".encode())
    soa = (example.site / "soa.html").read_text(encoding="utf-8")
    assert 'href="downloads/soa.xlsx" download' in soa
    assert 'href="downloads/soa.csv" download' in soa
    for table in ("history",):  # the SoA's other parts, a CSV file each, as `isms soa` writes them
        csv_file = tmp_path / f"soa-{table}.csv"
        assert main(["soa", "--format", "csv", "--table", table, "--out", str(csv_file), *args]) == 0
        assert (example.site / f"downloads/soa-{table}.csv").read_bytes() == csv_file.read_bytes()
        assert f'href="downloads/soa-{table}.csv" download' in soa


def test_the_soa_page_is_the_certification_soa(example: Example) -> None:
    soa = (example.site / "soa.html").read_text(encoding="utf-8")
    # version and approval (isms.yaml `soa:`), also printed on every page with the page number
    assert "版: 3.0 · 承認: 代表取締役社長 (president), 2026-10-01" in soa
    assert '@top-right { content: "適用宣言書 版 3\\00002e 0"' in soa  # the running header of every page is print.css
    printed = (example.site / "assets/isms/print.css").read_text(encoding="utf-8")
    assert '@top-left { content: "株式会社サンプル開示 \\0000b7  基準日 2026\\00002d 11\\00002d 26' in printed
    assert 'counter(page) " / " counter(pages)' in printed
    # the implementation text and the linked risks of each control
    row = soa.split('<tr id="soa-5.29"', 1)[1].split("</tr>", 1)[0]
    assert 'class="isms-soa-implementation">' in row
    assert 'href="risks/R-07.html"' in row
    # the change history from git, on a page of its own (issue 19: the SoA's size stays put): both
    # commits of the example touched a control; the SoA names the latest and links the page
    assert '<p class="isms-soa-latest">最新の変更: 2026-11-20 <code>' in soa
    assert 'href="soa-history.html">適用宣言書の改訂履歴</a>' in soa
    page = (example.site / "soa-history.html").read_text(encoding="utf-8")
    history = page.split('<table id="soa-history">', 1)[1].split("</table>", 1)[0]
    assert history.count("<tr><td>") == 2
    assert HISTORY_SUBJECT in history


def test_the_calendar_feed_is_published_and_linked(example: Example, capsys: pytest.CaptureFixture[str]) -> None:
    feed = (example.site / "downloads/isms.ics").read_bytes()
    capsys.readouterr()
    args = ["--root", str(example.root), "--today", TODAY, "--within", "1y", "--format", "ics"]
    assert main(["remind", *args]) == 0
    remind = icalendar.Calendar.from_ical(capsys.readouterr().out)
    site = icalendar.Calendar.from_ical(feed)
    uids = sorted(str(event["UID"]) for event in site.walk("VEVENT"))
    assert uids == sorted(str(event["UID"]) for event in remind.walk("VEVENT"))
    assert len(uids) > 10
    assert len(vobject.readOne(feed.decode("utf-8")).vevent_list) == len(uids)  # a second, independent parser
    dashboard = (example.site / "index.html").read_text(encoding="utf-8")
    assert 'href="downloads/isms.ics" download' in dashboard
    # R-01 is confidential: its events keep the risk's id only
    summaries = {str(event["UID"]): str(event["SUMMARY"]) for event in site.walk("VEVENT")}
    assert summaries["risk-review.R-01@isms"] == "リスクの見直し R-01"
    assert summaries["risk-review.R-07@isms"] == "リスクの見直し R-07: 工場（印刷拠点）の災害"


def test_every_page_carries_the_commit_and_as_of_date(example: Example) -> None:
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=example.root, check=True, capture_output=True, text=True
    ).stdout.strip()
    pages = sorted(example.site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert TODAY in text, page
        assert head[:10] in text, page


def test_the_risk_register_heat_maps_and_risk_pages(example: Example) -> None:
    register = (example.site / "risks.html").read_text(encoding="utf-8")
    assert register.count('<svg class="isms-chart isms-heatmap"') == 2
    assert register.count('<tr id="risk-R-') == 19
    assert 'href="risks/R-07.html"' in register
    accepted = (example.site / "risks/R-07.html").read_text(encoding="utf-8")
    assert "../controls/iso27001-2022/5.29.html" in accepted
    dashboard = (example.site / "index.html").read_text(encoding="utf-8")
    assert 'data-metric="accepted" data-value="1"' in dashboard
    assert 'data-metric="overdue" data-value="0"' in dashboard
    control = (example.site / "controls/iso27001-2022/5.29.html").read_text(encoding="utf-8")
    assert "../../risks/R-07.html" in control
    assert "地震・火災・水害" in accepted
    # R-01 is confidential: its threat and vulnerability stay off the site
    withheld = (example.site / "risks/R-01.html").read_text(encoding="utf-8")
    assert "内部不正による持出し" not in withheld
    assert files_with(example.site, "内部不正による持出し") == []


def test_the_requirement_box_says_it_is_our_summary(example: Example) -> None:
    """The box holds the catalog's paraphrase, so it must not pass for the standard's own text."""
    control = (example.site / "controls/iso27001-2022/5.15.html").read_text(encoding="utf-8")
    summary = "要求事項の要約（当方の言葉による要約で、規格の原文ではありません）"
    assert f'<p class="admonition-title" data-search-exclude>{summary}</p>' in control  # on every control page
    assert '<p class="admonition-title">要求事項</p>' not in control
    assert "<dt data-search-exclude>レビュー間隔</dt><dd data-search-exclude>1年</dd>" in control  # in words, not `1y`


def test_the_japanese_edition_shows_japanese_messages_and_titles(example: Example) -> None:
    """Issue 20: no English finding message on the findings page or the dashboard, no English page in the nav."""
    japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    for name in ("findings.html", "index.html"):
        text = (example.site / name).read_text(encoding="utf-8")
        messages = re.findall(r'<td class="isms-finding-message">(.*?)</td>', text)
        assert messages, name
        assert [m for m in messages if not japanese.search(m)] == [], name
    dashboard = (example.site / "index.html").read_text(encoding="utf-8")
    assert "Risk management as code" not in dashboard  # isms's own English docs stay out of the site
    assert not (example.site / "risk-management.html").exists()


def test_the_cycle_from_audit_to_closed_action(example: Example) -> None:
    programme = (example.site / "audits.html").read_text(encoding="utf-8")
    assert 'href="audits/IA-2026.html"' in programme
    assert '<table id="audit-timeline">' in programme
    audit = (example.site / "audits/IA-2026.html").read_text(encoding="utf-8")
    assert audit.count('<tr id="finding-F') == 6
    assert 'href="../nonconformities.html#nc-NC-2026-01"' in audit
    assert "軽微な不適合" in audit
    register = (example.site / "nonconformities.html").read_text(encoding="utf-8")
    assert register.count('<section class="isms-nc"') == 5
    closed = register.split('id="nc-NC-2026-01"')[1].split("</section>")[0]
    assert "isms-badge--nc-closed" in closed
    assert "isms-badge--effective" in closed
    assert 'href="audits/IA-2026.html"' in closed
    assert "関連するリスク" not in closed  # NC-2026-01 names no risk
    late = register.split('id="nc-NC-2026-02"')[1].split("</section>")[0]
    assert "関連するリスク" in late
    assert 'href="risks/R-01.html"' in late  # its `risks:`, linked to the risk page
    risk = (example.site / "risks" / "R-01.html").read_text(encoding="utf-8")
    assert "このリスクに関わる不適合" in risk  # and back: the risk page lists it
    assert 'href="../nonconformities.html#nc-NC-2026-02"' in risk
    reviews = (example.site / "management-reviews.html").read_text(encoding="utf-8")
    assert reviews.count("isms-badge--covered") == 10
    assert "isms-badge--missing-input" not in reviews
    objectives = (example.site / "objectives.html").read_text(encoding="utf-8")
    assert objectives.count('<section class="isms-objective"') == 3
    dashboard = (example.site / "index.html").read_text(encoding="utf-8")
    assert 'data-metric="open_nonconformities" data-value="3"' in dashboard
    assert 'data-metric="overdue_corrective_actions" data-value="0"' in dashboard
    findings = (example.site / "findings.html").read_text(encoding="utf-8")
    assert '<table id="audit-finding-counts">' in findings


# --- in the browser -------------------------------------------------------------------------


def test_the_risk_register_filters_by_level(page: Page, http_base: str) -> None:
    page.goto(http_base + "risks.html")
    rows = page.locator("#risk-register tbody tr")
    assert rows.count() == 19
    page.select_option('select[data-filter-key="level"]', "medium")
    visible = [r for r in rows.all() if r.is_visible()]
    assert [r.get_attribute("id") for r in visible] == ["risk-R-07"]
    page.select_option('select[data-filter-key="state"]', "")


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture(scope="module")
def http_base(example: Example) -> Iterator[str]:
    with serve_folder(example.site) as base:
        yield base


@pytest.fixture
def page(browser: Browser, http_base: str) -> Iterator[Page]:
    """A page that records every request; the test fails if one leaves this machine."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ja-JP")
    opened = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    opened.on("request", lambda request: requests.append(request.url))
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert [url for url in requests if not is_local(url, http_base)] == []
    assert errors == []


@pytest.fixture(scope="module")
def unzipped(example: Example, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site zipped, as it would be handed to an auditor, and unzipped elsewhere."""
    base = tmp_path_factory.mktemp("zip")
    archive = shutil.make_archive(str(base / "site"), "zip", example.site)
    target = base / "unzipped"
    shutil.unpack_archive(archive, target)
    return target


def _url(where: str, example: Example, http_base: str, path: str, unzipped: Path | None = None) -> str:
    if where == "http":
        return http_base + path
    folder = unzipped if where == "zip" and unzipped is not None else example.site
    return (folder / path).as_uri()


def search(page: Page, query: str) -> list[str]:
    """Type a query into Material's search box, as a person would, once the page has settled."""
    page.wait_for_load_state("load")
    page.wait_for_timeout(1500)  # let the search worker become ready first: the case that failed over HTTP
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=40)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    links = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    return [str(link) for link in links]


@needs_chromium
@pytest.mark.browser
def test_dashboard_numbers_equal_isms_metrics(page: Page, example: Example, http_base: str) -> None:
    page.goto(http_base + "index.html")
    frameworks = example.metrics["frameworks"]
    assert frameworks
    assert any(f["official_coverage"] is not None for f in frameworks)  # METI v1 has paraphrased items
    for framework in frameworks:
        row = page.locator(f'#isms-frameworks tr[data-framework="{framework["id"]}"]')
        cells = {
            cell.get_attribute("data-metric"): (cell.get_attribute("data-value"), cell.inner_text())
            for cell in row.locator("td[data-metric]").all()
        }
        for key in (
            "requirements",
            "applicable",
            "implemented",
            "evidenced",
            "partial",
            "planned",
            "undecided",
            "tested",
        ):
            assert cells[key] == (str(framework[key]), str(framework[key])), key
        for key in ("coverage", "implemented_ratio", "tested_coverage"):
            value, shown = cells[key]
            assert float(value or "nan") == framework[key], key
            part = {"coverage": "evidenced", "implemented_ratio": "implemented", "tested_coverage": "tested"}[key]
            exact = framework[part] / framework["applicable"] if framework["applicable"] else 1.0
            assert shown == percent(exact), key  # one rounding, from the exact ratio
        official = framework["official_coverage"]
        value, shown = cells["official_coverage"]
        assert value == ("" if official is None else str(official))
        if official is not None:
            exact = framework["official_evidenced"] / framework["official_applicable"]
            assert shown == percent(exact)  # beside the total for a framework with paraphrased requirements
        effectiveness = framework["effectiveness"]
        assert cells["effectiveness"][0] == ("" if effectiveness is None else str(effectiveness))
        assert cells["measures"][0] == f"{framework['measures']['met']}/{framework['measures']['total']}"
    for table, numbers in (
        ("#isms-evidence-health", example.metrics["evidence"]),
        ("#isms-measures", example.metrics["measures"]),
    ):
        counts = {
            cell.get_attribute("data-metric"): int(cell.inner_text())
            for cell in page.locator(f"{table} td[data-metric]").all()
        }
        assert counts == numbers
    assert page.locator("svg.isms-chart").count() >= 3


@needs_chromium
@pytest.mark.browser
def test_soa_lists_all_93_annex_a_controls(page: Page, http_base: str) -> None:
    page.goto(http_base + "soa.html")
    rows = page.locator("#soa-table tbody tr")
    assert rows.count() == 93
    ids = rows.evaluate_all("rows => rows.map(r => r.dataset.control)")
    assert ids[0] == "5.1"
    assert ids[-1] == "8.34"
    assert len(set(ids)) == 93
    page.locator("#soa-table thead th").nth(3).click()  # sort by status
    assert page.locator("#soa-table thead th").nth(3).get_attribute("aria-sort") == "ascending"
    statuses = rows.evaluate_all("rows => rows.map(r => r.cells[3].dataset.sort)")
    assert statuses == sorted(statuses)
    assert rows.count() == 93
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator("[data-isms-print]").is_hidden()
    assert rows.nth(92).is_visible()
    assert page.locator(".isms-soa-version").is_visible()  # organisation and version on paper too
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.count(b"/Type /Page\n") > 1 or pdf.count(b"/Type/Page") > 1  # 93 rows over several pages


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("where", ["http", "file", "zip"])
def test_japanese_search_finds_the_insider_pages(
    page: Page, example: Example, http_base: str, unzipped: Path, where: str
) -> None:
    page.goto(_url(where, example, http_base, "index.html", unzipped))
    found = search(page, "インサイダー")
    assert any("policies/insider-information-management.html" in link for link in found), found
    assert any("policies/insider-trading-prevention.html" in link for link in found), found
    page.goto(_url(where, example, http_base, "soa.html", unzipped))
    targeted = search(page, "標的型")
    assert targeted
    first = targeted[0].split("?")[0].split("#")[0]
    page.goto(first)
    assert "標的型" in page.inner_text("article")


#: Issue 19: the first result within 1 s of typing a Japanese query over HTTP, on a quiet machine. The
#: budget leaves room for a loaded 2-core machine (five jobs at once): measured 0.8-1.3 s there with the
#: memoised segmenter (isms.site.search), 1.3-7 s without it.
SEARCH_BUDGET_S = 3.0


@needs_chromium
@pytest.mark.browser
def test_japanese_search_answers_soon_after_the_page_loads(page: Page, example: Example, http_base: str) -> None:
    segmenter = (example.site / "assets/javascripts/lunr/tinyseg.js").read_text(encoding="utf-8")
    assert "isms: memoised segmenter" in segmenter
    page.goto(http_base + "index.html")
    page.wait_for_load_state("load")  # no pause: the search index is still being built, as for a quick reader
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("インサイダー", delay=40)
    typed = time.perf_counter()
    page.locator(".md-search-result__item").first.wait_for(timeout=30000)
    elapsed = time.perf_counter() - typed
    links = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert any("policies/insider-trading-prevention.html" in link for link in links), links
    assert elapsed <= SEARCH_BUDGET_S, f"first result {elapsed:.2f} s after typing (budget {SEARCH_BUDGET_S} s)"


@needs_chromium
@pytest.mark.browser
def test_english_words_are_found_too(page: Page, http_base: str) -> None:
    page.goto(http_base + "index.html")
    assert any("controls/iso27001-2022/" in link for link in search(page, "access"))


@needs_chromium
@pytest.mark.browser
def test_control_page_shows_its_git_history(page: Page, http_base: str) -> None:
    page.goto(http_base + "controls/iso27001-2022/5.15.html")
    rows = page.locator("#control-history tbody tr")
    assert rows.count() >= 2
    first = rows.nth(0).inner_text()
    assert "2026-11-20" in first
    assert HISTORY_SUBJECT in first
    assert "Example Author" in first
    assert "2026-10-01" in rows.nth(rows.count() - 1).inner_text()
    assert page.locator(".isms-history-partial").count() == 0


@needs_chromium
@pytest.mark.browser
def test_a_tour_of_the_site_requests_nothing_from_other_hosts(page: Page, example: Example, http_base: str) -> None:
    for where in ("http", "file"):
        for path in (
            "index.html",
            "soa.html",
            "frameworks/iso27001-2022.html",
            "controls/iso27001-2022/6.3.html",
            "policies/information-security-policy.html",
            "evidence.html",
            "findings.html",
            "about.html",
        ):
            page.goto(_url(where, example, http_base, path))
            page.wait_for_load_state("load")
    # the filters work without a server
    page.goto(_url("file", example, http_base, "frameworks/iso27001-2022/8.html"))
    rows = page.locator("table[data-isms-filterable] tbody tr")
    total = rows.count()
    page.select_option('select[data-filter-key="control_type"]', "detective")
    shown = page.locator("table[data-isms-filterable] tbody tr:not(.isms-hidden)")
    assert 0 < shown.count() < total
    assert all("control_type:detective" in (row.get_attribute("data-tags") or "") for row in shown.all())
    page.goto(_url("file", example, http_base, "evidence.html") + "?class=public")
    visible = page.locator("#evidence-register tbody tr:not(.isms-hidden)")
    assert visible.count() >= 1
    assert all("class:public" in (row.get_attribute("data-tags") or "") for row in visible.all())


# --- issue 20: the site at two widths and on paper ---------------------------------------------------------

NARROW: ViewportSize = {"width": 390, "height": 844}


def _height(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollHeight"))


@pytest.fixture(scope="module")
def english_site(example: Example, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English edition of the example's site (read from file://)."""
    out = tmp_path_factory.mktemp("en") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ISMS_CACHE_DIR", str(example.site.parent / "cache"))
        code = main(["site", "build", "--root", str(example.root), "--today", TODAY, "--lang", "en", "--out", str(out)])
    assert code == 0
    return out


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_evidence_register_scans_in_two_screens_and_shows_whole_hashes(
    browser: Browser, http_base: str, lang: str, request: pytest.FixtureRequest
) -> None:
    """45 items: 13,343 px with two to four lines a row, then 3,028 px (ja) and 3,485 px (en); now one line a row,
    the table within two screens of 900 px, the rest of each item in its row's details (opened on paper)."""
    base = http_base if lang == "ja" else request.getfixturevalue("english_site").as_uri() + "/"
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="ja-JP")
    try:
        page = context.new_page()
        page.goto(base + "evidence.html")
        assert page.locator("[id=evidence-register]").count() == 1  # the English h1 took the table's id
        rows = page.locator("#evidence-register tbody tr")
        assert rows.count() >= 40
        table = page.locator("#evidence-register").bounding_box()
        assert table is not None
        assert table["height"] <= 2 * 900
        assert table["x"] + table["width"] <= 1400  # every column on screen, no scrolling sideways
        heights = rows.evaluate_all("rs => rs.map(r => r.getBoundingClientRect().height)")
        assert max(heights) < 40  # one line a row
        hashes = page.locator("#evidence-register code.isms-sha").all_text_contents()
        assert len(hashes) == rows.count()
        assert all(len(h) == 64 and set(h) <= set("0123456789abcdef") for h in hashes)  # the full SHA-256, copyable
        sha = page.locator("#evidence-register code.isms-sha").first
        assert sha.evaluate("e => getComputedStyle(e).userSelect") == "all"
        # a path is never broken inside a name: each is one line box
        lines = page.locator("#evidence-register code.isms-path").evaluate_all(
            "es => es.map(e => e.getClientRects().length)"
        )
        assert set(lines) == {1}
        # a long title is clipped on its line; the row's details hold it whole with where the item is used
        clipped = page.locator("#evidence-register .isms-ev-title").evaluate_all(
            "es => es.filter(e => e.scrollWidth > e.clientWidth).map(e => e.closest('tr').id)"
        )
        assert clipped
        row = page.locator(f'[id="{clipped[0]}"]')
        title = row.locator(".isms-ev-title").get_attribute("title") or ""
        facts = row.locator("dl.isms-ev-facts")
        assert facts.is_hidden()
        row.locator("summary").click()
        assert facts.is_visible()
        assert title in facts.inner_text()
        assert facts.locator("a").count() >= 1  # the controls that use it, linked
        # sorting and filtering still work on the one-line rows
        page.locator("#evidence-register thead th").nth(5).click()  # valid until
        ends = rows.evaluate_all("rs => rs.map(r => r.cells[5].dataset.sort)")
        assert ends == sorted(ends)
        page.select_option('select[data-filter-key="class"]', "insider")
        shown = page.locator("#evidence-register tbody tr:not(.isms-hidden)")
        assert 0 < shown.count() < rows.count()
        # on paper: whole titles, whole hashes, every row's details open
        page.emulate_media(media="print")
        assert sha.evaluate("e => e.scrollWidth <= e.clientWidth")
        assert page.locator("#evidence-register dl.isms-ev-facts").evaluate_all(
            "ds => ds.every(d => d.getBoundingClientRect().height > 0)"
        )
        assert row.locator(".isms-ev-title").evaluate("e => e.scrollWidth <= e.clientWidth")
    finally:
        context.close()


def test_the_annex_a_page_is_a_few_screens_per_theme_with_attributes_in_words(
    page: Page, http_base: str, example: Example
) -> None:
    """Annex A on one page was 33,140 px tall (the mappings column 70 px wide) and 287 KB: now a page per theme."""
    page.goto(http_base + "frameworks/iso27001-2022.html")
    themes = page.locator("#isms-framework-themes tbody a")
    assert themes.all_inner_texts() == ["5 組織的管理策", "6 人的管理策", "7 物理的管理策", "8 技術的管理策"]
    for theme in ("5", "6", "7", "8"):
        page.goto(http_base + f"frameworks/iso27001-2022/{theme}.html")
        assert page.locator("table[data-isms-filterable]").count() == 1
        assert _height(page) < 3800  # the longest theme (5, 37 controls): about three screens of 1000 px
    page.goto(http_base + "frameworks/iso27001-2022/5.html")
    tags = page.locator("td.isms-fw-attributes").first.inner_text()
    assert "予防的" in tags
    assert "_" not in tags
    option = page.locator('select[data-filter-key="security_domains"] option[value="governance_and_ecosystem"]')
    assert option.inner_text() == "ガバナンス及びエコシステム"  # the identifier stays the value the rows carry
    row = page.locator('tr[id="req-5.1"]')
    assert "security_domains:governance_and_ecosystem" in (row.get_attribute("data-tags") or "")
    # issue 19: no page of the example over 150 KB of HTML
    sizes = {p.relative_to(example.site).as_posix(): p.stat().st_size for p in example.site.rglob("*.html")}
    assert {name: size for name, size in sizes.items() if size > 150 * 1024} == {}


def test_the_sidebar_title_covers_the_list_scrolled_under_it(page: Page, http_base: str) -> None:
    page.goto(http_base + "controls/iso27001-2022/5.15.html")
    page.evaluate("window.scrollTo(0, 600)")
    page.wait_for_timeout(100)
    hits = page.evaluate(
        """() => {
          const title = document.querySelector('.md-sidebar--primary .md-nav__title');
          const r = title.getBoundingClientRect();
          return [0.2, 0.5, 0.8].map(f => {
            const e = document.elementFromPoint(r.left + 20, r.top + r.height * f);
            return !!e && title.contains(e);
          });
        }"""
    )
    assert hits == [True, True, True]


@pytest.mark.parametrize(
    "path",
    ["index.html", "evidence.html", "frameworks/iso27001-2022/5.html", "soa.html", "controls/iso27001-2022/5.15.html"],
)
def test_pages_fit_a_narrow_screen(browser: Browser, http_base: str, path: str) -> None:
    context = browser.new_context(viewport=NARROW, locale="ja-JP")
    try:
        page = context.new_page()
        page.goto(http_base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= NARROW["width"], path  # wide tables scroll inside their box, the page does not
        assert "株式会社サンプル開示" in page.inner_text("body")
    finally:
        context.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed (Debian's poppler-utils)")
@pytest.mark.parametrize(
    ("path", "pages"),
    [
        ("soa.html", (5, 20)),
        ("controls/iso27001-2022/5.15.html", (1, 4)),
        ("about.html", (1, 3)),
        ("evidence.html", (2, 15)),
    ],
)
def test_pages_print_with_a_running_header_and_page_numbers(
    browser: Browser, http_base: str, example: Example, tmp_path: Path, path: str, pages: tuple[int, int]
) -> None:
    head = subprocess.run(
        ["git", "rev-parse", "--short=10", "HEAD"], cwd=example.root, check=True, capture_output=True, text=True
    ).stdout.strip()
    context = browser.new_context(locale="ja-JP")
    try:
        page = context.new_page()
        page.goto(http_base + path)
        page.emulate_media(media="print")
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('table td .isms-small, table td .isms-soa-justification')]
                 .slice(0, 50).map(e => [parseFloat(getComputedStyle(e).fontSize),
                                         parseFloat(getComputedStyle(e.closest('td')).fontSize)])"""
        )
        assert sizes or path == "about.html"  # a hand-written page has no such tables
        assert all(second <= cell for second, cell in sizes)  # second lines not larger than the main text
        pdf = tmp_path / "page.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True)
    finally:
        context.close()
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    count = int(info.split("Pages:", 1)[1].split()[0])
    assert pages[0] <= count <= pages[1]
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert f"株式会社サンプル開示 · 基準日 {TODAY} · コミット {head}" in first
    assert f"1/{count}" in "".join(first.split())  # the footer (pdftotext -layout drops the spaces)
    if path == "evidence.html":
        # every item's whole SHA-256 and the controls that use it are on paper (the details open)
        text = "".join(
            subprocess.run(
                ["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
            ).stdout.split()
        )
        html = (example.site / "evidence.html").read_text(encoding="utf-8")
        hashes = re.findall(r'<code class="isms-sha" title="([0-9a-f]{64})">', html)
        assert len(hashes) >= 40
        assert [h for h in hashes if h not in text] == []
        assert "ISO270015.15" in text
    if path == "soa.html":
        # rows flow across pages: page 1 is full of rows, not three and a blank
        assert all(f" {rid} " in first for rid in ("5.1", "5.2", "5.3", "5.4")), first
        last = subprocess.run(
            ["pdftotext", "-f", str(count), "-l", str(count), str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        assert f"{count}/{count}" in "".join(last.split())
