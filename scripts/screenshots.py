"""Rewrite the README's screenshots of the example site (docs/images/*.png), in Japanese and English.

    .venv/bin/python scripts/screenshots.py

It copies the example ISMS (this repository's root) to a temporary folder, commits it with a fixed
identity and date, builds both editions as of 2026-11-26 and shoots three pages with Debian's
headless chromium (Playwright drives it; no browser is downloaded). The images need a Japanese
font: Debian's fonts-noto-cjk.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import FloatRect, sync_playwright

from isms.cli import main

REPOSITORY = Path(__file__).resolve().parents[1]
IMAGES = REPOSITORY / "docs" / "images"
TODAY = "2026-11-26"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
#: What the example is made of (as `isms site build` reads it).
EXAMPLE = (
    "isms.yaml",
    "mkdocs.yml",
    "controls",
    "policies",
    "evidence",
    "catalogs",
    "docs",
    "assets",
    "risks",
    "exceptions",
)
#: (image name, page, height of the shot in CSS pixels)
SHOTS = (
    ("dashboard", "index.html", 1150),
    ("soa", "soa.html", 900),
    ("control", "controls/iso27001-2022/5.18.html", 2300),
)
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Example Author",
    "GIT_AUTHOR_EMAIL": "author@example.invalid",
    "GIT_COMMITTER_NAME": "Example Author",
    "GIT_COMMITTER_EMAIL": "author@example.invalid",
    "GIT_AUTHOR_DATE": "2026-10-01T09:00:00+09:00",
    "GIT_COMMITTER_DATE": "2026-10-01T09:00:00+09:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def example_repository(target: Path) -> Path:
    """Copy the example ISMS to ``target`` and commit it (the pages name a commit)."""
    target.mkdir(parents=True)
    for name in EXAMPLE:
        source = REPOSITORY / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy2(source, target / name)
    env = {**os.environ, **GIT_ENV}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Example ISMS"]):
        subprocess.run(["git", *args], cwd=target, env=env, check=True, capture_output=True)
    return target


def shoot(site: Path, lang: str) -> None:
    """Write the three screenshots of one edition."""
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
                target = IMAGES / f"{name}-{lang}.png"
                page.screenshot(path=str(target), clip=clip, full_page=True)
                print(f"wrote {target.relative_to(REPOSITORY)}")
        finally:
            browser.close()


def run() -> int:
    """Build both editions of the example site and shoot them."""
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk", file=sys.stderr)
        return 1
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="isms-screenshots-") as folder:
        os.environ["ISMS_CACHE_DIR"] = str(Path(folder) / "cache")
        root = example_repository(Path(folder) / "repo")
        for lang in ("ja", "en"):
            site = Path(folder) / f"site-{lang}"
            args = ["site", "build", "--root", str(root), "--today", TODAY, "--lang", lang, "--out", str(site)]
            if main(args) != 0:
                return 1
            shoot(site, lang)
    return 0


if __name__ == "__main__":
    raise SystemExit(run())
