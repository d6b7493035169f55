"""Public evidence files on the site: only inert types keep their name; nothing else can run on the site's origin.

The register's "open" links are clicked in headless Chromium, over HTTP (Python's server, the usual MIME
types) and from ``file://``: a file that would run as a page must arrive as plain text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page, sync_playwright

from acceptance.site_support import CHROMIUM, CHROMIUM_ARGS, TODAY, needs_chromium, serve_folder
from helpers import demo_files, sha256_hex, write_repo

pytestmark = [pytest.mark.slow, pytest.mark.browser]

#: Served as a page by Chromium (HTTP with Python's MIME map, or file://) when copied unchanged.
ACTIVE = ("evil.html", "evil.xht", "evil.xhtml", "evil.shtml", "evil.svg", "evil.xml", "evil.mht", "evil.HTM", "evil")
PAYLOAD = (
    b'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body>'
    b'<script>window.__pwned = 1; document.title = "PWNED"</script>'
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned = 2"/>ACTIVE-CONTENT</body></html>\n'
)
INERT = {"figures.csv": b"month,value\n2026-10,1\n", "notes.txt": b"plain notes\n"}


def _repo(root: Path) -> Path:
    files = demo_files()
    contents = dict.fromkeys(ACTIVE, PAYLOAD) | INERT
    entries = "".join(
        f"  - {{path: {name}, title: {name}, date: 2026-10-01, class: public, sha256: {sha256_hex(data)}}}\n"
        for name, data in contents.items()
    )
    files["evidence/pub/evidence.yaml"] = "evidence:\n" + entries
    for name, data in contents.items():
        files[f"evidence/pub/{name}"] = data
    files["controls/demo/DM-2.yaml"] = "status: implemented\nowner: it\nreasons: [business]\nevidence:\n" + "".join(
        f"  - pub/{name}\n" for name in contents
    )
    return write_repo(root, files)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from isms.cli import main

    tmp = tmp_path_factory.mktemp("evidence-files")
    root = _repo(tmp / "repo")
    out = tmp / "site"
    assert main(["site", "build", "--root", str(root), "--today", TODAY, "--out", str(out)]) == 0
    return out


def test_only_inert_types_keep_their_name(site: Path) -> None:
    published = sorted(p.name for p in (site / "files/evidence/pub").iterdir())
    assert published == sorted([*(f"{name}.txt" for name in ACTIVE), *INERT])


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def _click_every_file_link(page: Page, register: str) -> dict[str, str | None]:
    """Open the register, click each evidence file's link; return what each link showed (None: a download)."""
    page.goto(register)
    links = page.locator('a[href*="files/evidence/pub/"]')
    hrefs = [links.nth(number).get_attribute("href") or "" for number in range(links.count())]
    assert len(hrefs) == len(ACTIVE) + len(INERT)
    shown: dict[str, str | None] = {}
    for number, href in enumerate(hrefs):
        page.goto(register)
        page.locator('a[href*="files/evidence/pub/"]').nth(number).click()
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined", href
        assert page.title() != "PWNED", href
        shown[href] = page.inner_text("body") if "files/evidence/pub/" in page.url else None
    return shown


@needs_chromium
@pytest.mark.parametrize("origin", ["http", "file"])
def test_clicking_an_evidence_link_never_runs_its_content(site: Path, browser: Browser, origin: str) -> None:
    page = browser.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        if origin == "http":
            with serve_folder(site) as base:
                shown = _click_every_file_link(page, base + "evidence.html")
        else:
            shown = _click_every_file_link(page, (site / "evidence.html").as_uri())
    finally:
        page.close()
    for name in ACTIVE:  # each active file was opened, as text: its markup is visible, nothing ran
        text = next(text for href, text in shown.items() if href.endswith(f"/{name}.txt"))
        assert text is not None, name
        assert "<script>window.__pwned = 1" in text, name
    assert dialogs == []
