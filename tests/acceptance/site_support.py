"""Helpers for the site tests (no tests here): fixture repositories, git, byte scans, a local HTTP
server and headless Chromium driven by Playwright (Debian's chromium; no browser is downloaded)."""

from __future__ import annotations

import functools
import gzip
import http.server
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from helpers import demo_files, sha256_hex, write_repo
from isms.model.review import INPUTS

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NO_CHROMIUM = "Debian's chromium is not installed at /usr/bin/chromium (scripts/test.sh installs it)"
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)

TODAY = "2026-11-26"
CANARY = "CANARY-FIXTURE-SECRET-91c2"
PUBLIC = "PUBLIC-FIXTURE-CONTENT-5b0e"
HOSTILE = (
    "<script>window.__pwned=1</script>"
    '<img src=x onerror="window.__pwned=2">'
    '[x](javascript:window.__pwned=3) {: onclick="window.__pwned=4" } *not emphasis*'
)
TITLE_ATTACK = "</title><script>window.__pwned=5</script>\"'><b>"

_SECRET = f"meeting notes\n{CANARY}\n".encode()
_PUBLIC = f"month,value\n2026-10,1\n{PUBLIC},2\n".encode()


def yq(text: str) -> str:
    """Return text as a single-quoted YAML scalar."""
    return "'" + text.replace("'", "''") + "'"


def hostile_files() -> dict[str, str | bytes]:
    """Return a small repository with markup in every kind of text, a confidential canary and a public file."""
    files = demo_files()
    files["isms.yaml"] = str(files["isms.yaml"]).replace(
        "organisation: {ja: デモ株式会社, en: Demo Inc.}",
        f"organisation: {{ja: {yq('デモ' + TITLE_ATTACK + '株式会社')}, en: Demo Inc.}}",
    )
    files["catalogs/demo.yaml"] = f"""\
framework:
  id: demo
  name: {{ja: {yq("デモ基準 " + TITLE_ATTACK)}, en: Demo requirements}}
  version: "1"
groups:
  - {{id: A, title: {yq("組織 " + TITLE_ATTACK)}}}
requirements:
  - {{id: DM-1, title: {{ja: {yq("アクセス権の見直し " + TITLE_ATTACK)}, en: Access review}}, group: A}}
  - {{id: DM-2, title: {{ja: バックアップ, en: Backups}}, group: A}}
  - {{id: DM-3, title: {{ja: 物理的入退管理, en: Physical entry}}, group: A}}
"""
    files["controls/demo/DM-1.yaml"] = f"""\
status: implemented
owner: ciso
reasons: [risk]
implementation: {yq(HOSTILE)}
notes: "two\\n\\nparagraphs <b>bold?</b>"
review: {{last: 2026-01-15, interval: 1y}}
evidence:
  - access/review-2026-q1.csv
  - pub/figures.csv
  - secret/minutes.txt
measures:
  - id: reviewed
    title: {yq("レビュー済みの割合 " + TITLE_ATTACK)}
    data: [access/review-2026-q1.csv]
    compute: {{ratio: {{where: {{reviewed: "yes"}}}}}}
    target: ">= 90%"
"""
    files["evidence/pub/evidence.yaml"] = (
        "evidence:\n"
        f"  - {{path: figures.csv, title: {yq('公開資料 ' + TITLE_ATTACK)}, date: 2026-10-01, class: public, "
        f"sha256: {sha256_hex(_PUBLIC)}}}\n"
    )
    files["evidence/pub/figures.csv"] = _PUBLIC
    files["evidence/secret/evidence.yaml"] = (
        "evidence:\n"
        "  - {path: minutes.txt, title: 議事録, date: 2026-10-01, class: confidential, "
        f"sha256: {sha256_hex(_SECRET)}}}\n"
        "  - {path: gone.txt, title: 欠落した証跡, date: 2026-10-01, class: confidential}\n"
    )
    files["evidence/secret/minutes.txt"] = _SECRET
    files["policies/security.yaml"] = (
        str(files["policies/security.yaml"]).replace(
            "title: {ja: 情報セキュリティ方針, en: Information security policy}",
            f"title: {{ja: {yq('情報セキュリティ方針 ' + TITLE_ATTACK)}, en: Information security policy}}",
        )
        + f"notes: [{yq(HOSTILE)}]\n"
    )
    files["audits/IA-1.yaml"] = f"""\
title: {yq("内部監査 " + TITLE_ATTACK)}
scope: [DM-2]
auditors: [ciso]
planned: 2026-03-01
performed: {{start: 2026-03-01}}
findings:
  - {{id: F1, grade: minor, requirements: [DM-1], description: {yq(HOSTILE)}, nonconformity: NC-1}}
"""
    files["nonconformities/NC-1.yaml"] = f"""\
title: {yq("不適合 " + TITLE_ATTACK)}
description: {yq(HOSTILE)}
raised: 2026-03-05
source: {{kind: audit, ref: IA-1, finding: F1}}
grade: minor
requirements: [DM-1]
owner: ciso
root_cause: {yq(HOSTILE)}
actions:
  - {{title: {yq(HOSTILE)}, owner: it, due: 2026-12-31}}
"""
    others = "".join(f"  {key}: {{summary: none}}\n" for key in INPUTS if key != "audits")
    files["management-reviews/2026-04-20.yaml"] = f"""\
chair: ciso
inputs:
  audits: {{summary: {yq(HOSTILE)}, refs: ["audit:IA-1", "nonconformity:NC-1"]}}
{others}decisions:
  - {{decision: {yq(HOSTILE)}, actions: [{{title: {yq(HOSTILE)}, owner: it, due: 2026-12-31}}]}}
"""
    files["objectives/OBJ-1.yaml"] = f"""\
title: {yq("目的 " + TITLE_ATTACK)}
owner: ciso
set: 2026-01-01
due: 2026-12-31
evaluation: {yq(HOSTILE)}
measures: [{{measure: "demo:DM-1#reviewed"}}]
"""
    return files


def hostile_repo(root: Path) -> Path:
    """Write the hostile repository (it has one error: a missing evidence file)."""
    return write_repo(root, hostile_files())


def output_bytes(folder: Path) -> Iterator[tuple[Path, bytes]]:
    """Yield every file of a folder with its bytes (gzip files also decompressed)."""
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        yield path, data
        if path.suffix == ".gz":
            yield path, gzip.decompress(data)


def files_with(folder: Path, needle: str) -> list[str]:
    """Return the files of a folder whose bytes contain ``needle`` (UTF-8, or as JSON escapes)."""
    forms = {needle.encode(), needle.encode("unicode_escape")}
    return [str(path) for path, data in output_bytes(folder) if any(form in data for form in forms)]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a folder over HTTP on 127.0.0.1 (as GitHub Pages would); yield the base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def is_local(url: str, base: str | None) -> bool:
    """Return True for URLs that stay on this machine: the local server, files, inline data."""
    if url.startswith(("file://", "data:", "blob:", "about:")):
        return True
    return base is not None and url.startswith(base)
