"""The README's screenshots of the example site (docs/images/*.png), in Japanese and English.

Skipped unless asked for: ``ISMS_SCREENSHOTS=1 .venv/bin/pytest tests/acceptance/test_site_screenshots.py``
rewrites the images (they need a Japanese font: Debian's fonts-noto-cjk).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import FloatRect, sync_playwright

from acceptance.test_site_support import CHROMIUM, CHROMIUM_ARGS, NO_CHROMIUM, TODAY, commit_all, copy_example
from isms.cli import main
from isms.model.base import Lang

REPOSITORY = Path(__file__).resolve().parents[2]
IMAGES = REPOSITORY / "docs" / "images"

#: (image name, page, height of the shot in CSS pixels)
SHOTS = (
    ("dashboard", "index.html", 1150),
    ("soa", "soa.html", 900),
    ("control", "controls/iso27001-2022/5.18.html", 2300),
)

pytestmark = [
    pytest.mark.skipif(os.environ.get("ISMS_SCREENSHOTS") != "1", reason="set ISMS_SCREENSHOTS=1 to rewrite them"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM),
]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_screenshots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: Lang) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    root = copy_example(REPOSITORY, tmp_path / "repo")
    commit_all(root, "Example ISMS", "2026-10-01T09:00:00+09:00")
    site = tmp_path / "site"
    assert main(["site", "build", "--root", str(root), "--today", TODAY, "--lang", lang, "--out", str(site)]) == 0
    IMAGES.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900}, locale=f"{lang}-JP")
            for name, path, height in SHOTS:
                page.goto((site / path).as_uri())
                page.wait_for_load_state("load")
                page.wait_for_timeout(300)
                full = page.evaluate("document.documentElement.scrollHeight")
                clip: FloatRect = {"x": 0, "y": 0, "width": 1400, "height": min(height, int(full))}
                page.screenshot(path=str(IMAGES / f"{name}-{lang}.png"), clip=clip, full_page=True)
        finally:
            browser.close()
