"""Japanese search on a built site: the first result after typing, right after the page loaded (issue 19).

    python benchmarks/bench_search.py SITE [SITE ...] [--runs 7] [--query インサイダー]

Each SITE (a built site folder, e.g. ``isms site build --out /tmp/a``) is served over HTTP on
127.0.0.1, as GitHub Pages would serve it. A run opens ``index.html`` in a fresh headless Chromium
context, types the query as soon as the page has loaded (the search worker is still building its
lunr index) and takes the time from the last key to the first result. The sites take turns run by
run, so that a load that comes and goes on a shared machine falls on all of them alike. Printed per
site: the index's size (``search/search_index.json``), its sections and characters of text, the
median and least of the runs; and the load average before and after. With ``node`` on the PATH, each
run also times the worker's setup alone in Node (``search_worker.js``: CPU time, less noisy than the
browser's wall time on a shared machine).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
WORKER = Path(__file__).with_name("search_worker.js")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1; yield its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def index_figures(site: Path) -> tuple[int, int, int]:
    """Return the search index's bytes, sections and characters of text."""
    path = site / "search/search_index.json"
    docs = json.loads(path.read_text(encoding="utf-8"))["docs"]
    return path.stat().st_size, len(docs), sum(len(d["text"]) for d in docs)


def first_result(browser: Browser, base: str, query: str) -> float:
    """Return the seconds from typing the query to the first result, on a page just loaded."""
    context = browser.new_context(locale="ja-JP")
    try:
        page = context.new_page()
        page.goto(base + "index.html")
        page.wait_for_load_state("load")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query, delay=40)
        typed = time.perf_counter()
        page.locator(".md-search-result__item").first.wait_for(timeout=60000)
        return time.perf_counter() - typed
    finally:
        context.close()


def setup_cpu_ms(node: str, site: Path) -> int:
    """Return the CPU milliseconds of the search worker's setup on ``site``, run in Node."""
    done = subprocess.run([node, str(WORKER), str(site)], check=True, capture_output=True, text=True)
    value: int = json.loads(done.stdout)["setup_cpu_ms"]
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--query", default="インサイダー")
    parser.add_argument("--no-browser", action="store_true", help="time the worker in Node only")
    args = parser.parse_args()
    times: dict[Path, list[float]] = {site: [] for site in args.sites}
    node = shutil.which("node")
    cpu: dict[Path, list[int]] = {site: [] for site in args.sites}
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            with ExitStack() as stack:
                bases = {site: stack.enter_context(served(site)) for site in args.sites}
                for _ in range(args.runs):
                    for site in args.sites:
                        if not args.no_browser:
                            times[site].append(first_result(browser, bases[site], args.query))
                        if node:
                            cpu[site].append(setup_cpu_ms(node, site))
        finally:
            browser.close()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| site | index bytes | sections | text chars | first result median s | least s | worker setup CPU ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for site, found in times.items():
        size, sections, chars = index_figures(site)
        wall = f"{statistics.median(found):.2f} | {min(found):.2f}" if found else "– | –"
        setup = statistics.median(cpu[site]) if cpu[site] else "–"
        print(f"| {site} | {size:,} | {sections:,} | {chars:,} | {wall} | {setup} |")


if __name__ == "__main__":
    main()
